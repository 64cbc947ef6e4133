"""The admin labels that other apps leave unmarked for translation.

django-otp writes its TOTP device admin's words as plain strings: the model's
name, its fields' names and help texts, the fieldsets' titles, the "QR Code"
column and the search help; django-axes names one column ("Status") only by
its method's name. A catalog cannot reach a string that never goes through
gettext. At start-up (`TranslationsConfig.ready`, after the admin has
registered every model) `translate()` replaces each with
`pgettext_lazy(<the model's label>, <the same English text>)`: the same words
in English, looked up in the other apps' catalogs in be/ru/uk
(translations/vendor_catalogs.py extracts exactly what `labels()` returns,
so the catalogs and the admin cannot drift apart). The context keeps these
short words ("name", "user", "key") apart from Django's own.

Only what the admin of these apps shows is read: the models registered in the
admin, and the fields, columns and fieldsets of their ModelAdmins."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from django.contrib import admin
from django.contrib.admin.options import ModelAdmin
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.forms.utils import pretty_name
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import pgettext, pgettext_lazy

# The apps whose words are in translations/vendor_locale (their labels here).
VENDOR_APPS = ("simple_history", "axes", "django_otp", "otp_totp")


@dataclass(frozen=True)
class Label:
    context: str  # the model's label, e.g. "otp_totp.TOTPDevice"
    text: str  # the English text, as the app writes it
    where: str  # the app's source file, relative to site-packages
    apply: Callable[[Any], None]  # puts the translatable text in place


def _source(obj: Any) -> str:
    path = Path(inspect.getfile(obj))
    top = obj.__module__.split(".")[0]
    for parent in path.parents:
        if parent.name == top:
            return str(path.relative_to(parent.parent))
    return path.name


def _plain(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and not isinstance(value, Promise) and bool(value)


def _setter(obj: Any, name: str) -> Callable[[Any], None]:
    return lambda value: setattr(obj, name, value)


def _shown_names(model_admin: ModelAdmin, request: HttpRequest) -> list[str]:
    """Every field and column name the admin of a model may show."""
    names: list[Any] = [
        *model_admin.get_list_display(request),
        *model_admin.get_readonly_fields(request),
        *(f for f in model_admin.list_filter if isinstance(f, str)),
    ]
    for _title, options in _all_fieldsets(model_admin, request):
        for field in options.get("fields", ()):
            names.extend(field if isinstance(field, list | tuple) else [field])
    return list(dict.fromkeys(n for n in names if isinstance(n, str)))


def _all_fieldsets(model_admin: ModelAdmin, request: HttpRequest) -> list[Any]:
    # Those of the add form and of the change form (they may differ).
    model = model_admin.model
    return [*model_admin.get_fieldsets(request), *model_admin.get_fieldsets(request, model())]


def _labels_of(model: type[models.Model], model_admin: ModelAdmin) -> Iterator[Label]:
    context = model._meta.label
    opts = model._meta
    where = _source(model)
    if _plain(opts.verbose_name):
        yield Label(context, str(opts.verbose_name), where, _setter(opts, "verbose_name"))
        if "verbose_name_plural" not in opts.original_attrs:
            # Django made it of the English singular: "{}s".
            plural = str(opts.verbose_name_plural)
            yield Label(context, plural, where, _setter(opts, "verbose_name_plural"))
    elif _plain(opts.verbose_name_plural):
        yield Label(
            context, str(opts.verbose_name_plural), where, _setter(opts, "verbose_name_plural")
        )
    request = HttpRequest()
    admin_where = _source(type(model_admin))
    for name in _shown_names(model_admin, request):
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:
            attr = getattr(type(model_admin), name, None) or getattr(model, name, None)
            if not callable(attr):
                continue
            function = getattr(attr, "__func__", attr)
            description = getattr(function, "short_description", None)
            if description is None and function.__name__ != "<lambda>":
                description = pretty_name(function.__name__)
            if _plain(description):
                yield Label(
                    context, description, admin_where, _setter(function, "short_description")
                )
            continue
        for attribute in ("verbose_name", "help_text"):
            value = getattr(field, attribute, None)
            if _plain(value):
                yield Label(context, value, _source(field.model), _setter(field, attribute))
    titles = [t for t, _options in _all_fieldsets(model_admin, request) if _plain(t)]
    for title in dict.fromkeys(titles):
        yield Label(
            context, title, admin_where, lambda _text: _translate_fieldsets(model_admin, context)
        )
    if _plain(model_admin.search_help_text):
        yield Label(
            context,
            str(model_admin.search_help_text),
            admin_where,
            _setter(model_admin, "search_help_text"),
        )


def _translate_fieldsets(model_admin: ModelAdmin, context: str) -> None:
    """The fieldsets' titles in the reader's language: django-otp builds them
    on each request, in get_fieldsets."""
    original = model_admin.get_fieldsets
    if getattr(original, "translated", False):
        return

    def get_fieldsets(request: HttpRequest, obj: Any = None) -> Any:
        return [
            (pgettext(context, title) if _plain(title) else title, options)
            for title, options in original(request, obj)
        ]

    get_fieldsets.translated = True  # type: ignore[attr-defined]
    model_admin.get_fieldsets = get_fieldsets  # type: ignore[method-assign]


_found: list[Label] | None = None


def translate(site: admin.AdminSite = admin.site) -> list[Label]:
    """Puts a translatable text in place of each unmarked label of the
    vendor apps' admin (once); the labels."""
    global _found
    if _found is None:
        found: list[Label] = []
        for model, model_admin in list(site._registry.items()):
            if model._meta.app_label in VENDOR_APPS:
                found.extend(_labels_of(model, model_admin))
        for label in found:
            label.apply(pgettext_lazy(label.context, label.text))
        _found = found
    return _found


def labels() -> list[Label]:
    """The labels translate() made translatable (each once, in order)."""
    return translate()
