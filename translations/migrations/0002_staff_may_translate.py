from django.db import migrations


def grant(apps, schema_editor):
    """Editors and reviewers enter translations as they enter the texts."""
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("translations")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(
        content_type__app_label="translations", content_type__model="texttranslation"
    )
    for group in Group.objects.filter(name__in=["Editors", "Reviewers"]):
        group.permissions.add(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_initial"),
        ("incidents", "0003_editor_and_reviewer_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
