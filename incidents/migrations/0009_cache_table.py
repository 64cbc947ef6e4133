"""The database cache's table (settings.CACHES), so that `migrate` is the only
step a deployment needs. Before 0010, whose recount forgets cached counts."""

from django.core.management import call_command
from django.db import migrations


def create(apps, schema_editor):
    # Named, so that it exists whatever CACHES the settings in use name.
    call_command(
        "createcachetable", "tracker_cache", database=schema_editor.connection.alias, verbosity=0
    )


class Migration(migrations.Migration):
    dependencies = [("incidents", "0008_counts_for_public_pages")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
