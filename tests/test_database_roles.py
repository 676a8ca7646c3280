"""The audit log survives TRUNCATE, and the app role of the README cannot get around its triggers.

PostgreSQL only (SQLite has neither TRUNCATE nor roles). The README's grants are run as written,
with the role names made unique: roles belong to the whole server, which other test runs share.
Everything happens in the test's transaction and is rolled back, roles included.
"""

import re
import uuid
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction

from gongkai.auditlog.models import AuditEntry
from gongkai.auditlog.services import audit_record

README = Path(__file__).resolve().parent.parent / "README.md"
pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("需要 PostgreSQL（SQLite 没有 TRUNCATE 和角色）")


@pytest.fixture
def entry(cast):
    return audit_record(actor=cast.admin, action="test.action", summary="原始摘要", body=cast.body)


def readme_grants() -> list[str]:
    block = re.search(r"-- gongkai app role grants\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert block, "README 缺少 gongkai_app 的授权语句"
    return [" ".join(part.split()) for part in block.group(1).split(";") if part.strip()]


def refused(cursor, statement: str) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        cursor.execute(statement)


def test_truncate_is_refused_and_the_rows_survive(entry):
    with connection.cursor() as cursor:
        # The entry's foreign-key checks are deferred to the commit, and TRUNCATE refuses to run
        # with checks pending; a real session has committed its entries long before.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            cursor.execute("TRUNCATE auditlog_auditentry")
        # A cascade from a table the log refers to reaches it too.
        refused(cursor, "TRUNCATE bodies_body CASCADE")
    assert AuditEntry.objects.filter(pk=entry.pk, summary="原始摘要").exists()


def test_the_app_role_can_append_and_read_but_not_get_around_the_triggers(entry):
    suffix = uuid.uuid4().hex[:8]
    app, owner = f"gongkai_app_{suffix}", f"gongkai_owner_{suffix}"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {app} NOLOGIN")
        cursor.execute(f"CREATE ROLE {owner} NOLOGIN")
        # The test database's tables belong to the connecting superuser, not to this stand-in owner;
        # its default privileges are still set as the README says.
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {app}")
        for statement in readme_grants():
            cursor.execute(statement.replace("gongkai_app", app).replace("gongkai_owner", owner))
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"SET LOCAL ROLE {app}")
        cursor.execute("SELECT count(*) FROM auditlog_auditentry")
        assert cursor.fetchone()[0] >= 1
        cursor.execute(
            "INSERT INTO auditlog_auditentry (at, actor_name, action, summary, target_type, target_id,"
            " before, after, legal_basis) SELECT at, actor_name, action, '追加', target_type, target_id,"
            " before, after, legal_basis FROM auditlog_auditentry WHERE id = %s",
            [entry.pk],
        )
        cursor.execute("UPDATE django_session SET expire_date = expire_date")  # ordinary tables: writable
        refused(cursor, "TRUNCATE auditlog_auditentry")
        refused(cursor, "ALTER TABLE auditlog_auditentry DISABLE TRIGGER ALL")
        refused(cursor, "ALTER TABLE auditlog_auditentry DISABLE TRIGGER auditlog_entry_no_change")
        refused(cursor, "UPDATE auditlog_auditentry SET summary = '篡改'")
        refused(cursor, "DELETE FROM auditlog_auditentry")
        refused(cursor, "SET session_replication_role = replica")
        cursor.execute("RESET ROLE")
        transaction.set_rollback(True)
    assert AuditEntry.objects.filter(pk=entry.pk, summary="原始摘要").exists()


@pytest.mark.django_db(transaction=True)
def test_flushing_the_test_database_still_works(cast):
    """The test runner empties the database with TRUNCATE after this test; it must not be refused."""
    audit_record(actor=cast.admin, action="test.action", summary="清库前", body=cast.body)
    assert AuditEntry.objects.exists()
