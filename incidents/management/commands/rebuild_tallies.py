"""Recount IncidentTally and Person.published_incidents from the published
incidents, or check them (--check)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from incidents.models import IncidentTally, Person


def snapshot() -> set[tuple]:
    return set(
        IncidentTally.objects.filter(n__gt=0).values_list(
            "grain", "kind", "city_id", "organization_id", "month", "n"
        )
    ) | {("person", pk, n) for pk, n in Person.objects.values_list("pk", "published_incidents")}


class Command(BaseCommand):
    help = (
        "Recount the published-incident counts that the public pages read "
        "(after a bulk import that sent no signals). --check compares without changing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Exit with an error if the stored counts differ from a recount.",
        )

    def handle(self, *args: Any, check: bool, **options: Any) -> None:
        if not check:
            rows = IncidentTally.objects.rebuild()
            self.stdout.write(f"Recounted: {rows} rows.")
            return
        stored = snapshot()
        with transaction.atomic():
            IncidentTally.objects.rebuild()
            fresh = snapshot()
            transaction.set_rollback(True)
        if stored != fresh:
            raise CommandError(
                f"The counts differ from a recount: {len(stored - fresh)} stale rows, "
                f"{len(fresh - stored)} missing. Run rebuild_tallies."
            )
        self.stdout.write(f"The counts agree with a recount ({len(stored)} rows).")
