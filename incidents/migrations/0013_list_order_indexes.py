"""Indexes that give the public lists their whole order.

- incident_status_date_idx gains the id, so that the list's order (date, then
  id) comes from it alone and a deep page skips index entries only.
- Cities and organizations get an index on name, so that their public lists
  read fifty rows in name order instead of testing and sorting all of them.

SQLite plans with the statistics of ANALYZE. A database analysed before this
migration would hold statistics for every index but the new ones, and with
that mix SQLite walks the new incident index to find fifty rows by id (0.1 s at
a million). So where statistics exist they are gathered again; PostgreSQL's
autovacuum does this by itself.
"""

from django.db import migrations, models


def refresh_sqlite_statistics(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("ANALYZE")


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0012_postgresql_search_and_list"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="incident",
            name="incident_status_date_idx",
        ),
        migrations.AddIndex(
            model_name="incident",
            index=models.Index(fields=["status", "-date", "-id"], name="incident_status_date_idx"),
        ),
        migrations.AddIndex(
            model_name="city",
            index=models.Index(fields=["name"], name="city_name_idx"),
        ),
        migrations.AddIndex(
            model_name="organization",
            index=models.Index(fields=["name"], name="organization_name_idx"),
        ),
        migrations.RunPython(refresh_sqlite_statistics, migrations.RunPython.noop, elidable=True),
    ]
