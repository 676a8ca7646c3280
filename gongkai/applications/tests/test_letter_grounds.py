"""A letter for each ground: every clause of 条例第三十六条, 第三十七条 and 第三十九条 answered through
the real path (application_decide), the DOCX opened and its citation and wording checked; the
remedies name the body's 复议机关 and court; a 管理员's template changes only what is not law."""

import io
from datetime import date

import pytest
from docx import Document

from gongkai.applications import handling, letter_settings
from gongkai.applications.models import AnswerSettings
from gongkai.applications.tests.test_register import register
from gongkai.common.services import ServiceError
from gongkai.documents.letter import SEAL_MARK

RECEIVED, ANSWERED = date(2026, 3, 2), date(2026, 3, 10)
REGULATION = "《中华人民共和国政府信息公开条例》"


@pytest.fixture
def case(cast, weasyprint_available):
    return register(cast, received_on=RECEIVED, today=date(2026, 3, 20))


def answer(cast, case, ground, **facts):
    return handling.application_decide(
        actor=cast.head, application=case, ground_code=ground, on=ANSWERED, today=date(2026, 3, 20), **facts
    )


def docx_text(letter) -> str:
    with letter.docx.open("rb") as handle:
        return "\n".join(p.text for p in Document(io.BytesIO(handle.read())).paragraphs)


# (ground, facts, table-2 outcome, citation, wording the letter must carry)
CLAUSES = {
    "36(一)": (
        "36-1",
        {"access": "登录东湖街道门户网站“政府信息公开”栏目查阅"},
        "granted",
        "第三十六条第（一）项",
        "已经主动公开。根据《中华人民共和国政府信息公开条例》第三十六条第（一）项的规定，现告知您获取该政府信息的方式、途径：登录东湖街道门户网站",
    ),
    "36(二)": (
        "36-2",
        {"access": "请于2026年3月20日前到东湖街道政务服务中心领取纸质件"},
        "granted",
        "第三十六条第（二）项",
        "本机关予以公开。获取该政府信息的方式、途径和时间：请于2026年3月20日前到东湖街道政务服务中心领取纸质件。",
    ),
    "36(三)": (
        "36-3-process",
        {"reason": "所申请的会议纪要是研究讨论过程中形成的记录"},
        "withheld_process_information",
        "第三十六条第（三）项、第十六条第二款",
        "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。"
        "根据《中华人民共和国政府信息公开条例》第十六条第二款和第三十六条第（三）项的规定，本机关决定不予公开。"
        "理由：所申请的会议纪要是研究讨论过程中形成的记录。",
    ),
    "36(四)": (
        "36-4",
        {},
        "unavailable_not_held",
        "第三十六条第（四）项",
        "经检索，本机关没有您所申请公开的政府信息。根据《中华人民共和国政府信息公开条例》第三十六条第（四）项的规定，现告知您该政府信息不存在。",
    ),
    "36(五)": (
        "36-5",
        {"reason": "该信息由示范区财政局负责公开，联系电话0755-80005000"},
        "unavailable_not_held",
        "第三十六条第（五）项",
        "不属于本机关负责公开。根据《中华人民共和国政府信息公开条例》第三十六条第（五）项的规定，现告知您：该信息由示范区财政局负责公开，联系电话0755-80005000。",
    ),
    "36(六)": (
        "36-6",
        {"reason": "本机关已于2026年2月10日以东湖街道依申答〔2026〕3号答复"},
        "not_processed_repeat",
        "第三十六条第（六）项",
        "您重复申请公开相同的政府信息（本机关已于2026年2月10日以东湖街道依申答〔2026〕3号答复）。根据《中华人民共和国政府信息公开条例》第三十六条第（六）项的规定，本机关不予重复处理。",
    ),
    "36(七)": (
        "36-7",
        {"reason": "不动产登记资料请依照《不动产登记资料查询暂行办法》向示范区不动产登记中心申请查询"},
        "withheld_inquiry_matter",
        "第三十六条第（七）项",
        "有关法律、行政法规对信息的获取有特别规定。根据《中华人民共和国政府信息公开条例》第三十六条第（七）项的规定，请您依照有关法律、行政法规的规定办理：不动产登记资料请依照",
    ),
}


@pytest.mark.parametrize("clause", CLAUSES)
def test_each_clause_of_article_36_has_its_citation_and_wording(cast, case, clause):
    ground, facts, outcome_code, article, wording = CLAUSES[clause]
    letter = answer(cast, case, ground, **facts)
    text = docx_text(letter)
    case.refresh_from_db()
    assert case.outcome == outcome_code
    assert f"依据：{REGULATION}{article}" in text
    assert wording in text
    # Every answer states both remedies and where (the parent body by default, 东湖街道 → 区政府).
    assert "自收到本答复之日起60日内向示范区人民政府申请行政复议" in text
    assert "自收到本答复之日起6个月内向有管辖权的人民法院提起行政诉讼" in text
    assert SEAL_MARK in text and letter.number in text


def test_article_36_four_and_five_are_cited_apart(cast, weasyprint_available):
    four = answer(cast, register(cast, received_on=RECEIVED, today=ANSWERED), "36-4")
    five = answer(cast, register(cast, received_on=RECEIVED, today=ANSWERED), "36-5", reason="由区财政局公开")
    assert "第三十六条第（四）项" in docx_text(four) and "第（五）项" not in docx_text(four)
    assert "第三十六条第（五）项" in docx_text(five) and "第（四）项" not in docx_text(five)


def test_partial_disclosure_states_what_is_withheld_and_why(cast, case):
    letter = answer(
        cast,
        case,
        "37",
        access="随本答复书附送",
        withheld="名单中的身份证号码和银行账号",
        reason="属于个人隐私，公开会对第三方合法权益造成损害",
    )
    text = docx_text(letter)
    assert f"依据：{REGULATION}第三十七条" in text
    assert "能够作区分处理" in text and "获取的方式、途径和时间：随本答复书附送。" in text
    assert "不予公开的内容：名单中的身份证号码和银行账号。不予公开的理由：属于个人隐私" in text


def test_a_petition_is_told_its_proper_channel(cast, case):
    letter = answer(cast, case, "39-1", reason="向示范区信访局（东湖路2号）提出信访事项")
    text = docx_text(letter)
    assert f"依据：{REGULATION}第三十九条第一款" in text
    assert (
        "不作为政府信息公开申请处理。您反映的事项，可以通过以下渠道提出：向示范区信访局（东湖路2号）提出信访事项。"
        in text
    )
    assert "第三十六条第（六）项" not in text


@pytest.mark.parametrize(
    ("ground", "facts", "missing"),
    [
        ("36-2", {}, "获取信息的方式、途径和时间"),
        ("37", {"access": "当面领取"}, "不予公开的内容、理由及说明"),
        ("36-3-secret", {"reason": " "}, "理由及说明"),
        ("39-1", {}, "理由及说明"),
    ],
)
def test_a_letter_missing_its_facts_is_refused_and_nothing_is_written(cast, case, ground, facts, missing):
    with pytest.raises(ServiceError, match=f"须写明：{missing}"):
        answer(cast, case, ground, **facts)
    case.refresh_from_db()
    assert (case.status, case.outcome, case.letters.count()) == ("registered", "", 0)


def test_the_review_authority_and_court_are_the_bodys_settings(cast, case):
    # A vertically managed body: its review lies with the authority above it in the system, not the parent.
    AnswerSettings.objects.create(body=case.body, review_authority="示范市税务局", court="示范区人民法院")
    text = docx_text(answer(cast, case, "36-4"))
    assert "60日内向示范市税务局申请行政复议" in text and "6个月内向示范区人民法院提起行政诉讼" in text
    assert "示范区人民政府申请行政复议" not in text


def test_an_adjusted_template_keeps_the_legal_parts(cast, case):
    letter_settings.letter_template_save(
        actor=cast.admin,
        body=case.body,
        key="36-4",
        extra="如有疑问，请致电0755-80002000。",
        closing="特此函复。",
    )
    text = docx_text(answer(cast, case, "36-4"))
    lines = text.splitlines()
    assert "如有疑问，请致电0755-80002000。" in lines and "特此函复。" in lines
    assert "现告知您该政府信息不存在。" in text and "60日内向示范区人民政府申请行政复议" in text
    # the body's own paragraph comes before the remedies, the closing after the legal basis
    assert lines.index("如有疑问，请致电0755-80002000。") < next(
        i for i, line in enumerate(lines) if "行政复议" in line
    )
    assert next(i for i, line in enumerate(lines) if line.startswith("依据：")) < lines.index("特此函复。")
    with pytest.raises(ServiceError, match="没有这种文书"):
        letter_settings.letter_template_save(
            actor=cast.admin, body=case.body, key="nope", extra="", closing=""
        )
