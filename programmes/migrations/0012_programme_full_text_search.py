"""A full-text index for the catalogue's search (``programmes/search.py``).

The index holds the very expression the search asks about (title weighted A, summary B,
description C, English configuration), so PostgreSQL reads matches from it instead of building
every published programme's text vector per search. PostgreSQL only, like 0003 and 0006.
"""

from django.db import migrations

VECTOR = " || ".join(
    f"setweight(to_tsvector('english'::regconfig, COALESCE({column}, '')), '{weight}')"
    for column, weight in (("title", "A"), ("summary", "B"), ("description", "C"))
)
CREATE = (
    "CREATE INDEX IF NOT EXISTS programme_search_fts ON programmes_programme "
    f"USING gin (({VECTOR}));"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS programme_search_fts;")


class Migration(migrations.Migration):
    dependencies = [("programmes", "0011_booking_emails_moved_to_the_outbox")]

    operations = [migrations.RunPython(forwards, backwards)]
