from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from .languages import AUTONYMS, codes, full_path_in


def languages(request: HttpRequest) -> dict[str, Any]:
    """The switcher's links and the hreflang alternates of the page: the same
    page and query string in every language. No queries."""
    current = translation.get_language()
    here = request.get_full_path()
    out = []
    for code in codes():
        switch = reverse("translations:switch", args=[code])
        out.append(
            {
                "code": code,
                "name": AUTONYMS.get(code, code),
                "current": code == current,
                "href": request.build_absolute_uri(full_path_in(request, code)),
                "switch": f"{switch}?next={quote(here, safe='/')}",
                "switch_home": f"{switch}?next=/",  # a 404: the address is not echoed
            }
        )
    return {"page_languages": out}
