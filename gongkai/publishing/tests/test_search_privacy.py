"""Search shows no ID or phone numbers: staff snippets masked, the public index as published."""

from gongkai.publishing import services
from gongkai.publishing.search import search
from gongkai.publishing.tests.helpers import MOBILE, RESIDENT_ID, TODAY, docx_bytes, draft, through_review

MISTYPED = "440301198502153216"
TEXT = f"城乡低保复核名单：张伟，身份证号{MISTYPED}，电话{MOBILE}，住东湖路12号3栋2单元501室。"


def staff_page(client, user, query: str) -> str:
    client.force_login(user)
    return client.get("/work/search/", {"q": query}).content.decode()


def test_staff_snippets_mask_id_and_phone_numbers_from_drafts_and_attachments(client, cast):
    publication, version = draft(cast, text=TEXT, title="低保复核名单（草稿）")
    attachment = docx_bytes("困难救助对象花名册", f"李四 身份证号码{RESIDENT_ID}", cell=MOBILE)
    services.attachment_add(
        actor=cast.clerk, version=version, name="花名册.docx", data=attachment, today=TODAY
    )
    for query in ("低保复核", "救助对象花名册", MISTYPED, RESIDENT_ID, MOBILE):
        [hit] = search(query, public=False, body_ids=[cast.body.id]).hits
        for value in (MISTYPED, RESIDENT_ID, MOBILE, "501室"):
            assert value not in hit.snippet, (query, value)
        assert "＊" in hit.snippet and hit.publication_id == publication.id
    # The name stays, as it does on the case lists.
    assert "张伟" in search("低保复核", public=False, body_ids=[cast.body.id]).hits[0].snippet
    page = staff_page(client, cast.reviewer, "救助对象花名册")
    assert "花名册" in page and RESIDENT_ID not in page and MOBILE not in page


def test_a_number_cut_by_the_snippet_window_is_still_masked(cast):
    filler = "按照有关规定进行公示。" * 30
    draft(cast, text=f"{filler}张伟，身份证号{MISTYPED}，情况属实{filler}")
    [hit] = search("情况属实", public=False, body_ids=[cast.body.id]).hits
    assert "情况属实" in hit.snippet and not any(MISTYPED[i : i + 6] in hit.snippet for i in range(13))


def test_the_public_index_holds_an_attachment_as_published(cast):
    publication, version = draft(cast, text="低保名单见附件。")
    data = docx_bytes("困难救助对象花名册", f"身份证号码{RESIDENT_ID}")
    services.attachment_add(actor=cast.clerk, version=version, name="花名册.docx", data=data, today=TODAY)
    through_review(cast, version)
    assert search(RESIDENT_ID).total == 0
    [hit] = search("救助对象花名册").hits
    assert hit.publication_id == publication.id and RESIDENT_ID not in hit.snippet
    assert search(RESIDENT_ID, public=False).total == 1  # staff still find the original
