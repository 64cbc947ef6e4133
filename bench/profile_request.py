"""A profile of one request, as a newcomer would trace it: how many SQL
statements it runs cold and warm with the database cache that production uses,
how many times it crosses from one of the project's files into another, and how
many times it parses the search words.

    .venv/bin/python bench/profile_request.py
    .venv/bin/python bench/profile_request.py "/incidents/?city=brest&q=kofanov"

The request runs in this process against a throwaway SQLite database holding
the statement (migrate, loaddata statement), with DJANGO_DEBUG=0 and the
database cache, through Django's test client. *Cold* is right after a publish
(the counts version replaced); *warm* is the same request again.

A crossing is a change of file between one call of the project's code
(incidents/, tracker/, translations/, intake/; migrations left out) and the next, in the order the
calls are made: a trace views › filters › models › filters › facets counts four,
however many calls each file makes in a row. (`by_pair` below also counts,
for each pair of files, every call from one into the other.) Parsing the search
words is a call of any function named in PARSERS.
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The functions that turn `q` into search terms, before and after the layout
# of issue "One home for each concept".
PARSERS = {"_terms", "parse_terms", "SearchTerms.parse"}
# The project's own packages (every app: the languages' and intake's too).
PROJECT = ("incidents/", "tracker/", "translations/", "intake/")


def setup(db: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "tracker.settings",
            "DATABASE_URL": f"sqlite:///{db}",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "profile-only-" + "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_SSL_REDIRECT": "0",
            "DJANGO_HSTS_SECONDS": "0",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("loaddata", "statement", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)  # the manifest, as in production


def project_file(frame: FrameType) -> str | None:
    path = frame.f_code.co_filename
    if not path.startswith(str(ROOT)) or "/migrations/" in path or "/bench/" in path:
        return None
    rel = path[len(str(ROOT)) + 1 :]
    return rel if rel.startswith(PROJECT) else None


class Tracer:
    def __init__(self) -> None:
        self.crossings: Counter[tuple[str, str]] = Counter()
        self.parses = 0
        self.trace: list[str] = []  # the file of each call, consecutive repeats folded

    def __call__(self, frame: FrameType, event: str, arg: Any) -> None:
        if event != "call":
            return
        here = project_file(frame)
        if here is None:
            return
        name = frame.f_code.co_qualname if hasattr(frame.f_code, "co_qualname") else ""
        if frame.f_code.co_name in PARSERS or name in PARSERS:
            self.parses += 1
        if not self.trace or self.trace[-1] != here:
            self.trace.append(here)
            if os.environ.get("PROFILE_NAMES"):
                print("   ", here, frame.f_code.co_name)
        caller = frame.f_back
        while caller is not None and project_file(caller) is None:
            caller = caller.f_back
        if caller is not None:
            there = project_file(caller)
            if there != here:
                self.crossings[(there or "", here)] += 1


def profile(path: str) -> dict[str, Any]:
    import secrets

    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    try:
        from incidents.cache import COUNTS_VERSION_KEY
    except ImportError:  # the layout before incidents/cache.py
        COUNTS_VERSION_KEY = importlib.import_module("incidents.models").COUNTS_VERSION_KEY

    client = Client()
    # Imports and the URLconf are loaded once per process: not the request's work.
    client.get("/robots.txt")
    client.get("/incidents/?kind=search")
    out: dict[str, Any] = {}
    cache.set(COUNTS_VERSION_KEY, secrets.token_hex(8), timeout=None)  # a publish
    for state in ("cold", "warm"):
        tracer = Tracer()
        with CaptureQueriesContext(connection) as queries:
            sys.setprofile(tracer)
            try:
                response = client.get(path)
            finally:
                sys.setprofile(None)
        assert response.status_code == 200, response.status_code
        out[state] = {
            "statements": len(queries),
            "crossings": len(tracer.trace) - 1,
            "calls across": sum(tracer.crossings.values()),
            "trace": tracer.trace,
            "parses": tracer.parses,
            "by_pair": tracer.crossings,
        }
    return out


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "/incidents/?city=hrodna&q=sazonov"
    with tempfile.TemporaryDirectory() as tmp:
        setup(Path(tmp) / "profile.sqlite3")
        result = profile(path)
    print(f"GET {path}  (the statement's data, SQLite, database cache)")
    print(
        f"{'':6} {'SQL statements':>15} {'file crossings':>15} {'calls across files':>19}"
        f" {'q parsed':>9} {'pairs of files':>15}"
    )
    for state in ("cold", "warm"):
        r = result[state]
        print(
            f"{state:6} {r['statements']:>15} {r['crossings']:>15} {r['calls across']:>19}"
            f" {r['parses']:>9} {len(r['by_pair']):>15}"
        )
    print(
        "\ntrace (cold):", " › ".join(f.removeprefix("incidents/") for f in result["cold"]["trace"])
    )
    print("\ncalls across files (cold), from › to:")
    for (there, here), n in sorted(result["cold"]["by_pair"].items(), key=lambda kv: -kv[1]):
        print(f"  {n:4}  {there} › {here}")


if __name__ == "__main__":
    main()
