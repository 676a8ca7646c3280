"""The service-hall kiosk in a real Chromium, as a visitor uses it on a portrait touch screen:
large type, big touch targets, start -> a column -> an item -> back to start, every link keeping
the kiosk flag, and the return to the start page after a (shortened) time without a touch."""

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from gongkai.portal.sample import ItemSpec, publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

START = "/kiosk/donghu/"
HEADING = "示范区东湖街道办事处政府信息公开自助查询"
RETURN_SECONDS = 3  # for the test of the return; the others take their time (60 s)
MIN_FONT_PX = 24  # portal.css: body.kiosk { font-size: 24px }
MIN_BUTTON_PX = 72  # .kiosk-button and buttons: min-height 72px
MIN_LINK_PX = 64  # links in lists and tables: min-height 64px
TITLE = "2026年第三季度低保资金发放情况公示"


@pytest.fixture
def kiosk(page, cast, settings):
    settings.KIOSK_RETURN_SECONDS = 60
    publish(
        actor=cast.clerk,
        body=cast.body,
        spec=ItemSpec(
            "dibao",
            TITLE,
            "本季度共保障126户，发放保障金151.2万元。公示期七天，如有异议请来电反映。",
            published_on=date(2026, 10, 9),
            attachments=[("低保名册.pdf", "低保名册")],
        ),
    )
    publish(
        actor=cast.clerk,
        body=cast.body,
        spec=ItemSpec(
            "dibao",
            "2026年第二季度低保资金发放情况公示",
            "本季度共保障120户。",
            published_on=date(2026, 7, 8),
        ),
    )
    page.set_viewport_size({"width": 1080, "height": 1920})
    return page


def px(page, selector: str, prop: str) -> float:
    value = page.locator(selector).first.evaluate(f"el => getComputedStyle(el).{prop}")
    return float(value.removesuffix("px"))


def links_without_the_flag(page) -> list[str]:
    """Every link of the page a visitor can follow that would leave the kiosk mode."""
    links = page.locator("a[href]").evaluate_all(
        "els => els.filter(a => !a.hasAttribute('download')).map(a => a.getAttribute('href'))"
    )
    assert links, page.url
    return [
        href
        for href in links
        if href != START
        and not href.startswith("javascript:")
        and parse_qs(urlsplit(href).query).get("kiosk") != ["1"]
    ]


def small_targets(page, minimum: float) -> list[tuple[str, float]]:
    boxes = page.locator("main a, main button, .kiosk-bar a").evaluate_all(
        "els => els.filter(e => e.offsetParent !== null)"
        ".map(e => [e.textContent.trim(), e.getBoundingClientRect().height])"
    )
    assert boxes, page.url
    return [(text, height) for text, height in boxes if height < minimum]


def smallest_text(page) -> tuple[float, str]:
    """The smallest computed font size of any visible element holding text of its own."""
    return tuple(
        page.evaluate(
            """() => {
              let found = [1e9, ""];
              for (const el of document.body.querySelectorAll("*")) {
                const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join("").trim();
                if (!own || el.offsetParent === null || el.closest(".visually-hidden")) continue;
                const size = parseFloat(getComputedStyle(el).fontSize);
                if (size < found[0]) found = [size, own];
              }
              return found;
            }"""
        )
    )


def assert_kiosk_page(page) -> None:
    assert "kiosk" in page.locator("body").get_attribute("class").split()
    assert px(page, "main", "fontSize") >= MIN_FONT_PX
    size, text = smallest_text(page)
    assert size >= MIN_FONT_PX, (page.url, size, text)
    assert links_without_the_flag(page) == []
    assert small_targets(page, MIN_LINK_PX) == []
    assert "60秒无操作将自动返回首页" in page.locator("footer").inner_text()


def test_start_column_item_and_back_with_large_type_and_big_targets(kiosk):
    page = kiosk
    page.goto(START)
    assert page.locator("h1").inner_text() == HEADING
    assert_kiosk_page(page)
    assert px(page, "h1", "fontSize") > MIN_FONT_PX
    assert px(page, "#kiosk-apply + p", "fontSize") >= MIN_FONT_PX  # running text, not only headings
    for selector in (".kiosk-button", "button", "input[type=search]"):
        assert page.locator(selector).first.bounding_box()["height"] >= MIN_BUTTON_PX, selector
    assert page.get_by_role("link", name="返回首页").count() == 0  # already at the start
    page.get_by_role("link", name="民生保障").click()  # the start page shows the top of the 目录

    page.wait_for_url("**/open/donghu/columns/minsheng/?kiosk=1")
    assert page.locator("h1").inner_text() == "民生保障"
    assert_kiosk_page(page)
    assert "索引号" not in page.locator("main").inner_text()  # no small print for visitors
    assert page.get_by_role("link", name="返回首页").bounding_box()["height"] >= MIN_BUTTON_PX
    page.get_by_role("link", name=TITLE).click()

    page.wait_for_url("**/open/donghu/items/*/?kiosk=1")
    assert page.locator("h1").inner_text() == TITLE
    assert_kiosk_page(page)
    assert px(page, ".item-text p", "fontSize") >= MIN_FONT_PX
    assert page.get_by_role("link", name="低保名册.pdf").bounding_box()["height"] >= MIN_BUTTON_PX
    page.get_by_role("link", name="返回上一页").click()
    page.wait_for_url("**/open/donghu/columns/minsheng/?kiosk=1")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="返回首页").click()
    page.wait_for_url(f"**{START}")
    assert page.locator("h1").inner_text() == HEADING


def test_a_search_from_the_start_page_stays_in_the_kiosk(kiosk):
    page = kiosk
    page.goto(START)
    page.get_by_label("输入关键词查询").fill("低保资金")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**/open/search/?*")
    query = parse_qs(urlsplit(page.url).query)
    assert (query["kiosk"], query["body"], query["q"]) == (["1"], ["donghu"], ["低保资金"])
    assert page.get_by_role("status").inner_text() == "找到 2 条结果"
    assert_kiosk_page(page)
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url("**/open/donghu/items/*/?kiosk=1")


def test_it_returns_to_the_start_after_the_set_time_without_a_touch_and_not_while_in_use(kiosk, settings):
    settings.KIOSK_RETURN_SECONDS = RETURN_SECONDS
    page = kiosk
    page.goto("/open/donghu/columns/dibao/?kiosk=1")
    assert f"{RETURN_SECONDS}秒无操作将自动返回首页" in page.locator("footer").inner_text()
    # In use: a key press every second for longer than the time keeps the page.
    for _ in range(RETURN_SECONDS + 2):
        page.wait_for_timeout(1000)
        page.keyboard.press("Tab")
    assert urlsplit(page.url).path == "/open/donghu/columns/dibao/"
    # Left alone: back at the start page within the time (and a little slack), nothing clicked.
    page.wait_for_url(f"**{START}", timeout=(RETURN_SECONDS + 3) * 1000)
    assert page.locator("h1").inner_text() == HEADING
