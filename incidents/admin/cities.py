"""Cities and their other spellings."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ..models import City, CityAlias
from .large_tables import LargeTableAdminMixin, NameKeySearchMixin
from .records import RecordAdminMixin

# --- Cities ------------------------------------------------------------------


class CityAliasInline(admin.TabularInline):
    model = CityAlias
    extra = 1


@admin.register(City)
class CityAdmin(RecordAdminMixin, LargeTableAdminMixin, NameKeySearchMixin, SimpleHistoryAdmin):
    list_display = ["name", "country", "region", "latitude", "longitude"]
    list_filter = ["country"]
    search_fields = ["name", "aliases__name", "region"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CityAliasInline]
