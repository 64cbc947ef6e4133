"""What every admin here shares: read-only records for staff who cannot
publish, links to records, the confirmation asked before a likely duplicate,
and the short list of a record's incidents."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Incident
from ..names.records import likely_duplicates
from ..workflow import can_publish

if TYPE_CHECKING:
    # What the mixins below are mixed into, for the type checker.
    from simple_history.admin import SimpleHistoryAdmin as _HistoryAdmin

    _Form = forms.BaseForm
else:
    _HistoryAdmin = _Form = object

RECENT_INCIDENTS_SHOWN = 20


class ReviewerOnlyMixin(_HistoryAdmin):
    """Records whose model says `reviewer_only()` (a published incident, a source
    that published incidents cite, a protected person) are read-only for staff
    who cannot publish: in the change form, the delete views, bulk actions and
    the history revert view alike."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.reviewer_only() and not can_publish(request.user):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.reviewer_only() and not can_publish(request.user):
            return False
        return super().has_delete_permission(request, obj)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        # django-simple-history checks the old version, not the live row: a revert
        # is a change of the live row, and bringing back a deleted one a reviewer's.
        if request.method == "POST":
            live = self.model._default_manager.filter(pk=object_id).first()
            if live is None and not can_publish(request.user):
                raise PermissionDenied
            if live is not None and not self.has_change_permission(request, live):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


# --- Duplicate check for people and organizations ----------------------------


def admin_links(objects: list[Any]) -> str:
    return format_html_join(
        ", ",
        '<a href="{}" target="_blank">{}</a>',
        (
            (
                reverse(f"admin:{o._meta.app_label}_{o._meta.model_name}_change", args=[o.pk]),
                str(o),
            )
            for o in objects
        ),
    )


class ConfirmationMixin(_Form):
    """A form that stops once to ask "is this really not a duplicate?".

    The confirmation box stays hidden until a likely duplicate is found.
    """

    confirm_not_duplicate = forms.BooleanField(
        required=False,
        widget=forms.HiddenInput,
        label=_("This is not one of the records listed above: save it anyway"),
    )

    def ask_to_confirm(self, field: str, message: str | Promise, matches: list[Any]) -> None:
        self.fields["confirm_not_duplicate"].widget = forms.CheckboxInput()
        self.add_error(
            field,
            ValidationError(
                format_html(str(message), admin_links(matches)), code="possible_duplicate"
            ),
        )


class DuplicateCheckForm(ConfirmationMixin, forms.ModelForm):
    """Asks for confirmation when the name matches an existing name or alias."""

    confirm_not_duplicate = ConfirmationMixin.confirm_not_duplicate

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        name = cleaned.get("name")
        name_changed = self.instance.pk is None or "name" in self.changed_data
        if not name or not name_changed or cleaned.get("confirm_not_duplicate"):
            return cleaned
        # Any spelling, script or grammatical case (the names engine), less the
        # records a reviewer said are not the same.
        matches = likely_duplicates(self.instance, name)
        if matches:
            self.ask_to_confirm(
                "name",
                _(
                    "Possible duplicate of: {}. Open it to check, and add this spelling "
                    "there as an alias if it is the same; if it is not, tick the "
                    "confirmation box below and save again."
                ),
                matches,
            )
        return cleaned


def recent_incidents_html(incidents: QuerySet[Incident], filter_param: str, pk: int) -> str:
    """A short table of incidents for a person's or organization's admin page."""
    rows = list(incidents.select_related("person", "organization", "city")[:RECENT_INCIDENTS_SHOWN])
    if not rows:
        return gettext("No incidents yet.")
    changelist = reverse("admin:incidents_incident_changelist")
    items = format_html_join(
        "",
        '<li><a href="{}">{}</a> <small>({})</small></li>',
        (
            (
                reverse("admin:incidents_incident_change", args=[i.pk]),
                str(i),
                i.get_status_display(),
            )
            for i in rows
        ),
    )
    return format_html(
        '<ul class="incident-list">{}</ul><p><a href="{}?{}">{}</a></p>',
        items,
        changelist,
        urlencode({filter_param: pk}),
        _("All incidents in the incident list"),
    )
