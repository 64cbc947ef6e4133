"""The admin that documentation officers enter incidents in, many a day.

- Person, organization, city and source are autocompletes, never a <select> of
  every row.
- "Save and add another" carries kind, date, city and source into the next form,
  because staff enter a whole statement in a row.
- Creating a person or organization whose name matches an existing name or alias
  (ignoring case, diacritics and script) asks for confirmation first.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from .filters import MAX_QUERY_WORDS, full_text_ids
from .models import (
    Addressee,
    Affiliation,
    Citation,
    City,
    CityAlias,
    Incident,
    Organization,
    OrganizationAlias,
    Person,
    PersonAlias,
    Source,
    can_publish,
    name_key,
    summary_problems,
)

RECENT_INCIDENTS_SHOWN = 20


class ReviewerOnlyMixin:
    """Records whose model says `reviewer_only()` (a published incident, a source
    that published incidents cite, a protected person) are read-only for staff
    who cannot publish: in the change form, the delete views, bulk actions and
    the history revert view alike."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.reviewer_only() and not can_publish(request.user):
            return False
        return super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.reviewer_only() and not can_publish(request.user):
            return False
        return super().has_delete_permission(request, obj)  # type: ignore[misc]

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        # django-simple-history checks the old version, not the live row: a revert
        # is a change of the live row, and bringing back a deleted one a reviewer's.
        if request.method == "POST":
            live = self.model._default_manager.filter(pk=object_id).first()  # type: ignore[attr-defined]
            if live is None and not can_publish(request.user):
                raise PermissionDenied
            if live is not None and not self.has_change_permission(request, live):
                raise PermissionDenied
        return super().history_form_view(  # type: ignore[misc]
            request, object_id, version_id, extra_context
        )


def count_of(model: type[models.Model], field: str) -> Subquery:
    """How many `model` rows point at each row, as a scalar subquery: worked out
    for the rows shown (a page, an autocomplete's few), not by grouping a join
    of the whole table as Count() does."""
    return Coalesce(
        Subquery(
            model._default_manager.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def is_changelist(request: HttpRequest) -> bool:
    """Counts shown as a changelist's column are not worked out for the
    autocomplete, the change form or the delete views."""
    match = request.resolver_match
    return bool(match and match.url_name and match.url_name.endswith("_changelist"))


class CappedCountPaginator(Paginator):
    """Counts at most `cap` rows: a changelist over a million incidents should
    not count them all to show a page (templates/admin/pagination.html then
    reads "more than 10,000"). Filters and search narrow it down."""

    cap = 10_000

    @cached_property
    def count(self) -> int:  # type: ignore[override]
        # Ids only: a column worked out per row (count_of) is not worked out here.
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap


class LookAheadPaginator(Paginator):
    """Pages with no count at all: one row more than a page tells whether
    another follows. For the autocompletes, which only need "more"."""

    max_pages = 1000

    def validate_number(self, number: Any) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(_("That page number is not an integer")) from None
        if not 1 <= number <= self.max_pages:
            raise EmptyPage(_("That page contains no results"))
        return number

    def page(self, number: Any) -> Any:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(_("That page contains no results"))
        self.__dict__["count"] = bottom + len(rows)  # has_next() reads it
        return self._get_page(rows[: self.per_page], number, self)


class LargeTableAdminMixin:
    """Changelists count up to a cap, autocompletes not at all, and the total
    beside a search result is not counted."""

    paginator = CappedCountPaginator
    show_full_result_count = False

    def get_paginator(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Paginator:
        if is_changelist(request):
            return super().get_paginator(request, *args, **kwargs)  # type: ignore[misc]
        return LookAheadPaginator(*args, **kwargs)


class YearListFilter(admin.SimpleListFilter):
    """Years from the first incident's to the last's (two index lookups), in
    place of date_hierarchy, which groups every row by year."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        dates = Incident.objects.order_by("date").values_list("date", flat=True)
        first, last = dates.first(), dates.last()
        if first is None:
            return []
        return [(str(y), str(y)) for y in range(last.year, first.year - 1, -1)]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if not value:
            return queryset
        if not re.fullmatch(r"[0-9]{1,4}", value) or int(value) < 1:
            return queryset.none()
        year = int(value)
        return queryset.filter(date__gte=dt.date(year, 1, 1), date__lte=dt.date(year, 12, 31))


class NameKeySearchMixin:
    """Search also by name key, so "лапта", "Лапта" and "LAPTA" find Alyona Lapta.

    SQLite's LIKE ignores case only in ASCII; the stored keys are transliterated
    and lower-cased, so this works the same on both backends.
    """

    name_key_paths: tuple[str, ...] = ("name_key", "aliases__name_key")

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        results, may_have_duplicates = super().get_search_results(  # type: ignore[misc]
            request, queryset, search_term
        )
        key = name_key(search_term)
        if key and key != search_term:
            condition = Q()
            for path in self.name_key_paths:
                condition |= Q(**{f"{path}__contains": key})
            results = results | queryset.filter(condition)
            may_have_duplicates = True
        return results, may_have_duplicates


class NameSearchMixin:
    """Search people or organizations, hundreds of thousands of them, by name.

    Each word must be in the name or in one alias: as typed (any case) or as its
    name key ("лапта", "LAPTA" find Alyona Lapta), or be the whole slug (a part
    of a slug is found through the name key). At most MAX_QUERY_WORDS words are
    used, as in the incidents' search. This replaces search_fields. The ids
    that match come from the names and from the aliases separately (a UNION),
    so the list needs neither a join nor DISTINCT, and on PostgreSQL each LIKE
    reads a trigram index (migration 0014).
    """

    alias_model: type[models.Model]
    alias_field: str

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        words = []
        for bit in smart_split(search_term):  # as the admin splits: "two words" is one
            if bit.startswith(('"', "'")) and len(bit) > 1 and bit[0] == bit[-1]:
                bit = unescape_string_literal(bit)
            if bit:
                words.append(bit)
        for word in words[:MAX_QUERY_WORDS]:
            key = name_key(word)
            own = Q(name__icontains=word) | Q(slug=word.lower())
            alias = Q(name__icontains=word)
            if key:
                own |= Q(name_key__contains=key)
                alias |= Q(name_key__contains=key)
            ids = (
                queryset.model._default_manager.filter(own)
                .order_by()
                .values("pk")
                .union(
                    self.alias_model._default_manager.filter(alias)
                    .order_by()
                    .values(self.alias_field)
                )
            )
            queryset = queryset.filter(pk__in=ids)
        return queryset, False


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


class ConfirmationMixin:
    """A form that stops once to ask "is this really not a duplicate?".

    The confirmation box stays hidden until a likely duplicate is found.
    """

    confirm_not_duplicate = forms.BooleanField(
        required=False,
        widget=forms.HiddenInput,
        label=_("This is not one of the records listed above: save it anyway"),
    )

    def ask_to_confirm(self, field: str, message: str, matches: list[Any]) -> None:
        self.fields["confirm_not_duplicate"].widget = forms.CheckboxInput()  # type: ignore[attr-defined]
        self.add_error(  # type: ignore[attr-defined]
            field,
            ValidationError(format_html(message, admin_links(matches)), code="possible_duplicate"),
        )


class DuplicateCheckForm(ConfirmationMixin, forms.ModelForm):
    """Asks for confirmation when the name matches an existing name or alias."""

    confirm_not_duplicate = ConfirmationMixin.confirm_not_duplicate

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        name = cleaned.get("name")
        name_changed = self.instance.pk is None or "name" in self.changed_data
        if not name or not name_changed or cleaned.get("confirm_not_duplicate"):
            return cleaned
        model = self._meta.model
        matches = list(model.likely_duplicates(name, exclude_pk=self.instance.pk)[:10])
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
        return _("No incidents yet.")
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


# --- Cities ------------------------------------------------------------------


class CityAliasInline(admin.TabularInline):
    model = CityAlias
    extra = 1


@admin.register(City)
class CityAdmin(LargeTableAdminMixin, NameKeySearchMixin, SimpleHistoryAdmin):
    list_display = ["name", "country", "region", "latitude", "longitude"]
    list_filter = ["country"]
    search_fields = ["name", "aliases__name", "region"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CityAliasInline]


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
class OrganizationAdmin(LargeTableAdminMixin, NameSearchMixin, SimpleHistoryAdmin):
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
    def incident_count(self, obj: Organization) -> int:
        return obj.incident_total

    @admin.display(description=_("incidents"))
    def incidents_overview(self, obj: Organization) -> str:
        if obj.pk is None:
            return "—"
        incidents = Incident.objects.filter(Q(organization=obj) | Q(organization__parent=obj))
        return recent_incidents_html(incidents, "organization__id__exact", obj.pk)


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
class PersonAdmin(ReviewerOnlyMixin, LargeTableAdminMixin, NameSearchMixin, SimpleHistoryAdmin):
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
    def incident_count(self, obj: Person) -> int:
        return obj.incident_total

    @admin.display(description=_("incidents"))
    def incidents_overview(self, obj: Person) -> str:
        if obj.pk is None:
            return "—"
        return recent_incidents_html(obj.incidents.all(), "person__id__exact", obj.pk)


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
    def citation_count(self, obj: Source) -> int:
        return obj.citation_total


# --- Incidents ---------------------------------------------------------------


class CitationForm(forms.ModelForm):
    class Meta:
        model = Citation
        fields = ["source", "excerpt"]
        widgets = {"excerpt": forms.Textarea(attrs={"rows": 3, "cols": 80})}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
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


class IncidentForm(ConfirmationMixin, forms.ModelForm):
    confirm_not_duplicate = ConfirmationMixin.confirm_not_duplicate

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
        return date

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
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
        candidate = Incident(
            pk=self.instance.pk,
            kind=cleaned.get("kind"),
            date=cleaned.get("date"),
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
                        _(
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

    def get_form(self, request: HttpRequest, obj: Incident | None = None, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, **kwargs)
        if "status" in form.base_fields and not can_publish(request.user):
            form.base_fields["status"].choices = [
                c for c in Incident.Status.choices if c[0] != Incident.Status.PUBLISHED
            ]
            form.base_fields["status"].help_text = _(
                "Submit for review when it is ready; a reviewer publishes it."
            )
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
            obj.created_by = request.user
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
            url = response["Location"]
            response["Location"] = f"{url}{'&' if '?' in url else '?'}{query}"
        return response
