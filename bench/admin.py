"""Time the admin's incident changelist, its filters and search, and the
autocompletes, on a data set that bench/run.py built.

    .venv/bin/python bench/admin.py --count 1000000
    .venv/bin/python bench/admin.py --count 1000000 --database-url postgres://…/bench1m

In one process, through Django's test client as a superuser ("bench-admin",
created if missing; two-factor is off for this run): each URL is requested
once to warm up, then five times; the median and the slowest are printed with
the number of queries. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from common import ROOT, production_env  # bench/ is the script's directory

RUNS = 5


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    os.environ.update(
        {
            **production_env(args.count, args.database_url, "testserver"),
            "DJANGO_OTP_REQUIRED": "0",
            "DJANGO_SETTINGS_MODULE": "tracker.settings",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from incidents.models import Incident, Organization, Person

    user, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    client = Client()
    client.force_login(user)
    # The data set bench/run.py builds: none of these is missing.
    person = Person.objects.order_by("pk").first()
    assert person is not None
    surname = [w for w in person.name.split() if w.isalpha()][-1]
    org = Organization.objects.order_by("pk").first()
    assert org is not None
    latest = Incident.objects.order_by("-date").values_list("date", flat=True).first()
    assert latest is not None
    year = latest.year
    auto = "/admin/autocomplete/?app_label=incidents&model_name=incident&field_name="
    last = Incident.objects.order_by("-pk").first()
    assert last is not None
    paths = [
        "/admin/incidents/incident/",
        "/admin/incidents/incident/?p=50",
        f"/admin/incidents/incident/?kind__exact=search&year={year}",
        "/admin/incidents/incident/?status__exact=published&kind__exact=disappearance",
        f"/admin/incidents/incident/?organization__id__exact={org.pk}",
        f"/admin/incidents/incident/?q={surname}",
        "/admin/incidents/incident/?q=synthetic+detention",
        f"/admin/incidents/incident/{last.pk}/change/",
        f"{auto}person&term={surname[:5]}",
        f"{auto}organization&term=synthetic",
        f"{auto}city&term=syn",
        "/admin/incidents/person/",
        f"/admin/incidents/person/?q={surname}",
        "/admin/incidents/organization/",
    ]
    print(f"admin, {Incident.objects.count():,} incidents, {connection.vendor}")
    print(f"{'median':>8} {'max ms':>8} {'queries':>7}  url")
    for path in paths:
        assert client.get(path).status_code == 200, path
        times = []
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, path
        print(
            f"{statistics.median(times):8.1f} {max(times):8.1f} {len(queries):7d}  {path}",
            flush=True,
        )


if __name__ == "__main__":
    main()
