"""Migration 0013 turns each 征求意见函 issued before consultations were recorded into a consultation
of a third party whose position is not yet recorded (so an open case cannot be answered with a
disclosure until the clerk records it). Run on SQLite and on PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("applications", "0012_art44_proactive")]
AFTER = [("applications", "0013_thirdparty_consultations")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_earlier_consultation_letters_become_pending_consultations():
    leaf = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(BEFORE)
        body = old.get_model("bodies", "Body").objects.create(
            code="tp-migration", credit_code="11110000000000000X", established_on=dt.date(2020, 1, 1)
        )
        case = old.get_model("applications", "Application").objects.create(
            body_id=body.pk,
            year=2026,
            serial=1,
            number="TP-2026-0001",
            query_code="TPMIG1",
            channel="in_person",
            received_on=dt.date(2026, 3, 2),
            applicant_kind="natural_person",
            applicant_name="张三",
            id_document_type="resident_id",
            id_document_number="11010519491231002X",
            contact_phone="13800000000",
            information_requested="低保名单",
            status="in_progress",
        )
        letters = old.get_model("applications", "IssuedLetter")
        common = {"body_id": body.pk, "application_id": case.pk, "year": 2026, "text": "…"}
        letters.objects.create(
            kind="consultation",
            serial=1,
            number="征〔2026〕1号",
            issued_on=dt.date(2026, 3, 9),
            recipient="某建设有限公司",
            **common,
        )
        letters.objects.create(
            kind="acknowledgement",
            serial=1,
            number="受〔2026〕1号",
            issued_on=dt.date(2026, 3, 3),
            recipient="张三",
            **common,
        )

        new = _migrate(AFTER)
        [consultation] = new.get_model("applications", "Consultation").objects.all()
        assert (consultation.party, consultation.party_kind, consultation.position) == (
            "某建设有限公司",
            "third_party",
            "",
        )
        assert consultation.letter.number == "征〔2026〕1号" and consultation.application_id == case.pk
        assert consultation.answered_on is None and consultation.notice_id is None
    finally:
        _migrate(leaf)
