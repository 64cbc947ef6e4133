"""Organizations, their branches, spellings and people."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..models import Affiliation, Incident, Organization, OrganizationAlias
from .common import DuplicateCheckForm, recent_incidents_html
from .large_tables import LargeTableAdminMixin, NameSearchMixin, count_of, is_changelist
from .records import RecordAdminMixin

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class IncidentTotal(TypedDict):
    """What get_queryset annotates the changelist's rows with."""

    incident_total: int


# --- Organizations -----------------------------------------------------------


class OrganizationAliasInline(admin.TabularInline):
    model = OrganizationAlias
    extra = 1


class OrganizationAffiliationInline(admin.TabularInline):
    model = Affiliation
    fk_name = "organization"
    autocomplete_fields = ["person"]
    extra = 0


class OrganizationForm(DuplicateCheckForm):
    class Meta:
        model = Organization
        fields = ["name", "slug", "kind", "parent", "city", "description"]


@admin.register(Organization)
class OrganizationAdmin(
    RecordAdminMixin, LargeTableAdminMixin, NameSearchMixin, SimpleHistoryAdmin
):
    form = OrganizationForm
    alias_model = OrganizationAlias
    alias_field = "organization"
    list_display = ["name", "kind", "parent", "city", "incident_count"]
    list_filter = ["kind"]
    list_select_related = ["parent", "city"]
    search_fields = ["name", "aliases__name", "slug"]  # as NameSearchMixin searches
    ordering = ["name"]
    autocomplete_fields = ["parent", "city"]
    readonly_fields = ["incidents_overview"]
    inlines = [OrganizationAliasInline, OrganizationAffiliationInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Organization]:
        qs = super().get_queryset(request)
        if not is_changelist(request):
            return qs
        return qs.annotate(incident_total=count_of(Incident, "organization"))

    @admin.display(description=_("incidents"), ordering="incident_total")
    def incident_count(self, obj: WithAnnotations[Organization, IncidentTotal]) -> int:
        return obj.incident_total

    @admin.display(description=_("incidents"))
    def incidents_overview(self, obj: Organization) -> str:
        if obj.pk is None:
            return "—"
        incidents = Incident.objects.filter(Q(organization=obj) | Q(organization__parent=obj))
        return recent_incidents_html(incidents, "organization__id__exact", obj.pk)
