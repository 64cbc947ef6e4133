"""Full-text search over Incident.search_text.

SQLite: an FTS5 table with the incident table as its external content, kept in
step by triggers. PostgreSQL: a GIN index on to_tsvector('simple', search_text).
Existing rows get their search text first.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE VIRTUAL TABLE incident_fts USING fts5(
        search_text, content='incidents_incident', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER incident_fts_insert AFTER INSERT ON incidents_incident BEGIN
        INSERT INTO incident_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER incident_fts_delete AFTER DELETE ON incidents_incident BEGIN
        INSERT INTO incident_fts(incident_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER incident_fts_update AFTER UPDATE OF search_text ON incidents_incident BEGIN
        INSERT INTO incident_fts(incident_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO incident_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    "INSERT INTO incident_fts(incident_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS incident_fts_update",
    "DROP TRIGGER IF EXISTS incident_fts_delete",
    "DROP TRIGGER IF EXISTS incident_fts_insert",
    "DROP TABLE IF EXISTS incident_fts",
]
POSTGRES_UP = [
    "CREATE INDEX incident_search_gin ON incidents_incident "
    "USING gin (to_tsvector('simple'::regconfig, search_text))",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS incident_search_gin"]


def fill(apps, schema_editor):
    if not apps.get_model("incidents", "Incident").objects.exists():
        return
    # The real model, for its search-text builder (only on a database with rows).
    from incidents.models import Incident

    Incident.objects.all().refresh_search_text()


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("incidents", "0006_search_text")]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(
            run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
