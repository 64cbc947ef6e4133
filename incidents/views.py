"""Public pages: each view parses its request, asks the modules that own the
answer, and renders it. Every incident shown starts from
Incident.objects.published(), and every person, organization, city and source
from its queryset's public(); protected names are withheld by the public
redactor (incidents.redaction.public) wherever text is shown."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from . import exports, facets, filters, pagination, tallies
from .merging import redirect_for
from .models import Citation, City, Incident, Organization, Person, Source
from .names.records import SEARCH_AT_LEAST, match
from .redaction.public import public_redactor
from .text import excerpt_anchor, mark_excerpts

LATEST = 10


def bad_request(request: HttpRequest, messages: list[str], *, html: bool = True) -> HttpResponse:
    """HTTP 400 naming each malformed parameter."""
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


# --- Overview and incidents --------------------------------------------------------------


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    latest = Incident.objects.published().with_related()[:LATEST]
    return render(request, "incidents/overview.html", {**tallies.overview(), "latest": latest})


@require_safe
def incident_list(request: HttpRequest) -> HttpResponse:
    f = filters.IncidentFilter(request.GET)
    if not f.is_valid():
        return bad_request(request, f.error_messages())
    listing = pagination.incident_page(f.query)
    context = facets.around(f.query, listing.page, listing.counts)
    return render(
        request,
        "incidents/incident_list.html",
        {**context, "filter": f, "page": listing.page},
    )


@dataclass(frozen=True)
class QuotedCitation:
    """A citation as an incident's page shows it: its source, the excerpt as the
    public reads it, and the anchor of the passage on the source's page ("":
    not found verbatim)."""

    source: Source
    public_excerpt: str
    anchor: str


@require_safe
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_object_or_404(Incident.objects.published().with_related(), pk=pk)
    cited = list(incident.citations.select_related("source").order_by("id"))
    redact = public_redactor()
    citations = []
    for citation in cited:
        position = citation.source.full_text.find(citation.excerpt)
        citations.append(
            QuotedCitation(
                source=citation.source,
                anchor=excerpt_anchor(position) if position >= 0 else "",
                public_excerpt=redact.quoted(citation.excerpt, citation.source.full_text),
            )
        )
    return render(
        request,
        "incidents/incident_detail.html",
        {
            "incident": incident,
            "public_summary": redact(incident.summary),
            "citations": citations,
            "permalink": request.build_absolute_uri(incident.get_absolute_url()),
            "today": timezone.localdate(),
        },
    )


def _export(request: HttpRequest, extension: str) -> StreamingHttpResponse | HttpResponse:
    f = filters.IncidentFilter(request.GET)
    if not f.is_valid():
        return bad_request(request, f.error_messages(), html=False)
    rows = exports.export_rows(
        f.query.ordered,
        request.build_absolute_uri(reverse("incidents:incident_list")),
        public_redactor(),
    )
    if extension == "csv":
        body, content_type = exports.csv_lines(rows), "text/csv; charset=utf-8"
    else:
        body, content_type = exports.json_chunks(rows), "application/json; charset=utf-8"
    response = StreamingHttpResponse(body, content_type=content_type)
    filename = exports.export_filename(f.query.active(), extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def incident_export_csv(request: HttpRequest) -> StreamingHttpResponse | HttpResponse:
    return _export(request, "csv")


@require_safe
def incident_export_json(request: HttpRequest) -> StreamingHttpResponse | HttpResponse:
    return _export(request, "json")


# --- People, organizations, cities, sources -------------------------------------------


def moved_or_404(kind: str, slug: str) -> HttpResponse:
    """A merged record's old address answers 301 to the kept one (incidents.merging)."""
    kept = redirect_for(kind, slug)
    if kept is None or not type(kept).objects.public().filter(pk=kept.pk).exists():
        raise Http404
    return HttpResponsePermanentRedirect(kept.get_absolute_url())


def ranked(qs: QuerySet, q: str, search: Any) -> pagination.FirstThenRest:
    """A list's search results: first what the names engine says `q` names,
    best first (any spelling, script or case), then the other rows whose name
    holds `q` as typed (a part of a name), by name."""
    kind = getattr(qs.model, "KIND", None)
    found = (
        [
            m.record
            for m in match(q, kind, limit=100, queryset=qs, at_least=SEARCH_AT_LEAST, public=True)
        ]
        if kind
        else []
    )
    rest = qs.filter(search(q)).exclude(pk__in=[r.pk for r in found]).distinct()
    return pagination.FirstThenRest(found, rest)


class EntitySearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, strip=True)


def _entity_list(
    request: HttpRequest,
    qs: QuerySet,
    template: str,
    search: Any,
    counts: Any,
) -> HttpResponse:
    """A searchable, paginated list. `search(q)` is the condition a row must
    meet; `counts(ids)` gives the published incidents of the rows on the page
    (from the tally); None: the rows carry it (published_incidents)."""
    form = EntitySearchForm(request.GET)
    if not form.is_valid():
        return bad_request(
            request,
            [f"{name}: {' '.join(str(m) for m in e)}" for name, e in form.errors.items()],
        )
    q = form.cleaned_data["q"]
    if q:
        page = pagination.paginate(ranked(qs, q, search), request.GET.get("page"))
    else:
        total = tallies.list_total(template, qs.count)
        page = pagination.entity_page(qs, request.GET.get("page"), total)
    if counts is None:
        for row in page.object_list:
            row.n = row.published_incidents
    else:
        per_row = counts([row.pk for row in page.object_list])
        for row in page.object_list:
            row.n = per_row.get(row.pk, 0)
    return render(request, template, {"page": page, "q": q})


@require_safe
def person_list(request: HttpRequest) -> HttpResponse:
    # Protected people are not listed: their pages are reached from their incidents.
    return _entity_list(
        request,
        Person.objects.listed().order_by("name"),
        "incidents/person_list.html",
        lambda q: Q(name__icontains=q) | Q(aliases__name__icontains=q),
        None,
    )


@require_safe
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        person = Person.objects.get_public(slug)
    except Person.DoesNotExist:
        return moved_or_404("person", slug)
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
    return render(
        request,
        "incidents/person_detail.html",
        {
            "person": person,
            "public_description": "" if person.identity_protected else redact(person.description),
            # The (person, date) index counts and pages them.
            "page": pagination.incidents_page(
                incidents, incidents.count(), request.GET.get("page")
            ),
            "affiliations": affiliations,
        },
    )


@require_safe
def organization_list(request: HttpRequest) -> HttpResponse:
    return _entity_list(
        request,
        Organization.objects.public().select_related("parent").order_by("name"),
        "incidents/organization_list.html",
        # A name as the public sees it, or an alias that names no protected person.
        lambda q: (
            Q(public_name__icontains=q) | Q(aliases__name__icontains=q, aliases__withheld=False)
        ),
        tallies.per_organization,
    )


@require_safe
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        organization = Organization.objects.select_related("parent", "city").get_public(slug)
    except Organization.DoesNotExist:
        return moved_or_404("organization", slug)
    ids = organization.with_branches()
    redact = public_redactor()
    public_description = redact(organization.description)
    people = [(a.person, redact(a.role)) for a in organization.affiliations.public()]
    return render(
        request,
        "incidents/organization_detail.html",
        {
            "organization": organization,
            "public_description": public_description,
            "parent_is_public": organization.parent_is_public(),
            "page": pagination.incidents_page(
                Incident.objects.published().filter(organization__in=ids),
                tallies.organization_total(ids),
                request.GET.get("page"),
            ),
            "branches": organization.branches.public().select_related("city").order_by("name"),
            "affiliations": people,
        },
    )


@require_safe
def city_list(request: HttpRequest) -> HttpResponse:
    return _entity_list(
        request,
        City.objects.public().order_by("name"),
        "incidents/city_list.html",
        lambda q: Q(name__icontains=q) | Q(aliases__name__icontains=q),
        tallies.per_city,
    )


@require_safe
def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    city = City.objects.public().filter(slug=slug).first()
    if city is None:
        return moved_or_404("city", slug)
    return render(
        request,
        "incidents/city_detail.html",
        {
            "city": city,
            "public_region": public_redactor()(city.region),
            "page": pagination.incidents_page(
                Incident.objects.published().filter(city=city),
                tallies.city_total(city),
                request.GET.get("page"),
            ),
            "organizations": city.organizations.public().order_by("name"),
        },
    )


@require_safe
def source_list(request: HttpRequest) -> HttpResponse:
    return _entity_list(
        request,
        Source.objects.public().order_by("-published_on", "title"),
        "incidents/source_list.html",
        lambda q: Q(public_title__icontains=q),
        Citation.objects.published_incidents_per_source,
    )


@require_safe
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        source = Source.objects.get_public(slug)
    except Source.DoesNotExist:
        raise Http404 from None
    redact = public_redactor()
    incidents = Incident.objects.published().with_related().filter(citations__source=source)
    return render(
        request,
        "incidents/source_detail.html",
        {
            "source": source,
            "marked_text": mark_excerpts(source.full_text, source.cited_excerpts(), redact),
            "page": pagination.paginate(
                incidents.distinct().order_by("date", "id"), request.GET.get("page")
            ),
            "signatories": source.signatories.order_by("name"),
            "addressees": [(redact(a.position), redact(a.name)) for a in source.addressees.all()],
        },
    )


# --- Files ------------------------------------------------------------------------------

FAVICON = Path(__file__).resolve().parent.parent / "static" / "favicon.ico"


@require_safe
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """The site icon, where browsers ask for it (/favicon.ico)."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/vnd.microsoft.icon")


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri(reverse("incidents:sitemap"))
    # Every language's address of the admin and the exports (/ru/admin/ …).
    prefixes = [""] + [
        f"/{code}" for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE
    ]
    lines = [
        "User-agent: *",
        *(f"Disallow: {p}/admin/" for p in prefixes),
        *(f"Disallow: {p}/incidents/export" for p in prefixes),
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
