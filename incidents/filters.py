"""The public filters (DESIGN.md, "Filter parameters"): list, exports and feed alike.

Values of one parameter combine with OR, different parameters with AND. An
unknown slug matches nothing; a malformed value is a form error that the views
answer with HTTP 400 naming the parameter.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .models import (
    City,
    Incident,
    IncidentTally,
    Organization,
    Person,
)
from .search import _terms, full_text_ids

SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
MAX_VALUES = 50
MAX_QUERY_WORDS = 10


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
    if len(value.split()) > MAX_QUERY_WORDS:
        raise ValidationError(
            _("Use at most %(max)d words."), params={"max": MAX_QUERY_WORDS}, code="max_words"
        )


def city_pks(slugs: list[str]) -> list[int]:
    return list(City.objects.filter(slug__in=slugs).values_list("pk", flat=True))


def organization_pks(slugs: list[str]) -> list[int]:
    """The organizations known publicly by these slugs, and their branches."""
    condition = Organization.objects.by_public_slugs(slugs, with_branches=True)
    return list(Organization.objects.filter(condition).values_list("pk", flat=True))


class IncidentFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        after, before = cleaned.get("date_after"), cleaned.get("date_before")
        if after and before and after > before:
            self.add_error("date_before", _("The end date is before the start date (date_after)."))
        return cleaned


class IncidentFilter(django_filters.FilterSet):
    class Sort(models.TextChoices):
        NEWEST = "-date", _("Newest first")
        OLDEST = "date", _("Oldest first")

    kind = django_filters.MultipleChoiceFilter(
        choices=Incident.Kind.choices,
        label=_("Kind"),
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    city = MultipleSlugFilter(method="filter_city", label=_("City"))
    organization = MultipleSlugFilter(method="filter_organization", label=_("Organization"))
    person = MultipleSlugFilter(method="filter_person", label=_("Person"))
    date_after = IsoDateFilter(
        field_name="date",
        lookup_expr="gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_before = IsoDateFilter(
        field_name="date",
        lookup_expr="lte",
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    q = django_filters.CharFilter(
        method="filter_q", label=_("Words"), max_length=200, validators=[at_most_words]
    )
    sort = django_filters.ChoiceFilter(
        choices=Sort.choices, method="filter_sort", label=_("Sort"), empty_label=None
    )

    class Meta:
        model = Incident
        fields: list[str] = []
        form = IncidentFilterForm

    # Parameters whose facet leaves them out (a facet reflects the *other* filters).
    FACET_PARAMS = {
        "kind": ["kind"],
        "city": ["city"],
        "organization": ["organization"],
        "year": ["date_after", "date_before"],
    }

    def __init__(self, data: Any = None, queryset: QuerySet | None = None, **kwargs: Any) -> None:
        if queryset is None:
            queryset = Incident.objects.published()
        super().__init__(data, queryset=queryset, **kwargs)

    # -- filters ---------------------------------------------------------------
    def pks(self, name: str, slugs: list[str]) -> list[int]:
        """The ids a city or organization filter stands for, read once per filter
        (one query each). Constants, unlike a subquery, let the planner walk the
        (city, date) or (organization, date) index in the page's order."""
        cache: dict[tuple, list[int]] = self.__dict__.setdefault("_pks", {})
        key = (name, tuple(slugs))
        if key not in cache:
            cache[key] = (city_pks if name == "city" else organization_pks)(slugs)
        return cache[key]

    def filter_city(self, qs: QuerySet, name: str, value: list[str]) -> QuerySet:
        if not value:
            return qs
        return qs.filter(city__in=self.pks("city", value))

    def filter_organization(self, qs: QuerySet, name: str, value: list[str]) -> QuerySet:
        # An organization includes its branches.
        if not value:
            return qs
        return qs.filter(organization__in=self.pks("organization", value))

    def filter_person(self, qs: QuerySet, name: str, value: list[str]) -> QuerySet:
        # A protected person is reachable only by their opaque public identifier.
        if not value:
            return qs
        people = Person.objects.filter(
            Q(identity_protected=False, slug__in=value)
            | Q(identity_protected=True, public_id__in=value)
        )
        return qs.filter(person__in=people.values("pk"))

    def filter_q(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        # Full-text search over search_text, where protected names never stand.
        ids = full_text_ids(value.split())
        return qs if ids is None else qs.filter(pk__in=ids)

    def filter_sort(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        if value == self.Sort.OLDEST:
            return qs.order_by("date", "id")
        return qs.order_by("-date", "-id")

    # -- facets ----------------------------------------------------------------
    @property
    def sort_value(self) -> str:
        return self.form.cleaned_data.get("sort") or self.Sort.NEWEST

    def queryset_without(self, *names: str) -> QuerySet:
        """The filtered set with the named filters left out (for facet counts)."""
        qs = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name in names or name == "sort":
                continue
            qs = self.filters[name].filter(qs, value)
        return qs.order_by()

    def tally_without(self, *names: str) -> tuple[QuerySet, set[str]] | None:
        """The IncidentTally rows of the filtered set with the named filters left
        out, and the dimensions they filter on; None when a filter left in is one
        the tally cannot answer (`q`, `person`, dates that do not start and end
        on a month's bounds)."""
        data = self.form.cleaned_data
        rows = IncidentTally.objects.all()
        dims: set[str] = set()
        for name, value in data.items():
            if name in names or name == "sort" or value in (None, "", []):
                continue
            if name == "q" and not _terms(value.split()):
                continue  # no word to search for: filter_q leaves the set whole
            if name in ("q", "person"):
                return None
            if name == "kind":
                rows, dims = rows.filter(kind__in=value), dims | {"kind"}
            elif name == "city":
                rows, dims = rows.filter(city__in=self.pks("city", value)), dims | {"city"}
            elif name == "organization":
                rows = rows.filter(organization__in=self.pks("organization", value))
                dims.add("organization")
            elif name == "date_after":
                if value.day != 1:
                    return None
                rows, dims = rows.filter(month__gte=value), dims | {"month"}
            elif name == "date_before":
                if value.day != calendar.monthrange(value.year, value.month)[1]:
                    return None
                rows, dims = rows.filter(month__lte=value), dims | {"month"}
        return rows, dims

    def count(self) -> int:
        """How many incidents match: summed from the tally where it can answer,
        otherwise counted."""
        tally = self.tally_without()
        if tally is None:
            return self.qs.count()
        rows, dims = tally
        return rows.at(dims).aggregate(n=models.Sum("n"))["n"] or 0

    def active(self) -> dict[str, list[str]]:
        """The valid, non-empty filter values, by parameter."""
        out: dict[str, list[str]] = {}
        for name, value in self.form.cleaned_data.items():
            if name == "sort" and value == self.Sort.NEWEST:
                continue
            if value in (None, "", []):
                continue
            out[name] = [
                v.isoformat() if hasattr(v, "isoformat") else str(v)
                for v in (value if isinstance(value, list) else [value])
            ]
        return out

    def clean_params(self) -> QueryDict:
        """The parameters as understood (deduplicated, normalised), for links."""
        params = QueryDict(mutable=True)
        for name, values in self.active().items():
            params.setlist(name, list(dict.fromkeys(values)))
        page = self.data.get("page")
        if page:
            params["page"] = page
        return params

    def error_messages(self) -> list[str]:
        """Errors, each naming its parameter: `kind: Select a valid choice…`."""
        return [
            f"{name}: {' '.join(str(e) for e in errors)}" for name, errors in self.errors.items()
        ]
