from gongkai.core.guide import ARTICLE_20_ITEMS, guide_sections, proactive_items


def test_a_township_publishes_article_20_and_its_article_21_items():
    items = proactive_items("township")
    assert items[:15] == ARTICLE_20_ITEMS and len(ARTICLE_20_ITEMS) == 15
    assert "宅基地使用情况审核" in items
    assert proactive_items("department") == ARTICLE_20_ITEMS


def test_guide_lists_the_office_contacts_and_the_supervisor():
    sections = guide_sections(
        body_name="示范区东湖街道办事处",
        level="township",
        office={"office_name": "党政综合办公室", "office_phone": "0755-8000 2000", "office_fax": ""},
        supervisor_name="区政务公开办公室",
    )
    assert [s.heading for s in sections] == ["一、主动公开", "二、依申请公开", "三、监督和救济"]
    assert sections[1].items == ("工作机构：党政综合办公室", "联系电话：0755-8000 2000")
    assert "区政务公开办公室投诉、举报" in sections[2].paragraphs[0]
