"""Refuse TRUNCATE of the audit log on PostgreSQL (row triggers do not see it).

SQLite has no TRUNCATE. Django's own flush (the test runner between transactional tests,
`manage.py flush`) empties every table with TRUNCATE; gongkai/auditlog's flush command runs it with
triggers off, which only a superuser may do (see that command).
"""

from django.db import migrations

FORWARD = """CREATE TRIGGER auditlog_entry_no_truncate BEFORE TRUNCATE ON auditlog_auditentry
   FOR EACH STATEMENT EXECUTE FUNCTION auditlog_refuse_change();"""
BACKWARD = "DROP TRIGGER IF EXISTS auditlog_entry_no_truncate ON auditlog_auditentry;"


def _on_postgresql(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("auditlog", "0002_append_only_triggers")]

    operations = [migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD))]
