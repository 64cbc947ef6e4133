from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from translations import catalogs, vendor_catalogs


class Command(BaseCommand):
    help = (
        "Updates locale/{be,ru,uk}/LC_MESSAGES/django.po from the code and templates, and "
        "translations/vendor_locale/{be,ru,uk}/LC_MESSAGES/django.po from the installed "
        "third-party apps, and compiles django.mo, in pure Python (no GNU gettext needed)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Only say whether a catalog is out of date."
        )

    def handle(self, *args: Any, check: bool = False, **options: Any) -> None:
        if check:
            stale = catalogs.stale() + vendor_catalogs.stale()
            if stale:
                raise CommandError("Out of date: " + ", ".join(stale))
            problems = [p for lang in catalogs.LANGUAGES for p in catalogs.problems(lang)]
            problems += [p for lang in catalogs.LANGUAGES for p in vendor_catalogs.problems(lang)]
            for p in problems:
                self.stdout.write(p)
            if problems:
                raise CommandError(f"{len(problems)} entries untranslated or fuzzy.")
            return
        for path in catalogs.write() + vendor_catalogs.write():
            self.stdout.write(f"wrote {path}")
