"""The public filters (docs/contracts.md, "Filter parameters"): the list, its
exports and feed alike.

A request's parameters are validated once, by `IncidentFilter` (django-filter:
a malformed value is a form error that the views answer with HTTP 400 naming
the parameter), and resolved once into an `IncidentQuery`: an immutable value
with the ids each filter stands for (an organization with its branches, a
protected person only by public id), the parsed search words and the dates.
The list, its counts and facets, its pages, the exports and the feed all read
that value; none of them parses a parameter again.

The filters are one table, `DIMENSIONS`: a new filter is one row there, which
the counts (incidents.tallies), the facets and the chips (incidents.facets)
read. Values of one parameter combine with OR, different parameters with AND;
an unknown slug matches nothing.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import City, Incident, IncidentQuerySet, IncidentTally, Organization, Person
from .models.records import Resolved
from .models.tally import TallyQuerySet
from .names import name_keys
from .search import MAX_WORDS, SearchTerms

SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
MAX_VALUES = 50


@dataclass(frozen=True)
class Dimension:
    """One filter of the list: its parameter, the incident field it tests, the
    IncidentTally dimension that counts it (None: the tally cannot answer it),
    the model whose public slugs it takes (None: choices), whether it is a
    facet, and whether a value counts the incidents of its branches too."""

    param: str
    label: Promise
    field: str
    tally: str | None
    model: type[City] | type[Organization] | type[Person] | None
    facet: bool
    branches: bool = False


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("kind", _("Kind"), "kind", "kind", None, facet=True),
    Dimension("city", _("City"), "city", "city", City, facet=True),
    Dimension(
        "organization",
        _("Organization"),
        "organization",
        "organization",
        Organization,
        facet=True,
        branches=True,
    ),
    Dimension("person", _("Person"), "person", None, Person, facet=False),
)
BY_PARAM = {d.param: d for d in DIMENSIONS}
# What a facet counts: the matching incidents (None: no tally dimensions), or
# IncidentTally rows and the tally dimensions they filter on.
FacetSource = tuple[IncidentQuerySet, None] | tuple[TallyQuerySet, frozenset[str]]
# The dates are one facet, "year", counted by the tally's month.
YEAR = "year"
DATE_PARAMS = ("date_after", "date_before")


class Sort(models.TextChoices):
    NEWEST = "-date", _("Newest first")
    OLDEST = "date", _("Oldest first")


@dataclass(frozen=True)
class IncidentQuery:
    """A request's filters, resolved once: what the list, its counts, facets and
    pages, the exports and the feed read."""

    values: Mapping[str, tuple[str, ...]]  # each dimension's values, as understood
    resolved: Mapping[str, tuple[Resolved, ...]]  # what their slugs name
    date_after: dt.date | None = None
    date_before: dt.date | None = None
    search: SearchTerms = field(default_factory=lambda: SearchTerms.parse(""))
    sort: str = Sort.NEWEST
    page: str | None = None
    # Worked out once, with the rest: the published incidents the filters start
    # from, and the ids that the search words find (None: no words).
    base: IncidentQuerySet = field(default_factory=lambda: Incident.objects.published())
    search_ids: Any = None

    # -- what the filters stand for --------------------------------------------------

    def ids(self, param: str) -> tuple[int, ...]:
        """The ids a slug-valued filter stands for (an organization's branches
        included). Constants, unlike a subquery, let the planner walk the
        (city, date) or (organization, date) index in the page's order."""
        return tuple(r.pk for r in self.resolved.get(param, ()))

    def chosen(self, param: str) -> frozenset[int]:
        """The ids of what the filter named itself (not its branches)."""
        return frozenset(r.pk for r in self.resolved.get(param, ()) if r.chosen)

    @property
    def on_month_bounds(self) -> bool:
        after, before = self.date_after, self.date_before
        return (after is None or after.day == 1) and (
            before is None or before.day == calendar.monthrange(before.year, before.month)[1]
        )

    # -- the incidents ---------------------------------------------------------------

    def incidents(self, without: tuple[str, ...] = ()) -> IncidentQuerySet:
        """The published incidents that match, unordered, with the filters in
        `without` ("kind", "city", "organization", "year", …) left out."""
        return self.apply(self.base, without)

    def apply(self, qs: IncidentQuerySet, without: tuple[str, ...] = ()) -> IncidentQuerySet:
        for dim in DIMENSIONS:
            if dim.param in without or not self.values.get(dim.param):
                continue
            if dim.model is None:
                qs = qs.filter(**{f"{dim.field}__in": self.values[dim.param]})
            else:
                qs = qs.filter(**{f"{dim.field}__in": self.ids(dim.param)})
        if YEAR not in without:
            if self.date_after:
                qs = qs.filter(date__gte=self.date_after)
            if self.date_before:
                qs = qs.filter(date__lte=self.date_before)
        if self.search_ids is not None:
            qs = qs.filter(pk__in=self.search_ids)
        return qs.order_by()

    @cached_property
    def ordered(self) -> IncidentQuerySet:
        """The matching incidents in the list's order (ties by id)."""
        if self.sort == Sort.OLDEST:
            return self.incidents().order_by("date", "id")
        return self.incidents().order_by("-date", "-id")

    @cached_property
    def facet_sources(self) -> dict[str, FacetSource]:
        """For the total ("") and each facet (its parameter, and "year"), what
        to count: (IncidentTally rows, the dimensions they filter on) where the
        tally can answer, else (the matching incidents, None); each facet with
        its own filter left out."""
        out: dict[str, FacetSource] = {}
        for name in ("", *(d.param for d in DIMENSIONS if d.facet), YEAR):
            without = (name,) if name else ()
            tally = self.tally(without)
            out[name] = tally if tally is not None else (self.incidents(without), None)
        return out

    def tally(self, without: tuple[str, ...] = ()) -> tuple[TallyQuerySet, frozenset[str]] | None:
        """The IncidentTally rows of the matches with `without` left out, and
        the tally dimensions they filter on; None when a filter left in is one
        the tally cannot answer (words, a person, dates off a month's bounds)."""
        if self.search_ids is not None:
            return None
        rows, dims = IncidentTally.objects.all(), set()
        for dim in DIMENSIONS:
            if dim.param in without or not self.values.get(dim.param):
                continue
            if dim.tally is None:
                return None
            if dim.model is None:
                rows = rows.filter(**{f"{dim.tally}__in": self.values[dim.param]})
            else:
                rows = rows.filter(**{f"{dim.tally}__in": self.ids(dim.param)})
            dims.add(dim.tally)
        if YEAR not in without and (self.date_after or self.date_before):
            if not self.on_month_bounds:
                return None
            if self.date_after:
                rows = rows.filter(month__gte=self.date_after)
            if self.date_before:
                rows = rows.filter(month__lte=self.date_before)
            dims.add("month")
        return rows, frozenset(dims)

    # -- as parameters -----------------------------------------------------------------

    def active(self) -> dict[str, list[str]]:
        """The filters in use, by parameter, as understood (for links, chips,
        file names and cache keys); the sort only when not the default."""
        out = {p: list(v) for p, v in self.values.items() if v}
        for name in DATE_PARAMS:
            value = getattr(self, name)
            if value:
                out[name] = [value.isoformat()]
        if self.search.text.strip():
            out["q"] = [self.search.text]
        if self.sort != Sort.NEWEST:
            out["sort"] = [self.sort]
        return out

    @cached_property
    def params(self) -> QueryDict:
        """The parameters as understood (deduplicated, normalised), with the page:
        what links are built from (read-only: copy it to change it)."""
        params = QueryDict(mutable=True)
        for name, values in self.active().items():
            params.setlist(name, values)
        if self.page:
            params["page"] = self.page
        params._mutable = False
        return params

    @cached_property
    def key(self) -> tuple:
        """What the counts depend on: every filter but the sort and the page."""
        return tuple(sorted((k, tuple(v)) for k, v in self.active().items() if k != "sort"))


# --- Validation ---------------------------------------------------------------------


class MultipleSlugField(forms.Field):
    """Repeated `?name=a&name=b` values, each a slug."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[str]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        values = [v.strip() for v in value if v.strip()]
        if len(values) > MAX_VALUES:
            raise ValidationError(
                _("At most %(max)d values are allowed."), params={"max": MAX_VALUES}
            )
        for v in values:
            if len(v) > 120 or not SLUG_RE.match(v):
                raise ValidationError(
                    _("“%(value)s” is not a valid identifier."), params={"value": v}
                )
        return list(dict.fromkeys(values))


class MultipleSlugFilter(django_filters.Filter):
    field_class = MultipleSlugField


class IsoDateField(forms.DateField):
    input_formats = ["%Y-%m-%d"]
    default_error_messages = {"invalid": _("Enter a date as YYYY-MM-DD.")}


class IsoDateFilter(django_filters.DateFilter):
    field_class = IsoDateField


def at_most_words(value: str) -> None:
    if len(value.split()) > MAX_WORDS:
        raise ValidationError(
            _("Use at most %(max)d words."), params={"max": MAX_WORDS}, code="max_words"
        )


class IncidentFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        after, before = cleaned.get("date_after"), cleaned.get("date_before")
        if after and before and after > before:
            self.add_error("date_before", _("The end date is before the start date (date_after)."))
        return cleaned


class IncidentFilter(django_filters.FilterSet):
    """The list's parameters, validated; `query` is what they mean. Its base
    queryset is the published incidents (or those given), and `qs` is the
    query's matches in the list's order."""

    Sort = Sort

    kind = django_filters.MultipleChoiceFilter(
        choices=Incident.Kind.choices,
        label=_("Kind"),
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    city = MultipleSlugFilter(label=_("City"))
    organization = MultipleSlugFilter(label=_("Organization"))
    person = MultipleSlugFilter(label=_("Person"))
    date_after = IsoDateFilter(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    date_before = IsoDateFilter(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    q = django_filters.CharFilter(label=_("Words"), max_length=200, validators=[at_most_words])
    sort = django_filters.ChoiceFilter(choices=Sort.choices, label=_("Sort"), empty_label=None)

    class Meta:
        model = Incident
        fields: list[str] = []
        form = IncidentFilterForm

    def __init__(
        self, data: Any = None, queryset: IncidentQuerySet | None = None, **kwargs: Any
    ) -> None:
        # The base queryset: these incidents, or (by default) the published ones,
        # read when the query is resolved (`base`).
        self.base_queryset = queryset
        super().__init__(data, queryset=Incident._default_manager.all(), **kwargs)

    @property
    def qs(self) -> IncidentQuerySet:
        """The matches in the list's order; none when the parameters are not valid."""
        if not self.is_valid():
            return Incident.objects.none()
        return self.query.ordered

    @cached_property
    def query(self) -> IncidentQuery:
        """What the valid parameters mean, resolved once (one query per
        city, organization or person filter in use)."""
        data = self.form.cleaned_data
        base = self.base_queryset
        if base is None:
            base = Incident.objects.published()
        values: dict[str, tuple[str, ...]] = {}
        resolved: dict[str, tuple[Resolved, ...]] = {}
        for dim in DIMENSIONS:
            chosen = tuple(dict.fromkeys(data.get(dim.param) or []))
            if not chosen:
                continue
            values[dim.param] = chosen
            if dim.model is not None:
                resolved[dim.param] = tuple(dim.model.objects.resolve(list(chosen)))
        page = self.data.get("page") if self.data else None
        text = data.get("q") or ""
        search = SearchTerms.parse(text, keys=name_keys(text.split()))
        search.ids  # noqa: B018 (worked out once)
        query = IncidentQuery(
            values=values,
            resolved=resolved,
            date_after=data.get("date_after"),
            date_before=data.get("date_before"),
            search=search,
            sort=data.get("sort") or Sort.NEWEST,
            page=page or None,
            base=base,
            search_ids=search.ids,
        )
        # Worked out now, once, for all that read the query.
        query.key  # noqa: B018
        query.params  # noqa: B018
        query.facet_sources  # noqa: B018
        query.ordered  # noqa: B018
        return query

    def error_messages(self) -> list[str]:
        """Errors, each naming its parameter: `kind: Select a valid choice…`."""
        return [
            f"{name}: {' '.join(str(e) for e in errors)}" for name, errors in self.errors.items()
        ]
