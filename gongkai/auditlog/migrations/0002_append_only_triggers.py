"""Database triggers that make the audit log append-only below the ORM.

UPDATE is refused on both databases. DELETE is refused on PostgreSQL; on SQLite it is left to
the ORM guards, because Django's test flush empties tables with DELETE there (on PostgreSQL
it uses TRUNCATE, which row triggers do not see).
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE TRIGGER auditlog_entry_no_update BEFORE UPDATE ON auditlog_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS auditlog_entry_no_update;"]

POSTGRES_FORWARD = [
    """CREATE OR REPLACE FUNCTION auditlog_refuse_change() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER auditlog_entry_no_change BEFORE UPDATE OR DELETE ON auditlog_auditentry
       FOR EACH ROW EXECUTE FUNCTION auditlog_refuse_change();""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS auditlog_entry_no_change ON auditlog_auditentry;",
    "DROP FUNCTION IF EXISTS auditlog_refuse_change();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("auditlog", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
