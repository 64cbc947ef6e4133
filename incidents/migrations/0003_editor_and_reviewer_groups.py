"""Groups Editors and Reviewers with their permissions.

Editors create and edit incidents, people, organizations, cities and sources and
submit incidents for review; they cannot publish. Reviewers can also publish,
unpublish and delete.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECORDS = [
    "incident", "citation", "person", "personalias", "organization", "organizationalias",
    "affiliation", "city", "cityalias", "source", "addressee",
]
HISTORIES = ["historicalincident", "historicalcitation", "historicalperson",
             "historicalorganization", "historicalcity", "historicalsource"]
# Rows edited inline, which an editor may remove from a record they edit.
INLINE_ROWS = ["citation", "personalias", "organizationalias", "affiliation", "cityalias",
               "addressee"]

EDITORS = (
    [f"{action}_{model}" for model in RECORDS for action in ("view", "add", "change")]
    + [f"view_{model}" for model in HISTORIES]
    + [f"delete_{model}" for model in INLINE_ROWS]
    # Editors may delete incidents that were never published (see IncidentAdmin).
    + ["delete_incident"]
)
REVIEWERS = EDITORS + [f"delete_{model}" for model in RECORDS] + ["publish_incident"]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Editors", EDITORS), ("Reviewers", REVIEWERS)):
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="incidents", codename__in=set(codenames)
        )
        assert permissions.count() == len(set(codenames)), name
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Reviewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0002_history_and_publish_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
