"""The admin at a million incidents: changelists count up to a cap,
autocompletes not at all, years instead of a date hierarchy, and searches of
people and organizations that read their indexes."""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext_lazy as _

from ..models import Incident
from ..names import name_key
from ..names.records import SEARCH_AT_LEAST, match
from ..search import MAX_WORDS as MAX_QUERY_WORDS

if TYPE_CHECKING:
    # What the mixins below are mixed into, for the type checker.
    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _ModelAdmin = object


def count_of(model: type[models.Model], field: str) -> Coalesce:
    """How many `model` rows point at each row, as a scalar subquery: worked out
    for the rows shown (a page, an autocomplete's few), not by grouping a join
    of the whole table as Count() does."""
    return Coalesce(
        Subquery(
            model._default_manager.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def is_changelist(request: HttpRequest) -> bool:
    """Counts shown as a changelist's column are not worked out for the
    autocomplete, the change form or the delete views."""
    match = request.resolver_match
    return bool(match and match.url_name and match.url_name.endswith("_changelist"))


class CappedCountPaginator(Paginator):
    """Counts at most `cap` rows: a changelist over a million incidents should
    not count them all to show a page (templates/admin/pagination.html then
    reads "more than 10,000"). Filters and search narrow it down."""

    cap = 10_000
    object_list: QuerySet[Any]

    @cached_property
    def count(self) -> int:
        # Ids only: a column worked out per row (count_of) is not worked out here.
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap


class LookAheadPaginator(Paginator):
    """Pages with no count at all: one row more than a page tells whether
    another follows. For the autocompletes, which only need "more"."""

    max_pages = 1000

    def validate_number(self, number: Any) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(_("That page number is not an integer")) from None
        if not 1 <= number <= self.max_pages:
            raise EmptyPage(_("That page contains no results"))
        return number

    def page(self, number: Any) -> Any:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(_("That page contains no results"))
        self.__dict__["count"] = bottom + len(rows)  # has_next() reads it
        return Page(rows[: self.per_page], number, self)


class LargeTableAdminMixin(_ModelAdmin):
    """Changelists count up to a cap, autocompletes not at all, and the total
    beside a search result is not counted."""

    paginator = CappedCountPaginator
    show_full_result_count = False

    def get_paginator(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Paginator:
        if is_changelist(request):
            return super().get_paginator(request, *args, **kwargs)
        return LookAheadPaginator(*args, **kwargs)


class YearListFilter(admin.SimpleListFilter):
    """Years from the first incident's to the last's (two index lookups), in
    place of date_hierarchy, which groups every row by year."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        dates = Incident.objects.order_by("date").values_list("date", flat=True)
        first, last = dates.first(), dates.last()
        if first is None or last is None:
            return []
        return [(str(y), str(y)) for y in range(last.year, first.year - 1, -1)]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if not value:
            return queryset
        if not re.fullmatch(r"[0-9]{1,4}", value) or int(value) < 1:
            return queryset.none()
        year = int(value)
        return queryset.filter(date__gte=dt.date(year, 1, 1), date__lte=dt.date(year, 12, 31))


class NameKeySearchMixin(_ModelAdmin):
    """Search also by name key, so "лапта", "Лапта" and "LAPTA" find Alyona Lapta.

    SQLite's LIKE ignores case only in ASCII; the stored keys are transliterated
    and lower-cased, so this works the same on both backends.
    """

    name_key_paths: tuple[str, ...] = ("name_key", "aliases__name_key")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        key = name_key(search_term)
        if key and key != search_term:
            condition = Q()
            for path in self.name_key_paths:
                condition |= Q(**{f"{path}__contains": key})
            results = results | queryset.filter(condition)
            may_have_duplicates = True
        return with_engine_matches(queryset, results, search_term), may_have_duplicates


class NameSearchMixin(_ModelAdmin):
    """Search people or organizations, hundreds of thousands of them, by name.

    Each word must be in the name or in one alias: as typed (any case) or as its
    name key ("лапта", "LAPTA" find Alyona Lapta), or be the whole slug (a part
    of a slug is found through the name key). At most MAX_QUERY_WORDS words are
    used, as in the incidents' search. This replaces search_fields. The ids
    that match come from the names and from the aliases separately (a UNION),
    so the list needs neither a join nor DISTINCT, and on PostgreSQL each LIKE
    reads a trigram index (migration 0014).
    """

    alias_model: type[models.Model]
    alias_field: str

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        words = []
        for bit in smart_split(search_term):  # as the admin splits: "two words" is one
            if bit.startswith(('"', "'")) and len(bit) > 1 and bit[0] == bit[-1]:
                bit = unescape_string_literal(bit)
            if bit:
                words.append(bit)
        base = queryset
        for word in words[:MAX_QUERY_WORDS]:
            key = name_key(word)
            own = Q(name__icontains=word) | Q(slug=word.lower())
            alias = Q(name__icontains=word)
            if key:
                own |= Q(name_key__contains=key)
                alias |= Q(name_key__contains=key)
            ids = (
                queryset.model._default_manager.filter(own)
                .order_by()
                .values("pk")
                .union(
                    self.alias_model._default_manager.filter(alias)
                    .order_by()
                    .values(self.alias_field)
                )
            )
            queryset = queryset.filter(pk__in=ids)
        return with_engine_matches(base, queryset, search_term), False


def with_engine_matches(base: QuerySet, found: QuerySet, search_term: str) -> QuerySet:
    """`found` (words in a name or alias, as typed), and whatever the names
    engine says the term names (any spelling, script or case: "Sazonau"
    finds Viktor Sazonov), the engine's best first."""
    kind = getattr(found.model, "KIND", None)
    if not kind or not search_term.strip():
        return found
    best = [m.record.pk for m in match(search_term, kind, limit=20, at_least=SEARCH_AT_LEAST)]
    if not best:
        return found
    combined = base.filter(Q(pk__in=found.order_by().values("pk")) | Q(pk__in=best))
    rank = Case(
        *(When(pk=pk, then=Value(i)) for i, pk in enumerate(best)),
        default=Value(len(best)),
        output_field=IntegerField(),
    )
    return combined.annotate(engine_rank=rank).order_by("engine_rank", "name", "pk")
