"""The calendar is built once per process and rebuilt only when a CalendarYear changes."""

from datetime import date

from gongkai.applications.calendar_import import calendar_year_import
from gongkai.registry import calendar_store
from gongkai.registry.calendar_store import current_calendar


def test_the_calendar_is_built_once_and_checked_with_one_small_query(cast, django_assert_num_queries):
    first = current_calendar()
    reads = calendar_store._shipped.cache_info().misses
    with django_assert_num_queries(1):  # the stamp only: no rows, no holiday files
        assert current_calendar() is first
    assert calendar_store._shipped.cache_info().misses == reads


def test_importing_a_year_rebuilds_it_at_once(cast):
    before = current_calendar()
    assert not before.knows(2027)
    data = {"year": 2027, "holidays": [{"name": "元旦", "start": "2027-01-01", "end": "2027-01-03"}]}
    calendar_year_import(actor=cast.superuser, data=data, reason="示例")
    after = current_calendar()
    assert after is not before and after.knows(2027)
    assert not after.is_working_day(date(2027, 1, 1))
