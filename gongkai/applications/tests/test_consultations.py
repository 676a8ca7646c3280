"""Third parties (条例第三十二条) and co-producing bodies (第三十四条): the 征求意见函 of each, the
position recorded, the co-producer's silence as consent, and a disclosure over an objection held
back until the 第三方告知书 is delivered - through the use cases, the approval flow and the case page."""

from datetime import date

import pytest
from django.utils import timezone

from gongkai.applications import approval, consultations, handling
from gongkai.applications.dossier import dossier_pdf
from gongkai.applications.models import ApplicantNotice, Consultation, IssuedLetter
from gongkai.applications.tests.test_dossier import pdf_text as dossier_text
from gongkai.applications.tests.test_letters import docx_text, pdf_text
from gongkai.applications.tests.test_register import register
from gongkai.auditlog.models import AuditEntry
from gongkai.common.services import ServiceError

SENT, DELIVERED = date(2026, 3, 9), date(2026, 3, 11)
# 15 working days from Wed 3-11: 3-12,13 (2), 16..20 (7), 23..27 (12), 30,31,4-1 (15).
PERIOD_ENDS = date(2026, 4, 1)
GRANTED = {"ground": "36-2", "access": "随本答复书邮寄纸质件"}


def send(cast, case, party_kind="third_party", name="某建设有限公司", on=SENT):
    return consultations.consultation_send(
        actor=cast.clerk,
        application=case,
        on=on,
        party_kind=party_kind,
        third_party=name,
        concerns="商业秘密",
        today=on,
    )


def deliver(cast, letter, on):
    return handling.delivery_record(
        actor=cast.clerk, letter=letter, channel="post", delivered_on=on, today=on
    )


def answer(cast, case, position, on, reason=""):
    return consultations.consultation_answer(
        actor=cast.clerk, application=case, on=on, position=position, reason=reason, today=on
    )


def decide(cast, case, on, ground="36-2", **facts):
    values = {"access": "随本答复书邮寄纸质件"} | facts
    return handling.application_decide(
        actor=cast.head, application=case, ground_code=ground, on=on, today=on, **values
    )


def objected(cast):
    case = register(cast)
    deliver(cast, send(cast, case), DELIVERED)
    answer(cast, case, "object", date(2026, 3, 16), reason="含有本公司的报价明细，属于商业秘密")
    return case


def public_interest(cast, case, on=date(2026, 3, 17), **changes):
    values = {
        "content": "中标价格及项目工期",
        "reason": "项目使用财政资金，涉及公共利益，不公开可能对公共利益造成重大影响",
    } | changes
    return consultations.public_interest_disclosure(
        actor=cast.head, application=case, on=on, today=on, **values
    )


def test_the_third_partys_letter_cites_article_32_and_says_what_silence_means(cast, weasyprint_available):
    case = register(cast)
    letter = send(cast, case)
    assert (letter.kind, letter.recipient, letter.number) == (
        "consultation",
        "某建设有限公司",
        "东湖街道依申征〔2026〕1号",
    )
    for text in (docx_text(letter), pdf_text(letter)):
        assert "第三十二条" in text and "第三十四条" not in text
        assert "自收到本函之日起15个工作日内提出书面意见" in text
        assert "逾期未提出意见的，由本机关依照条例的规定决定是否公开" in text
        assert "视为同意公开" not in text
        assert "2025年东湖街道低保发放名单" in text and "商业秘密" in text
    assert "依据：《中华人民共和国政府信息公开条例》第三十二条" in docx_text(letter)
    assert Consultation.objects.get(letter=letter).party_kind == "third_party"


def test_the_co_producers_letter_cites_article_34_and_takes_silence_as_consent(cast, weasyprint_available):
    case = register(cast)
    letter = send(cast, case, "co_producer", "区财政局")
    for text in (docx_text(letter), pdf_text(letter)):
        assert "第三十四条" in text and "第三十二条" not in text
        assert "由本机关与贵机关共同制作" in text
        assert "请贵机关自收到本函之日起15个工作日内提出意见" in text
        assert "逾期未提出意见的，视为同意公开" in text
    assert "依据：《中华人民共和国政府信息公开条例》第三十四条" in docx_text(letter)
    sent = case.clock_events.get(kind="consultation_sent")
    assert sent.note == "共同制作机关：区财政局" and sent.letter == letter
    entry = AuditEntry.objects.get(action="application.consultation_sent", target_id=str(case.pk))
    assert entry.legal_basis == "《政府信息公开条例》第三十四条"


def test_the_co_producers_silence_counts_as_consent_only_after_its_period(cast, client, weasyprint_available):
    case = register(cast)
    letter = send(cast, case, "co_producer", "区财政局")
    with pytest.raises(ServiceError, match="登记送达前不能认定逾期未提出意见"):
        answer(cast, case, "silent", date(2026, 4, 20))
    deliver(cast, letter, DELIVERED)
    with pytest.raises(ServiceError, match="尚未登记区财政局"):  # nothing disclosed while it may answer
        decide(cast, case, date(2026, 3, 20))
    with pytest.raises(ServiceError, match="期限至2026-04-01（星期三）届满"):
        answer(cast, case, "silent", PERIOD_ENDS)
    answer(cast, case, "silent", date(2026, 4, 2))
    consultation = Consultation.objects.get(letter=letter)
    assert (consultation.position, consultation.answered_on) == ("silent", date(2026, 4, 2))
    assert AuditEntry.objects.filter(
        action="application.consultation_silent", target_id=str(case.pk)
    ).exists()
    client.force_login(cast.clerk)
    page = client.get(f"/bodies/donghu/applications/{case.pk}/").content.decode()
    assert "逾期未提出意见，视为同意公开（条例第三十四条）" in page
    assert "共同制作机关（条例第三十四条）" in page and "意见期限至2026-04-01" in page
    assert decide(cast, case, date(2026, 4, 2)).kind == "answer"


def test_a_third_partys_objection_stops_a_disclosure_but_not_a_refusal(cast, weasyprint_available):
    case = objected(cast)
    with pytest.raises(ServiceError, match="不同意公开（理由：含有本公司的报价明细"):
        decide(cast, case, date(2026, 3, 20))
    with pytest.raises(ServiceError, match="请先出具第三方告知书"):
        decide(cast, case, date(2026, 3, 20), ground="37", withheld="报价明细", reason="商业秘密")
    assert not case.letters.filter(kind="answer").exists() and case.clock_events.count() == 3
    letter = decide(cast, case, date(2026, 3, 20), ground="36-3-third-party", reason="涉及商业秘密")
    assert letter.kind == "answer"
    case.refresh_from_db()
    assert case.outcome == "withheld_third_party"


def test_withholding_the_objected_part_is_a_partial_disclosure_without_notice(cast, weasyprint_available):
    case = objected(cast)
    letter = decide(
        cast,
        case,
        date(2026, 3, 20),
        ground="37",
        withheld="报价明细",
        reason="商业秘密",
        objected_part_withheld=True,
    )
    assert letter.kind == "answer" and not case.letters.filter(kind="disclosure_notice").exists()


def test_disclosing_in_the_public_interest_waits_for_the_notices_delivery(cast, client, weasyprint_available):
    case = objected(cast)
    with pytest.raises(ServiceError, match="决定公开的理由"):
        public_interest(cast, case, reason="  ")
    with pytest.raises(ServiceError, match="须由本机关负责人决定"):
        consultations.public_interest_disclosure(
            actor=cast.clerk,
            application=case,
            on=date(2026, 3, 17),
            today=date(2026, 3, 17),
            content="中标价格",
            reason="公共利益",
        )
    notice = public_interest(cast, case)
    assert not ApplicantNotice.objects.filter(letter=notice).exists()  # it goes to the third party
    assert (notice.kind, notice.recipient, notice.number) == (
        "disclosure_notice",
        "某建设有限公司",
        "东湖街道依申告〔2026〕1号",
    )
    for text in (docx_text(notice), pdf_text(notice)):
        assert "第三方告知书" in text and "第三十二条" in text
        assert "东湖街道依申征〔2026〕1号" in text  # the 征求意见函 it answers
        assert "含有本公司的报价明细，属于商业秘密" in text  # the objection
        assert "不公开可能对公共利益造成重大影响" in text and "本机关决定予以公开" in text
        assert "决定公开的政府信息内容：中标价格及项目工期。" in text
        assert "决定公开的理由：项目使用财政资金" in text
        assert "如对本决定不服，可以自收到本告知书之日起60日内" in text
    with pytest.raises(ServiceError, match="已就该项征求意见出具第三方告知书"):
        public_interest(cast, case)
    with pytest.raises(
        ServiceError, match="第三方告知书（东湖街道依申告〔2026〕1号）尚未登记送达某建设有限公司"
    ):
        decide(cast, case, date(2026, 3, 18))
    client.force_login(cast.clerk)
    page = client.get(f"/bodies/donghu/applications/{case.pk}/").content.decode()
    assert "未送达，公开的答复须待其送达后签发" in page
    deliver(cast, notice, date(2026, 3, 19))
    letter = decide(cast, case, date(2026, 3, 19))
    assert letter.kind == "answer" and ApplicantNotice.objects.filter(letter=letter).exists()  # 138… mobile
    actions = set(AuditEntry.objects.filter(target_id=str(case.pk)).values_list("action", flat=True))
    assert {
        "application.consultation_sent",
        "application.consultation_answered",
        "application.public_interest_disclosure",
    } <= actions
    assert AuditEntry.objects.filter(action="letter.deliver", target_id=str(notice.pk)).exists()


def test_signing_a_disclosure_is_refused_until_the_notice_is_delivered(cast, weasyprint_available):
    case = objected(cast)
    notice = public_interest(cast, case)
    on = date(2026, 3, 18)
    draft = approval.draft_propose(
        actor=cast.head, application=case, step="decide", facts=GRANTED, on=on, today=on
    )
    approval.draft_review(actor=cast.reviewer, draft=draft, today=on)
    with pytest.raises(ServiceError, match="尚未登记送达"):
        approval.draft_sign(actor=cast.head, draft=draft, on=on, today=on)
    draft.refresh_from_db()
    assert draft.state == "awaiting_signature" and not case.letters.filter(kind="answer").exists()
    deliver(cast, notice, date(2026, 3, 19))
    letter = approval.draft_sign(actor=cast.head, draft=draft, on=date(2026, 3, 19), today=date(2026, 3, 19))
    assert letter.kind == "answer" and letter.issued_on == date(2026, 3, 19)


def test_the_case_page_records_positions_and_lists_each_consultation(cast, client, weasyprint_available):
    case = register(cast, received_on=date(2026, 11, 2), today=date(2026, 11, 2))
    today = timezone.localdate()
    first = send(cast, case, on=today)
    send(cast, case, "co_producer", "区财政局", on=today)
    client.force_login(cast.clerk)
    url = f"/bodies/donghu/applications/{case.pk}/"
    page = client.get(url).content.decode()
    assert "登记征求意见的结果" in page and "因公共利益决定公开（出具第三方告知书）" not in page
    response = client.post(
        url + "do/consult_answered/", {"consult_answered-position": "object", "consult_answered-on": today}
    )
    assert response.status_code == 400 and "本申请有多项征求意见，请选择是哪一项" in response.content.decode()
    response = client.post(
        url + "do/consult_answered/",
        {
            "consult_answered-consultation": first.consultation.pk,
            "consult_answered-position": "object",
            "consult_answered-on": today,
        },
    )
    assert (
        response.status_code == 400
        and "某建设有限公司不同意公开的，请写明其理由" in response.content.decode()
    )
    response = client.post(
        url + "do/consult_answered/",
        {
            "consult_answered-consultation": first.consultation.pk,
            "consult_answered-position": "object",
            "consult_answered-reason": "商业秘密",
            "consult_answered-on": today,
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    for shown in ("某建设有限公司", "第三方（条例第三十二条）", "区财政局", "共同制作机关（条例第三十四条）"):
        assert shown in page
    assert "不同意公开</strong>" in page and "未送达（15个工作日自送达之日起算）" in page
    assert "因公共利益决定公开（出具第三方告知书）" not in page  # the clerk may not; the head may
    client.force_login(cast.head)
    assert "因公共利益决定公开（出具第三方告知书）" in client.get(url).content.decode()


def test_the_dossier_lists_the_consultation_and_the_notice(cast, weasyprint_available):
    case = objected(cast)
    notice = public_interest(cast, case)
    deliver(cast, notice, date(2026, 3, 19))
    decide(cast, case, date(2026, 3, 19))
    text = dossier_text(dossier_pdf(case, today=date(2026, 3, 20)))
    for letter in IssuedLetter.objects.filter(application=case):
        assert text.count(letter.number) >= 2, letter.number  # in the index and on the letter itself
    assert "文书：第三方告知书 东湖街道依申告〔2026〕1号" in text.replace("\n", "")
    assert "决定公开的政府信息内容：中标价格及项目工期。" in text.replace("\n", "")
    assert "因公共利益决定公开" in text  # the timeline, from the audit log


def test_the_api_takes_the_same_steps(cast, client, weasyprint_available):
    case = register(cast, received_on=date(2026, 11, 2), today=date(2026, 11, 2))
    client.force_login(cast.clerk)
    url = f"/api/v1/bodies/donghu/applications/{case.number}/actions/"
    today = timezone.localdate().isoformat()
    payload = {"on": today, "party_kind": "co_producer", "third_party": "区财政局"}
    assert client.post(url + "consult", payload, content_type="application/json").status_code == 200
    response = client.post(
        url + "consult_answered", {"on": today, "position": "silent"}, content_type="application/json"
    )
    assert response.status_code == 400 and "登记送达前不能认定逾期未提出意见" in response.json()["detail"]
    response = client.post(
        url + "consult_answered", {"on": today, "position": "agree"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert Consultation.objects.get(application=case).position == "agree"
