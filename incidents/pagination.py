"""Pages of incidents and of the lists of people, organizations, cities and
sources: every page number answers (the nearest page), and a deep page costs
about what the first does.

`incident_page(query)` is the incident list's page with its counts: one read of
the cache for both (incidents.cache); when missing, the counts are worked out
(incidents.tallies) and, for a search, the page's ids are kept beside them.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from . import cache, tallies
from .filters import IncidentQuery
from .models import Incident

PAGE_SIZE = 50
ENTITY_PAGE_SIZE = 50


class NearestPagePaginator(Paginator):
    def get_page(self, number: Any) -> Page:
        """The nearest page: the first for a number below 1 or none at all,
        the last past the end."""
        try:
            if int(number) < 1:
                number = 1
        except (TypeError, ValueError):
            number = 1
        return super().get_page(number)


class IncidentPaginator(NearestPagePaginator):
    """Pages of incidents whose count is known beforehand, read in two steps so
    that a deep page costs about what the first does:

    - the page's ids, from the filtered set alone, which the (status, date),
      (city, date), (organization, date) or (person, date) index answers without
      reading the table; past the middle, from the other end in reverse order,
      so that no page skips more than half of the set;
    - those incidents with their person, organization and city, published again
      (a kept id never shows an incident that has since been unpublished).
    """

    object_list: QuerySet[Incident]

    def __init__(
        self,
        object_list: QuerySet[Incident],
        per_page: int,
        count: int,
        ids: list[int] | None = None,
    ) -> None:
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # known: Paginator.count is not worked out
        self.ids = ids  # the page's ids, when kept

    def page_ids(self, number: int) -> QuerySet[Incident, int]:
        """The page's ids, as a subquery of the rows' query (one statement)."""
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        qs = self.object_list
        if bottom > self.count // 2:
            return qs.reverse().values_list("pk", flat=True)[self.count - top : self.count - bottom]
        return qs.values_list("pk", flat=True)[bottom:top]

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        ids = self.ids if self.ids is not None else self.page_ids(number)
        ordering = self.object_list.query.order_by or Incident._meta.ordering or ()
        rows = Incident.objects.published().with_related().filter(pk__in=ids).order_by(*ordering)
        return Page(list(rows), number, self)


@dataclass
class IncidentPage:
    page: Page
    counts: tallies.Counts


def incident_page(query: IncidentQuery) -> IncidentPage:
    """The page `query` asks for, with the list's counts (see the module)."""
    ordered = query.ordered
    counts_key = cache.key("counts", query.key)
    ids_key = cache.key("ids", query.key, query.sort, query.page or "1")
    version, found = cache.lookup(counts_key, ids_key)
    keep: dict[str, Any] = {}
    counts = found.get(counts_key)
    if counts is None:
        counts = keep[counts_key] = tallies.work_out(query)
    paginator = IncidentPaginator(ordered, PAGE_SIZE, counts.total, found.get(ids_key))
    page = paginator.get_page(query.page)
    if paginator.ids is None and not counts.from_tally:
        # Ids that cost a scan (full text, a person) are kept with their counts.
        keep[ids_key] = list(map(attrgetter("pk"), page.object_list))
    cache.store(version, keep)
    return IncidentPage(page, counts)


def incidents_page(qs: QuerySet[Incident], count: int, number: Any) -> Page:
    """A page of `qs` (published incidents, ordered), of which there are `count`."""
    return IncidentPaginator(qs, PAGE_SIZE, count).get_page(number)


class FirstThenRest:
    """A list made of `first` (e.g. what the names engine ranked best, at most
    a page or two) followed by the rows of `rest` (a QuerySet, without
    `first`'s), which is counted and sliced in the database: no row is left
    out however long the list, and only a page's rows are read."""

    def __init__(self, first: list[Any], rest: QuerySet[Any]) -> None:
        self.first = first
        self.rest = rest

    def count(self) -> int:
        return len(self.first) + self.rest.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Any]:
        start, stop = index.start or 0, index.stop
        head = self.first[start:stop]
        n = len(self.first)
        if stop is not None and stop <= n:
            return head
        return head + list(self.rest[max(start - n, 0) : None if stop is None else stop - n])


def paginate(qs: Any, number: Any, per_page: int = ENTITY_PAGE_SIZE) -> Page:
    """A page of any list; a missing, malformed or out-of-range number gives the
    nearest page."""
    return NearestPagePaginator(qs, per_page).get_page(number)


def entity_page(qs: QuerySet[Any], number: Any, total: int | None) -> Page:
    """A page of a list of people, organizations, cities or sources, whose
    length is `total` when known (kept, incidents.tallies.list_total)."""
    paginator = NearestPagePaginator(qs, ENTITY_PAGE_SIZE)
    if total is not None:
        paginator.__dict__["count"] = total
    return paginator.get_page(number)
