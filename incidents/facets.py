"""What the incident list shows around its rows: the facets, the active-filter
chips, and every link that changes one filter while keeping the others (facet
values, chips, sort, pages, exports and feed).

Each facet counts the filtered set with its own parameter left out
(incidents.tallies), so that its values show where the data is under the
*other* filters; each value is a link that adds or removes it. The facets and
chips follow the table of filters (incidents.filters.DIMENSIONS).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from translations.gazetteer import city_name
from translations.reader import reader_names_by_slug

from .filters import DIMENSIONS, IncidentQuery, Sort
from .models import Incident
from .tallies import Counts

# Parameters that never carry over to a link that changes the filters.
RESET_ON_CHANGE = ("page", "cursor")


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


# --- Links ------------------------------------------------------------------------------


def _copy(params: QueryDict) -> QueryDict:
    q = params.copy()
    for name in RESET_ON_CHANGE:
        q.pop(name, None)
    return q


def _encode(q: QueryDict) -> str:
    encoded = q.urlencode()
    return f"?{encoded}" if encoded else "?"


def toggled(params: QueryDict, name: str, value: str) -> str:
    """The query string with `value` added to `name`, or removed if present."""
    q = _copy(params)
    values = q.getlist(name)
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    q.setlist(name, values)
    return _encode(q)


def replaced(params: QueryDict, **values: str | None) -> str:
    """The query string with each named parameter set to one value (None: removed)."""
    q = _copy(params)
    for name, value in values.items():
        if value is None:
            q.pop(name, None)
        else:
            q.setlist(name, [value])
    return _encode(q)


def without(params: QueryDict, *names: str) -> str:
    return replaced(params, **{name: None for name in names})


def page_links(page: Page, params: QueryDict) -> dict[str, str | None]:
    """First, previous, next and last links that keep the filters."""
    last = page.paginator.num_pages

    def url(n: int) -> str:
        q = params.copy()
        q.setlist("page", [str(n)])
        return _encode(q)

    return {
        "first": url(1) if page.number > 1 else None,
        "previous": url(page.number - 1) if page.has_previous() else None,
        "next": url(page.number + 1) if page.has_next() else None,
        "last": url(last) if page.number < last else None,
    }


# --- The list's surroundings ------------------------------------------------------------


def around(query: IncidentQuery, page: Page, counts: Counts) -> dict[str, Any]:
    """The template context of the incident list besides its rows."""
    params = query.params  # links are built from what was understood
    filters_only = _copy(params)
    local = LocalNames(query, counts)
    return {
        "facets": facets(query, params, counts, local),
        "active": chips(query, params, local),
        "clear_url": "?",
        "sort_links": [
            (
                label,
                replaced(params, sort=None if value == Sort.NEWEST else value),
                query.sort == value,
            )
            for value, label in Sort.choices
        ],
        "pages": page_links(page, params),
        "export_query": _encode(filters_only) if filters_only else "",
        "feed_query": _encode(filters_only) if filters_only else "",
    }


class LocalNames:
    """The names of the facets' and chips' cities, organizations and people in
    the page's language: a city's from the gazetteer, an organization's or a
    person's from their aliases (translations.reader: one query for each, on
    be/ru/uk pages only), else the name as given."""

    def __init__(self, query: IncidentQuery, counts: Counts) -> None:
        self.language = get_language() or ""
        chosen = {
            dim.param: [r.public_slug for r in query.resolved.get(dim.param, ()) if r.public]
            for dim in DIMENSIONS
            if dim.model is not None and dim.param != "city"
        }
        chosen.setdefault("organization", []).extend(
            slug for slug, _name, _count in counts.organizations
        )
        models = {dim.param: dim.model for dim in DIMENSIONS if dim.model is not None}
        self.aliases = {
            param: reader_names_by_slug(models[param], slugs, self.language)
            for param, slugs in chosen.items()
        }

    def __call__(self, param: str, slug: str, name: str) -> str:
        if param == "city":
            return city_name(slug, name, self.language)
        return self.aliases.get(param, {}).get(slug, name)


def facets(
    query: IncidentQuery, params: QueryDict, counts: Counts, local: LocalNames
) -> list[Facet]:
    rows = {"city": counts.cities, "organization": counts.organizations}
    out = []
    for dim in DIMENSIONS:
        if not dim.facet:
            continue
        facet = Facet(dim.param, str(dim.label))
        chosen = query.values.get(dim.param) or ()
        if dim.model is None:  # choices: every value, counted or not
            for value, label in Incident.Kind.choices:
                facet.values.append(
                    FacetValue(
                        str(label),
                        counts.kinds.get(value, 0),
                        toggled(params, dim.param, value),
                        value in chosen,
                    )
                )
        else:
            for slug, name, n in rows[dim.param]:
                url = toggled(params, dim.param, slug)
                facet.values.append(
                    FacetValue(local(dim.param, slug, name), n, url, slug in chosen)
                )
        out.append(facet)
    years = Facet("year", str(_("Year")))
    for year_text, n in counts.years:
        year = int(year_text)
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        selected = (query.date_after, query.date_before) == (first, last)
        url = (
            without(params, "date_after", "date_before")
            if selected
            else replaced(params, date_after=first.isoformat(), date_before=last.isoformat())
        )
        years.values.append(FacetValue(str(year), n, url, selected))
    out.append(years)
    return out


def chips(query: IncidentQuery, params: QueryDict, local: LocalNames) -> list[ActiveFilter]:
    """Each active filter value with a link that removes it alone. A city,
    organization or person is named only when public (IncidentQuery.labels:
    resolved with the query, no more queries here)."""
    out: list[ActiveFilter] = []
    kinds = dict(Incident.Kind.choices)
    for dim in DIMENSIONS:
        values = query.values.get(dim.param) or ()
        known = (
            {v: str(kinds[v]) for v in values}
            if dim.model is None
            else {
                r.public_slug: local(dim.param, r.public_slug, r.label)
                for r in query.resolved.get(dim.param, ())
                if r.public
            }
        )
        for value in values:
            label = known.get(value) or _("unknown: %(value)s") % {"value": value}
            out.append(
                ActiveFilter(
                    dim.param, str(dim.label), str(label), toggled(params, dim.param, value)
                )
            )
    for param, title in (("date_after", _("From")), ("date_before", _("To"))):
        value = getattr(query, param)
        if value:
            out.append(ActiveFilter(param, str(title), value.isoformat(), without(params, param)))
    if query.search.text.strip():
        out.append(ActiveFilter("q", str(_("Words")), query.search.text, without(params, "q")))
    return out
