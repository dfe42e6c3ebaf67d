"""The catalogue's full-text search (``programmes/search.py``): each programme's words, weighted
(title A, summary B, description C, English configuration), kept in ``search_vector`` and
indexed, so a search reads and ranks stored vectors instead of parsing every matching
programme's text twice (measured: 1,500 matches of 27,000 programmes took about 200 ms that way).

A trigger keeps the column, so every write (the ORM, COPY in the benchmark, the tests' snapshot)
fills it; only writes that touch the three texts (or the column: a ``save()`` sets every column)
recompute it, so the booking path's schedule updates do not. PostgreSQL only, like 0003 and
0006: on SQLite the column stays empty and the search reads the text.
"""

import django.contrib.postgres.search
from django.db import migrations

VECTOR = " || ".join(
    f"setweight(to_tsvector('english'::regconfig, COALESCE(NEW.{column}, '')), '{weight}')"
    for column, weight in (("title", "A"), ("summary", "B"), ("description", "C"))
)
CREATE = f"""
CREATE OR REPLACE FUNCTION programme_search_vector() RETURNS trigger AS $$
BEGIN
    NEW.search_vector := {VECTOR};
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS programme_search_vector ON programmes_programme;
CREATE TRIGGER programme_search_vector
    BEFORE INSERT OR UPDATE OF title, summary, description, search_vector
    ON programmes_programme FOR EACH ROW EXECUTE FUNCTION programme_search_vector();
UPDATE programmes_programme SET title = title;
CREATE INDEX IF NOT EXISTS programme_search_fts ON programmes_programme
    USING gin (search_vector);
"""
DROP = """
DROP INDEX IF EXISTS programme_search_fts;
DROP TRIGGER IF EXISTS programme_search_vector ON programmes_programme;
DROP FUNCTION IF EXISTS programme_search_vector();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0014_cancelled_in_time_costs_nothing")]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(forwards, backwards),
    ]
