"""PostgreSQL only (SQLite: nothing): trigram indexes on the names and name keys
of people, organizations and their aliases.

The admin's search and autocompletes look for a word anywhere in a name
(admin.NameSearchMixin): `UPPER(name::text) LIKE UPPER('%word%')` and
`name_key::text LIKE '%key%'`. With these GIN indexes (pg_trgm, created by 0012)
PostgreSQL reads the few names that can match instead of all of them: at a
million incidents there are a third of a million people.
"""

from django.db import migrations

from ._vendor import on_postgresql

TABLES = [
    "incidents_person",
    "incidents_personalias",
    "incidents_organization",
    "incidents_organizationalias",
]
POSTGRES_UP = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"]
POSTGRES_DOWN = []
for table in TABLES:
    short = table.removeprefix("incidents_")
    POSTGRES_UP += [
        f"CREATE INDEX IF NOT EXISTS {short}_name_trgm ON {table} "
        "USING gin ((UPPER(name::text)) gin_trgm_ops)",
        f"CREATE INDEX IF NOT EXISTS {short}_name_key_trgm ON {table} "
        "USING gin ((name_key::text) gin_trgm_ops)",
    ]
    POSTGRES_DOWN += [
        f"DROP INDEX IF EXISTS {short}_name_trgm",
        f"DROP INDEX IF EXISTS {short}_name_key_trgm",
    ]


class Migration(migrations.Migration):
    dependencies = [("incidents", "0013_list_order_indexes")]

    operations = [migrations.RunPython(on_postgresql(POSTGRES_UP), on_postgresql(POSTGRES_DOWN))]
