"""In a real Chromium: a case-page step left empty comes back on the case page, the step still
open with what was typed and the error beside the field; and the new-item form suggests the
column's usual 信息类别 without presetting one."""

import pytest
from django.utils import timezone

from gongkai.applications.services import application_assign
from gongkai.applications.tests.test_register import register
from tests.test_browser_application import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_empty_supplement_notice_is_refused_inline(page, cast):
    today = timezone.localdate()
    case = application_assign(
        actor=cast.head,
        application=register(cast, received_on=today, today=today),
        clerk=cast.clerk,
        today=today,
    )
    log_in(page, "donghu-jb")
    page.goto(f"/bodies/donghu/applications/{case.pk}/")
    step = page.locator("details", has=page.locator("summary", has_text="发出补正告知"))
    step.locator("summary").click()
    step.get_by_label("补正期限（工作日）").fill("12")
    with page.expect_navigation():
        step.get_by_role("button", name="发出补正告知").click()
    # Still the case page, not a dead end; the step is open, the input kept, the field named.
    assert page.get_by_role("heading", level=1).inner_text() == f"申请 {case.number}"
    assert page.get_by_role("link", name="返回首页").count() == 0
    step = page.locator("details#action-supplement")
    assert step.get_attribute("open") is not None
    missing = step.get_by_label("需要补正的内容（一次性告知）")
    assert missing.get_attribute("aria-invalid") == "true"
    error_id = missing.get_attribute("aria-describedby").split()[-1]
    assert page.locator(f"#{error_id}").inner_text() == "请填写需要补正的内容（一次性告知）。"
    assert step.get_by_label("补正期限（工作日）").input_value() == "12"
    # Corrected in place, it goes through.
    missing.fill("请写明所需文件的年份。")
    with page.expect_navigation():
        step.get_by_role("button", name="发出补正告知").click()
    assert "已完成" in page.get_by_role("status").inner_text()


def test_the_new_item_form_suggests_the_columns_usual_kind(page, cast):
    from gongkai.publishing.models import CatalogueNode
    from gongkai.publishing.services import publication_create
    from gongkai.publishing.tests.factories import fresh_catalogue

    today = timezone.localdate()
    fresh_catalogue(cast, today=today)
    column = CatalogueNode.objects.get(body=cast.body, code="guifanxing")
    publication_create(
        actor=cast.clerk,
        body=cast.body,
        column=column,
        kind="normative",
        details={"title": "关于低保标准的通知", "issuer": "东湖街道办事处", "formed_on": today},
        today=today,
    )
    log_in(page, "donghu-jb")
    page.goto("/bodies/donghu/publishing/new/")
    kind = page.get_by_label("信息类别")
    assert kind.input_value() == ""  # nothing preset
    page.get_by_label("栏目").select_option(str(column.pk))
    assert kind.input_value() == "normative"
    # A kind the clerk chose is not overwritten by a later column change.
    kind.select_option("other")
    page.get_by_label("栏目").select_option(index=1)
    page.get_by_label("栏目").select_option(str(column.pk))
    assert kind.input_value() == "other"
