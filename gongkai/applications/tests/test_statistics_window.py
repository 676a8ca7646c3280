"""t2_window, the range condition the annual count filters on, against the four OR'd sets of
t2_filters it replaced, on random cases around the years' edges: the same cases when each was
answered on or after its receipt, and the same table 2 whatever the dates (an answer dated before
the receipt included)."""

from datetime import date, timedelta
from functools import reduce
from operator import or_

import pytest
from django.db import transaction
from django.db.models import Count
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.applications.models import Application
from gongkai.applications.statistics import _grouped, t2_filters, t2_window, table2_counts
from gongkai.bodies.models import Body

FIRST_DAY = date(2024, 11, 1)  # cases from two months before 2025 to three months after 2026
DAYS = 900
OUTCOMES = ("", "granted", "partial")

# Days anywhere in the span, or on the edges of the years counted, where an off-by-one would show.
EDGES = [date(y, m, d) for y in (2025, 2026, 2027) for m, d in ((1, 1), (1, 2))] + [
    date(y, 12, d) for y in (2024, 2025, 2026) for d in (30, 31)
]
days = st.one_of(st.sampled_from(EDGES), st.integers(0, DAYS).map(lambda n: FIRST_DAY + timedelta(days=n)))
# A case: its receipt, its answer (none: still open), its outcome; `ordered` puts the earlier day first.
drawn_cases = st.lists(st.tuples(days, st.one_of(st.none(), days), st.sampled_from(OUTCOMES)), max_size=25)


@pytest.fixture
def body(db):
    return Body.objects.create(code="window", credit_code="W" * 18, established_on=date(2019, 1, 1))


def _rows(body, drawn, *, ordered=True):
    for n, (one, other, outcome) in enumerate(drawn):
        received, decided = (one, other) if other is None or not ordered else sorted((one, other))
        yield Application(
            body=body,
            year=received.year,
            serial=n + 1,
            number=f"W-{n}",
            query_code=f"W{n}",
            channel="online",
            received_on=received,
            applicant_kind="natural_person",
            applicant_name="张三",
            id_document_type="resident_id",
            id_document_number="11010519491231002X",
            contact_phone="13800000000",
            information_requested="低保名单",
            decided_on=decided,
            outcome="" if decided is None else outcome,
        )


def _old_table(body, year):
    """Table 2 as counted before: the same counts, filtered on the union of the four sets."""
    filters = t2_filters(year)
    counts = {name: Count("id", filter=q) for name, q in filters.items()}
    group = ("body_id", "applicant_kind", "outcome")
    rows = _grouped(Application, [body.id], group, counts, reduce(or_, filters.values()))
    return sorted(tuple(row.items()) for row in rows)


def _new_table(body, year):
    filters = t2_filters(year)
    counts = {name: Count("id", filter=q) for name, q in filters.items()}
    group = ("body_id", "applicant_kind", "outcome")
    rows = _grouped(Application, [body.id], group, counts, t2_window(year))
    # A group the window adds with nothing counted changes no number of the table.
    return sorted(tuple(row.items()) for row in rows if any(row[name] for name in counts))


PROPERTY = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(drawn=drawn_cases, year=st.sampled_from([2025, 2026]))
def test_the_window_finds_exactly_the_four_sets(body, drawn, year):
    with transaction.atomic():
        Application.objects.bulk_create(_rows(body, drawn))
        mine = Application.objects.filter(body=body)
        old = set(mine.filter(reduce(or_, t2_filters(year).values())).values_list("number", flat=True))
        new = set(mine.filter(t2_window(year)).values_list("number", flat=True))
        transaction.set_rollback(True)
    assert new == old


@PROPERTY
@given(drawn=drawn_cases, year=st.sampled_from([2025, 2026]))
def test_table_2_is_the_same_whatever_the_dates(body, drawn, year):
    with transaction.atomic():
        Application.objects.bulk_create(_rows(body, drawn, ordered=False))
        old, new = _old_table(body, year), _new_table(body, year)
        counted = table2_counts(body=body, year=year)
        transaction.set_rollback(True)
    assert new == old
    assert counted["new"]["total"] == sum(dict(row)["new"] for row in old)


def test_the_window_is_not_everything(body):
    """Guards the property test from passing because both sides match every row."""
    drawn = [
        (date(2024, 11, 1), date(2024, 11, 11), "granted"),
        (date(2025, 2, 9), None, ""),
        (date(2027, 4, 1), None, ""),
    ]
    rows = list(_rows(body, drawn))
    Application.objects.bulk_create(rows)  # decided in 2024; open from 2025; received in 2027
    found = set(Application.objects.filter(t2_window(2026)).values_list("number", flat=True))
    assert found == {"W-1"}


def test_an_answer_before_the_receipt_is_still_counted(body):
    """Received in 2027 but answered in 2026 (a wrong date): 2026's 三 counts it, as before."""
    Application.objects.bulk_create(
        _rows(body, [(date(2027, 1, 5), date(2026, 12, 20), "granted")], ordered=False)
    )
    assert table2_counts(body=body, year=2026)["total"]["total"] == 1
    assert _new_table(body, 2026) == _old_table(body, 2026) != []
