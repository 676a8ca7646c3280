"""The sensitive-data gate on what a DOCX holds outside its body text, and decisions that last:
taken again after 退回, carried from the previous version, changed or undone by the reviewers."""

import io
import zipfile

from gongkai.core.reports.tests.builders import build_margins_docx
from gongkai.publishing import services
from gongkai.publishing.tests.helpers import MOBILE, RESIDENT_ID, TODAY, draft, through_review

EMAIL = "zhang.san@example.com"


def margins_docx() -> bytes:
    return build_margins_docx(
        header=f"身份证号码 {RESIDENT_ID}", footer=f"联系电话 {MOBILE}", box=f"邮箱 {EMAIL}"
    )


def test_header_footer_and_text_box_hits_are_found_and_gone_from_the_published_copy(cast):
    from gongkai.publishing.tests.test_review import published_text

    publication, version = draft(cast, text="见附件。")
    services.attachment_add(
        actor=cast.clerk, version=version, name="公示.docx", data=margins_docx(), today=TODAY
    )
    hits = services.version_submit(actor=cast.clerk, version=version, today=TODAY)
    assert sorted((h.location, h.get_kind_display(), h.value) for h in hits) == [
        ("附件“公示.docx” 文本框1 第2段", "电子邮箱", EMAIL),
        ("附件“公示.docx” 页眉 第2段", "身份证号码", RESIDENT_ID),
        ("附件“公示.docx” 页脚 第1段", "手机号码", MOBILE),
    ]
    attachment = version.attachments.get()
    assert RESIDENT_ID in attachment.text and EMAIL in attachment.text  # searchable by staff
    through_review(cast, version)
    attachment.refresh_from_db()
    text = published_text(attachment)
    for value in (RESIDENT_ID, MOBILE, EMAIL):
        assert value not in text
    assert "身份证号码 " + "＊" * 18 in text and "东湖街道办事处" in text and "咨询方式" in text
    with attachment.published.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        assert EMAIL.encode() not in archive.read("word/document.xml")  # nor in the VML fallback copy
