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

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import unquote

import ahocorasick
from unidecode import unidecode

from ..names.given import given_forms, given_group
from ..names.matching import keys as person_keys
from ..names.morphology import inflections
from ..names.scripts import script
from ..names.translit import SYSTEMS, romanizations, transliterate

WITHHELD = "[name withheld]"

# Characters that join or break nothing a reader sees: inside a word they are
# read as if absent (soft hyphen, zero-width non-joiner and joiner, word joiner,
# byte-order mark, combining grapheme joiner, Mongolian vowel separator, and the
# blank "letters" of Hangul and Braille, which would otherwise glue a name to
# its neighbours unseen).
JOINERS = "\u00ad\u200c\u200d\u2060\ufeff\u034f\u180e\u3164\u115f\u1160\uffa0\u2800"

# Marks that Unicode counts as letters but a reader reads as apostrophes or
# stress (ʼ U+02BC, the Ukrainian apostrophe; ʹ ʻ ʽ ˈ ˊ ꞌ): read as apostrophes.
APOSTROPHE_LETTERS = "\u02bc\u02b9\u02bb\u02bd\u02be\u02bf\u02c8\u02ca\ua78c"

# Letters that look alike across scripts (after case folding), from Unicode's
# confusables table (UTS #39, confusables.txt): Cyrillic and Greek to Latin, by
# the look of their capital where it differs from the small letter (Н/H, В/B,
# Ν/N), as names are capitalised; З as the digit 3; Ukrainian ґ as г, which
# most writers type for it.
_CONFUSABLES = str.maketrans(
    {
        **dict.fromkeys(APOSTROPHE_LETTERS + JOINERS),
        "а": "a",
        "в": "b",
        "е": "e",
        "з": "3",
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
        "ґ": "г",
        "α": "a",
        "β": "b",
        "ε": "e",
        "ζ": "z",
        "η": "h",
        "ι": "i",
        "κ": "k",
        "μ": "m",
        "ν": "n",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "y",
        "χ": "x",
    }
)
_NOT_LETTER = re.compile(r"[\W_]+")
# A word right after one of these is a hashtag, a handle or a piece of a path,
# which glues words together: a name may start or end anywhere in it.
_GLUING = "#@/"


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
    from in the text and whether a word starts there.

    A word starts after a gap, and also where letters meet digits
    ("Vostrikova2021", "Vostrikova¹") and where a small letter meets a capital
    ("FreeZarinaVostrikova"); in a hashtag, handle or path every position may
    start or end one ("#freezarinavostrikova", "t.me/zarinavostrikovasupport").
    """

    __slots__ = ("chars", "source", "starts")

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        source: list[int] = []
        starts: list[bool] = []
        previous = ""  # the last letter or digit of the current word ("" at a gap)
        gap = ""  # the last gap character before the current word
        for i, char in enumerate(text):
            folded = skeleton(char)
            if folded:
                digit = folded[0].isdigit()
                loose = gap in _GLUING and gap != ""
                start = (
                    not previous
                    or loose
                    or previous.isdigit() != digit
                    or (previous.islower() and char.isupper())
                )
                for k, letter in enumerate(folded):
                    chars.append(letter)
                    source.append(i)
                    starts.append(start if k == 0 else loose)
                previous = char if char.isalnum() else folded[-1]
            elif not _is_transparent(char):
                previous = ""
                gap = char
        self.chars = "".join(chars)
        self.source = source
        self.starts = starts

    def ends_word(self, j: int) -> bool:
        return j + 1 == len(self.chars) or self.starts[j + 1]


def name_forms(name: str) -> list[str]:
    """See _name_forms (kept: a redactor is rebuilt on every change of the
    protected names, and the engine's forms cost about 3 ms a name)."""
    return list(_name_forms(name))


@functools.lru_cache(maxsize=20_000)
def _name_forms(name: str) -> tuple[str, ...]:
    """The spellings of a protected name to withhold: the name, its words in
    any order (Russian documents put the surname first), its last word alone
    when it has four letters or more (the surname, in most names), and the
    transliteration of each (Unidecode: "Зарина Вострикова" is also "Zarina
    Vostrikova"); and from the names engine, every grammatical case of it
    («Зарины Востриковой», «Зарину Вострикову», the surname alone in each) and
    its common Latin spellings ("Zaryna Vostrykova"), the cases' too
    ("Zariny Vostrikovoi")."""
    words = name.split()
    forms = {" ".join(words)}
    # A name of one word (an alias such as «Надежда») is withheld as written:
    # its cases would withhold a common word everywhere.
    if 2 <= len(words) <= 3:
        declined = inflections(" ".join(words))
        forms.update(declined)
        spelled: set[str] = set(romanizations(" ".join(words), limit=ROMANIZATIONS))
        for form in {" ".join(words), *declined}:
            spelled.update(transliterate(form, system) for system in SYSTEMS)
        forms.update(spelled)
    for form in list(forms):
        parts = form.split()
        if 2 <= len(parts) <= 3:
            forms.update(" ".join(p) for p in itertools.permutations(parts))
        if len(parts) >= 2 and len(skeleton(parts[-1])) >= 4:
            forms.add(parts[-1])
    forms.update([unidecode(f) for f in forms])
    return tuple(sorted(f for f in forms if skeleton(f)))


# Letters that the three languages write for one another in the same name
# (Лабковіч / Лабкович, Бяляцкі / Беляцкий / Біляцький, Вострыкава / Вострикова).
_SWAPS = {
    "а": "о",
    "о": "а",
    "я": "еєэ",
    "е": "яєэ",
    "є": "ея",
    "э": "е",
    "і": "иыї",
    "и": "іы",
    "ы": "иі",
    "ї": "і",
    "ў": "в",
    "в": "ў",
    "г": "ґ",
    "ґ": "г",
}


START = 5


@functools.lru_cache(maxsize=20_000)
def word_starts(name: str) -> frozenset[str]:
    """The first letters (START, or START - 1 of a shorter word) of each word
    of `name` as each language may write them: its Cyrillic letters swapped
    as the three languages swap them (_SWAPS), and its Latin spellings."""
    out: set[str] = set()
    for word in name.split():
        if len(word) < START - 1:
            continue
        for spelling in {word.lower(), *romanizations(word, limit=50)}:
            starts = {""}
            for letter in spelling[:START]:
                starts = {p + c for p in starts for c in letter + _SWAPS.get(letter, "")}
            out.update(starts)
    return frozenset(out)


# Letter groups that the Latin spellings write for one sound, and Cyrillic
# letters' Latin spellings (Unidecode) brought to them: for `sound_start`.
_SOUNDS = (
    ("shch", "s"),
    ("tsch", "c"),
    ("zh", "z"),
    ("kh", "h"),
    ("ch", "c"),
    ("sh", "s"),
    ("ts", "c"),
    ("tz", "c"),
    ("cz", "c"),
    ("sz", "s"),
    ("dz", "d"),
    ("g", "h"),
    ("w", "v"),
    ("q", "k"),
    ("x", "ks"),
)
_VOWELS = set("aeiouyj'")


@functools.lru_cache(maxsize=100_000)
def sound_start(word: str) -> str:
    """The first three consonants of a word as any of the scripts writes it
    ("vst" for Вострыкавай, Вострикову and Vostrikova; "blt" for Бяляцкага
    and Bialiatski): a cheap reading, broader than the names engine's, of
    which words may be a protected surname in another script."""
    text = unidecode(word[:12]).lower()
    for group, sound in _SOUNDS:
        text = text.replace(group, sound)
    # ц, ч and т as one (Ціханоўскі, Тихановский; Стэфановіч, Стефанович).
    text = text.replace("c", "t")
    return "".join(c for c in text if c.isalpha() and c not in _VOWELS)[:3]


# The Cyrillic letters that a Latin spelling's letters may stand for, longest
# group first (BGN/PCGN, ISO 9, the national systems of Belarus, Russia and
# Ukraine, and Łacinka, read backwards): for `cyrillic_prefixes`.
_CYRILLIC = (
    ("shch", "щ"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ch", "чх"),
    ("sh", "ш"),
    ("ts", "ц"),
    ("ya", "я"),
    ("ia", "я"),
    ("yu", "ю"),
    ("iu", "ю"),
    ("ye", "еє"),
    ("ie", "еє"),
    ("a", "а"),
    ("b", "б"),
    ("c", "цч"),
    ("d", "д"),
    ("e", "еэє"),
    ("f", "ф"),
    ("g", "гґ"),
    ("h", "гх"),
    ("i", "іиый"),
    ("j", "й"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "оа"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "уў"),
    ("v", "в"),
    ("w", "вў"),
    ("y", "ыйи"),
    ("z", "з"),
)


def cyrillic_prefixes(word: str, length: int = 3) -> set[str]:
    """The first `length` letters of a Latin-written word as Belarusian,
    Russian or Ukrainian may write it (Vostrikova: вос, вас, вос…): for the
    full-text re-index when a name stored in Latin letters becomes protected."""
    out: set[str] = set()

    def walk(rest: str, prefix: str) -> None:
        if len(prefix) >= length or not rest:
            if prefix:
                out.add(prefix[:length])
            return
        for group, letters in _CYRILLIC:
            if rest.startswith(group):
                for letter in letters:
                    walk(rest[len(group) :], prefix + letter)
        if not any(rest.startswith(group) for group, _letters in _CYRILLIC):
            walk(rest[1:], prefix)  # a letter no Cyrillic one stands for

    walk(unidecode(word).lower(), "")
    return out


def reindex_words(name: str) -> list[str]:
    """Word prefixes that find, through the full-text index, every text that
    may write `name` in any form the redactor withholds: the words of every
    form (name_forms), and the first three letters of each word of four or
    more in each language's spelling of them. Broader than the redactor,
    never narrower: what to index again when a name becomes protected."""
    words = {w for form in name_forms(name) for w in form.split()}
    for word in name.split():
        group = given_group(word)
        if group:  # Уладзімір: Владимир, Володимир, Vladimir …
            words.update(w[:4] for w in given_forms(group))
        if len(word) < 4:
            continue
        prefixes = {""}
        for letter in word[:3].lower():
            prefixes = {p + c for p in prefixes for c in letter + _SWAPS.get(letter, "")}
        words.update(prefixes)
        if script(word) == "latin":  # Zarina Vostrikova written Зарына Вострыкава
            words.update(cyrillic_prefixes(word))
    return sorted(words)


# A word of a name as the names engine reads one (letters, and an apostrophe
# or a hyphen inside).
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['ʼ’-][^\W\d_]+)*")


@functools.lru_cache(maxsize=100_000)
def _keys(text: str) -> frozenset[str]:
    return frozenset(person_keys(text))


# The loose Latin spellings of the name itself (every system, with and without
# diacritics, and the customary variants); its case forms get each standard
# system's spelling.
ROMANIZATIONS = 400


class Redactor:
    """Withholds every name in `names` wherever a text writes it.

    Built once per worker from the protected names (see
    `incidents.models.public_redactor`), or for one check from a fresh list.
    Names with no letter or digit match nothing.
    """

    def __init__(self, names: Iterable[str], *, forms: bool = True) -> None:
        self._automaton = ahocorasick.Automaton()
        self.size = 0
        # The names engine's keys of each name (incidents.names.matching):
        # "surname|given" of a full name, and the surname's alone. A text's
        # capitalised word (or two) with one of them is the same person in
        # another language's spelling («Владимира Лабковича» for Уладзімір
        # Лабковіч), withheld too.
        self._full_keys: set[str] = set()
        self._surname_keys: set[str] = set()
        # How the words of those names may start, in any language's spelling
        # (word_starts) and in any script (sound_start): only a capitalised
        # word that starts so is read by the engine (its keys cost 40 µs to
        # 0.4 ms a word).
        self._starts: set[str] = set()
        self._sounds: set[str] = set()
        for name in names:
            for form in name_forms(name or "") if forms else [name or ""]:
                key = skeleton(form)
                if key:
                    self._automaton.add_word(key, len(key))
                    self.size += 1
            if forms and name and skeleton(name):
                keys = _keys(" ".join(name.split()))
                full = {k for k in keys if "|" in k}
                # Only a name the engine reads as a given name and a surname:
                # the keys of another string (a pseudonym, "Bulk person 1")
                # would withhold ordinary words.
                if full and len(name.split()) >= 2:
                    self._full_keys.update(full)
                    self._surname_keys.update(k for k in keys if "|" not in k)
                    self._starts.update(word_starts(name))
                    self._sounds.update(
                        sound_start(w) for w in name.split() if len(sound_start(w)) >= 2
                    )
        if self.size:
            self._automaton.make_automaton()

    def __bool__(self) -> bool:
        return self.size > 0

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where in `text` a name stands, as (start, end) offsets, in order and
        never overlapping (the longer of two that overlap wins)."""
        if not self.size or not text:
            return []
        found = self._key_spans(text)
        # One pass over the skeleton alone: most texts hold no protected name.
        if not found and next(self._automaton.iter(skeleton(text)), None) is None:
            return []
        walked = _Skeleton(text)
        # What is already withheld stays as it is ("[name withheld]" holds a word,
        # "name", that a protected name may share).
        marks = [(m.start(), m.end()) for m in re.finditer(re.escape(WITHHELD), text)]
        found = [
            (start, end)
            for start, end in found
            if not any(m_start < end and start < m_end for m_start, m_end in marks)
        ]
        for last, length in self._automaton.iter(walked.chars):
            first = last - length + 1
            if walked.starts[first] and walked.ends_word(last):
                start = walked.source[first]
                end = walked.source[last] + 1
                if any(m_start < end and start < m_end for m_start, m_end in marks):
                    continue
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

    def _key_spans(self, text: str) -> list[tuple[int, int]]:
        """The capitalised words, alone or two together, whose names-engine
        keys are a protected name's (see __init__)."""
        if not (self._full_keys or self._surname_keys):
            return []
        words = [m for m in _NAME_WORD.finditer(text) if m.group()[0].isupper()]
        maybe = [
            w.group()[:START].lower() in self._starts
            or w.group()[: START - 1].lower() in self._starts
            # A Cyrillic word read by its sounds: a name stored in Latin
            # letters (Vostrikova: Вострыкавай), or ц for т (Ціханоўскі:
            # Тихановского). Latin words are read by the names' romanizations.
            or (not w.group().isascii() and sound_start(w.group()) in self._sounds)
            for w in words
        ]
        # A word that is a protected surname in some spelling and case; then
        # the given name beside it, if it is theirs.
        hit = [
            maybe[i] and len(w.group()) >= 4 and bool(_keys(w.group()) & self._surname_keys)
            for i, w in enumerate(words)
        ]
        spans = []
        for i, word in enumerate(words):
            if hit[i]:
                spans.append((word.start(), word.end()))
            if i + 1 < len(words) and (hit[i] or hit[i + 1]):
                after = words[i + 1]
                if text[word.end() : after.start()].isspace() and (
                    _keys(f"{word.group()} {after.group()}") & self._full_keys
                ):
                    spans.append((word.start(), after.end()))
        return spans

    def finds(self, text: str) -> bool:
        """Whether `text` names anyone in the list."""
        return bool(self.spans(text))

    def finds_anywhere(self, text: str) -> bool:
        """Whether any name's letters stand anywhere in `text`, word edges or
        not: for addresses, where words run together ("t.me/zarinavostrikova")
        and where withholding too much only hides a link."""
        return bool(self.size) and next(self._automaton.iter(skeleton(text)), None) is not None

    def finds_in_url(self, url: str) -> bool:
        """Whether an address spells a name: percent-encoding undone (twice
        encoded too) and internationalised host names decoded."""
        seen = {url}
        for _ in range(3):
            url = unquote(url)
            seen.add(url)
        for text in list(seen):
            for label in re.split(r"[./:]", text):
                if label.lower().startswith("xn--"):
                    try:
                        seen.add(label.encode().decode("idna"))
                    except UnicodeError:
                        continue
        return any(self.finds_anywhere(text) for text in seen)

    def __call__(self, text: str) -> str:
        return self.apply(text, self.spans(text))

    def quoted(self, excerpt: str, source: str) -> str:
        """`excerpt` withheld as it reads in `source`, the text it quotes: an
        excerpt that begins in the middle of a name ("Kontsepski was detained",
        of "Uladzimir Kontsepski was …") is withheld as the name is there."""
        position = source.find(excerpt) if excerpt else -1
        if position >= 0:
            excerpt = self.apply(excerpt, self.spans(source), offset=position)
        return self(excerpt)

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
