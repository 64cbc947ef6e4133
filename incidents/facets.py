"""Facet counts and active-filter chips for the incident list.

Each facet counts the filtered set with its own parameter left out, so that its
values show where the data is under the *other* filters; each value is a link
that adds or removes it. One query per facet, from IncidentTally where it can
answer; a search's matches are read once for the total and all the facets
(_count_in_one_pass).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import (
    Aggregate,
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Substr
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .filters import IncidentFilter, _terms
from .models import City, Incident, Organization, Person, counts_version
from .querystring import replaced, toggled, without

FACET_LIMIT = 12


@dataclass
class FacetValue:
    label: str
    count: int
    url: str
    selected: bool


@dataclass
class Facet:
    param: str
    title: str
    values: list[FacetValue] = field(default_factory=list)


@dataclass
class ActiveFilter:
    param: str
    label: str
    value: str
    remove_url: str


def public_slug_of(path: str) -> Case:
    """An organization's public slug, through `path` ("organization__"): its
    slug, or its public_id when its name is withheld."""
    return Case(
        When(**{f"{path}name_withheld": True}, then=F(f"{path}public_id")),
        default=F(f"{path}slug"),
        output_field=CharField(),
    )


def with_root_organization(qs: QuerySet) -> QuerySet:
    """Annotate each incident with its organization, or that organization's parent
    for a branch: an organization's count then includes its branches, as its
    filter does. Slugs and names as the public sees them."""
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
    selected: list[str] = (),
    limit: int = FACET_LIMIT,  # type: ignore[assignment]
    count: Aggregate | None = None,
) -> list[tuple[str, str, int]]:
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


@dataclass
class FacetSource:
    """What a facet counts: incidents (Count of ids by `date`) or, where the
    filters allow, IncidentTally rows of the right grain (Sum of n by `month`)."""

    rows: QuerySet
    count: Aggregate
    date: str


def facet_source(f: IncidentFilter, by: str, *names: str) -> FacetSource:
    """The filtered set with the filters `names` left out, to group by the tally
    dimension `by`."""
    tally = f.tally_without(*names)
    if tally is None:
        return FacetSource(f.queryset_without(*names), Count("id"), "date")
    rows, dims = tally
    return FacetSource(rows.at(dims | {by}).order_by(), Sum("n"), "month")


@dataclass
class Counts:
    """The numbers of the incident list: its total and each facet's rows."""

    total: int
    kinds: dict[str, int]
    cities: list[tuple[str, str, int]]
    organizations: list[tuple[str, str, int]]
    years: list[tuple[str, int]]
    # Where cached counts are kept (None: from the tally); the list's pages of
    # ids are kept beside them.
    cache_key: str | None = None


def count(f: IncidentFilter) -> Counts:
    """The total and facet rows of a valid filter, kept in the cache (shared by
    every worker) until the next change to published incidents or names. When
    worked out: from IncidentTally where it can answer (a few hundred rows
    whatever the data's size), otherwise over the incidents, and then the list's
    pages of ids are kept beside them."""
    state = urlencode(sorted((k, sorted(v)) for k, v in f.active().items() if k != "sort"), True)
    digest = hashlib.sha256(state.encode()).hexdigest()
    key = f"incidents:counts:{counts_version()}:{digest}"
    counts = cache.get(key)
    if counts is None:
        data = f.form.cleaned_data
        # A search's matches are read once, unless a chosen city or organization
        # lets each facet read fewer of them through its index.
        searching = data.get("person") or _terms((data.get("q") or "").split())
        one_pass = searching and not (data.get("city") or data.get("organization"))
        counts = _count_in_one_pass(f) if one_pass else _count(f)
        if f.tally_without() is None:
            counts.cache_key = key
        cache.set(key, counts)
    return counts


def _count(f: IncidentFilter) -> Counts:
    data = f.form.cleaned_data
    source = facet_source(f, "kind", "kind")
    kinds = dict(source.rows.values_list("kind").annotate(n=source.count).values_list("kind", "n"))
    tops = []
    for param, key, label in (
        ("city", "city__slug", "city__name"),
        ("organization", "root_slug", "root_name"),
    ):
        source = facet_source(f, param, param)
        qs = with_root_organization(source.rows)
        tops.append(top_values(qs, key, label, data.get(param) or [], count=source.count))
    source = facet_source(f, "month", "date_after", "date_before")
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
    return Counts(f.count(), kinds, tops[0], tops[1], list(years))


def _count_in_one_pass(f: IncidentFilter) -> Counts:
    """The total and every facet of a search (`q`, `person`) in one pass over
    its matches, where _count would read them five times.

    The matches, with the facets' own filters left out, are grouped by kind,
    city, organization (and its parent), year and whether the date is within
    the dates asked for; a row counts towards a facet when it passes the
    filters other than that facet's. There may be as many groups as a tenth of
    the matches (86,000 for 200,000; fetched in one go: a server-side cursor
    was slower); only the facets' sums are kept.
    """
    data = f.form.cleaned_data
    kinds_chosen = set(data.get("kind") or [])
    cities_chosen = set(f.pks("city", data["city"])) if data.get("city") else None
    orgs_chosen = (
        set(f.pks("organization", data["organization"])) if data.get("organization") else None
    )
    dated = Q()
    if data.get("date_after"):
        dated &= Q(date__gte=data["date_after"])
    if data.get("date_before"):
        dated &= Q(date__lte=data["date_before"])
    in_range = (
        Case(When(dated, then=Value(1)), default=Value(0), output_field=IntegerField())
        if dated
        else Value(1, output_field=IntegerField())
    )
    groups = (
        f.queryset_without(*(p for params in f.FACET_PARAMS.values() for p in params))
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
    chosen_orgs = (
        set(
            Organization.objects.filter(
                Organization.objects.by_public_slugs(data["organization"])
            ).values_list("pk", flat=True)
        )
        if data.get("organization")
        else set()
    )
    return Counts(
        total,
        kinds,
        _top(cities, cities_chosen or set(), City),
        _top(organizations, chosen_orgs, Organization),
        sorted(years.items(), reverse=True),
    )


def _top(
    counts: dict[int, int], chosen: set[int], model: type[City] | type[Organization]
) -> list[tuple[str, str, int]]:
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
    named = [
        (row.pk, row.public_slug, row.public_name)
        for row in model.objects.filter(pk__in=wanted).order_by("name", "pk")
    ]
    # A stable sort by count keeps the database's order of names within a tie.
    ranked = sorted(named, key=lambda row: -counts[row[0]])
    picked = [(slug, name, counts[pk]) for pk, slug, name in ranked if pk in chosen]
    rest = [(slug, name, counts[pk]) for pk, slug, name in ranked if pk not in chosen]
    return sorted(picked + rest[:FACET_LIMIT], key=lambda t: (-t[2], t[1]))


def build_facets(f: IncidentFilter, params: QueryDict, counts: Counts) -> list[Facet]:
    data = f.form.cleaned_data

    kinds = Facet("kind", _("Kind"))
    chosen_kinds = data.get("kind") or []
    for kind in Incident.Kind:
        kinds.values.append(
            FacetValue(
                kind.label,
                counts.kinds.get(kind.value, 0),
                toggled(params, "kind", kind.value),
                kind.value in chosen_kinds,
            )
        )
    facets = [kinds]

    for param, title, rows in (
        ("city", _("City"), counts.cities),
        ("organization", _("Organization"), counts.organizations),
    ):
        chosen = data.get(param) or []
        facet = Facet(param, title)
        for slug, name, n in rows:
            facet.values.append(FacetValue(name, n, toggled(params, param, slug), slug in chosen))
        facets.append(facet)

    years = Facet("year", _("Year"))
    after, before = data.get("date_after"), data.get("date_before")
    for year_text, n in counts.years:
        year = int(year_text)
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        selected = (after, before) == (first, last)
        url = (
            without(params, "date_after", "date_before")
            if selected
            else replaced(params, date_after=first.isoformat(), date_before=last.isoformat())
        )
        years.values.append(FacetValue(str(year), n, url, selected))
    facets.append(years)
    return facets


def active_filters(f: IncidentFilter, params: QueryDict) -> list[ActiveFilter]:
    """Each active filter value with a link that removes it alone.

    Names of chosen cities, organizations and people cost one query each, only
    when that filter is in use.
    """
    data = f.form.cleaned_data
    chips: list[ActiveFilter] = []
    kind_labels = dict(Incident.Kind.choices)
    for value in dict.fromkeys(data.get("kind") or []):
        chips.append(
            ActiveFilter("kind", _("Kind"), str(kind_labels[value]), toggled(params, "kind", value))
        )
    for param, title, names in (
        ("city", _("City"), _city_names),
        ("organization", _("Organization"), _organization_names),
        ("person", _("Person"), _person_names),
    ):
        values = data.get(param) or []
        if not values:
            continue
        known = names(values)
        for value in values:
            label = known.get(value, _("unknown: %(value)s") % {"value": value})
            chips.append(ActiveFilter(param, title, str(label), toggled(params, param, value)))
    for param, title in (("date_after", _("From")), ("date_before", _("To"))):
        if data.get(param):
            chips.append(
                ActiveFilter(param, title, data[param].isoformat(), without(params, param))
            )
    if data.get("q"):
        chips.append(ActiveFilter("q", _("Words"), data["q"], without(params, "q")))
    return chips


def _city_names(slugs: list[str]) -> dict[str, str]:
    return dict(City.objects.public().filter(slug__in=slugs).values_list("slug", "name"))


def _organization_names(slugs: list[str]) -> dict[str, str]:
    found = Organization.objects.public().filter(Organization.objects.by_public_slugs(slugs))
    return {o.public_slug: o.public_name for o in found}


def _person_names(values: list[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    # Only public people: a person known only from drafts reads as unknown.
    for person in Person.objects.public().filter(Q(slug__in=values) | Q(public_id__in=values)):
        if person.public_slug in values:
            names[person.public_slug] = person.public_name
    return names
