"""IncidentTally: the counts of published incidents kept for the public pages
(the write side: kept on every save and delete by incidents/signals.py, and
rebuilt in bulk). What the pages read of it is in incidents/tallies.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models.functions import Coalesce

from ..cache import counts_changed
from .records import City, Incident, Organization, Person


class TallyQuerySet(models.QuerySet["IncidentTally"]):
    def at(self, dims: frozenset[str] | set[str]) -> TallyQuerySet:
        """The rows that count published incidents per combination of `dims`."""
        return self.filter(grain=IncidentTally.grain_of(dims), n__gt=0)

    def rebuild(self) -> int:
        """Recount every grain from the published incidents (bulk, in a few
        statements: the finest grain from the incidents, the others from it)."""
        from django.db import connection

        table = IncidentTally._meta.db_table
        incidents = Incident._meta.db_table
        month = (
            "date_trunc('month', date)::date"
            if connection.vendor == "postgresql"
            else "date(date, 'start of month')"
        )
        finest = IncidentTally.grain_of(IncidentTally.DIMS)
        with transaction.atomic(), connection.cursor() as cursor:
            IncidentTally.objects.all().delete()
            # Only the tables' names and constant column expressions are
            # interpolated below; values go as parameters.
            cursor.execute(
                f"INSERT INTO {table} (grain, kind, city_id, organization_id, month, n) "  # noqa: S608
                f"SELECT %s, kind, city_id, organization_id, {month}, COUNT(*) FROM {incidents} "
                f"WHERE status = %s GROUP BY kind, city_id, organization_id, {month}",
                [finest, Incident.Status.PUBLISHED],
            )
            for dims in IncidentTally.GRAINS:
                grain = IncidentTally.grain_of(dims)
                if grain == finest:
                    continue
                cols = {
                    "kind": "kind" if "kind" in dims else "''",
                    "city_id": "city_id" if "city" in dims else "NULL",
                    "organization_id": "organization_id" if "organization" in dims else "NULL",
                    "month": "month" if "month" in dims else "NULL",
                }
                group = [col for col, expr in cols.items() if expr == col]
                sql = (
                    f"INSERT INTO {table} (grain, kind, city_id, organization_id, month, n) "  # noqa: S608
                    f"SELECT %s, {', '.join(cols.values())}, SUM(n) FROM {table} WHERE grain = %s"
                )
                cursor.execute(
                    sql + (f" GROUP BY {', '.join(group)}" if group else "") + " HAVING SUM(n) > 0",
                    [grain, finest],
                )
            # Statistics for the planner's choice among the tally's indexes.
            cursor.execute(f"ANALYZE {table}")
            # Person.published_incidents, set-based: one grouping of the incidents.
            people = Person._meta.db_table
            cursor.execute(f"UPDATE {people} SET published_incidents = 0")  # noqa: S608
            cursor.execute(
                f"UPDATE {people} SET published_incidents = counted.n "  # noqa: S608
                f"FROM (SELECT person_id, COUNT(*) AS n FROM {incidents} "
                f"WHERE status = %s AND person_id IS NOT NULL GROUP BY person_id) AS counted "
                f"WHERE {people}.id = counted.person_id",
                [Incident.Status.PUBLISHED],
            )
            counts_changed()
        return IncidentTally.objects.count()


TALLY_DIMS = ("kind", "city", "organization", "month")
# Every subset of the dimensions: a query reads the grain of the dimensions it
# filters on plus the one it groups by.
TALLY_GRAINS = [
    frozenset(d for i, d in enumerate(TALLY_DIMS) if mask & (1 << i))
    for mask in range(1 << len(TALLY_DIMS))
]


class IncidentTally(models.Model):
    """How many published incidents there are per kind, city, organization and
    month, at every combination ("grain") of those four dimensions.

    The incident list, its facets and the overview read their counts here: a
    facet over a million incidents groups a few hundred rows. A dimension that is
    not part of a row's grain is '' (kind) or NULL; within its grain a NULL city
    or organization means the incident has none. Signals keep the rows current
    on every save and delete of an incident (signals.py); `rebuild()` recounts
    them in bulk (after generate_incidents; `manage.py rebuild_tallies`).
    """

    DIMS = TALLY_DIMS
    GRAINS = TALLY_GRAINS

    grain = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, blank=True, default="")
    # No database constraint: a row outlives nothing (rows at zero are deleted),
    # and the (grain, …) indexes below serve every lookup.
    city = models.ForeignKey(
        City, models.DO_NOTHING, null=True, db_constraint=False, db_index=False, related_name="+"
    )
    organization = models.ForeignKey(
        Organization,
        models.DO_NOTHING,
        null=True,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    month = models.DateField(null=True)
    n = models.PositiveIntegerField(default=0)

    objects = TallyQuerySet.as_manager()

    class Meta:
        constraints = [
            # One row per grain and combination; Coalesce makes NULL a value.
            models.UniqueConstraint(
                "grain",
                "kind",
                Coalesce("city", 0, output_field=models.BigIntegerField()),
                Coalesce("organization", 0, output_field=models.BigIntegerField()),
                Coalesce("month", models.Value(dt.date(1, 1, 1))),
                name="tally_unique_grain_key",
            ),
        ]
        indexes = [
            # Facets under a city or organization filter read only its rows.
            models.Index(fields=["grain", "city"], name="tally_grain_city_idx"),
            models.Index(fields=["grain", "organization"], name="tally_grain_org_idx"),
            # Facets under a year or month range.
            models.Index(fields=["grain", "month"], name="tally_grain_month_idx"),
        ]

    def __str__(self) -> str:
        key = (self.kind, self.city_id, self.organization_id, self.month)
        return f"{sorted(self.dims)}: {key} = {self.n}"

    @property
    def dims(self) -> frozenset[str]:
        return frozenset(d for i, d in enumerate(TALLY_DIMS) if self.grain & (1 << i))

    @classmethod
    def grain_of(cls, dims: frozenset[str] | set[str] | tuple[str, ...]) -> int:
        unknown = set(dims) - set(cls.DIMS)
        if unknown:
            raise ValueError(f"Not a tally dimension: {sorted(unknown)}")
        return sum(1 << i for i, d in enumerate(cls.DIMS) if d in dims)

    @staticmethod
    def key_of(incident: dict[str, Any] | None) -> dict[str, Any] | None:
        """The dimensions of a published incident (None: not counted)."""
        if not incident or incident["status"] != Incident.Status.PUBLISHED:
            return None
        date = incident["date"]
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        return {
            "person": incident["person_id"],
            "kind": incident["kind"],
            "city": incident["city_id"],
            "organization": incident["organization_id"],
            "month": date.replace(day=1),
        }

    @classmethod
    def move(cls, before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
        """Count an incident out of `before`'s rows and into `after`'s (each the
        key_of a published incident, or None). Grains whose projection did not
        change are left alone. The person's published_incidents moves with it."""
        # Rows are changed in one fixed order (people by id, then grains and
        # keys sorted), so that two saves at once never lock them in opposite
        # orders and deadlock.
        with transaction.atomic():
            old_person = before["person"] if before else None
            new_person = after["person"] if after else None
            if old_person != new_person:
                people = [(old_person, -1), (new_person, +1)]
                for pk, delta in sorted((p, d) for p, d in people if p is not None):
                    Person.objects.filter(pk=pk).update(
                        published_incidents=models.F("published_incidents") + delta
                    )
            changes = []
            for dims in cls.GRAINS:
                old = cls._project(dims, before)
                new = cls._project(dims, after)
                if old == new:
                    continue
                if old is not None:
                    changes.append((dims, old, -1))
                if new is not None:
                    changes.append((dims, new, +1))
            for dims, key, delta in sorted(
                changes, key=lambda c: (cls.grain_of(c[0]), repr(sorted(c[1].items())))
            ):
                cls._add(dims, key, delta)

    @staticmethod
    def _project(dims: frozenset[str], key: dict[str, Any] | None) -> dict[str, Any] | None:
        if key is None:
            return None
        return {
            "kind": key["kind"] if "kind" in dims else "",
            "city_id": key["city"] if "city" in dims else None,
            "organization_id": key["organization"] if "organization" in dims else None,
            "month": key["month"] if "month" in dims else None,
        }

    @classmethod
    def _add(cls, dims: frozenset[str], key: dict[str, Any], delta: int) -> None:
        rows = cls.objects.filter(grain=cls.grain_of(dims), **key)
        if rows.update(n=models.F("n") + delta):
            if delta < 0:
                rows.filter(n__lte=0).delete()
            return
        if delta > 0:
            try:
                with transaction.atomic():
                    cls.objects.create(grain=cls.grain_of(dims), n=delta, **key)
            except IntegrityError:  # created meanwhile by a concurrent save
                rows.update(n=models.F("n") + delta)
