"""Serial numbers per body, series and year: case numbers, letter numbers, 索引号 sequences."""

from __future__ import annotations

from gongkai.bodies.models import Body
from gongkai.registry.models import SerialCounter


def next_serial(*, body: Body, year: int, series: str = "application") -> int:
    """Take the next serial of a series for the body and year. The counter row is locked, so
    concurrent registrations queue here and never share a number (on SQLite the write lock does)."""
    SerialCounter.objects.get_or_create(body=body, series=series, year=year)
    counter = SerialCounter.objects.select_for_update().get(body=body, series=series, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last
