"""Which of English, Russian, Belarusian and Ukrainian a report is written in.

`detect(text)` asks lingua (lingua-language-detector, restricted to the four
languages, high accuracy; its detector is built once, on first use) and checks
its answer against the letters that only one language has:

- ў is Belarusian; ї, є, ґ are Ukrainian; ъ is Russian;
- і with ы or э is Belarusian, і without them Ukrainian, ы or э without і Russian;
- Latin letters only: English.

The letters decide when they are frequent enough to be the text's own (not a
quoted name); otherwise lingua does, and the letters again if lingua is missing
or undecided.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

__all__ = ["LANGUAGES", "detect", "from_letters"]

LANGUAGES = ("en", "ru", "be", "uk")

# Enough text to decide; a 10,000-word report is sampled, not read whole.
_SAMPLE = 6000


@lru_cache(maxsize=1)
def _detector() -> Any:
    """lingua's detector for the four languages, or None when lingua is missing."""
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:  # pragma: no cover - lingua is in requirements.txt
        return None
    return LanguageDetectorBuilder.from_languages(
        Language.ENGLISH, Language.RUSSIAN, Language.BELARUSIAN, Language.UKRAINIAN
    ).build()


_LINGUA_CODES = {"ENGLISH": "en", "RUSSIAN": "ru", "BELARUSIAN": "be", "UKRAINIAN": "uk"}


def _sample(text: str) -> str:
    if len(text) <= _SAMPLE:
        return text
    third = _SAMPLE // 3
    middle = len(text) // 2
    return " ".join((text[:third], text[middle : middle + third], text[-third:]))


def from_letters(text: str) -> str | None:
    """The language the letters of `text` show, or None when they do not decide."""
    letters = Counter(ch for ch in text.lower() if ch.isalpha())
    cyrillic = sum(n for ch, n in letters.items() if "\u0400" <= ch <= "\u04ff")
    latin = sum(n for ch, n in letters.items() if ch.isascii())
    if not cyrillic and not latin:
        return None
    if cyrillic < 0.2 * latin:
        return "en"
    share = {ch: letters[ch] / cyrillic for ch in "ўїєґъіыэё"}
    if share["ў"] >= 0.003:
        return "be"
    if share["ї"] + share["є"] + share["ґ"] >= 0.003:
        return "uk"
    if share["ъ"] >= 0.001 and share["і"] < 0.005:
        return "ru"
    has_i = share["і"] >= 0.005
    has_yery = share["ы"] + share["э"] >= 0.005
    if has_i and has_yery:
        return "be"
    if has_i:
        return "uk"
    if has_yery:
        return "ru"
    return None


def _lingua(text: str) -> str | None:
    detector = _detector()
    if detector is None:
        return None
    found = detector.detect_language_of(text)
    return _LINGUA_CODES.get(found.name) if found is not None else None


def detect(text: str) -> str:
    """The language `text` is written in: "en", "ru", "be" or "uk" ("en" if it has no words)."""
    sample = _sample(text)
    sample = re.sub(r"\s+", " ", sample)
    letters = from_letters(sample)
    if letters in {"be", "uk"} and re.search("[ўїєґ]", sample.lower()):
        return letters  # letters only one language has
    guess = _lingua(sample)
    if guess is None:
        return letters or "en"
    if letters is None:
        return guess
    if guess == "en" or letters == "en":
        return letters
    # Lingua confuses the three East Slavic languages on short texts: a letter the
    # guessed language does not have overrules it.
    has = set(sample.lower())
    if guess == "ru" and "і" in has and letters in {"be", "uk"}:
        return letters
    if guess == "uk" and letters in {"be", "ru"} and has & set("ыэъё"):
        return letters
    if guess == "be" and letters in {"uk", "ru"} and (has & set("їєґъи")):
        return letters
    return guess
