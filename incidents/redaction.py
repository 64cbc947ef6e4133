"""Protected names withheld from public text, in any spacing, case and script.

One matcher serves the three places that must agree: what public pages, exports
and the feed show (`Redactor.__call__`), whether a summary may be published
(`Redactor.finds`), and what the search index holds (the summary is redacted
before it is indexed).

A name and a text are compared by their *skeletons*: letters and digits only,
decomposed (NFKD) with their marks dropped, case-folded, and with Cyrillic and
Greek letters that look like Latin ones read as those. So a line break, two
spaces, a no-break space, a soft hyphen, a zero-width character, an apostrophe
or a hyphen between or inside the words of a name changes nothing, nor does
ё for е, й for и, і for i or a Latin "a" typed in a Cyrillic word. A match must
start and end on a word's edge in the text: "Ann" is not found in "Annual".

All the names are searched at once with an Aho-Corasick automaton
(pyahocorasick), so the cost of a text does not grow with the number of
protected people; a text that holds none of them is left as it is after one
pass over its skeleton, and only one that does is walked character by
character to find where each name starts and ends.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import ahocorasick

WITHHELD = "[name withheld]"

# Characters that join or break nothing a reader sees: inside a word they are
# read as if absent (soft hyphen, zero-width non-joiner and joiner, word joiner,
# byte-order mark, combining grapheme joiner, Mongolian vowel separator).
JOINERS = "\u00ad\u200c\u200d\u2060\ufeff\u034f\u180e"

# Letters that look alike across scripts (lower case, after case folding), from
# Unicode's confusables table (UTS #39, confusables.txt), Cyrillic and Greek to
# Latin. Capital forms are folded first, so В/B, Н/H, М/M, Т/T, К/K are here too.
_CONFUSABLES = str.maketrans(
    {
        "а": "a",
        "в": "b",
        "е": "e",
        "һ": "h",
        "н": "h",
        "і": "i",
        "ı": "i",
        "ј": "j",
        "к": "k",
        "ӏ": "l",
        "м": "m",
        "о": "o",
        "р": "p",
        "ԛ": "q",
        "с": "c",
        "ѕ": "s",
        "т": "t",
        "у": "y",
        "ԝ": "w",
        "х": "x",
        "ԁ": "d",
        "α": "a",
        "β": "b",
        "ε": "e",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
    }
)
_NOT_LETTER = re.compile(r"[\W_]+")


def skeleton(text: str) -> str:
    """Letters and digits of `text`, folded as the module docstring says."""
    folded = unicodedata.normalize("NFKD", text).casefold().translate(_CONFUSABLES)
    return _NOT_LETTER.sub("", folded)


def _is_transparent(char: str) -> bool:
    """Neither a letter nor a gap: a joiner, or a combining mark that belongs to
    the letter before it."""
    return char in JOINERS or unicodedata.category(char).startswith("M")


class _Skeleton:
    """The skeleton of a text with, for each of its characters, where it came
    from in the text and whether a word starts there."""

    __slots__ = ("chars", "source", "starts")

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        source: list[int] = []
        starts: list[bool] = []
        in_word = False
        for i, char in enumerate(text):
            folded = skeleton(char)
            if folded:
                for k, letter in enumerate(folded):
                    chars.append(letter)
                    source.append(i)
                    starts.append(k == 0 and not in_word)
                in_word = True
            elif not _is_transparent(char):
                in_word = False
        self.chars = "".join(chars)
        self.source = source
        self.starts = starts

    def ends_word(self, j: int) -> bool:
        return j + 1 == len(self.chars) or self.starts[j + 1]


class Redactor:
    """Withholds every name in `names` wherever a text writes it.

    Built once per worker from the protected names (see
    `incidents.models.public_redactor`), or for one check from a fresh list.
    Names with no letter or digit match nothing.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        self.size = 0
        for name in names:
            key = skeleton(name or "")
            if key:
                self._automaton.add_word(key, len(key))
                self.size += 1
        if self.size:
            self._automaton.make_automaton()

    def __bool__(self) -> bool:
        return self.size > 0

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where in `text` a name stands, as (start, end) offsets, in order and
        never overlapping (the longer of two that overlap wins)."""
        if not self.size or not text:
            return []
        # One pass over the skeleton alone: most texts hold no protected name.
        if next(self._automaton.iter(skeleton(text)), None) is None:
            return []
        walked = _Skeleton(text)
        found: list[tuple[int, int]] = []
        for last, length in self._automaton.iter(walked.chars):
            first = last - length + 1
            if walked.starts[first] and walked.ends_word(last):
                start = walked.source[first]
                end = walked.source[last] + 1
                while end < len(text) and unicodedata.category(text[end]).startswith("M"):
                    end += 1  # the last letter's own marks
                found.append((start, end))
        found.sort(key=lambda span: (span[0], -span[1]))
        chosen: list[tuple[int, int]] = []
        for start, end in found:
            if chosen and start < chosen[-1][1]:
                if end > chosen[-1][1]:
                    chosen[-1] = (chosen[-1][0], end)
                continue
            chosen.append((start, end))
        return chosen

    def finds(self, text: str) -> bool:
        """Whether `text` names anyone in the list."""
        return bool(self.spans(text))

    def __call__(self, text: str) -> str:
        return self.apply(text, self.spans(text))

    @staticmethod
    def apply(text: str, spans: list[tuple[int, int]], offset: int = 0) -> str:
        """`text` with each span (offsets into a longer text that `text` starts
        at `offset` of) replaced by WITHHELD."""
        if not spans:
            return text
        out: list[str] = []
        pos = 0
        for start, end in spans:
            start, end = max(start - offset, 0), min(end - offset, len(text))
            if end <= pos or start >= len(text):
                continue
            out.append(text[pos:start])
            out.append(WITHHELD)
            pos = end
        out.append(text[pos:])
        return "".join(out)


NO_ONE = Redactor(())


def index_form(text: str) -> str:
    """How a text is kept for full-text search: composed (NFKC), joiners
    removed so that a soft hyphen never splits a word, zero-width spaces as
    spaces, case-folded. Search words are read the same way."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.translate(_INDEX_TABLE)
    return text.casefold()


_INDEX_TABLE = str.maketrans({**{c: None for c in JOINERS}, "\u200b": " "})
