"""Showing source texts to the public: cited sentences marked and linked."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def mark_excerpts(text: str, cited: dict[str, Sequence[tuple[str, str]]]) -> SafeString:
    """`text` escaped, each cited excerpt wrapped in <mark> with links to its incidents.

    `cited` maps an excerpt to (url, label) pairs of the incidents citing it. An
    excerpt that is not in the text, or that overlaps one already marked, is left
    unmarked.
    """
    spans: list[tuple[int, int, str]] = []
    for excerpt in cited:
        start = text.find(excerpt) if excerpt else -1
        if start >= 0:
            spans.append((start, start + len(excerpt), excerpt))
    spans.sort()
    out: list[str] = []
    pos = 0
    for n, (start, end, excerpt) in enumerate(spans, start=1):
        if start < pos:
            continue
        links = format_html_join(
            ", ", '<a href="{}">{}</a>', ((url, label) for url, label in cited[excerpt])
        )
        out.append(escape(text[pos:start]))
        out.append(
            format_html(
                '<mark id="cited-{}">{}</mark> <span class="cited-by">[{} {}]</span>',
                n,
                text[start:end],
                _("cited by"),
                links,
            )
        )
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)
