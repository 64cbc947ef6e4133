"""The counts the public pages show (the read side of IncidentTally).

- `work_out(query)`: the incident list's total and its facets (kind, city,
  organization with its branches, year). From IncidentTally where it can
  answer (a few hundred rows whatever the data's size); a search or a person
  is counted over its matches, in one pass unless a chosen city or
  organization lets each facet read fewer of them through its index.
- `overview()`: the overview's numbers and its chart.
- `per_city`, `per_organization`, `city_total`, `organization_total`,
  `list_total`: the counts beside the lists of cities, organizations, people
  and sources, and on their pages, never a count over their incidents.

Which numbers are kept between requests, and for how long, is incidents.cache.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Aggregate,
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Substr
from django.urls import reverse
from django.utils import timezone

from . import cache
from .filters import DIMENSIONS, YEAR, IncidentQuery
from .models import City, Incident, IncidentTally, Organization

FACET_LIMIT = 12
WAYS_IN = 10

# A facet's rows: (public slug, public name, count), commonest first.
Rows = list[tuple[str, str, int]]


@dataclass
class Counts:
    """The numbers of the incident list: its total and each facet's rows."""

    total: int
    kinds: dict[str, int]
    cities: Rows
    organizations: Rows
    years: list[tuple[str, int]]
    # Whether the tally answered (a search's pages of ids are kept with its counts).
    from_tally: bool = True


def public_slug_of(path: str) -> Case:
    """An organization's public slug through `path` ("organization__"): its
    slug, or its public_id when its name is withheld."""
    return Case(
        When(**{f"{path}name_withheld": True}, then=F(f"{path}public_id")),
        default=F(f"{path}slug"),
        output_field=CharField(),
    )


def with_root_organization(qs: QuerySet) -> QuerySet:
    """Annotate each row with its organization, or that organization's parent
    for a branch, as the public knows it: an organization's count includes its
    branches, as its filter does."""
    return qs.annotate(
        root_slug=Coalesce(
            public_slug_of("organization__parent__"), public_slug_of("organization__")
        ),
        root_name=Coalesce("organization__parent__public_name", "organization__public_name"),
    )


def top_values(
    qs: QuerySet,
    key: str,
    label: str,
    selected: Iterable[str] = (),
    limit: int = FACET_LIMIT,
    count: Aggregate | None = None,
) -> Rows:
    """(key, label, count) of the `limit` commonest values of `key`, the selected
    ones always included, commonest first (one query). `count` is Count("id")
    over incidents; over IncidentTally rows it is Sum("n")."""
    selected = list(selected)
    rows = (
        qs.filter(**{f"{key}__isnull": False})
        .values(key, label)
        .annotate(n=count if count is not None else Count("id"))
    )
    if selected:
        rows = rows.annotate(
            chosen=Case(
                When(**{f"{key}__in": selected}, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        ).order_by("chosen", "-n", label)
    else:
        rows = rows.order_by("-n", label)
    top = [(r[key], r[label], r["n"]) for r in rows[: limit + len(selected)]]
    chosen = [t for t in top if t[0] in selected]
    rest = [t for t in top if t[0] not in selected][:limit]
    return sorted(chosen + rest, key=lambda t: (-t[2], t[1]))


# --- The incident list ----------------------------------------------------------------


def work_out(query: IncidentQuery) -> Counts:
    """The total and facet rows of `query`, worked out now."""
    chosen_place = query.values.get("city") or query.values.get("organization")
    searching = query.search_ids is not None or bool(query.values.get("person"))
    if searching and not chosen_place:
        return _in_one_pass(query)
    return _facet_by_facet(query)


@dataclass
class _Source:
    """What a facet counts: incidents (Count of ids by `date`) or, where the
    filters allow, IncidentTally rows of the right grain (Sum of n by `month`)."""

    rows: QuerySet
    count: Aggregate
    date: str


def _sources(query: IncidentQuery) -> dict[str, _Source]:
    """The total's and each facet's source (IncidentQuery.facet_sources), the
    tally's at the grain of the dimensions filtered plus the facet's own."""
    # The tally dimension each facet groups by (the total: none).
    by = {"kind": {"kind"}, "city": {"city"}, "organization": {"organization"}, YEAR: {"month"}}
    out = {}
    for name, source in query.facet_sources.items():
        if source[1] is None:
            out[name] = _Source(source[0], Count("id"), "date")
        else:
            rows, dims = source
            out[name] = _Source(rows.at(dims | by.get(name, set())).order_by(), Sum("n"), "month")
    return out


def _selected(query: IncidentQuery, param: str) -> list[str]:
    return [r.public_slug for r in query.resolved.get(param, ()) if r.chosen]


def _facet_by_facet(query: IncidentQuery) -> Counts:
    """One query for the total and one per facet."""
    sources = _sources(query)
    total = sources[""].rows.aggregate(n=sources[""].count)["n"] or 0
    source = sources["kind"]
    kinds = dict(source.rows.values_list("kind").annotate(n=source.count).values_list("kind", "n"))
    source = sources["city"]
    cities = top_values(
        source.rows, "city__slug", "city__name", _selected(query, "city"), count=source.count
    )
    source = sources["organization"]
    organizations = top_values(
        with_root_organization(source.rows),
        "root_slug",
        "root_name",
        _selected(query, "organization"),
        count=source.count,
    )
    source = sources[YEAR]
    years = (
        source.rows
        # The first four characters of the ISO date: native string work on both
        # backends, where SQLite's EXTRACT is a Python function called per row.
        .annotate(year=Substr(Cast(source.date, output_field=CharField()), 1, 4))
        .values("year")
        .annotate(n=source.count)
        .order_by("-year")
        .values_list("year", "n")
    )
    from_tally = sources[""].date == "month"
    return Counts(total, kinds, cities, organizations, list(years), from_tally=from_tally)


def _in_one_pass(query: IncidentQuery) -> Counts:
    """The total and every facet of a search (`q`, `person`) in one pass over
    its matches, where _facet_by_facet would read them five times.

    The matches, with the facets' own filters left out, are grouped by kind,
    city, organization (and its parent), year and whether the date is within
    the dates asked for; a row counts towards a facet when it passes the
    filters other than that facet's. There may be as many groups as a tenth of
    the matches (86,000 for 200,000; fetched in one go: a server-side cursor
    was slower); only the facets' sums are kept.
    """
    kinds_chosen = set(query.values.get("kind") or ())
    cities_chosen = set(query.ids("city")) if query.values.get("city") else None
    orgs_chosen = set(query.ids("organization")) if query.values.get("organization") else None
    dated = Q()
    if query.date_after:
        dated &= Q(date__gte=query.date_after)
    if query.date_before:
        dated &= Q(date__lte=query.date_before)
    in_range = (
        Case(When(dated, then=Value(1)), default=Value(0), output_field=IntegerField())
        if dated
        else Value(1, output_field=IntegerField())
    )
    facets = tuple(d.param for d in DIMENSIONS if d.facet) + (YEAR,)
    groups = (
        query.incidents(without=facets)
        .annotate(year=Substr(Cast("date", output_field=CharField()), 1, 4), in_range=in_range)
        .values_list("kind", "city", "organization", "organization__parent", "year", "in_range")
        .annotate(n=Count("id"))
        .order_by()
    )
    total = 0
    kinds: dict[str, int] = {}
    cities: dict[int, int] = {}
    organizations: dict[int, int] = {}
    years: dict[str, int] = {}
    for kind, city, organization, parent, year, within, n in groups:
        by_kind = not kinds_chosen or kind in kinds_chosen
        by_city = cities_chosen is None or city in cities_chosen
        by_org = orgs_chosen is None or organization in orgs_chosen
        if by_city and by_org and within:
            kinds[kind] = kinds.get(kind, 0) + n
            if by_kind:
                total += n
        if by_kind and by_org and within and city is not None:
            cities[city] = cities.get(city, 0) + n
        if by_kind and by_city and within and organization is not None:
            root = parent or organization
            organizations[root] = organizations.get(root, 0) + n
        if by_kind and by_city and by_org:
            years[year] = years.get(year, 0) + n
    return Counts(
        total,
        kinds,
        _top(cities, set(query.chosen("city")), City.objects.all(), "slug", "name"),
        _top(
            organizations,
            set(query.chosen("organization")),
            Organization.objects.annotate(public_slug_value=public_slug_of("")),
            "public_slug_value",
            "public_name",
        ),
        sorted(years.items(), reverse=True),
        from_tally=False,
    )


def _top(counts: dict[int, int], chosen: set[int], rows: QuerySet, slug: str, name: str) -> Rows:
    """Like top_values, from counts by id: the chosen ones and the FACET_LIMIT
    commonest others as (slug, name, count), commonest first, ties by name.
    Names are read for those alone (and for ties at the limit), in the
    database's order of names, so that a tie at the limit is cut as
    top_values cuts it (PostgreSQL's collation is not Python's order)."""
    others = sorted(((n, pk) for pk, n in counts.items() if pk not in chosen), reverse=True)
    if len(others) > FACET_LIMIT:
        lowest = others[FACET_LIMIT - 1][0]
        others = [(n, pk) for n, pk in others if n >= lowest]
    wanted = [pk for _n, pk in others] + [pk for pk in chosen if pk in counts]
    named = rows.filter(pk__in=wanted).order_by("name", "pk").values_list("pk", slug, name)
    # A stable sort by count keeps the database's order of names within a tie.
    ranked = sorted(named, key=lambda row: -counts[row[0]])
    picked = [(s, label, counts[pk]) for pk, s, label in ranked if pk in chosen]
    rest = [(s, label, counts[pk]) for pk, s, label in ranked if pk not in chosen]
    return sorted(picked + rest[:FACET_LIMIT], key=lambda t: (-t[2], t[1]))


# --- The overview -------------------------------------------------------------------


def overview() -> dict[str, Any]:
    """The overview's numbers and chart, from IncidentTally, kept until the
    next change (incidents.cache)."""
    return cache.kept("overview", make=_overview)


def _overview() -> dict[str, Any]:
    tally = IncidentTally.objects
    counts = dict(tally.at({"kind"}).values_list("kind", "n"))
    return {
        "by_kind": [(kind, counts.get(kind.value, 0)) for kind in Incident.Kind],
        "total": sum(counts.values()),
        "chart": over_time_chart(),
        "cities": top_values(
            tally.at({"city"}), "city__slug", "city__name", limit=WAYS_IN, count=Sum("n")
        ),
        "organizations": top_values(
            with_root_organization(tally.at({"organization"})),
            "root_slug",
            "root_name",
            limit=WAYS_IN,
            count=Sum("n"),
        ),
    }


def over_time_chart() -> dict[str, Any]:
    """Bars of incidents per month (per year over long spans), as SVG geometry.
    Months and counts come from IncidentTally."""
    span = IncidentTally.objects.at({"month"}).aggregate(first=Min("month"), last=Max("month"))
    first, last = span["first"], span["last"]
    if first is None:
        return {"bars": []}
    last = min(last, timezone.localdate())  # dates lie in the past; never run off the calendar
    by_year = (last.year - first.year) > 3
    # "YYYY" or "YYYY-MM" of the ISO date: native string work on both backends.
    prefix = Substr(Cast("month", output_field=CharField()), 1, 4 if by_year else 7)
    counts = {
        dt.date.fromisoformat(f"{period}-01-01" if by_year else f"{period}-01"): n
        for period, n in IncidentTally.objects.at({"month"})
        .annotate(period=prefix)
        .values_list("period")
        .annotate(n=Sum("n"))
    }
    periods: list[dt.date] = []
    cursor = dt.date(first.year, 1 if by_year else first.month, 1)
    while cursor <= last:
        periods.append(cursor)
        cursor = (
            dt.date(cursor.year + 1, 1, 1)
            if by_year
            else dt.date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
        )
    peak = max(counts.values())
    width, height, gap = 720, 200, 2
    bar_w = max(width / len(periods) - gap, 1)
    bars = []
    for i, period in enumerate(periods):
        n = counts.get(period, 0)
        h = round(n / peak * (height - 20), 1)
        label = str(period.year) if by_year else period.strftime("%Y-%m")
        last_day = dt.date(period.year, 12, 31) if by_year else _month_end(period)
        bars.append(
            {
                "x": round(i * (bar_w + gap), 1),
                "y": round(height - h, 1),
                "w": round(bar_w, 1),
                "h": h,
                "n": n,
                "label": label,
                "url": reverse("incidents:incident_list")
                + f"?date_after={period.isoformat()}&date_before={last_day.isoformat()}",
            }
        )
    return {
        "bars": bars,
        "width": width,
        "height": height,
        "peak": peak,
        "by_year": by_year,
        "first": bars[0]["label"],
        "last": bars[-1]["label"],
    }


def _month_end(first_day: dt.date) -> dt.date:
    following = dt.date(first_day.year + first_day.month // 12, first_day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


# --- Beside the lists of cities, organizations, people and sources ---------------------


def _tallied_per(field: str, ids: list[int]) -> dict[int, int]:
    """Published incidents per city or organization (`field`, or a lookup
    through it such as organization__parent) among `ids`, from the tally's one
    row per city or organization: never a count over their incidents."""
    dim = field.split("__")[0]
    rows = (
        IncidentTally.objects.at({dim})
        .filter(**{f"{field}__in": ids})
        .order_by()
        .values_list(field)
        .annotate(total=Sum("n"))
    )
    return dict(rows)


def per_city(ids: list[int]) -> dict[int, int]:
    return _tallied_per("city", ids)


def per_organization(ids: list[int]) -> dict[int, int]:
    """Like its page, an organization's count includes its branches' incidents."""
    own = _tallied_per("organization", ids)
    of_branches = _tallied_per("organization__parent", ids)
    return {pk: own.get(pk, 0) + of_branches.get(pk, 0) for pk in ids}


def city_total(city: City) -> int:
    rows = IncidentTally.objects.at({"city"}).filter(city=city)
    return rows.aggregate(n=Sum("n"))["n"] or 0


def organization_total(ids: Iterable[int]) -> int:
    """The published incidents of these organizations (one and its branches)."""
    rows = IncidentTally.objects.at({"organization"}).filter(organization__in=list(ids))
    return rows.aggregate(n=Sum("n"))["n"] or 0


def list_total(name: str, count: Callable[[], int]) -> int:
    """The length of a whole public list (`name`), kept until the next change."""
    return int(cache.kept("list-total", name, make=count))
