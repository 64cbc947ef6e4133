"""Incidents, entered many a day: citations inline, the workflow as actions,
and search that reads the full-text index."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..models import Citation, Incident, Person, PersonAlias, Source
from ..names import name_key
from ..search import MAX_WORDS as MAX_QUERY_WORDS
from ..search import full_text_ids
from ..workflow import can_publish, summary_problems
from .common import ConfirmationMixin, ReviewerOnlyMixin, admin_links
from .large_tables import LargeTableAdminMixin, YearListFilter

# --- Incidents ---------------------------------------------------------------


class CitationForm(forms.ModelForm):
    class Meta:
        model = Citation
        fields = ["source", "excerpt"]
        widgets = {"excerpt": forms.Textarea(attrs={"rows": 3, "cols": 80})}

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        source, excerpt = cleaned.get("source"), cleaned.get("excerpt")
        if source and excerpt and source.full_text:
            found = source.find_excerpt(excerpt)
            if found is None:
                self.add_error(
                    "excerpt",
                    _(
                        "This excerpt does not appear word for word in the source’s full "
                        "text. Copy the exact sentence from the source."
                    ),
                )
            else:
                # Keep the source's own characters (curly quotes, line breaks).
                cleaned["excerpt"] = found
        return cleaned


class CitationFormSet(forms.BaseInlineFormSet):
    _should_delete_form: Callable[[forms.BaseForm], bool]  # BaseFormSet's; not in django-stubs

    def clean(self) -> None:
        super().clean()
        if self.instance.status != Incident.Status.PUBLISHED:
            return
        kept = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not (self.can_delete and self._should_delete_form(form))
        ]
        if not kept:
            raise ValidationError(
                _("A published incident needs at least one citation of its source."),
                code="citation_required",
            )


class CitationInline(admin.StackedInline):
    model = Citation
    form = CitationForm
    formset = CitationFormSet
    autocomplete_fields = ["source"]
    extra = 1
    min_num = 0


# Dates as the staff write them: ISO, and day first (14.07.2021, 14/07/2021).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d.%m.%y", "%d-%m-%Y"]
# Day and month both 12 or less, with slashes or dashes: 05/07/2021 may be
# 5 July or (as an American writes it) 7 May. Dots are day first everywhere.
AMBIGUOUS_DATE = re.compile(r"\s*(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})\s*")


def ambiguous_date(raw: str) -> bool:
    m = AMBIGUOUS_DATE.fullmatch(raw or "")
    if m is None:
        return False
    day, month = int(m[1]), int(m[2])
    return day <= 12 and month <= 12 and day != month


class SourceListFilter(admin.SimpleListFilter):
    """The incidents citing one source (?source=<id>): a batch taken in from one
    report. Offers the latest sources; any other is reached by its id."""

    title = _("source")
    parameter_name = "source"
    LATEST = 10

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        latest = list(Source.objects.order_by("-pk").values_list("pk", "title")[: self.LATEST])
        chosen = self.value()
        if chosen and chosen.isdigit() and all(str(pk) != chosen for pk, _t in latest):
            latest += list(Source.objects.filter(pk=int(chosen)).values_list("pk", "title"))
        return [(str(pk), title[:60]) for pk, title in latest]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if not value:
            return queryset
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(
            pk__in=Citation.objects.filter(source_id=int(value)).values("incident")
        )


class CreatedByListFilter(admin.SimpleListFilter):
    """Who recorded the incident: "me" (with the status filter: my drafts)."""

    title = _("created by")
    parameter_name = "created_by"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("me", _("Me")), ("others", _("Others"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "me":
            return queryset.filter(created_by=request.user.pk)
        if self.value() == "others":
            return queryset.exclude(created_by=request.user.pk)
        return queryset


class IncidentForm(ConfirmationMixin, forms.ModelForm):
    confirm_not_duplicate = ConfirmationMixin.confirm_not_duplicate
    date_confirmed = forms.CharField(
        label=_("Date confirmed"), required=False, widget=forms.HiddenInput()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "date" in self.fields:
            cast(forms.DateField, self.fields["date"]).input_formats = DATE_INPUT_FORMATS

    class Meta:
        model = Incident
        fields = [
            "kind",
            "date",
            "person",
            "organization",
            "city",
            "summary",
            "status",
            "staff_notes",
        ]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def clean_date(self) -> Any:
        date = self.cleaned_data.get("date")
        if date and date > timezone.localdate():
            raise ValidationError(_("The date is in the future."), code="future_date")
        raw = str(self.data.get(self.add_prefix("date"), "")).strip()
        if date and ambiguous_date(raw) and self.data.get("date_confirmed") != raw:
            # Shown back in words; the second save with the same text keeps it.
            data = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
            data["date_confirmed"] = raw
            self.data = data
            raise ValidationError(
                _(
                    "“%(raw)s” is read day first, as %(words)s. If that is right, save "
                    "again; otherwise correct it."
                )
                % {"raw": raw, "words": date_format(date, "j F Y")},
                code="ambiguous_date",
            )
        return date

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if (
            not cleaned.get("person")
            and not cleaned.get("organization")
            and not (self.has_error("person") or self.has_error("organization"))
        ):
            self.add_error(
                "person",
                _("Choose a person, an organization or both."),
            )
        if cleaned.get("status") == Incident.Status.PUBLISHED:
            for problem in summary_problems(cleaned.get("summary") or ""):
                self.add_error("summary", problem)
        if self.errors:
            return cleaned
        # Without errors, the required kind and date are there.
        candidate = Incident(
            pk=self.instance.pk,
            kind=cleaned["kind"],
            date=cleaned["date"],
            person=cleaned.get("person"),
            organization=cleaned.get("organization"),
        )
        duplicates = list(candidate.duplicates()[:1])
        if duplicates:
            # On the field, with a link; the unique constraint then stays silent.
            self.add_error(
                "date",
                ValidationError(
                    format_html(
                        gettext(
                            "An incident of this kind for this person and organization on this "
                            "date already exists: {}. Add your source to it as a citation."
                        ),
                        admin_links(duplicates),
                    ),
                    code="duplicate",
                ),
            )
            return cleaned
        if cleaned.get("confirm_not_duplicate"):
            return cleaned
        similar = list(candidate.similar_incidents().select_related("person", "organization")[:10])
        if similar:
            self.ask_to_confirm(
                "person" if candidate.person_id else "organization",
                _(
                    "The same kind of incident on the same day is already recorded: {}. "
                    "If this is a different event, tick the confirmation box and save again."
                ),
                similar,
            )
        return cleaned


@admin.register(Incident)
class IncidentAdmin(ReviewerOnlyMixin, LargeTableAdminMixin, SimpleHistoryAdmin):
    form = IncidentForm
    list_display = ["date", "kind", "person", "organization", "city", "status"]
    list_display_links = ["date", "kind"]
    # At a million incidents: kinds and statuses are choices, years two index
    # lookups; the count stops at 10,000; search reads the full-text index.
    list_filter = ["kind", "status", YearListFilter]
    # Shown when asked for (?source=…, ?created_by=me: the links above the list,
    # and where intake lands), so that the list costs no query more otherwise.
    extra_filters = {"source": SourceListFilter, "created_by": CreatedByListFilter}
    list_select_related = ["person", "organization", "city"]
    search_fields = ["search_text"]  # see get_search_results
    search_help_text = _(
        "Words of the summary or names (any script), a protected person's name, "
        "or an incident's number."
    )
    autocomplete_fields = ["person", "organization", "city"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kind",
                    "date",
                    "date_confirmed",
                    "person",
                    "organization",
                    "city",
                    "summary",
                    "status",
                    "confirm_not_duplicate",
                ]
            },
        ),
        (
            _("Staff only"),
            {
                "fields": ["staff_notes", "created_by", "created_at", "updated_at"],
                "classes": ["collapse"],
            },
        ),
    ]
    inlines = [CitationInline]
    ordering = ["-date", "-id"]
    actions = ["submit_for_review", "publish", "return_to_draft"]

    def get_list_filter(self, request: HttpRequest) -> Any:
        extra = [f for name, f in self.extra_filters.items() if name in request.GET]
        return [*super().get_list_filter(request), *extra]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        """Every word in the full-text index (summary, names, aliases and their
        transliterations, as the public `q`), or the name of a protected person,
        which that index never holds (a few thousand rows, on their own index),
        or the incident's number. No LIKE over a million rows, no DISTINCT."""
        words = search_term.split()[:MAX_QUERY_WORDS]
        if not words:
            return queryset, False
        ids = full_text_ids(words)
        condition = Q(pk__in=ids) if ids is not None else Q(pk__in=[])
        key = name_key(search_term)
        if key:
            protected = list(
                Person.objects.filter(identity_protected=True)
                .filter(
                    Q(name_key__contains=key)
                    | Q(pk__in=PersonAlias.objects.filter(name_key__contains=key).values("person"))
                )
                .values_list("pk", flat=True)
            )
            if protected:  # an OR only when needed: the planner keeps the date order
                condition |= Q(person__in=protected)
        if re.fullmatch(r"[0-9]{1,18}", search_term.strip()):
            condition |= Q(pk=int(search_term))
        return queryset.filter(condition), False

    # -- Who may do what: an editor never publishes, by any path ----------------

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return can_publish(request.user)

    def get_form(
        self, request: HttpRequest, obj: Incident | None = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm[Any]]:
        form = super().get_form(request, obj, change=change, **kwargs)
        if "status" in form.base_fields and not can_publish(request.user):
            # A model field with choices: a TypedChoiceField.
            status = cast(forms.ChoiceField, form.base_fields["status"])
            status.choices = [
                c for c in Incident.Status.choices if c[0] != Incident.Status.PUBLISHED
            ]
            status.help_text = _("Submit for review when it is ready; a reviewer publishes it.")
        return form

    # -- Actions ---------------------------------------------------------------

    @admin.action(description=_("Submit for review"), permissions=["change"])
    def submit_for_review(self, request: HttpRequest, queryset: QuerySet[Incident]) -> None:
        drafts = [i for i in queryset if i.status == Incident.Status.DRAFT]
        for incident in drafts:
            incident.submit_for_review()
        self.message_user(
            request,
            ngettext(
                "%(n)d incident submitted for review.",
                "%(n)d incidents submitted for review.",
                len(drafts),
            )
            % {"n": len(drafts)},
        )

    @admin.action(description=_("Publish"), permissions=["publish"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Incident]) -> None:
        published = 0
        for incident in queryset.exclude(status=Incident.Status.PUBLISHED):
            try:
                incident.publish(request.user)
            except ValidationError as exc:
                self.message_user(
                    request,
                    format_html("{}: {}", str(incident), " ".join(exc.messages)),
                    messages.ERROR,
                )
            else:
                published += 1
        self.message_user(
            request,
            ngettext("%(n)d incident published.", "%(n)d incidents published.", published)
            % {"n": published},
        )

    @admin.action(description=_("Return to draft (unpublish)"), permissions=["change"])
    def return_to_draft(self, request: HttpRequest, queryset: QuerySet[Incident]) -> None:
        allowed = [i for i in queryset if not i.is_published or can_publish(request.user)]
        for incident in allowed:
            incident.return_to_draft(request.user)
        refused = queryset.count() - len(allowed)
        self.message_user(
            request,
            ngettext(
                "%(n)d incident returned to draft.",
                "%(n)d incidents returned to draft.",
                len(allowed),
            )
            % {"n": len(allowed)},
        )
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(n)d published incident was left as it is: only a reviewer unpublishes.",
                    "%(n)d published incidents were left as they are: only a reviewer unpublishes.",
                    refused,
                )
                % {"n": refused},
                messages.ERROR,
            )

    def save_model(self, request: HttpRequest, obj: Incident, form: Any, change: bool) -> None:
        if not change and obj.created_by_id is None:
            obj.created_by = cast(User, request.user)  # the admin serves signed-in staff only
        super().save_model(request, obj, form, change)

    def get_formset_kwargs(
        self, request: HttpRequest, obj: Incident | None, inline: Any, prefix: str
    ) -> dict[str, Any]:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        source = request.GET.get("source", "")
        if (
            isinstance(inline, CitationInline)
            and request.method == "GET"
            and (obj is None or obj.pk is None)
            and source.isdigit()
        ):
            kwargs["initial"] = [{"source": int(source)}]
        return kwargs

    def response_add(
        self, request: HttpRequest, obj: Incident, post_url_continue: str | None = None
    ) -> HttpResponse:
        response = super().response_add(request, obj, post_url_continue)
        if "_addanother" in request.POST and isinstance(response, HttpResponseRedirect):
            carried = {
                "kind": obj.kind,
                "date": obj.date.isoformat(),
                "city": str(obj.city_id or ""),
            }
            citation = obj.citations.order_by("id").first()
            if citation is not None:
                carried["source"] = str(citation.source_id)
            query = urlencode({k: v for k, v in carried.items() if v})
            # Only what this incident carries: the add page's own query (what the
            # one before carried, a city among it) is dropped, never passed on.
            url = response["Location"].split("?", 1)[0]
            response["Location"] = f"{url}?{query}" if query else url
        return response

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """The text of the sources cited (or about to be) beside the excerpts."""
        ids: list[int] = []
        if object_id and object_id.isdigit():
            ids += list(
                Citation.objects.filter(incident_id=int(object_id))
                .order_by("id")
                .values_list("source_id", flat=True)
            )
        source = request.GET.get("source", "")
        if source.isdigit():
            ids.append(int(source))
        sources = Source.objects.in_bulk(ids)
        shown = [sources[pk] for pk in dict.fromkeys(ids) if pk in sources]
        extra_context = {
            **(extra_context or {}),
            "source_texts": [s for s in shown if s.full_text][:3],
        }
        return super().changeform_view(request, object_id, form_url, extra_context)
