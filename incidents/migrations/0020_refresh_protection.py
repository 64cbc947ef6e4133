"""The redactor now reads a name stored in Latin letters in its Cyrillic
spellings (and ц for т): what was worked out from it before, for the records
already kept, is worked out again (`manage.py refresh_protection` does the
same). Live code, not the historical models: what is withheld is the
redactor's of today."""

from django.db import migrations


def refresh(apps, schema_editor):  # noqa: ANN001, ANN201
    from incidents.redaction.public import refresh_everywhere

    refresh_everywhere()


class Migration(migrations.Migration):
    dependencies = [("incidents", "0019_source_kind_report")]

    operations = [migrations.RunPython(refresh, migrations.RunPython.noop)]
