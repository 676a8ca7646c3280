"""An index of (body, words) over the public search entries, on PostgreSQL.

A search in one body for a word that is rare there reads every item of the body down the dates
until it has found a page's worth, or the whole index of words and then the body's rows of it.
This index (btree_gin: a GIN index may then hold the body's id beside the words) finds just the
body's matches. See publishing/search.py, _newest_window_sql.
"""

from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations

INDEX = "publishing_searchentry_body_words"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON publishing_searchentry "
    "USING gin (body_id, grams_vector) WHERE public"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("publishing", "0005_hit_kinds_for_review")]

    operations = [BtreeGinExtension(), migrations.RunPython(create_index, drop_index)]
