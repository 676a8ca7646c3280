"""The full-text index of SearchEntry.grams: FTS5 on SQLite, a GIN expression index on PostgreSQL."""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS publishing_search_fts USING fts5("
    "title, body, content='', tokenize='unicode61 remove_diacritics 0')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS publishing_search_fts"
POSTGRES_CREATE = (
    "CREATE INDEX IF NOT EXISTS publishing_searchentry_grams_gin "
    "ON publishing_searchentry USING gin (to_tsvector('simple'::regconfig, grams))"
)
POSTGRES_DROP = "DROP INDEX IF EXISTS publishing_searchentry_grams_gin"


def create_index(apps, schema_editor):
    statement = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}.get(schema_editor.connection.vendor)
    if statement:
        schema_editor.execute(statement)


def drop_index(apps, schema_editor):
    statement = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(schema_editor.connection.vendor)
    if statement:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
