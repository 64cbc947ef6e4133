"""Quoted text: finding a quotation in its source, and showing a source's text
to the public with its cited sentences marked and protected names withheld."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .redaction import NO_ONE, WITHHELD, Redactor

__all__ = ["WITHHELD", "Redactor", "excerpt_anchor", "find_quoted", "mark_excerpts"]

# Characters a pasted quotation may have in place of the source's own.
_DOUBLE_QUOTES = '"“”„«»‟〝〞'
_SINGLE_QUOTES = "'‘’‚‹›‛`"
_DASHES = "-‐‑‒–—―"


def find_quoted(excerpt: str, full_text: str) -> str | None:
    """The passage of `full_text` that `excerpt` quotes, verbatim, or None.

    Tolerates what pasting changes: straight for curly quotes, dashes, line
    breaks and runs of spaces. The stored citation then takes the source's own
    characters.
    """
    excerpt = excerpt.strip()
    if not excerpt or not full_text:
        return None
    if excerpt in full_text:
        return excerpt
    parts: list[str] = []
    for char in excerpt:
        if char.isspace():
            if parts[-1:] != [r"\s+"]:
                parts.append(r"\s+")
        elif char in _DOUBLE_QUOTES:
            parts.append(f"[{re.escape(_DOUBLE_QUOTES)}]")
        elif char in _SINGLE_QUOTES:
            parts.append(f"[{re.escape(_SINGLE_QUOTES)}]")
        elif char in _DASHES:
            parts.append(f"[{re.escape(_DASHES)}]")
        else:
            parts.append(re.escape(char))
    match = re.search("".join(parts), full_text)
    return match.group(0) if match else None


def excerpt_anchor(position: int) -> str:
    """The id of a marked excerpt on its source's page: stable for a given text."""
    return f"cited-{position}"


def mark_excerpts(
    text: str,
    cited: Mapping[str, Sequence[tuple[str, str]]],
    redactor: Redactor = NO_ONE,
) -> SafeString:
    """`text` escaped and redacted, each cited excerpt wrapped in <mark> with links
    to its incidents.

    `cited` maps an excerpt to (url, label) pairs of the incidents citing it. An
    excerpt that is not in the text, or that overlaps one already marked, is left
    unmarked. Names are found in the whole text before it is cut into pieces, so
    a name that an excerpt's edge cuts in two is still withheld whole (the mark
    then grows to hold it).
    """
    withheld = redactor.spans(text)

    def widen(start: int, end: int) -> tuple[int, int]:
        for w_start, w_end in withheld:
            if w_start < start < w_end:
                start = w_start
            if w_start < end < w_end:
                end = w_end
        return start, end

    spans: list[tuple[int, int, str]] = []
    for excerpt in cited:
        start = text.find(excerpt) if excerpt else -1
        if start >= 0:
            spans.append((*widen(start, start + len(excerpt)), excerpt))
    spans.sort()

    def shown(start: int, end: int) -> str:
        return escape(Redactor.apply(text[start:end], withheld, offset=start))

    out: list[str] = []
    pos = 0
    for start, end, excerpt in spans:
        if start < pos:
            continue
        links = format_html_join(
            ", ", '<a href="{}">{}</a>', ((url, label) for url, label in cited[excerpt])
        )
        out.append(shown(pos, start))
        out.append(
            format_html(
                '<mark id="{}">{}</mark> <span class="cited-by">[{} {}]</span>',
                excerpt_anchor(text.find(excerpt)),
                mark_safe(shown(start, end)),  # noqa: S308 (escaped by shown)
                _("cited by"),
                links,
            )
        )
        pos = end
    out.append(shown(pos, len(text)))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)
