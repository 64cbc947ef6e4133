"""Public pages. Every queryset starts from Incident.objects.published()."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import City, Incident, Organization, Person, Source

PAGE_SIZE = 50


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    published = Incident.objects.published()
    counts = dict(
        published.order_by().values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
    )
    by_kind = [(kind, counts.get(kind.value, 0)) for kind in Incident.Kind]
    latest = published.with_related()[:10]
    return render(
        request,
        "incidents/overview.html",
        {"by_kind": by_kind, "total": sum(counts.values()), "latest": latest},
    )


@require_safe
def incident_list(request: HttpRequest) -> HttpResponse:
    incidents = Incident.objects.published().with_related()
    page = Paginator(incidents, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "incidents/incident_list.html", {"page": page})


@require_safe
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_object_or_404(Incident.objects.published().with_related(), pk=pk)
    citations = incident.citations.select_related("source")
    return render(
        request, "incidents/incident_detail.html", {"incident": incident, "citations": citations}
    )


@require_safe
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(
        Person,
        Q(identity_protected=False, slug=slug) | Q(identity_protected=True, public_id=slug),
    )
    incidents = Incident.objects.published().with_related().filter(person=person)
    return render(
        request, "incidents/person_detail.html", {"person": person, "incidents": incidents}
    )


@require_safe
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(
        Organization.objects.select_related("parent", "city"), slug=slug
    )
    incidents = (
        Incident.objects.published()
        .with_related()
        .filter(Q(organization=organization) | Q(organization__parent=organization))
    )
    return render(
        request,
        "incidents/organization_detail.html",
        {"organization": organization, "incidents": incidents},
    )


@require_safe
def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_object_or_404(City, slug=slug)
    incidents = Incident.objects.published().with_related().filter(city=city)
    return render(request, "incidents/city_detail.html", {"city": city, "incidents": incidents})


@require_safe
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = get_object_or_404(Source, slug=slug)
    return render(request, "incidents/source_detail.html", {"source": source})
