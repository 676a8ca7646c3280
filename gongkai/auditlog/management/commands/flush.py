"""Django's flush, past the audit log's TRUNCATE trigger on PostgreSQL.

Emptying the whole database is what the test runner does between transactional tests (and what
`manage.py flush` is for). On PostgreSQL it runs with `session_replication_role = replica`, under
which ordinary triggers do not fire; only a superuser may set it, so the app's own role still
cannot empty the audit log this way.
"""

from django.core.management.commands import flush
from django.db import connections


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            return super().handle(**options)
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
        try:
            return super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")
