"""People: their spellings, organizations and protection."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..models import Affiliation, Incident, Person, PersonAlias
from .common import DuplicateCheckForm, ReviewerOnlyMixin, recent_incidents_html
from .large_tables import LargeTableAdminMixin, NameSearchMixin, count_of, is_changelist
from .records import RecordAdminMixin

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class IncidentTotal(TypedDict):
    """What get_queryset annotates the changelist's rows with."""

    incident_total: int


# --- People ------------------------------------------------------------------


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1


class PersonAffiliationInline(admin.TabularInline):
    model = Affiliation
    fk_name = "person"
    autocomplete_fields = ["organization"]
    extra = 1


class PersonForm(DuplicateCheckForm):
    class Meta:
        model = Person
        fields = ["name", "slug", "description", "identity_protected"]


@admin.register(Person)
class PersonAdmin(
    RecordAdminMixin, ReviewerOnlyMixin, LargeTableAdminMixin, NameSearchMixin, SimpleHistoryAdmin
):
    form = PersonForm
    alias_model = PersonAlias
    alias_field = "person"
    list_display = ["name", "identity_protected", "incident_count"]
    list_filter = ["identity_protected"]
    search_fields = ["name", "aliases__name", "slug"]  # as NameSearchMixin searches
    ordering = ["name"]
    readonly_fields = ["public_id", "incidents_overview"]
    inlines = [PersonAliasInline, PersonAffiliationInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Person]:
        qs = super().get_queryset(request)
        if not is_changelist(request):
            return qs
        return qs.annotate(incident_total=count_of(Incident, "person"))

    @admin.display(description=_("incidents"), ordering="incident_total")
    def incident_count(self, obj: WithAnnotations[Person, IncidentTotal]) -> int:
        return obj.incident_total

    @admin.display(description=_("incidents"))
    def incidents_overview(self, obj: Person) -> str:
        if obj.pk is None:
            return "—"
        return recent_incidents_html(obj.incidents.all(), "person__id__exact", obj.pk)
