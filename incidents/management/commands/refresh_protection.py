"""Work out again what the public reads of every protected name (after an
upgrade that makes the redactor withhold more)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from incidents.redaction.public import refresh_everywhere


class Command(BaseCommand):
    help = (
        "Work out again the public names and titles, the withheld aliases and the search "
        "text of every record a protected name may be in (after an upgrade of the redactor)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            changed = refresh_everywhere()
        self.stdout.write(f"Worked out again: {changed} records changed.")
