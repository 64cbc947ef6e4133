"""What the admins of people, organizations and cities share: merging
duplicates (reviewers), recording two records as not the same (reviewers),
the creator of a record, and an editor's deleting of a record they created
while nothing refers to it yet."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import merging
from ..models import Merge, NotSame
from ..workflow import can_publish

MAX_MERGED = 10


class RecordAdminMixin:
    """For PersonAdmin, OrganizationAdmin and CityAdmin (ModelAdmin subclasses)."""

    actions: Any = ["merge_records", "mark_not_the_same"]

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return can_publish(request.user)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change and hasattr(obj, "created_by_id") and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        allowed = super().has_delete_permission(request, obj)  # type: ignore[misc]
        if allowed or obj is None:
            return bool(allowed)
        # An editor may delete what they created while nothing refers to it yet.
        own = getattr(obj, "created_by_id", None) == request.user.pk
        protected = getattr(obj, "identity_protected", False) and not can_publish(request.user)
        return bool(own and not protected and not obj.referenced())

    @admin.action(description=_("Merge the selected records into one…"), permissions=["merge"])
    def merge_records(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
        records = list(queryset.order_by("pk")[: MAX_MERGED + 1])
        if not 2 <= len(records) <= MAX_MERGED:
            self.message_user(  # type: ignore[attr-defined]
                request,
                _("Choose between two and %(max)d records to merge.") % {"max": MAX_MERGED},
                messages.ERROR,
            )
            return None
        keep = request.POST.get("keep", "")
        kept = next((r for r in records if str(r.pk) == keep), None)
        if kept is None:
            return TemplateResponse(
                request,
                "admin/incidents/merge_confirm.html",
                {
                    **self.admin_site.each_context(request),  # type: ignore[attr-defined]
                    "title": _("Merge records"),
                    "records": records,
                    "opts": self.model._meta,  # type: ignore[attr-defined]
                    "action": "merge_records",
                    "clashes": {r.pk: merging.clashes(records[0], r) for r in records[1:]},
                },
            )
        done = 0
        for other in records:
            if other.pk == kept.pk:
                continue
            try:
                merging.merge(kept, other, request.user)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)  # type: ignore[attr-defined]
                continue
            done += 1
        if done:
            self.message_user(  # type: ignore[attr-defined]
                request,
                ngettext(
                    "%(n)d record merged into “%(kept)s”. "
                    "Merges can be undone from the list of merges.",
                    "%(n)d records merged into “%(kept)s”. "
                    "Merges can be undone from the list of merges.",
                    done,
                )
                % {"n": done, "kept": kept},
            )
        return None

    @admin.action(description=_("Mark the selected as not the same"), permissions=["merge"])
    def mark_not_the_same(self, request: HttpRequest, queryset: QuerySet) -> None:
        records = list(queryset.order_by("pk")[: MAX_MERGED + 1])
        if not 2 <= len(records) <= MAX_MERGED:
            self.message_user(  # type: ignore[attr-defined]
                request,
                _("Choose between two and %(max)d records.") % {"max": MAX_MERGED},
                messages.ERROR,
            )
            return
        kind = records[0].KIND
        for i, a in enumerate(records):
            for b in records[i + 1 :]:
                NotSame.pair(kind, a.pk, b.pk, said_by=request.user)
        self.message_user(  # type: ignore[attr-defined]
            request,
            _("Recorded as not the same: the duplicate warning will not ask about them again."),
        )


@admin.register(Merge)
class MergeAdmin(admin.ModelAdmin):
    list_display = ["merged_name", "of", "kept_record", "merged_by", "merged_at", "undone_at"]
    list_filter = ["of"]
    readonly_fields = [
        "of",
        "kept_record",
        "merged_id",
        "merged_name",
        "merged_by",
        "merged_at",
        "undone_at",
    ]
    fields = list(readonly_fields)
    actions = ["undo_merges"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_undo_permission(self, request: HttpRequest) -> bool:
        return can_publish(request.user)

    @admin.display(description=_("kept record"))
    def kept_record(self, obj: Merge) -> str:
        kept = merging.kept_record(obj)
        return str(kept) if kept is not None else "—"

    @admin.action(description=_("Undo the selected merges"), permissions=["undo"])
    def undo_merges(self, request: HttpRequest, queryset: QuerySet[Merge]) -> None:
        done = 0
        for record in queryset.filter(undone_at__isnull=True).order_by("-merged_at"):
            try:
                merging.undo(record, request.user)
            except ValidationError as exc:
                self.message_user(request, " ".join(exc.messages), messages.ERROR)
                continue
            done += 1
        self.message_user(
            request,
            ngettext("%(n)d merge undone.", "%(n)d merges undone.", done) % {"n": done},
        )
