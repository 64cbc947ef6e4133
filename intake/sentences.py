"""Sentences with their exact offsets, so that an excerpt is the report's own words.

`split(text)` returns `Sentence(start, end, text, paragraph)` with
`text == source[start:end]`, verbatim: nothing is normalised, only the
surrounding white space and a leading list marker ("– ", "• ", "1) ") are left
out of the span.

The rules, for English, Russian, Belarusian and Ukrainian reports:

- a blank line ends a paragraph and a sentence;
- ".", "!", "?", "…" (with any closing quotes or brackets) followed by white
  space and a capital, a digit or an opening quote end a sentence, unless the
  word before the point is an abbreviation ("Mr.", "Dr.", "ул.", "им.", "г. Минск",
  "ст. 342"), an initial ("V. Labkovich", "А. Бяляцкі") or the point is inside a
  short quotation («…», “…”);
- a single line break ends a sentence after ".", "!", "?", ";", before a list
  item, or after a line much shorter than its paragraph's others (a heading, a
  signature); otherwise it is a wrapped line and the sentence goes on;
- a sentence that ends with ":" and is followed by list items keeps them: "Searches
  took place at:" with "– A;" and "– B." is one sentence (one excerpt).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a text: `text == source[start:end]`."""

    start: int
    end: int
    text: str
    paragraph: int


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\f\v\r\u00a0]*\n\s*")
_LIST_MARKER = re.compile(r"(?:[-–—•*▪●·◦]|\d{1,3}[.)]|[a-zа-я]\))[ \t\u00a0]+")
_TERMINAL = re.compile(r"(?:[.!?…]+)[»”\"’')\]]*")
_OPENERS = "«“„\"'‘([—–"
# Words after which a point never ends a sentence.
_NEVER_FINAL = frozenset(
    """
    mr mrs ms messrs dr prof st jr sr vs no nos art arts gen col lt sgt capt cpt gov sen rep
    hon rev fr inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec approx vol pp
    ch fig ed eds dept univ assn ave blvd str sq ul nr cf
    ул им пр просп пер бул пл д кв корп обл тов гр проф акад доц ст ч п пп см напр тыс млн млрд
    руб коп чел вул пров смт пас вёск вул бульв спадар сп св ім зв тел
    """.split()
)
# Abbreviations that may also end a sentence ("… in 2021 г. В Минске …", "и т. д. Потом"):
# a point after them ends a sentence only before a capital.
_YEAR_WORDS = frozenset({"г", "гг", "р", "рр", "y", "yr"})


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        if nl == -1:
            spans.append((pos, end))
            break
        spans.append((pos, nl))
        pos = nl + 1
    return spans


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Matched «…», “…”, „…“ quotations of a paragraph (unmatched openers ignored)."""
    stack: list[tuple[str, int]] = []
    spans: list[tuple[int, int]] = []
    for i in range(start, end):
        ch = text[i]
        if ch in "«„":
            stack.append((ch, i))
        elif ch == "“":
            if stack and stack[-1][0] == "„":
                spans.append((stack.pop()[1], i + 1))
            else:
                stack.append((ch, i))
        elif ch == "»":
            if stack and stack[-1][0] == "«":
                spans.append((stack.pop()[1], i + 1))
        elif ch == "”" and stack and stack[-1][0] == "“":
            spans.append((stack.pop()[1], i + 1))
    return [(a, b) for a, b in spans if b - a < 400]


def _word_before(text: str, pos: int, floor: int) -> tuple[str, int]:
    """The run of letters (and inner points or hyphens) ending at `pos`, and its start."""
    i = pos
    while i > floor and (text[i - 1].isalpha() or text[i - 1] in ".-"):
        i -= 1
    word = text[i:pos].strip(".-")
    return word, i


def _is_abbreviation(text: str, dot: int, floor: int, next_char: str) -> bool:
    """Whether the point at `dot` closes an abbreviation or an initial."""
    word, wstart = _word_before(text, dot, floor)
    if not word:
        return False
    last = re.split(r"[.\-]", word)[-1]
    low = last.lower()
    if len(last) == 1 and last.isalpha():
        if last.isupper():
            return True  # an initial: "V. Labkovich", "А. Бяляцкі"
        before = text[max(floor, wstart - 3) : wstart]
        if low in {"д", "п"} and re.search(r"т\.\s*$", before):
            return not next_char.isupper()  # "и т. д." may end a sentence
        return True  # "т. е.", "e.g.", "с. Ивановка", "м. Київ"
    if low in _YEAR_WORDS:
        before = text[max(floor, wstart - 6) : wstart]
        if re.search(r"\d\s*$", before):
            return not next_char.isupper()  # "2021 г. В Минске" ends a sentence
        return True  # "г. Минск"
    if low in _NEVER_FINAL:
        return True
    return bool("." in word and len(low) <= 3 and not next_char.isupper())


def _paragraph_units(text: str, pstart: int, pend: int) -> list[tuple[int, int]]:
    """Split one paragraph into raw sentence spans (untrimmed)."""
    cuts: set[int] = set()
    quotes = _quote_spans(text, pstart, pend)

    def inside_quote(pos: int) -> bool:
        return any(a < pos < b for a, b in quotes)

    # Line breaks.
    lines = _line_spans(text, pstart, pend)
    if len(lines) > 1:
        longest = max(len(text[a:b].strip()) for a, b in lines)
        for (a, b), (c, d) in zip(lines, lines[1:], strict=False):
            prev = text[a:b].strip()
            nxt = text[c:d].lstrip()
            if not prev or not nxt:
                cuts.add(c)
                continue
            if _LIST_MARKER.match(nxt):
                cuts.add(c)
            elif re.search(r"[.!?…;][»”\"’')\]]*$", prev):
                if prev.endswith(".") and (
                    nxt[0].islower()
                    or _is_abbreviation(text, a + text[a:b].rstrip().rfind("."), a, nxt[0])
                ):
                    continue
                cuts.add(c)
            elif (
                len(prev) < 0.6 * longest
                and not re.search(r"[,\-–—(]$", prev)
                and (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in _OPENERS)
            ):
                cuts.add(c)

    # Terminal punctuation inside lines.
    for m in _TERMINAL.finditer(text, pstart, pend):
        end = m.end()
        if end >= pend:
            continue
        if not text[end].isspace() or "\n" in text[end : end + 1]:
            # Glued ("14.07.2021", "Viasna.org") or handled as a line break.
            continue
        j = end
        while j < pend and text[j] in " \t\u00a0":
            j += 1
        if j >= pend or text[j] == "\n":
            continue
        nxt = text[j]
        if not (nxt.isupper() or nxt.isdigit() or nxt in "«“„\"'‘(["):
            continue
        if nxt in "—–" or inside_quote(end):
            continue
        punct = m.group()
        if (
            punct[0] == "."
            and not punct.startswith("..")
            and _is_abbreviation(text, m.start(), pstart, nxt)
        ):
            continue
        if punct[0] == "." and nxt.isdigit():
            # "No. 5", "ст. 342" are abbreviations (above); "2020. 14 July …" is rare:
            # a digit after a point starts a sentence only after a word of 4+ letters.
            word, _at = _word_before(text, m.start(), pstart)
            if len(word) < 4 and not text[m.start() - 1].isdigit():
                continue
        cuts.add(j)

    bounds = sorted(c for c in cuts if pstart < c < pend)
    spans: list[tuple[int, int]] = []
    at = pstart
    for c in bounds:
        spans.append((at, c))
        at = c
    spans.append((at, pend))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """Strip white space and a leading list marker; say whether there was a marker."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    item = False
    m = _LIST_MARKER.match(text, start, end)
    if m and m.end() < end:
        start = m.end()
        item = True
    return start, end, item


def split(text: str) -> list[Sentence]:
    """The sentences of `text`, in order, each with `text[start:end]` verbatim."""
    raw: list[tuple[int, int, int, bool]] = []
    paragraph = 0
    pos = 0
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
    breaks.append((len(text), len(text)))
    for bstart, bend in breaks:
        if text[pos:bstart].strip():
            for a, b in _paragraph_units(text, pos, bstart):
                s, e, item = _trim(text, a, b)
                if s < e:
                    raw.append((s, e, paragraph, item))
            paragraph += 1
        pos = bend

    # A sentence ending with ":" keeps the list items that follow it.
    out: list[Sentence] = []
    i = 0
    while i < len(raw):
        s, e, para, _item = raw[i]
        j = i
        if text[e - 1] == ":":
            while j + 1 < len(raw) and raw[j + 1][3]:
                j += 1
        if j > i:
            e = raw[j][1]
        out.append(Sentence(s, e, text[s:e], para))
        i = j + 1
    return out
