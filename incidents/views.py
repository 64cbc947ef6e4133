"""Public pages. Every incident shown starts from Incident.objects.published(), and
every person, organization, city and source from its queryset's public()."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django import forms
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import CharField, Count, Exists, Max, Min, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Cast, Substr
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from . import exports
from .facets import active_filters, build_facets, count, top_values, with_root_organization
from .filters import IncidentFilter, organization_pks
from .models import (
    Citation,
    City,
    Incident,
    IncidentTally,
    Organization,
    Person,
    Source,
    counts_version,
    public_redactor,
)
from .querystring import replaced, without
from .redaction import Redactor
from .text import excerpt_anchor, mark_excerpts

PAGE_SIZE = 50
ENTITY_PAGE_SIZE = 50
LATEST = 10
WAYS_IN = 10


def bad_filter(request: HttpRequest, f: IncidentFilter, *, html: bool = True) -> HttpResponse:
    """HTTP 400 naming each malformed parameter."""
    messages = f.error_messages()
    if not html:
        return HttpResponseBadRequest(
            "\n".join([_("Bad request:"), *messages]) + "\n",
            content_type="text/plain; charset=utf-8",
        )
    return render(
        request,
        "incidents/bad_request.html",
        {"messages": messages, "params": request.GET},
        status=400,
    )


def paginate(request: HttpRequest, qs: QuerySet, per_page: int) -> Page:
    """A page; a missing, malformed or out-of-range number gives the nearest page."""
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


class IncidentPaginator(Paginator):
    """Pages of incidents whose count is known beforehand (IncidentTally), read
    in two steps so that a deep page costs about what the first does:

    - the page's ids, from the filtered set alone, which the (status, date),
      (city, date), (organization, date) or (person, date) index answers without
      reading the table; past the middle, from the other end in reverse order,
      so that no page skips more than half of the set;
    - those incidents with their person, organization and city.
    """

    def __init__(
        self, object_list: QuerySet, per_page: int, count: int, cache_key: str | None = None
    ) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count
        self._cache_key = cache_key

    @property
    def count(self) -> int:  # type: ignore[override]
        return self._known_count

    def get_page(self, number: Any) -> Page:
        """The nearest page: the first for a number below 1 or none at all,
        the last past the end."""
        try:
            if int(number) < 1:
                number = 1
        except (TypeError, ValueError):
            number = 1
        return super().get_page(number)

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        qs = self.object_list
        ordering = qs.query.order_by or qs.model._meta.ordering
        if bottom > self.count // 2:
            ids = qs.reverse().values("pk")[self.count - top : self.count - bottom]
        else:
            ids = qs.values("pk")[bottom:top]
        if self._cache_key:
            # Pages of ids that cost a scan (full text) are kept with their counts
            # (facets.count) and forgotten with them.
            key = f"{self._cache_key}:{','.join(ordering)}:{number}"
            cached = cache.get(key)
            if cached is None:
                cached = [row["pk"] for row in ids]
                cache.set(key, cached)
            ids = cached
        # Published again: a cached id never shows an incident since unpublished.
        rows = Incident.objects.published().with_related().filter(pk__in=ids).order_by(*ordering)
        return self._get_page(list(rows), number, self)


def paginate_incidents(
    request: HttpRequest, qs: QuerySet, count: int, cache_key: str | None = None
) -> Page:
    """A page of `qs` (published incidents, ordered), of which there are `count`."""
    paginator = IncidentPaginator(qs, PAGE_SIZE, count, cache_key)
    return paginator.get_page(request.GET.get("page"))


def page_links(page: Page, params: Any) -> dict[str, Any]:
    """First, previous, next and last links that keep the filters."""

    def url(n: int) -> str:
        return replaced(params, page=str(n))

    last = page.paginator.num_pages
    return {
        "first": url(1) if page.number > 1 else None,
        "previous": url(page.number - 1) if page.has_previous() else None,
        "next": url(page.number + 1) if page.has_next() else None,
        "last": url(last) if page.number < last else None,
    }


# --- Overview -----------------------------------------------------------------


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    published = Incident.objects.published()
    return render(
        request,
        "incidents/overview.html",
        {
            **cache.get_or_set(f"incidents:overview:{counts_version()}", overview_counts),
            "latest": published.with_related()[:LATEST],
        },
    )


def overview_counts() -> dict[str, Any]:
    """The overview's numbers, from IncidentTally (a few hundred rows whatever the
    number of incidents), kept in the cache with the list's counts."""
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


# --- Incidents ----------------------------------------------------------------


@require_safe
def incident_list(request: HttpRequest) -> HttpResponse:
    f = IncidentFilter(request.GET)
    if not f.is_valid():
        return bad_filter(request, f)
    counts = count(f)
    page = paginate_incidents(request, f.qs, counts.total, counts.cache_key)
    params = f.clean_params()  # links are built from what was understood
    active = active_filters(f, params)
    return render(
        request,
        "incidents/incident_list.html",
        {
            "filter": f,
            "page": page,
            "facets": build_facets(f, params, counts),
            "active": active,
            "clear_url": "?",
            "sort_links": [
                (
                    label,
                    replaced(params, sort=None if value == "-date" else value),
                    f.sort_value == value,
                )
                for value, label in IncidentFilter.Sort.choices
            ],
            "pages": page_links(page, params),
            "export_query": without(params, "page") if params else "",
            "feed_query": without(params, "page") if params else "",
        },
    )


@require_safe
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_object_or_404(Incident.objects.published().with_related(), pk=pk)
    citations = list(incident.citations.select_related("source").order_by("id"))
    redact = public_redactor()
    for citation in citations:
        position = citation.source.full_text.find(citation.excerpt)
        citation.anchor = excerpt_anchor(position) if position >= 0 else ""
        excerpt = citation.excerpt
        if position >= 0:
            # Read in its source: an excerpt that begins in the middle of a name
            # ("Kontsepski was detained", of "Uladzimir Kontsepski was …") is
            # withheld as the name is in the full text.
            spans = redact.spans(citation.source.full_text)
            excerpt = Redactor.apply(excerpt, spans, offset=position)
        citation.public_excerpt = redact(excerpt)
    incident.public_summary = redact(incident.summary)
    return render(
        request,
        "incidents/incident_detail.html",
        {
            "incident": incident,
            "citations": citations,
            "permalink": request.build_absolute_uri(incident.get_absolute_url()),
            "today": timezone.localdate(),
        },
    )


def _export(request: HttpRequest, extension: str) -> HttpResponse:
    f = IncidentFilter(request.GET)
    if not f.is_valid():
        return bad_filter(request, f, html=False)
    rows = exports.export_rows(
        f.qs,
        request.build_absolute_uri(reverse("incidents:incident_list")),
        public_redactor(),
    )
    if extension == "csv":
        body, content_type = exports.csv_lines(rows), "text/csv; charset=utf-8"
    else:
        body, content_type = exports.json_chunks(rows), "application/json; charset=utf-8"
    response = StreamingHttpResponse(body, content_type=content_type)
    filename = exports.export_filename(f.active(), extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def incident_export_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@require_safe
def incident_export_json(request: HttpRequest) -> HttpResponse:
    return _export(request, "json")


# --- People, organizations, cities, sources -------------------------------------


class EntitySearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, strip=True)


def _entity_list(
    request: HttpRequest,
    qs: QuerySet,
    template: str,
    search: Callable[[str], Q],
    counts: Callable[[list[int]], dict[int, int]] | None,
) -> HttpResponse:
    """A searchable, paginated list; `counts` gives the published incidents of
    the rows on the page only (from the tally, never counting their incidents),
    None: the rows carry it (published_incidents)."""
    form = EntitySearchForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "incidents/bad_request.html",
            {"messages": [f"{name}: {' '.join(e)}" for name, e in form.errors.items()]},
            status=400,
        )
    q = form.cleaned_data["q"]
    paginator = Paginator(qs, ENTITY_PAGE_SIZE)
    if q:
        paginator = Paginator(qs.filter(search(q)).distinct(), ENTITY_PAGE_SIZE)
    else:
        # The whole list's count, kept with the other counts until a change.
        key = f"incidents:list-count:{template}:{counts_version()}"
        paginator.__dict__["count"] = cache.get_or_set(key, lambda: qs.count())
    page = paginator.get_page(request.GET.get("page"))
    if counts is None:
        for row in page.object_list:
            row.n = row.published_incidents
    else:
        per_row = counts([row.pk for row in page.object_list])
        for row in page.object_list:
            row.n = per_row.get(row.pk, 0)
    return render(request, template, {"page": page, "q": q})


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


@require_safe
def person_list(request: HttpRequest) -> HttpResponse:
    # Protected people are not listed: their pages are reached from their incidents.
    people = Person.objects.listed().order_by("name")
    return _entity_list(
        request,
        people,
        "incidents/person_list.html",
        lambda q: Q(name__icontains=q) | Q(aliases__name__icontains=q),
        None,
    )


@require_safe
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        person = Person.objects.get_public(slug)
    except Person.DoesNotExist:
        raise Http404 from None
    incidents = Incident.objects.published().filter(person=person).order_by("date", "id")
    redact = public_redactor()
    affiliations = (
        []
        if person.identity_protected
        else [
            (redact(a.role), a.organization)
            for a in person.affiliations.select_related("organization").order_by(
                "organization__name"
            )
        ]
    )
    person.public_description = "" if person.identity_protected else redact(person.description)
    return render(
        request,
        "incidents/person_detail.html",
        {
            "person": person,
            # The (person, date) index counts and pages them.
            "page": paginate_incidents(request, incidents, incidents.count()),
            "affiliations": affiliations,
        },
    )


@require_safe
def organization_list(request: HttpRequest) -> HttpResponse:
    organizations = Organization.objects.public().select_related("parent").order_by("name")

    def counts(ids: list[int]) -> dict[int, int]:
        # Like its page, an organization's count includes its branches' incidents.
        own = _tallied_per("organization", ids)
        of_branches = _tallied_per("organization__parent", ids)
        return {pk: own.get(pk, 0) + of_branches.get(pk, 0) for pk in ids}

    return _entity_list(
        request,
        organizations,
        "incidents/organization_list.html",
        # A name as the public sees it, or an alias that names no protected person.
        lambda q: (
            Q(public_name__icontains=q) | Q(aliases__name__icontains=q, aliases__withheld=False)
        ),
        counts,
    )


@require_safe
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        organization = Organization.objects.select_related("parent", "city").get_public(slug)
    except Organization.DoesNotExist:
        raise Http404 from None
    ids = organization_pks([organization.public_slug])  # itself and its branches
    incidents = Incident.objects.published().filter(organization__in=ids)
    count = (
        IncidentTally.objects.at({"organization"})
        .filter(organization__in=ids)
        .aggregate(n=Sum("n"))["n"]
    )
    branches = organization.branches.public().select_related("city").order_by("name")
    people = (
        organization.affiliations.filter(
            Exists(Incident.objects.published().filter(person=OuterRef("person"))),
            person__identity_protected=False,
        )
        .select_related("person")
        .order_by("person__name")
    )
    redact = public_redactor()
    organization.public_description = redact(organization.description)
    people = [(a.person, redact(a.role)) for a in people]
    parent_is_public = (
        organization.parent_id is not None
        and Organization.objects.public().filter(pk=organization.parent_id).exists()
    )
    return render(
        request,
        "incidents/organization_detail.html",
        {
            "organization": organization,
            "parent_is_public": parent_is_public,
            "page": paginate_incidents(request, incidents, count or 0),
            "branches": branches,
            "affiliations": people,
        },
    )


@require_safe
def city_list(request: HttpRequest) -> HttpResponse:
    cities = City.objects.public().order_by("name")
    return _entity_list(
        request,
        cities,
        "incidents/city_list.html",
        lambda q: Q(name__icontains=q) | Q(aliases__name__icontains=q),
        lambda ids: _tallied_per("city", ids),
    )


@require_safe
def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City.objects.public(), slug=slug)
    incidents = Incident.objects.published().filter(city=city)
    count = IncidentTally.objects.at({"city"}).filter(city=city).aggregate(n=Sum("n"))["n"]
    organizations = city.organizations.public().order_by("name")
    city.public_region = public_redactor()(city.region)
    return render(
        request,
        "incidents/city_detail.html",
        {
            "city": city,
            "page": paginate_incidents(request, incidents, count or 0),
            "organizations": organizations,
        },
    )


@require_safe
def source_list(request: HttpRequest) -> HttpResponse:
    sources = Source.objects.public().order_by("-published_on", "title")

    def counts(ids: list[int]) -> dict[int, int]:
        return dict(
            Citation.objects.filter(source__in=ids, incident__status=Incident.Status.PUBLISHED)
            .order_by()
            .values_list("source")
            .annotate(n=Count("incident", distinct=True))
        )

    # Titles as the public sees them: a protected name in a title is not searchable.
    return _entity_list(
        request,
        sources,
        "incidents/source_list.html",
        lambda q: Q(public_title__icontains=q),
        counts,
    )


# Citations read to mark a source's text; a source is cited a few dozen times.
MARKED_CITATIONS = 1000


@require_safe
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        source = Source.objects.get_public(slug)
    except Source.DoesNotExist:
        raise Http404 from None
    redact = public_redactor()
    published = Incident.objects.published()
    citations = (
        source.citations.filter(incident__in=published)
        .select_related("incident__person", "incident__organization")
        .order_by("incident__date", "incident_id")[:MARKED_CITATIONS]
    )
    cited: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for citation in citations:
        incident = citation.incident
        cited[citation.excerpt].append((incident.get_absolute_url(), incident.public_title))
    incidents = published.with_related().filter(citations__source=source).distinct()
    return render(
        request,
        "incidents/source_detail.html",
        {
            "source": source,
            "marked_text": mark_excerpts(source.full_text, cited, redact),
            "page": paginate(request, incidents.order_by("date", "id"), ENTITY_PAGE_SIZE),
            "signatories": source.signatories.order_by("name"),
            "addressees": [(redact(a.position), redact(a.name)) for a in source.addressees.all()],
        },
    )


FAVICON = Path(__file__).resolve().parent.parent / "static" / "favicon.ico"


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """The site icon, where browsers ask for it (/favicon.ico)."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/vnd.microsoft.icon")


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("incidents:sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /incidents/export",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
