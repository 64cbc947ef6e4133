"""Which script a text is written in, and which East Slavic language its Cyrillic is.

Pure Python, no Django: used by `translit`, `morphology` and `matching`.

`script(text)` looks only at letters: "latin", "cyrillic", "mixed" (both) or "none".

`cyrillic_languages(text)` is the set of languages whose alphabet contains every
Cyrillic letter of the text, and `cyrillic_language(text)` picks one of them:

- the alphabets: Russian has ё ъ ы э и щ and none of і ї є ґ ў; Ukrainian has
  і ї є ґ и щ and none of ё ъ ы э ў; Belarusian has і ў ё ы э and none of
  и щ ъ ї є ґ. So a letter that only one alphabet has decides: ў → be,
  ї є ґ → uk, ъ → ru; and two letters that exclude each other's languages
  decide too (і with ы/э/ё → be, і with и/щ → uk, ы/э/ё with и/щ → ru);
- when two languages remain: {be, uk} (і, no ы э ё и щ) → "be" if a word ends
  in -кі/-гі/-хі (Belarusian adjectives; Ukrainian writes -кий) or -іч
  (Ukrainian writes -ич), or has дз (dzekanne: Уладзімір), otherwise "uk";
  {ru, be} (ы э ё, no і ў и щ) → "ru" (Belarusian text nearly always has і or ў);
  {ru, uk} (и or щ only) → "uk" if a word has ць or -ськ-/-зьк-/-цьк- (Ukrainian
  writes the soft sign there: Кравець, Бяляцький, Запорізький; Russian writes
  Кравец, -ский, -цкий), otherwise None ("Владимир Лабкович", "Володимир");
- letters common to all three (e.g. "Вольга Смалянка") → None.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

Script = Literal["latin", "cyrillic", "mixed", "none"]

#: Lowercase letters of each modern alphabet.
ALPHABETS: dict[str, frozenset[str]] = {
    "ru": frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя"),
    "uk": frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"),
    "be": frozenset("абвгґдеёжзійклмнопрстуўфхцчшыьэюя"),
}
ALL_CYRILLIC = frozenset().union(*ALPHABETS.values())
_BE_CUES = re.compile(r"[кгх]і\b|іч\b|дз")
_UK_CUES = re.compile(r"ць|[сзц]ьк")


def is_cyrillic_char(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f"


def is_latin_char(ch: str) -> bool:
    if ch.isascii():
        return ch.isalpha()
    if not ch.isalpha():
        return False
    return unicodedata.name(ch, "").startswith("LATIN")


def script(text: str) -> Script:
    """The script of `text`'s letters: "latin", "cyrillic", "mixed" or "none"."""
    latin = cyrillic = False
    for ch in text:
        if not ch.isalpha():
            continue
        if is_cyrillic_char(ch):
            cyrillic = True
        elif is_latin_char(ch):
            latin = True
        if latin and cyrillic:
            return "mixed"
    if cyrillic:
        return "cyrillic"
    if latin:
        return "latin"
    return "none"


@lru_cache(maxsize=65536)
def cyrillic_languages(text: str) -> frozenset[str]:
    """The languages (be, ru, uk) whose alphabet holds every Cyrillic letter of `text`.

    Empty when the text has no Cyrillic letters or letters of no one alphabet.
    """
    letters = {ch for ch in text.lower() if is_cyrillic_char(ch) and ch.isalpha()}
    # The apostrophe-like letter ʼ is not a letter here; і written with a Latin
    # "i" inside Cyrillic words is common in Belarusian and Ukrainian typing.
    if not letters:
        return frozenset()
    return frozenset(lang for lang, abc in ALPHABETS.items() if letters <= abc)


@lru_cache(maxsize=65536)
def cyrillic_language(text: str) -> str | None:
    """The most likely language of Cyrillic `text`: "be", "ru", "uk" or None (see module doc)."""
    langs = cyrillic_languages(_latin_i_to_cyrillic(text))
    if len(langs) == 1:
        return next(iter(langs))
    if langs == {"be", "uk"}:
        return "be" if _BE_CUES.search(text.lower()) else "uk"
    if langs == {"ru", "be"}:
        return "ru"
    if langs == {"ru", "uk"} and _UK_CUES.search(text.lower()):
        return "uk"
    return None


def _latin_i_to_cyrillic(text: str) -> str:
    """Belarusian and Ukrainian typists often type a Latin "i" for "і" inside a Cyrillic word."""
    if "i" not in text and "I" not in text:
        return text
    return re.sub(
        r"(?<=[\u0400-\u04ff])[iI]|[iI](?=[\u0400-\u04ff])",
        lambda m: "і" if m.group() == "i" else "І",
        text,
    )


#: Latin letters that look like Cyrillic ones, and back (for words typed with both).
_LAT_TO_CYR = str.maketrans("aceiopxyABCEHIKMOPTXY", "асеіорхуАВСЕНІКМОРТХУ")
_CYR_TO_LAT = str.maketrans("асеіорхуАВСЕНІКМОРТХУјЈ", "aceiopxyABCEHIKMOPTXYjJ")


def unmix(word: str) -> str:
    """A word typed with look-alike letters of the other script, in one script.

    "Лaбкович" (Latin "a") becomes "Лабкович"; "Labkоvich" (Cyrillic "о")
    becomes "Labkovich". Words already in one script are returned unchanged.
    """
    if script(word) != "mixed":
        return word
    cyr = sum(1 for ch in word if is_cyrillic_char(ch))
    lat = sum(1 for ch in word if ch.isalpha() and not is_cyrillic_char(ch))
    if cyr >= lat:
        fixed = word.translate(_LAT_TO_CYR)
        return fixed if script(fixed) == "cyrillic" else word
    fixed = word.translate(_CYR_TO_LAT)
    return fixed if script(fixed) == "latin" else word
