"""Fill IncidentTally and Person.published_incidents from the stored incidents.

A migration of its own: SQLite's schema editor creates 0008's indexes when that
migration ends, and the recount's ANALYZE must see them.
"""

from django.db import migrations


def fill(apps, schema_editor):
    if not apps.get_model("incidents", "Incident").objects.exists():
        return
    # The real model's bulk recount (plain SQL over the tables).
    from incidents.models import IncidentTally

    IncidentTally.objects.rebuild()


class Migration(migrations.Migration):
    dependencies = [("incidents", "0009_cache_table")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
