"""Sources: statements, reports and testimonies, and whom they address."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..models import Addressee, Citation, Source
from .common import ReviewerOnlyMixin
from .large_tables import count_of

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class CitationTotal(TypedDict):
    """What get_queryset annotates the changelist's rows with."""

    citation_total: int


# --- Sources -----------------------------------------------------------------


class AddresseeInline(admin.TabularInline):
    model = Addressee
    extra = 1


@admin.register(Source)
class SourceAdmin(ReviewerOnlyMixin, SimpleHistoryAdmin):
    list_display = ["title", "kind", "published_on", "citation_count"]
    list_filter = ["kind"]
    date_hierarchy = "published_on"
    search_fields = ["title", "slug", "url"]
    ordering = ["-published_on", "title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["signatories"]
    inlines = [AddresseeInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Source]:
        return super().get_queryset(request).annotate(citation_total=count_of(Citation, "source"))

    @admin.display(description=_("citations"), ordering="citation_total")
    def citation_count(self, obj: WithAnnotations[Source, CitationTotal]) -> int:
        return obj.citation_total
