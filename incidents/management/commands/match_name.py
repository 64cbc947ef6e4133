"""The records that a spelling may name, best first.

    python manage.py match_name "Уладзімера Лабковіча"
    python manage.py match_name Grodno --model city --json

TEXT is any spelling: Latin (any common transliteration), Belarusian, Russian
or Ukrainian Cyrillic, in any grammatical case (incidents.names).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from incidents.names.records import MODELS, match


class Command(BaseCommand):
    help = "List the people, organizations or cities that TEXT may name, best first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", help="A name in any spelling, script or case.")
        parser.add_argument(
            "--model", choices=sorted(MODELS), default="person", help="What to look for."
        )
        parser.add_argument("--limit", type=int, default=10, help="At most this many (10).")
        parser.add_argument("--json", action="store_true", help='[{"slug", "name", "score"}]')

    def handle(self, *args: Any, text: str, model: str, limit: int, **options: Any) -> None:
        if not text.strip():
            raise CommandError("Give a name to look for.")
        if limit < 1:
            raise CommandError("--limit must be at least 1.")
        found = match(text, model, limit=limit)
        rows = [{"slug": m.record.slug, "name": m.record.name, "score": m.score} for m in found]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        if not rows:
            self.stdout.write("No match.")
        for row in rows:
            self.stdout.write(f"{row['score']:.2f}  {row['name']}  ({row['slug']})")
