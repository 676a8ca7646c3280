"""A stored due date is only a cache: over random ledgers and random calendars, the date stored
after a ledger change (refresh_due_date) and after a calendar change (the set-based
recompute_open_cases, fast path and rule engine alike) always equals the live clock's date."""

from datetime import date, timedelta
from itertools import count

from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gongkai.applications.clock import clock_settings, due_date_of, refresh_due_date
from gongkai.applications.models import Application, ClockEvent
from gongkai.applications.recompute import recompute_open_cases
from gongkai.core.answer_clock import ClockError, Entry, EntryKind, compute_clock
from gongkai.core.workcalendar import HolidayPeriod, WorkCalendar, YearArrangement, shipped_arrangements

K = EntryKind
SHIPPED = [a for a in shipped_arrangements() if a.year < 2026]
SERIALS = count(1)
STEPS = [
    K.SUPPLEMENT_REQUESTED,
    K.SUPPLEMENT_RECEIVED,
    K.CONSULTATION_SENT,
    K.CONSULTATION_ANSWERED,
    K.EXTENSION_APPROVED,
    K.FEE_NOTICE_SENT,
    K.FEE_PAID,
    K.ANSWERED,
    K.ART35_REASON_REQUESTED,
    K.ART35_REASON_CLOSED,
    K.ART35_DUE_FIXED,
]
DATED = (K.ART35_REASON_REQUESTED, K.ART35_DUE_FIXED)  # days: calendar days to the date they name


@st.composite
def calendars(draw) -> WorkCalendar:
    """2019-2025 as shipped; 2026 with random holidays and make-up days; 2027 loaded or not."""
    years = [*SHIPPED]
    for year in [2026, *([2027] if draw(st.booleans()) else [])]:
        holidays, taken = [], set()
        for n in range(draw(st.integers(0, 6))):
            start = date(year, 1, 1) + timedelta(days=draw(st.integers(0, 350)))
            days = {start + timedelta(days=i) for i in range(draw(st.integers(1, 8)))}
            if days & taken or max(days).year != year:
                continue
            taken |= days
            holidays.append(HolidayPeriod(f"假{n}", min(days), max(days)))
        weekends = [d for d in (date(year, 1, 1) + timedelta(days=i) for i in range(365)) if d.weekday() >= 5]
        makeup = draw(st.lists(st.sampled_from(weekends), max_size=6, unique=True))
        makeup = tuple(sorted(d for d in makeup if d not in taken))
        years.append(YearArrangement(year=year, holidays=tuple(holidays), makeup_workdays=makeup))
    return WorkCalendar(years)


@st.composite
def ledgers(draw) -> list[Entry]:
    day = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 330)))
    entries = [Entry(K.RECEIVED, day)]
    for kind in draw(st.lists(st.sampled_from(STEPS), max_size=5)):
        day += timedelta(days=draw(st.integers(0, 20)))
        days = draw(st.integers(1, 20)) if kind in (K.EXTENSION_APPROVED, K.SUPPLEMENT_REQUESTED) else None
        days = draw(st.integers(1, 90)) if kind in DATED else days
        entries.append(Entry(kind, day, days))
    return entries


def _lawful(entries, calendar) -> bool:
    try:
        compute_clock(entries, calendar.provisional(), entries[0].on, clock_settings())
    except ClockError:
        return False
    return True


def _store(body, entries) -> Application:
    serial = next(SERIALS)
    application = Application.objects.create(
        body=body,
        year=2026,
        serial=serial,
        number=f"P-{serial}",
        query_code=f"P{serial:012d}",
        channel="in_person",
        received_on=entries[0].on,
        applicant_kind="natural_person",
        applicant_name="张三",
        id_document_type="resident_id",
        id_document_number="11010519491231002X",
        contact_phone="13800000000",
        information_requested="低保名单",
        status="in_progress",
    )
    ClockEvent.objects.bulk_create(
        ClockEvent(application=application, kind=e.kind, on=e.on, days=e.days) for e in entries
    )
    return application


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ledgers(), min_size=1, max_size=4), calendars(), calendars(), st.booleans())
def test_the_stored_due_date_always_equals_the_live_one(cast, cases, calendar, changed, art35_pauses):
    with override_settings(ART35_REASON_PAUSES_CLOCK=art35_pauses):  # 第三十五条, UNCONFIRMED either way
        assume(all(_lawful(entries, calendar) and _lawful(entries, changed) for entries in cases))
        _check(cast, cases, calendar, changed)


def _check(cast, cases, calendar, changed):
    with transaction.atomic():
        stored = [_store(cast.body, entries) for entries in cases]
        for application, entries in zip(stored, cases, strict=True):
            refresh_due_date(application, calendar)  # the ledger changed
            application.refresh_from_db()
            assert application.due_on == due_date_of(entries, calendar)
        recompute_open_cases(actor=None, reason="日历变化", calendar=changed)  # the calendar changed
        for application, entries in zip(stored, cases, strict=True):
            application.refresh_from_db()
            live = due_date_of(entries, changed)
            assert application.due_on == live
            today = entries[-1].on + timedelta(days=3)  # the live clock on any later day agrees too
            try:
                state = compute_clock(entries, changed, today, clock_settings())
            except LookupError:
                state = compute_clock(entries, changed.provisional(), today, clock_settings())
            assert state.due_on == live
        transaction.set_rollback(True)
