"""One index for the published list's walk on PostgreSQL, in place of two.

0012 created incident_status_date_cover (status, date DESC, id DESC) INCLUDE
(kind, city_id, organization_id, person_id) by hand, and 0013 gave
incident_status_date_idx the same keys: two indexes kept on every write for
one purpose. The model's index now includes those columns itself, and the
hand-made one goes. SQLite indexes include nothing, so there nothing changes.
"""

from django.db import migrations, models

BEFORE = models.Index(fields=["status", "-date", "-id"], name="incident_status_date_idx")
AFTER = models.Index(
    fields=["status", "-date", "-id"],
    include=["kind", "city", "organization", "person"],
    name="incident_status_date_idx",
)
COVER = (
    "CREATE INDEX IF NOT EXISTS incident_status_date_cover ON incidents_incident "
    "(status, date DESC, id DESC) INCLUDE (kind, city_id, organization_id, person_id)"
)


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    incident = apps.get_model("incidents", "Incident")
    schema_editor.remove_index(incident, BEFORE)
    schema_editor.add_index(incident, AFTER)
    schema_editor.execute("DROP INDEX IF EXISTS incident_status_date_cover")


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    incident = apps.get_model("incidents", "Incident")
    schema_editor.execute(COVER)
    schema_editor.remove_index(incident, AFTER)
    schema_editor.add_index(incident, BEFORE)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0015_person_name_index")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="incident", name="incident_status_date_idx"),
                migrations.AddIndex(model_name="incident", index=AFTER),
            ],
            database_operations=[migrations.RunPython(forwards, backwards)],
        )
    ]
