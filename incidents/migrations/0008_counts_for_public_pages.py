"""Counts for the public pages: IncidentTally (published incidents per kind,
city, organization and month, at every grain), Person.published_incidents with
the index of listed people, and an index of protected people. Filled by 0009."""

import datetime
import django.db.models.deletion
import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('incidents', '0007_full_text_search'),
    ]

    operations = [
        migrations.CreateModel(
            name='IncidentTally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('grain', models.PositiveSmallIntegerField()),
                ('kind', models.CharField(blank=True, default='', max_length=20)),
                ('month', models.DateField(null=True)),
                ('n', models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.AddField(
            model_name='person',
            name='published_incidents',
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(condition=models.Q(('identity_protected', True)), fields=['identity_protected'], name='person_protected_idx'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(condition=models.Q(('identity_protected', False), ('published_incidents__gt', 0)), fields=['name', 'identity_protected', 'published_incidents'], name='person_listed_name_idx'),
        ),
        migrations.AddField(
            model_name='incidenttally',
            name='city',
            field=models.ForeignKey(db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='incidents.city'),
        ),
        migrations.AddField(
            model_name='incidenttally',
            name='organization',
            field=models.ForeignKey(db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='incidents.organization'),
        ),
        migrations.AddIndex(
            model_name='incidenttally',
            index=models.Index(fields=['grain', 'city'], name='tally_grain_city_idx'),
        ),
        migrations.AddIndex(
            model_name='incidenttally',
            index=models.Index(fields=['grain', 'organization'], name='tally_grain_org_idx'),
        ),
        migrations.AddIndex(
            model_name='incidenttally',
            index=models.Index(fields=['grain', 'month'], name='tally_grain_month_idx'),
        ),
        migrations.AddConstraint(
            model_name='incidenttally',
            constraint=models.UniqueConstraint(models.F('grain'), models.F('kind'), django.db.models.functions.comparison.Coalesce('city', 0, output_field=models.BigIntegerField()), django.db.models.functions.comparison.Coalesce('organization', 0, output_field=models.BigIntegerField()), django.db.models.functions.comparison.Coalesce('month', models.Value(datetime.date(1, 1, 1))), name='tally_unique_grain_key'),
        ),
    ]
