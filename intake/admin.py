"""The admin's "Add incidents from a report" (the add page of `Report`) and the
citations that wait for a reviewer.

The add page is two steps on one address, one page load each: the report's
form, then the review (the report's text beside the proposals, each editable
and tickable); its one button records every ticked proposal (intake.service)
and lands on the incident list narrowed to the new source.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from incidents.models import City, Organization, Person
from incidents.workflow import can_publish

from .forms import LANGUAGE_NAMES, ReportForm, ReviewedReportForm, proposal_formset
from .models import PendingCitation, Report
from .proposals import Proposal, Proposals
from .service import Chosen, ReportData, create, propose_report

INTAKE_PERMISSION = "incidents.add_incident"


def marked_text(text: str, proposals: list[Proposal]) -> SafeString:
    """The report's text, escaped, with each sentence a proposal quotes in <mark>,
    numbered by the first proposal quoting it."""
    spans: dict[tuple[int, int], int] = {}
    for i, p in enumerate(proposals, start=1):
        for c in p.citations or [p.excerpt]:
            spans.setdefault((c.start, c.end), i)
    out: list[str] = []
    at = 0
    for (start, end), i in sorted(spans.items()):
        if start < at:
            continue  # overlapping: the first one is marked
        out.append(escape(text[at:start]))
        out.append(f'<mark id="s{i}" title="{i}">{escape(text[start:end])}</mark>')
        at = end
    out.append(escape(text[at:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


def _hint(p: Proposal) -> str:
    """The likely existing records of an unknown name, for the reviewer to pick from."""
    parts = []
    for name, model in ((p.person, Person), (p.organization, Organization)):
        if name is None or name.match or not name.candidates:
            continue
        found = dict(
            model._default_manager.filter(slug__in=name.candidates).values_list("slug", "name")
        )
        listed = ", ".join(found[s] for s in name.candidates if s in found)
        if listed:
            parts.append(_("“%(name)s” may be: %(listed)s") % {"name": name.name, "listed": listed})
    return "; ".join(parts)


def initial_of(found: Proposals) -> list[dict[str, Any]]:
    """The review's forms, one per proposal."""
    people = dict(
        Person.objects.filter(
            slug__in=[p.person.match for p in found.proposals if p.person and p.person.match]
        ).values_list("slug", "pk")
    )
    orgs = dict(
        Organization.objects.filter(
            slug__in=[
                p.organization.match
                for p in found.proposals
                if p.organization and p.organization.match
            ]
        ).values_list("slug", "pk")
    )
    cities = dict(
        City.objects.filter(
            slug__in=[p.city.match for p in found.proposals if p.city and p.city.match]
        ).values_list("slug", "pk")
    )
    rows = []
    for p in found.proposals:
        person = people.get(p.person.match or "") if p.person else None
        org = orgs.get(p.organization.match or "") if p.organization else None
        rows.append(
            {
                "use": p.date is not None,
                "kind": p.kind,
                "date": p.date,
                "person": person,
                "new_person": p.person.nominative if p.person and person is None else "",
                "organization": org,
                "new_organization": (p.organization.name if p.organization and org is None else ""),
                "city": cities.get(p.city.match or "") if p.city else None,
                "excerpt": p.excerpt.text,
                "existing": p.existing_incident,
                "hint": _hint(p),
            }
        )
    return rows


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "language",
        "proposed",
        "created",
        "cited",
        "pending",
        "created_by",
        "created_at",
    ]
    list_select_related = ["source", "created_by"]
    readonly_fields = ["language", "proposed", "created", "cited", "pending", "created_by"]

    # Staff who may add incidents take reports in; what was taken in is a log.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(INTAKE_PERMISSION)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(INTAKE_PERMISSION)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(INTAKE_PERMISSION)

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "GET":
            return self._report_page(request, ReportForm(admin_site=self.admin_site))
        if request.POST.get("step") == "create":
            return self._create(request)
        form = ReportForm(request.POST, request.FILES, admin_site=self.admin_site)
        if not form.is_valid():
            return self._report_page(request, form, status=400)
        data = form.cleaned_data
        found = propose_report(data["text"], data["date"], data["language"] or None)
        report = ReviewedReportForm(
            initial={**data, "language": found.language, "signatories": data["signatories"]}
        )
        formset = proposal_formset(
            initial=initial_of(found), report_text=data["text"], admin_site=self.admin_site
        )
        return self._review_page(request, report, formset, data["text"], found.proposals)

    def _context(self, request: HttpRequest, title: str) -> dict[str, Any]:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "has_view_permission": self.has_view_permission(request),
        }

    def _report_page(
        self, request: HttpRequest, form: ReportForm, status: int = 200
    ) -> HttpResponse:
        context = {
            **self._context(request, _("Add incidents from a report")),
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/intake/report_form.html", context, status=status)

    def _review_page(
        self,
        request: HttpRequest,
        report: ReviewedReportForm,
        formset: Any,
        text: str,
        proposals: list[Proposal] | None,
        status: int = 200,
    ) -> HttpResponse:
        language = report["language"].value() or ""
        date = report.cleaned_data.get("date") if report.is_bound else report.initial.get("date")
        context = {
            # The report's date in words: a day-first date misread shows here.
            "date_words": date_format(date, "j F Y") if date else "",
            **self._context(request, _("Review the proposed incidents")),
            "report": report,
            "formset": formset,
            "marked_text": marked_text(text, proposals) if proposals is not None else text,
            "language_name": LANGUAGE_NAMES.get(language, language),
            "media": self.media + formset.media,
            "total": len(formset.forms),
        }
        return TemplateResponse(request, "admin/intake/review.html", context, status=status)

    def _create(self, request: HttpRequest) -> HttpResponse:
        report = ReviewedReportForm(request.POST)
        if not report.is_valid():
            return HttpResponse(
                _("The report's details were lost on the way: start again."), status=400
            )
        data = report.cleaned_data
        formset = proposal_formset(
            request.POST, report_text=data["text"], admin_site=self.admin_site
        )
        if not formset.is_valid():
            return self._review_page(request, report, formset, data["text"], None, status=400)
        chosen = [
            Chosen(
                kind=f.cleaned_data["kind"],
                date=f.cleaned_data["date"],
                excerpt=f.cleaned_data["excerpt"],
                person=f.cleaned_data.get("person"),
                new_person=f.cleaned_data.get("new_person", ""),
                organization=f.cleaned_data.get("organization"),
                new_organization=f.cleaned_data.get("new_organization", ""),
                city=f.cleaned_data.get("city"),
                existing=f.cleaned_data.get("existing"),
            )
            for f in formset.forms
            if f.cleaned_data.get("use")
        ]
        source = ReportData(
            text=data["text"],
            title=data["title"],
            date=data["date"],
            kind=data["kind"],
            url=data["url"],
            language=data["language"],
            signatories=list(data["signatories"]),
        )
        try:
            outcome = create(source, chosen, request.user, proposed=len(formset.forms))
        except IntegrityError:
            messages.error(request, _("Nothing was saved: the incidents clash with others."))
            return self._review_page(request, report, formset, data["text"], None, status=400)
        parts = [
            ngettext(
                "%(n)d draft incident created",
                "%(n)d draft incidents created",
                len(outcome.created),
            )
            % {"n": len(outcome.created)},
            ngettext(
                "%(n)d recorded incident cited",
                "%(n)d recorded incidents cited",
                len(outcome.cited),
            )
            % {"n": len(outcome.cited)},
        ]
        if outcome.pending:
            parts.append(
                ngettext(
                    "%(n)d citation of a published incident awaits a reviewer",
                    "%(n)d citations of published incidents await a reviewer",
                    len(outcome.pending),
                )
                % {"n": len(outcome.pending)}
            )
        messages.success(request, "; ".join(parts) + ".")
        url = reverse("admin:incidents_incident_changelist")
        return HttpResponseRedirect(f"{url}?source={outcome.source.pk}")


@admin.register(PendingCitation)
class PendingCitationAdmin(admin.ModelAdmin):
    list_display = ["incident", "source", "excerpt", "created_by", "created_at"]
    list_select_related = ["incident__person", "incident__organization", "source", "created_by"]
    readonly_fields = ["incident", "source", "excerpt", "created_by", "created_at"]
    actions = ["accept", "reject"]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(INTAKE_PERMISSION)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(INTAKE_PERMISSION)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_review_permission(self, request: HttpRequest) -> bool:
        return can_publish(request.user)

    @admin.action(
        description=gettext_lazy("Accept: cite the source publicly"), permissions=["review"]
    )
    def accept(self, request: HttpRequest, queryset: QuerySet[PendingCitation]) -> None:
        n = 0
        for pending in queryset.select_related("incident", "source"):
            pending.accept()
            n += 1
        self.message_user(
            request, ngettext("%(n)d citation accepted.", "%(n)d citations accepted.", n) % {"n": n}
        )

    @admin.action(description=gettext_lazy("Reject"), permissions=["review"])
    def reject(self, request: HttpRequest, queryset: QuerySet[PendingCitation]) -> None:
        n, _rows = queryset.delete()
        self.message_user(
            request, ngettext("%(n)d citation rejected.", "%(n)d citations rejected.", n) % {"n": n}
        )
