"""Moving CalendarYear and SerialCounter from applications to registry keeps every row.

The migrations change only Django's state; this test writes rows through the historical models
before the move, migrates forward, reads them through the registry models, migrates back and reads
them through applications' historical models again. Run on SQLite and on PostgreSQL
(DATABASE_URL)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("applications", "0006_answer_approval_and_letter_settings"), ("registry", None)]
AFTER = [
    ("applications", "0007_calendar_and_counters_to_registry"),
    ("registry", "0001_calendar_and_counters_from_applications"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    # The state at the targets; a (app, None) target names no node of the graph.
    return executor.loader.project_state([node for node in targets if node[1] is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_rows_survive_the_move_and_its_reversal():
    leaf = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(BEFORE)
        user = old.get_model("auth", "User").objects.create(username="calendar-admin")
        body = old.get_model("bodies", "Body").objects.create(
            code="move-test", credit_code="11110000000000000X", established_on=dt.date(2020, 1, 1)
        )
        old.get_model("applications", "CalendarYear").objects.create(
            year=2027, data={"year": 2027}, reason="国办发明电〔2026〕1号", entered_by_id=user.pk
        )
        old.get_model("applications", "SerialCounter").objects.create(
            body_id=body.pk, series="application", year=2026, last=41
        )

        new = _migrate(AFTER)
        calendar = new.get_model("registry", "CalendarYear").objects.get()
        counter = new.get_model("registry", "SerialCounter").objects.get()
        assert (calendar.year, calendar.data, calendar.reason, calendar.entered_by_id) == (
            2027,
            {"year": 2027},
            "国办发明电〔2026〕1号",
            user.pk,
        )
        assert (counter.body_id, counter.series, counter.year, counter.last) == (
            body.pk,
            "application",
            2026,
            41,
        )

        back = _migrate(BEFORE)
        assert back.get_model("applications", "CalendarYear").objects.get().year == 2027
        assert back.get_model("applications", "SerialCounter").objects.get().last == 41
    finally:
        _migrate(leaf)
