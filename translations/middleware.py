"""A first visit to the bare address `/` is answered in the visitor's language:
the language they chose before (the language cookie, set by the switcher), or
else the best of their browser's Accept-Language, with a redirect to /be/, /ru/
or /uk/. Every other address names its language (the prefix, or none for
English) and is served in it, whatever the browser says."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers


class RootLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info != "/" or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        if language != settings.LANGUAGE_CODE:
            query = request.META.get("QUERY_STRING", "")
            response: HttpResponse = HttpResponseRedirect(
                f"/{language}/" + (f"?{query}" if query else "")
            )
        else:
            response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
