"""Indexes that give the public lists their whole order.

- incident_status_date_idx gains the id, so that the list's order (date, then
  id) comes from it alone and a deep page skips index entries only.
- Cities and organizations get an index on name, so that their public lists
  read fifty rows in name order instead of testing and sorting all of them.

Where SQLite statistics exist they are gathered again (_vendor.py).
"""

from django.db import migrations, models

from ._vendor import refresh_sqlite_statistics


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0012_postgresql_search_and_list"),
    ]

    operations = [
        # Undone last, after the old index is back: its statistics too.
        migrations.RunPython(migrations.RunPython.noop, refresh_sqlite_statistics, elidable=True),
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
