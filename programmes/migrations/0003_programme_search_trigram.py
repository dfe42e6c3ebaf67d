"""A trigram index for the catalogue's free-text search (case-insensitive LIKE '%word%').

PostgreSQL only: other databases (SQLite in development) scan the few rows they hold.
"""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS programme_search_trgm ON programmes_programme USING gin (
    (UPPER(title::text)) gin_trgm_ops,
    (UPPER(summary::text)) gin_trgm_ops,
    (UPPER(description::text)) gin_trgm_ops
);
"""
DROP = "DROP INDEX IF EXISTS programme_search_trgm;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0002_audiences")]

    operations = [migrations.RunPython(forwards, backwards)]
