"""The languages a visitor can read the site in, and the same page's address
in each: the language prefix (/be/, /ru/, /uk/; English has none) swapped, the
path and query string kept. Pure string work: no URL resolving, no queries, so
it works on every page, a 404 included."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

# Each language's name as its readers write it (the switcher shows these).
AUTONYMS = {"en": "English", "be": "Беларуская", "ru": "Русский", "uk": "Українська"}


def codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def split_prefix(path: str) -> tuple[str, str]:
    """(language, path without its prefix) of a path: ("ru", "/incidents/")
    for "/ru/incidents/", (LANGUAGE_CODE, path) when it has no prefix."""
    for code in codes():
        if code == settings.LANGUAGE_CODE:
            continue
        if path == f"/{code}" or path.startswith(f"/{code}/"):
            return code, path[len(code) + 1 :] or "/"
    return settings.LANGUAGE_CODE, path


def path_in(path: str, language: str) -> str:
    """The same path in `language`."""
    _current, bare = split_prefix(path)
    return bare if language == settings.LANGUAGE_CODE else f"/{language}{bare}"


def full_path_in(request: HttpRequest, language: str) -> str:
    """The request's page, with its query string, in `language`."""
    query = request.META.get("QUERY_STRING", "")
    return path_in(request.path, language) + (f"?{query}" if query else "")
