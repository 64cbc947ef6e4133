from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

from .languages import codes, path_in


@require_safe
def switch(request: HttpRequest, language: str) -> HttpResponse:
    """The switcher's link: remembers the choice (the language cookie, which
    `/` honours) and goes to the same page, query string kept, in `language`."""
    if language not in codes():
        language = settings.LANGUAGE_CODE
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not target.startswith("/"):
        target = "/"
    path, sep, query = target.partition("?")
    response = HttpResponseRedirect(path_in(path, language) + sep + query)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
