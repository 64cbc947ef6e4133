"""Showing text to the public: protected names withheld, cited sentences marked."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from unidecode import unidecode

WITHHELD = "[name withheld]"


class Redactor:
    """Replaces every protected person's name and alias with "[name withheld]".

    Built once per request from `protected_names()`; the stored text stays verbatim.
    With thousands of protected names, one alternation of them all is slow to run
    over each text: a text is only matched against the names whose first word it
    contains. Words are compared both lower-cased and transliterated, so that
    letters the match itself treats as one (İ, I, i and ı under IGNORECASE) never
    keep a name from being tried.
    """

    def __init__(self, names: Sequence[str]) -> None:
        self.by_first_word: dict[str, list[str]] = {}
        self.always: list[str] = []  # names with no word character: matched always
        for name in names:
            if not name.strip():
                continue
            firsts = {words[0] for words in _word_forms(name) if words}
            if not firsts:
                self.always.append(name)
            for first in firsts:
                self.by_first_word.setdefault(first, []).append(name)

    def __call__(self, text: str) -> str:
        if not text or not (self.by_first_word or self.always):
            return text
        candidates = list(self.always)
        for word in {w for words in _word_forms(text) for w in words}:
            candidates.extend(self.by_first_word.get(word, ()))
        if not candidates:
            return text
        return _pattern(tuple(sorted(set(candidates)))).sub(WITHHELD, text)


_WORD = re.compile(r"\w+")


def _word_forms(text: str) -> tuple[list[str], list[str]]:
    """The words of `text` lower-cased, and transliterated then lower-cased."""
    return _WORD.findall(text.lower()), _WORD.findall(unidecode(text).lower())


@functools.lru_cache(maxsize=1024)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of `names`, longest first, each bounded by word edges."""
    parts = [
        (r"\b" if name[0].isalnum() else "")
        + re.escape(name)
        + (r"\b" if name[-1].isalnum() else "")
        for name in sorted(names, key=len, reverse=True)
    ]
    return re.compile("|".join(parts), re.IGNORECASE)


def excerpt_anchor(position: int) -> str:
    """The id of a marked excerpt on its source's page: stable for a given text."""
    return f"cited-{position}"


def mark_excerpts(
    text: str,
    cited: dict[str, Sequence[tuple[str, str]]],
    redact: Callable[[str], str] = lambda t: t,
) -> SafeString:
    """`text` escaped and redacted, each cited excerpt wrapped in <mark> with links
    to its incidents.

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
    for start, end, excerpt in spans:
        if start < pos:
            continue
        links = format_html_join(
            ", ", '<a href="{}">{}</a>', ((url, label) for url, label in cited[excerpt])
        )
        out.append(escape(redact(text[pos:start])))
        out.append(
            format_html(
                '<mark id="{}">{}</mark> <span class="cited-by">[{} {}]</span>',
                excerpt_anchor(start),
                redact(text[start:end]),
                _("cited by"),
                links,
            )
        )
        pos = end
    out.append(escape(redact(text[pos:])))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)
