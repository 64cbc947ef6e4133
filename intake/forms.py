"""The intake forms: the report (pasted or uploaded) and one form per proposal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.admin.sites import AdminSite
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incidents.models import City, Incident, Organization, Person, Source
from incidents.text import find_quoted

from .files import MAX_BYTES, SUPPORTED, read_report
from .language import LANGUAGES

# Dates as the staff write them: ISO, and day first (14.07.2021, 14/07/2021).
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d.%m.%y", "%d-%m-%Y"]
# A report this long is more than any statement (and than the 5 s budget).
MAX_CHARACTERS = 400_000

LANGUAGE_NAMES = {
    "en": _("English"),
    "be": _("Belarusian"),
    "ru": _("Russian"),
    "uk": _("Ukrainian"),
}


def _no_future(date: dt.date | None) -> dt.date | None:
    if date and date > timezone.localdate():
        raise ValidationError(_("The date is in the future."), code="future_date")
    return date


class ReportForm(forms.Form):
    """The report: its text (pasted, or read from an uploaded file) and what it is."""

    text = forms.CharField(
        label=_("Text of the report"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 90}),
        help_text=_("Paste the report's text, or upload it below."),
    )
    file = forms.FileField(
        label=_("or upload a file"),
        required=False,
        help_text=_("Plain text, HTML, Word (.docx) or PDF."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUPPORTED)}),
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    date = forms.DateField(
        label=_("Date of the report"),
        input_formats=DATE_FORMATS,
        help_text=_("Day first (14.07.2021) or as 2021-07-14."),
    )
    kind = forms.ChoiceField(
        label=_("Kind of source"), choices=Source.Kind.choices, initial=Source.Kind.REPORT
    )
    url = forms.URLField(label=_("URL"), required=False, max_length=500, assume_scheme="https")
    signatories = forms.ModelMultipleChoiceField(
        label=_("Signatories"), queryset=Organization.objects.all(), required=False
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Detect it")), *((code, LANGUAGE_NAMES[code]) for code in LANGUAGES)],
    )

    def __init__(self, *args: Any, admin_site: AdminSite | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if admin_site is not None:
            field = Source._meta.get_field("signatories")
            chosen = self.fields["signatories"]
            many = AutocompleteSelectMultiple(field, admin_site)
            many.choices = chosen.widget.choices
            chosen.widget = many

    def clean_date(self) -> dt.date | None:
        return _no_future(self.cleaned_data.get("date"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        text = cleaned.get("text") or ""
        if upload is not None:
            if upload.size > MAX_BYTES:
                self.add_error("file", _("The file is larger than 20 MB."))
                return cleaned
            try:
                text = read_report(upload.name, upload.read())
            except ValueError as exc:
                self.add_error("file", str(exc))
                return cleaned
        if not text.strip():
            self.add_error("text", _("Paste the report's text or upload its file."))
        elif len(text) > MAX_CHARACTERS:
            self.add_error("text", _("The report is too long: split it in parts."))
        cleaned["text"] = text.replace("\r\n", "\n")
        return cleaned


class ReviewedReportForm(ReportForm):
    """The report again, carried through the review page in hidden fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["file"]
        for name, field in self.fields.items():
            if name == "signatories":
                field.widget = forms.MultipleHiddenInput()
            else:
                field.widget = forms.HiddenInput()


class ProposalForm(forms.Form):
    """One proposed incident, as the review leaves it."""

    use = forms.BooleanField(label=_("Record"), required=False, initial=True)
    kind = forms.ChoiceField(label=_("Kind"), choices=Incident.Kind.choices)
    date = forms.DateField(label=_("Date"), input_formats=DATE_FORMATS)
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.all(), required=False
    )
    new_person = forms.CharField(label=_("or a new person"), max_length=200, required=False)
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.all(), required=False
    )
    new_organization = forms.CharField(
        label=_("or a new organization"), max_length=200, required=False
    )
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.all(), required=False)
    excerpt = forms.CharField(
        label=_("Excerpt"), widget=forms.Textarea(attrs={"rows": 3, "cols": 60})
    )
    existing = forms.ModelChoiceField(
        queryset=Incident.objects.all(), required=False, widget=forms.HiddenInput()
    )
    hint = forms.CharField(required=False, widget=forms.HiddenInput())

    def __init__(
        self,
        *args: Any,
        report_text: str = "",
        admin_site: AdminSite | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.report_text = report_text
        if admin_site is not None:
            for name in ("person", "organization", "city"):
                form_field = self.fields[name]
                one = AutocompleteSelect(Incident._meta.get_field(name), admin_site)
                one.choices = form_field.widget.choices
                form_field.widget = one

    def clean_date(self) -> dt.date | None:
        return _no_future(self.cleaned_data.get("date"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("use"):
            self.errors.clear()  # an unticked proposal is left out, whatever it says
            return cleaned
        if cleaned.get("person") and cleaned.get("new_person", "").strip():
            self.add_error("new_person", _("Choose a known person or give a new name, not both."))
        if cleaned.get("organization") and cleaned.get("new_organization", "").strip():
            self.add_error(
                "new_organization",
                _("Choose a known organization or give a new name, not both."),
            )
        if not any(
            cleaned.get(f) for f in ("person", "new_person", "organization", "new_organization")
        ):
            self.add_error("person", _("Choose a person, an organization or both."))
        excerpt = cleaned.get("excerpt")
        if excerpt:
            found = find_quoted(excerpt, self.report_text)
            if found is None:
                self.add_error(
                    "excerpt",
                    _("This excerpt does not appear word for word in the report."),
                )
            else:
                cleaned["excerpt"] = found
        return cleaned


ProposalFormSet = forms.formset_factory(ProposalForm, extra=0, max_num=2000, validate_max=True)


def proposal_formset(
    data: Any = None, *, report_text: str, admin_site: AdminSite | None, **kwargs: Any
) -> forms.BaseFormSet:
    """The review's forms, one per proposal, checked against the report's text."""
    return ProposalFormSet(
        data,
        prefix="p",
        form_kwargs={"report_text": report_text, "admin_site": admin_site},
        **kwargs,
    )
