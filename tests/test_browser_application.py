"""The whole path of an application in a real Chromium: a citizen applies online and follows it;
a clerk registers a paper application, asks for a supplement, gets it, the head extends, and the
clerk answers 部分公开 with a generated letter; the citizen sees the answer."""

import re

import pytest

from gongkai.applications.models import AnswerSettings, Application, IssuedLetter
from gongkai.bodies.demo import DEMO_PASSWORD
from gongkai.bodies.models import Body

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ID = "11010519491231002X"


def log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/work/")


def step(page, summary, fields, button=None):
    """Open a handling step on the case page, fill its form and submit it."""
    details = page.locator("details", has=page.locator("summary", has_text=summary))
    details.locator("summary").click()
    for label, value in fields.items():
        control = details.get_by_label(label)
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)
    details.get_by_role("button", name=button or summary).click()
    assert "已完成" in page.get_by_role("status").inner_text()


def test_an_application_from_both_sides(chromium_browser, live_server, cast, weasyprint_available):
    citizen = chromium_browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = citizen.new_page()
    page.goto("/guide/donghu/")
    page.get_by_role("link", name="在线申请政府信息公开").click()
    page.get_by_label("申请人姓名或名称").fill("李四")
    page.get_by_label("证件号码").fill(ID)
    page.get_by_label("联系电话").fill("13900000000")
    page.get_by_label("所需政府信息的名称、文号或描述").fill("东湖街道2026年老旧小区改造计划")
    page.get_by_label("我确认以上信息真实有效").check()
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url(re.compile(r".*/status/[A-Z0-9]+/$"))
    assert "已登记" in page.locator("main").inner_text()
    online = Application.objects.get(channel="online")
    assert online.query_code in page.locator("main").inner_text()

    staff = chromium_browser.new_context(base_url=live_server.url)
    clerk = staff.new_page()
    log_in(clerk, "donghu-jb")
    clerk.goto("/bodies/donghu/applications/new/")
    clerk.get_by_label("申请方式").select_option(label="邮寄")
    clerk.get_by_label("收到申请日期").fill("2026-09-01")
    clerk.get_by_label("申请人姓名或名称").fill("张三")
    clerk.get_by_label("证件号码").fill(ID)
    clerk.get_by_label("联系电话").fill("13800000000")
    clerk.get_by_label("所需政府信息的名称、文号或描述").fill("东湖街道低保发放名单")
    clerk.get_by_role("button", name="登记").click()
    assert "已登记，申请编号" in clerk.get_by_role("status").inner_text()
    case_url = clerk.url
    # Received Tue 9-1: 9-2..4 (3); 7..11 (8); 14..18 (13); 21..25 (18); 9-28, 29 (20).
    assert "答复期限 2026-09-29" in clerk.locator("main").inner_text()
    step(clerk, "发出补正告知", {"告知日期": "2026-09-03", "需要补正的内容（一次性告知）": "请写明年份。"})
    step(clerk, "收到补正材料", {"日期": "2026-09-08"})
    staff.clear_cookies()
    head = staff.new_page()
    log_in(head, "donghu-fz")
    head.goto(case_url)
    step(
        head,
        "延期答复（负责人批准）",
        {"批准日期": "2026-09-10", "延长工作日数": "20", "延期理由": "需调取多个社区档案"},
    )
    # This body lets its 负责人 draft and sign in one step (the three-step flow: test_browser_approval).
    AnswerSettings.objects.create(body=Body.objects.get(code="donghu"), flow="one_step")
    step(
        head,
        "拟办答复",
        {
            "答复日期": "2026-09-30",
            "答复依据": "部分公开（第三十七条）",
            "获取信息的方式、途径和时间": "随本答复书邮寄",
            "不予公开的内容": "名单中的身份证号码等个人信息",
            "理由及说明": "属于个人隐私",
        },
    )
    assert "已答复" in head.locator("main").inner_text()
    clerk = head
    with clerk.expect_download() as download:
        # the answer: the last letter's PDF (the case file's 下载案卷 PDF comes after the letters)
        clerk.locator("a[href*='/letters/'][href$='.pdf']").last.click()
    assert download.value.suggested_filename.startswith("东湖街道依申答〔2026〕")
    paper = Application.objects.get(channel="post")
    assert (paper.status, paper.outcome) == ("answered", "partial")
    assert list(IssuedLetter.objects.filter(application=paper).values_list("kind", flat=True)) == [
        "supplement_notice",
        "extension_notice",
        "answer",
    ]
    page.goto(f"/status/{paper.query_code}/")
    status = page.locator("main").inner_text()
    assert "已答复" in status and "答复日期\n2026年9月30日" in status and "张*" in status
    # Supplement received Tue 9-8: 9-9..11 (3); 14..18 (8); 9-20 调休 (9); 21..24 (13); 中秋; 28..30 (16);
    # 国庆; 10-8, 9 (18); 10-10 调休 (19); 10-12 (20). Plus 20: 10-13..16 (4); 19..23 (9); 26..30 (14);
    # 11-2..6 (19); 11-9 (20).
    assert "答复期限\n2026年11月9日" in status
    citizen.close()
    staff.close()
