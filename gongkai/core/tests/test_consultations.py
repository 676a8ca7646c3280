"""Consultations (条例第三十二条、第三十四条) over the real calendar, dates worked out by hand."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.consultations import (
    Consultation,
    ConsultationError,
    Disclosure,
    Party,
    Position,
    check_position,
    consents,
    disclosure_of,
    disclosure_refusal,
    meaning,
    reply_ends,
)
from gongkai.core.workcalendar import default_calendar

CALENDAR = default_calendar()
DELIVERED = date(2026, 3, 11)  # Wed
# 3-12,13 (2), 16..20 (7), 23..27 (12), 30,31,4-1 (15): the period ends Wed 4-1.
ENDS = date(2026, 4, 1)


def consulted(party=Party.THIRD_PARTY, position=Position.PENDING, **changes):
    values = {
        "party": party,
        "name": "某建设公司",
        "letter_number": "东湖街道依申征〔2026〕1号",
        "delivered_on": DELIVERED,
        "position": position,
    }
    return Consultation(**(values | changes))


def test_the_fifteen_working_days_run_from_delivery():
    assert reply_ends(DELIVERED, CALENDAR) == ENDS
    # Over 清明 (4-4..6): delivered Thu 3-26: 3-27 (1), 3-30..4-3 (6), 4-7..10 (10), 13..17 (15).
    assert reply_ends(date(2026, 3, 26), CALENDAR) == date(2026, 4, 17)


@pytest.mark.parametrize("party", list(Party))
def test_silence_is_refused_until_the_period_has_passed(party):
    with pytest.raises(ConsultationError, match="期限至2026-04-01（星期三）届满"):
        check_position(consulted(party), Position.SILENT, "", ENDS, CALENDAR)
    check_position(consulted(party), Position.SILENT, "", date(2026, 4, 2), CALENDAR)


def test_silence_without_a_recorded_delivery_is_refused():
    with pytest.raises(ConsultationError, match="尚未登记征求意见函（东湖街道依申征〔2026〕1号）的送达日期"):
        check_position(consulted(delivered_on=None), Position.SILENT, "", date(2026, 6, 1), CALENDAR)


def test_an_objection_needs_its_reason_and_a_position_is_recorded_once():
    with pytest.raises(ConsultationError, match="请写明其理由"):
        check_position(consulted(), Position.OBJECT, "  ", DELIVERED, CALENDAR)
    check_position(consulted(), Position.OBJECT, "商业秘密", DELIVERED, CALENDAR)
    check_position(consulted(), Position.AGREE, "", DELIVERED, CALENDAR)  # an answer needs no wait
    with pytest.raises(ConsultationError, match="已登记某建设公司的意见（同意公开）"):
        check_position(consulted(position=Position.AGREE), Position.OBJECT, "x", DELIVERED, CALENDAR)


def test_a_co_producers_silence_is_consent_and_a_third_partys_is_not():
    assert consents(consulted(Party.CO_PRODUCER, Position.SILENT))
    assert not consents(consulted(Party.THIRD_PARTY, Position.SILENT))
    assert "视为同意公开（条例第三十四条）" in meaning(consulted(Party.CO_PRODUCER, Position.SILENT))
    assert "由本机关依照条例的规定决定是否公开（条例第三十二条）" in meaning(
        consulted(Party.THIRD_PARTY, Position.SILENT)
    )


def test_which_answers_disclose():
    assert disclosure_of("36-2") is Disclosure.WHOLE
    assert disclosure_of("37") is Disclosure.PARTIAL
    # Already published, or refused: nothing is disclosed by this answer.
    assert disclosure_of("36-1") is disclosure_of("36-3-third-party") is Disclosure.NONE


OBJECTION = {"position": Position.OBJECT, "reason": "涉及商业秘密"}
NOTICE = "东湖街道依申告〔2026〕1号"


def test_a_disclosure_over_an_objection_waits_for_the_delivered_notice():
    objected = consulted(**OBJECTION)
    refusal = disclosure_refusal([objected], Disclosure.WHOLE)
    assert refusal is not None and "不同意公开（理由：涉及商业秘密）" in refusal and "第三方告知书" in refusal
    issued = consulted(**OBJECTION, notice_number=NOTICE)
    refusal = disclosure_refusal([issued], Disclosure.WHOLE)
    assert refusal is not None and f"第三方告知书（{NOTICE}）尚未登记送达某建设公司" in refusal
    delivered = consulted(**OBJECTION, notice_number=NOTICE, notice_delivered_on=date(2026, 4, 3))
    assert disclosure_refusal([delivered], Disclosure.WHOLE) is None
    assert disclosure_refusal([delivered, objected], Disclosure.WHOLE) is not None  # each objection


def test_refusing_or_withholding_the_objected_part_needs_no_notice():
    objected = consulted(**OBJECTION)
    assert disclosure_refusal([objected], Disclosure.NONE) is None
    assert disclosure_refusal([objected], Disclosure.PARTIAL, objected_part_withheld=True) is None
    assert disclosure_refusal([objected], Disclosure.PARTIAL) is not None
    # A co-producing body's objection is weighed by the lead body; it needs no 告知书.
    assert disclosure_refusal([consulted(Party.CO_PRODUCER, **OBJECTION)], Disclosure.WHOLE) is None


def test_a_disclosure_waits_for_every_position_to_be_recorded():
    refusal = disclosure_refusal([consulted(Party.CO_PRODUCER)], Disclosure.WHOLE)
    assert refusal is not None and "尚未登记某建设公司" in refusal
    assert disclosure_refusal([consulted(Party.CO_PRODUCER, Position.SILENT)], Disclosure.WHOLE) is None
    assert disclosure_refusal([consulted(position=Position.AGREE)], Disclosure.PARTIAL) is None
    assert disclosure_refusal([consulted()], Disclosure.NONE) is None


@given(st.dates(date(2026, 1, 1), date(2026, 11, 30)))
def test_silence_is_allowed_exactly_from_the_first_day_after_the_period(delivered):
    ends = reply_ends(delivered, CALENDAR)
    assert CALENDAR.working_days_between(delivered, ends) == 15
    with pytest.raises(ConsultationError):
        check_position(consulted(delivered_on=delivered), Position.SILENT, "", ends, CALENDAR)
    check_position(consulted(delivered_on=delivered), Position.SILENT, "", ends + timedelta(days=1), CALENDAR)
