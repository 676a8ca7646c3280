"""Every notice is a numbered DOCX and PDF archived on the case, with its legal basis; delivery is recorded."""

import io
from datetime import date

import pdfplumber
import pytest
from docx import Document

from gongkai.applications import letters
from gongkai.applications.models import IssuedLetter
from gongkai.applications.tests.test_register import register
from gongkai.common.services import ServiceError
from gongkai.core.fees import per_page_fee

ISSUED = date(2026, 3, 3)


@pytest.fixture
def application(cast):
    return register(cast)


def issue(cast, application, draft):
    return letters.letter_issue(actor=cast.clerk, application=application, draft=draft, issued_on=ISSUED)


def docx_text(letter):
    with letter.docx.open("rb") as handle:
        return "\n".join(p.text for p in Document(io.BytesIO(handle.read())).paragraphs)


def pdf_text(letter):
    with letter.pdf.open("rb") as handle, pdfplumber.open(io.BytesIO(handle.read())) as pdf:
        return "".join(page.extract_text() for page in pdf.pages).replace("\n", "").replace(" ", "")


def test_acknowledgement_is_numbered_rendered_and_archived(cast, application, weasyprint_available):
    letter = issue(cast, application, letters.acknowledgement(application, due_on=date(2026, 3, 30)))
    assert letter.number == "东湖街道依申受〔2026〕1号"
    text = docx_text(letter)
    assert "本机关将在2026年3月30日前予以答复" in text
    assert f"查询码 {application.query_code}" in text
    assert "依据：《中华人民共和国政府信息公开条例》第三十一条、第三十三条" in text
    assert "东湖街道依申受〔2026〕1号" in pdf_text(letter)
    second = issue(cast, application, letters.acknowledgement(application, due_on=date(2026, 3, 30)))
    assert second.number == "东湖街道依申受〔2026〕2号"


def test_supplement_notice_must_say_what_is_missing(application):
    with pytest.raises(ServiceError, match="一次性告知"):
        letters.supplement_notice(application, missing="", working_days=15)


def test_fee_notice_explains_the_tiers(cast, application, weasyprint_available):
    letter = issue(cast, application, letters.fee_notice(application, fee=per_page_fee(pages=250)))
    text = docx_text(letter)
    assert "第31至100页：70页×10元＝700元" in text and "合计4700元。" in text
    assert "依据：《政府信息公开信息处理费管理办法》第五条（按量计收）" in text


def test_delivery_is_recorded_once_with_a_sane_date(cast, application, weasyprint_available):
    letter = issue(cast, application, letters.acknowledgement(application, due_on=date(2026, 3, 30)))
    with pytest.raises(ServiceError, match="送达日期应在出具日期"):
        letters.letter_deliver(
            actor=cast.clerk,
            letter=letter,
            channel="post",
            delivered_on=date(2026, 3, 1),
            today=date(2026, 3, 5),
        )
    letters.letter_deliver(
        actor=cast.clerk, letter=letter, channel="post", delivered_on=date(2026, 3, 4), today=date(2026, 3, 5)
    )
    with pytest.raises(ServiceError, match="已记录送达"):
        letters.letter_deliver(
            actor=cast.clerk,
            letter=letter,
            channel="email",
            delivered_on=date(2026, 3, 5),
            today=date(2026, 3, 5),
        )
    assert IssuedLetter.objects.get().delivery_channel == "post"
