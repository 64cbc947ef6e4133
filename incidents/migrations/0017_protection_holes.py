"""Former names of people (kept so that a protected person's old name stays
withheld); what the public sees of a source's title and URL and of an
organization's name and aliases, with an opaque public identifier for a source
or organization whose title or name names a protected person.

The fill reads the models as they are in this migration and the redaction
matcher (incidents.redaction, which imports no model), so it does not change
with later models.
"""

import secrets

from django.db import migrations, models

import incidents.names
from incidents.redaction import Redactor


def new_public_id():
    return secrets.token_hex(8)


def fill(apps, schema_editor):
    Person = apps.get_model("incidents", "Person")
    PersonAlias = apps.get_model("incidents", "PersonAlias")
    HistoricalPerson = apps.get_model("incidents", "HistoricalPerson")
    HistoricalPersonAlias = apps.get_model("incidents", "HistoricalPersonAlias")
    Source = apps.get_model("incidents", "Source")
    protected = list(Person.objects.filter(identity_protected=True).values_list("pk", flat=True))
    names = {
        *Person.objects.filter(pk__in=protected).values_list("name", flat=True),
        *PersonAlias.objects.filter(person__in=protected).values_list("name", flat=True),
        *HistoricalPerson.objects.filter(id__in=protected).values_list("name", flat=True),
        *HistoricalPersonAlias.objects.filter(person_id__in=protected).values_list(
            "name", flat=True
        ),
    }
    redact = Redactor(names)
    for source in Source.objects.all():
        source.public_id = new_public_id()
        source.public_title = redact(source.title)
        source.title_withheld = source.public_title != source.title or redact.finds_in_url(
            source.slug
        )
        source.public_url = "" if redact.finds_in_url(source.url) else source.url
        source.save(update_fields=["public_id", "public_title", "title_withheld", "public_url"])
    Organization = apps.get_model("incidents", "Organization")
    for org in Organization.objects.all():
        org.public_id = new_public_id()
        org.public_name = redact(org.name)
        org.name_withheld = org.public_name != org.name or redact.finds_in_url(org.slug)
        org.save(update_fields=["public_id", "public_name", "name_withheld"])
    OrganizationAlias = apps.get_model("incidents", "OrganizationAlias")
    for alias in OrganizationAlias.objects.all():
        if redact.finds(alias.name):
            alias.withheld = True
            alias.save(update_fields=["withheld"])


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0016_one_covering_list_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalperson",
            name="former_names",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="former names"
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="former_names",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="former names"
            ),
        ),
        migrations.AddField(
            model_name="source",
            name="public_id",
            field=models.CharField(editable=False, max_length=16, null=True),
        ),
        migrations.AddField(
            model_name="source",
            name="public_title",
            field=models.CharField(blank=True, default="", editable=False, max_length=300),
        ),
        migrations.AddField(
            model_name="source",
            name="public_url",
            field=models.URLField(blank=True, default="", editable=False, max_length=500),
        ),
        migrations.AddField(
            model_name="source",
            name="title_withheld",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name="organization",
            name="public_id",
            field=models.CharField(editable=False, max_length=16, null=True),
        ),
        migrations.AddField(
            model_name="organization",
            name="public_name",
            field=models.CharField(blank=True, default="", editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name="organization",
            name="name_withheld",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name="organizationalias",
            name="withheld",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organization",
            name="public_id",
            field=models.CharField(
                default=incidents.names.new_public_id, editable=False, max_length=16, unique=True
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="public_id",
            field=models.CharField(
                default=incidents.names.new_public_id, editable=False, max_length=16, unique=True
            ),
        ),
    ]
