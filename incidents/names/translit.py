"""Romanization of Belarusian, Russian and Ukrainian Cyrillic, and loose spelling keys.

Pure Python, no Django. Three kinds of thing live here:

1. `transliterate(text, system)`: one romanization system, as an explicit table
   (`SYSTEMS`; each cites its standard). Implemented:

   - ``ru_bgn_pcgn``  BGN/PCGN Russian (BGN 1944, PCGN 1947; reconfirmed 2019):
     е → ye initially and after vowels, й, ъ, ь; ё → ë / yë; ъ → ” ; ь → ’.
     (The optional interpunct "·" of the standard is not produced.)
   - ``ru_icao``  ICAO Doc 9303 (7th ed., 2015, Part 3, Table A), used in Russian
     passports since 2013 (FMS order No. 320, 2012): й → i, ю → iu, я → ia,
     ъ → ie, ь dropped, ё → e.
   - ``ru_gost_2006``  GOST R 52535.1-2006, Russian passports 2010–2013: as ICAO
     but ц → tc and ъ dropped.
   - ``ru_mvd_1997``  Russian passports 1997–2010 (MVD order No. 310 of
     26 May 1997): й → y, ю → yu, я → ya, х → kh, ц → ts, ь → ’.
   - ``uk_kmu_2010``  Ukrainian national system, Cabinet of Ministers resolution
     No. 55 of 27 January 2010 (passports; adopted as BGN/PCGN Ukrainian in 2019):
     є ї й ю я → ye yi y yu ya word-initially, ie i i iu ia elsewhere; зг → zgh;
     ь and the apostrophe are not rendered.
   - ``uk_bgn_pcgn_1965``  the former BGN/PCGN Ukrainian (1965): и → y, й → y,
     є → ye, ї → yi, ю → yu, я → ya, ь → ’, apostrophe → ”.
   - ``uk_icao``  ICAO Doc 9303 (7th ed., 2015, Part 3) with its Ukrainian
     exception и → y: г → g, є → ie, ї й → i, ю → iu, я → ia everywhere (the
     "Ievgen", "Iurii", "Sergii" of Ukrainian documents issued before 2010).
   - ``be_bgn_pcgn``  BGN/PCGN Belarusian (1979): е → ye everywhere, ё → yo,
     ў → w, ь → ’, apostrophe → ”.
   - ``be_passport``  Belarusian passport practice (Latin names in passports as
     issued, e.g. Siarhei, Katsiaryna, Maryia, Yauhen, Tsikhanouskaya; cf. MVD
     instruction No. 288 of 9 October 2008 and ICAO Doc 9303): г → h, ў → u,
     й → i, е → ye / e, ё ю я → yo yu ya initially and after vowels other than ы,
     io iu ia elsewhere; ь and the apostrophe dropped. This is observed practice,
     not a published table.
   - ``be_national_2007``  Belarusian national system for geographical names
     (State Committee instruction of 23 Nov. 2000, revised 2007; recommended by
     UNGEGN in 2012): č š ž c ch ŭ j, je/ie etc., soft sign as an acute
     (ć ś ź ń ĺ dź).
   - ``be_lacinka``  classical Belarusian Łacinka (Tarashkevich-era orthography):
     as the national system but л is ł before hard vowels, consonants and at the
     end, l before soft vowels, with la le lo lu li for ля ле лё лю лі; ль → l.
     (Assimilative softness, e.g. "śviet", is not marked.)
   - ``iso9``  ISO 9:1995 (= GOST 7.79-2000 system A), one letter per letter.

2. `romanizations(text, lang=None)`: every plausible Latin spelling, lowercase:
   the systems above, their ASCII forms, and the loose forms journalists write
   (kh/h, ts/c/tz, ia/ya/ja, iu/yu/ju, y/i/j, e/ye/ie, soft signs dropped…).

3. Keys that ignore spelling:

   - `spelling_key(word)`: a medium key (case, diacritics, y/i/j, kh/h/g, w/v,
     doubled letters) used to look up given names spelled in any listed way;
   - `latin_key(text)`: a loose phonetic key that gives every transliteration of
     one Cyrillic surname, and the Cyrillic itself in be/ru/uk, one ASCII key.
     See `latin_key` for its rules (akanye a/o, yakanye e/ia, tsekanne ts/t,
     Belarusian ў = u/v/w, -au/-ou ≈ -ov, g/h/kh, and more).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from .scripts import cyrillic_languages, is_cyrillic_char, script, unmix

APOSTROPHES = "'’ʼ`´ʹ"
_APOSTROPHE_RE = re.compile(f"[{APOSTROPHES}]")
VOWELS_CYR = frozenset("аеёиоуыэюяіїє")


@dataclass(frozen=True)
class System:
    """One romanization system: a letter table and the context rules it needs.

    `iotated` maps a letter to (its form word-initially or after a letter in
    `iotate_after`, its form elsewhere). `sequences` are letter groups rendered
    together (e.g. KMU 2010 "зг" → "zgh"). `soft` maps a consonant followed by ь
    to one Latin letter (ць → ć). `lacinka_l` turns on classical Łacinka's л rules.
    """

    name: str
    lang: str
    standard: str
    letters: Mapping[str, str]
    iotated: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    iotate_after: frozenset[str] = frozenset()
    sequences: Mapping[str, str] = field(default_factory=dict)
    soft: Mapping[str, str] = field(default_factory=dict)
    lacinka_l: bool = False


def _table(spec: str) -> dict[str, str]:
    """ "а=a б=b …" → {"а": "a", "б": "b", …}; an empty right side drops the letter."""
    out: dict[str, str] = {}
    for item in spec.split():
        cyr, _, lat = item.partition("=")
        out[cyr] = lat
    return out


_COMMON = "а=a б=b в=v д=d з=z к=k л=l м=m н=n о=o п=p р=r с=s т=t у=u ф=f"

# BGN/PCGN Russian, 1947 (UK PCGN "Romanization of Russian", 2019 edition).
RU_BGN_PCGN = System(
    name="ru_bgn_pcgn",
    lang="ru",
    standard="BGN/PCGN 1947 Russian",
    letters=_table(
        _COMMON + " г=g е=e ё=ë ж=zh и=i й=y х=kh ц=ts ч=ch ш=sh щ=shch ъ=” ы=y ь=’ э=e"
        " ю=yu я=ya '=”"
    ),
    iotated={"е": ("ye", "e"), "ё": ("yë", "ë")},
    iotate_after=frozenset("аеёиоуыэюяйъь"),
)

# ICAO Doc 9303 (2015) Part 3 transliteration of Cyrillic, Russian passports since 2013.
RU_ICAO = System(
    name="ru_icao",
    lang="ru",
    standard="ICAO Doc 9303 (2015); Russian passports since 2013",
    letters=_table(
        _COMMON + " г=g е=e ё=e ж=zh и=i й=i х=kh ц=ts ч=ch ш=sh щ=shch ъ=ie ы=y ь= э=e"
        " ю=iu я=ia '="
    ),
)

# GOST R 52535.1-2006, Russian passports 2010-2013.
RU_GOST_2006 = System(
    name="ru_gost_2006",
    lang="ru",
    standard="GOST R 52535.1-2006",
    letters=_table(
        _COMMON + " г=g е=e ё=e ж=zh и=i й=i х=kh ц=tc ч=ch ш=sh щ=shch ъ= ы=y ь= э=e ю=iu я=ia '="
    ),
)

# MVD of Russia order No. 310 of 26 May 1997 (foreign passports 1997-2010).
RU_MVD_1997 = System(
    name="ru_mvd_1997",
    lang="ru",
    standard="MVD order No. 310 (1997)",
    letters=_table(
        _COMMON + " г=g е=e ё=e ж=zh и=i й=y х=kh ц=ts ч=ch ш=sh щ=shch ъ= ы=y ь=’ э=e ю=yu я=ya '="
    ),
)

# Ukrainian national system: KMU resolution No. 55 of 27 January 2010 (BGN/PCGN 2019).
UK_KMU_2010 = System(
    name="uk_kmu_2010",
    lang="uk",
    standard="KMU resolution No. 55 (2010); BGN/PCGN Ukrainian 2019",
    letters=_table(
        _COMMON + " г=h ґ=g е=e є=ie ж=zh и=y і=i ї=i й=i х=kh ц=ts ч=ch ш=sh щ=shch ь="
        " ю=iu я=ia '="
    ),
    iotated={
        "є": ("ye", "ie"),
        "ї": ("yi", "i"),
        "й": ("y", "i"),
        "ю": ("yu", "iu"),
        "я": ("ya", "ia"),
    },
    sequences={"зг": "zgh"},
)

# BGN/PCGN Ukrainian, 1965 (superseded in 2019).
UK_BGN_PCGN_1965 = System(
    name="uk_bgn_pcgn_1965",
    lang="uk",
    standard="BGN/PCGN 1965 Ukrainian",
    letters=_table(
        _COMMON + " г=h ґ=g е=e є=ye ж=zh и=y і=i ї=yi й=y х=kh ц=ts ч=ch ш=sh щ=shch ь=’"
        " ю=yu я=ya '=”"
    ),
)

# ICAO Doc 9303 (7th ed., 2015), Part 3, transliteration of Cyrillic, with its
# Ukrainian exception (И → Y): Г → G, Ґ → G, Є → IE, Ї → I, Й → I, Ю → IU, Я → IA.
UK_ICAO = System(
    name="uk_icao",
    lang="uk",
    standard="ICAO Doc 9303 (2015) Part 3, Ukrainian",
    letters=_table(
        _COMMON + " г=g ґ=g е=e є=ie ж=zh и=y і=i ї=i й=i х=kh ц=ts ч=ch ш=sh щ=shch ь="
        " ю=iu я=ia '="
    ),
)

# BGN/PCGN Belarusian, 1979 (UK PCGN "Romanization of Belarusian").
BE_BGN_PCGN = System(
    name="be_bgn_pcgn",
    lang="be",
    standard="BGN/PCGN 1979 Belarusian",
    letters=_table(
        _COMMON + " г=h ґ=g е=ye ё=yo ж=zh і=i й=y ў=w х=kh ц=ts ч=ch ш=sh ы=y ь=’ э=e"
        " ю=yu я=ya '=” и=i щ=shch ъ="
    ),
)

# Belarusian passport practice (see module docstring).
BE_PASSPORT = System(
    name="be_passport",
    lang="be",
    standard="Belarusian passport practice (cf. MVD instruction No. 288, 2008)",
    letters=_table(
        _COMMON + " г=h ґ=g е=e ё=io ж=zh і=i й=i ў=u х=kh ц=ts ч=ch ш=sh ы=y ь= э=e"
        " ю=iu я=ia '= и=i щ=shch ъ="
    ),
    iotated={"е": ("ye", "e"), "ё": ("yo", "io"), "ю": ("yu", "iu"), "я": ("ya", "ia")},
    iotate_after=frozenset("аеёоуэюяіў'ь"),
)

_BE_SOFT = {"з": "ź", "л": "ĺ", "н": "ń", "с": "ś", "ц": "ć"}

# Belarusian national system for geographical names, 2000 / 2007 (UNGEGN 2012).
BE_NATIONAL_2007 = System(
    name="be_national_2007",
    lang="be",
    standard="Belarus national system 2000/2007 (UNGEGN 2012)",
    letters=_table(
        _COMMON + " г=h ґ=g е=ie ё=io ж=ž і=i й=j ў=ŭ х=ch ц=c ч=č ш=š ы=y ь= э=e"
        " ю=iu я=ia '= и=i щ=šč ъ="
    ),
    iotated={"е": ("je", "ie"), "ё": ("jo", "io"), "ю": ("ju", "iu"), "я": ("ja", "ia")},
    iotate_after=frozenset("аеёіоуыэюяў'ь"),
    sequences={"дзь": "dź"},
    soft=_BE_SOFT,
)

# Classical Belarusian Łacinka.
BE_LACINKA = System(
    name="be_lacinka",
    lang="be",
    standard="Belarusian Łacinka (classical)",
    letters=_table(
        _COMMON + " г=h ґ=g е=ie ё=io ж=ž і=i й=j ў=ŭ х=ch ц=c ч=č ш=š ы=y ь= э=e"
        " ю=iu я=ia '= и=i щ=šč ъ="
    ),
    iotated={"е": ("je", "ie"), "ё": ("jo", "io"), "ю": ("ju", "iu"), "я": ("ja", "ia")},
    iotate_after=frozenset("аеёіоуыэюяў'ь"),
    sequences={"дзь": "dź"},
    soft={k: v for k, v in _BE_SOFT.items() if k != "л"},
    lacinka_l=True,
)

# ISO 9:1995 (GOST 7.79-2000 system A).
ISO9 = System(
    name="iso9",
    lang="*",
    standard="ISO 9:1995",
    letters=_table(
        _COMMON + " г=g ґ=g̀ е=e ё=ë є=ê ж=ž и=i і=ì ї=ï й=j ў=ǔ х=h ц=c ч=č ш=š щ=ŝ ъ=ʺ"
        " ы=y ь=ʹ э=è ю=û я=â '=’"
    ),
)

SYSTEMS: dict[str, System] = {
    s.name: s
    for s in (
        RU_BGN_PCGN,
        RU_ICAO,
        RU_GOST_2006,
        RU_MVD_1997,
        UK_KMU_2010,
        UK_BGN_PCGN_1965,
        UK_ICAO,
        BE_BGN_PCGN,
        BE_PASSPORT,
        BE_NATIONAL_2007,
        BE_LACINKA,
        ISO9,
    )
}
SYSTEMS_BY_LANG: dict[str, tuple[System, ...]] = {
    lang: tuple(s for s in SYSTEMS.values() if s.lang in (lang, "*")) for lang in ("be", "ru", "uk")
}

_LACINKA_SOFT_VOWEL = {"я": "a", "е": "e", "ё": "o", "ю": "u", "і": "i"}


def _normalise_apostrophes(text: str) -> str:
    return _APOSTROPHE_RE.sub("'", text)


def _apply_case(rep: str, upper: bool, all_caps: bool) -> str:
    if not upper or not rep:
        return rep
    return rep.upper() if all_caps else rep[0].upper() + rep[1:]


def transliterate(text: str, system: str | System) -> str:
    """`text` romanized by one system (a name in `SYSTEMS`, or a `System`).

    Letters that are not Cyrillic pass through unchanged; case is kept (a word in
    capitals stays in capitals).
    """
    sys_ = SYSTEMS[system] if isinstance(system, str) else system
    text = _normalise_apostrophes(text)
    out: list[str] = []
    prev: str | None = None  # previous letter of the word, lowercase; None at a word start
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        lc = ch.lower()
        if not (is_cyrillic_char(ch) or (ch == "'" and prev is not None)):
            out.append(ch)
            prev = None if not ch.isalpha() else lc
            i += 1
            continue
        upper = ch != lc
        all_caps = upper and (
            (i + 1 < n and text[i + 1].isupper()) or (i > 0 and text[i - 1].isupper())
        )
        nxt = text[i + 1].lower() if i + 1 < n else ""
        # Letter groups rendered together.
        matched = False
        for seq, rep in sys_.sequences.items():
            if text[i : i + len(seq)].lower() == seq:
                out.append(_apply_case(rep, upper, all_caps))
                prev, i, matched = seq[-1], i + len(seq), True
                break
        if matched:
            continue
        if lc in sys_.soft and nxt == "ь":
            out.append(_apply_case(sys_.soft[lc], upper, all_caps))
            prev, i = "ь", i + 2
            continue
        if sys_.lacinka_l and lc == "л":
            if nxt in _LACINKA_SOFT_VOWEL:
                rep = "l" + _LACINKA_SOFT_VOWEL[nxt]
                nxt_upper = text[i + 1].isupper()
                out.append(_apply_case(rep, upper, all_caps or (upper and nxt_upper)))
                prev, i = nxt, i + 2
                continue
            if nxt == "ь":
                out.append(_apply_case("l", upper, all_caps))
                prev, i = "ь", i + 2
                continue
            out.append(_apply_case("ł", upper, all_caps))
            prev, i = lc, i + 1
            continue
        if lc in sys_.iotated:
            initial, other = sys_.iotated[lc]
            rep = initial if prev is None or prev in sys_.iotate_after else other
        else:
            rep = sys_.letters.get(lc, ch)
        out.append(_apply_case(rep, upper, all_caps))
        prev = lc
        i += 1
    return "".join(out)


# --- ASCII folding ---------------------------------------------------------------

_SPECIAL_FOLD = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "đ": "d",
        "ß": "ss",
        "’": "",
        "”": "",
        "ʹ": "",
        "ʺ": "",
        "'": "",
        "ʼ": "",
        "`": "",
        "´": "",
        '"': "",
    }
)


@lru_cache(maxsize=65536)
def ascii_fold(text: str) -> str:
    """Diacritics and primes removed: "Łukašenka" → "Lukasenka", "Homyel’" → "Homyel"."""
    text = text.translate(_SPECIAL_FOLD)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case, diacritics, apostrophes and spacing ignored; Cyrillic stays Cyrillic (ё → е)."""
    text = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    text = _APOSTROPHE_RE.sub("", text)
    if script(text) != "cyrillic":
        text = ascii_fold(text)
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


# --- Loose spellings -------------------------------------------------------------

# For each Cyrillic letter, the ways it is written in loose practice: (at the start of a
# word or after a vowel, after a consonant). Compiled from the systems above and the
# press usage they are mixed into (kh/h, ts/c/tz, ya/ia/ja, ye/ie/e, y/i/j…).
_LOOSE: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "г": (("g", "h"), ("g", "h")),
    "ґ": (("g",), ("g",)),
    "е": (("ye", "e", "ie", "je"), ("e", "ie", "ye")),
    "ё": (("yo", "io", "jo", "e"), ("yo", "io", "e", "o")),
    "є": (("ye", "ie", "je", "e"), ("ie", "ye", "e")),
    "ж": (("zh", "z"), ("zh", "z")),
    "и": (("i", "y"), ("i", "y")),
    "і": (("i",), ("i",)),
    "ї": (("yi", "i", "ji"), ("yi", "i", "ji")),
    "й": (("y", "i", "j", ""), ("y", "i", "j", "")),
    "ў": (("u", "w", "v"), ("u", "w", "v")),
    "х": (("kh", "h", "ch"), ("kh", "h", "ch")),
    "ц": (("ts", "c", "tz"), ("ts", "c", "tz")),
    "ч": (("ch",), ("ch",)),
    "ш": (("sh",), ("sh",)),
    "щ": (("shch", "sch", "shh"), ("shch", "sch", "shh")),
    "ъ": (("",), ("",)),
    "ы": (("y", "i"), ("y", "i")),
    "ь": (("",), ("",)),
    "э": (("e",), ("e",)),
    "ю": (("yu", "iu", "ju"), ("yu", "iu", "u", "ju")),
    "я": (("ya", "ia", "ja"), ("ya", "ia", "a", "ja")),
    "'": (("",), ("",)),
}
#: Word-initial spellings that differ from the "after a vowel" ones. Ukrainian є
#: begins a word as "ye" in the 2010 national system and BGN/PCGN 1965 (Yevhen;
#: "ie" is its form after a vowel or consonant: Zaiets); ICAO's "ie" comes with
#: г → g ("Ievgen", system ``uk_icao``), so loose spellings do not begin with it.
_LOOSE_INITIAL: dict[str, tuple[str, ...]] = {"є": ("ye", "je", "e")}
_BASIC = _table(_COMMON)
_MAX_VARIANTS = 1024


@lru_cache(maxsize=16384)
def loose_spellings(word: str, limit: int = _MAX_VARIANTS) -> frozenset[str]:
    """Loose ASCII spellings of one Cyrillic word, lowercase (at most `limit`)."""
    word = _normalise_apostrophes(word.lower())
    options: list[tuple[str, ...]] = []
    prev: str | None = None
    for idx, ch in enumerate(word):
        if ch in _LOOSE:
            initial, other = _LOOSE[ch]
            opts = initial if prev is None or prev in VOWELS_CYR or prev in "ьъ'ў" else other
            if prev is None and ch in _LOOSE_INITIAL:
                opts = _LOOSE_INITIAL[ch]
            if ch == "ь" and idx + 1 < len(word) and word[idx + 1] in "иіеёюя":
                opts = ("", "y")
        else:
            opts = (_BASIC.get(ch, ch),)
        options.append(opts)
        prev = ch
    out: set[str] = set()
    for combo in itertools.product(*options):
        out.add("".join(combo))
        if len(out) >= limit:
            break
    return frozenset(out)


def romanizations(text: str, lang: str | None = None, limit: int = 400) -> set[str]:
    """All plausible Latin spellings of `text`, lowercase.

    Every system of `lang` (or of each language whose alphabet fits the text),
    with and without diacritics, and the loose forms of `loose_spellings`. Words of
    a longer text are combined, at most `limit` spellings in all. Latin text is
    returned as itself and its ASCII form.
    """
    words = text.split()
    if not words:
        return set()
    per_word = [_word_romanizations(unmix(w), lang) for w in words]
    out: set[str] = set()
    for combo in itertools.product(*per_word):
        out.add(" ".join(combo))
        if len(out) >= limit:
            break
    return out


@lru_cache(maxsize=16384)
def _word_romanizations(word: str, lang: str | None) -> tuple[str, ...]:
    if script(word) != "cyrillic":
        return tuple(sorted({word.lower(), ascii_fold(word.lower())}))
    langs = [lang] if lang else sorted(cyrillic_languages(word)) or ["be", "ru", "uk"]
    out: set[str] = set()
    for lg in langs:
        for system in SYSTEMS_BY_LANG.get(lg, ()):
            roman = transliterate(word, system).lower()
            out.add(roman)
            out.add(ascii_fold(roman))
    out |= loose_spellings(word, 64)
    return tuple(sorted(out))


# --- Medium key: for given names --------------------------------------------------

_ISO_SPECIAL = {"ê": "ie", "â": "ia", "û": "iu", "ë": "io", "ï": "ii", "ŝ": "shch", "è": "e"}
_SLAVIC_DIACRITICS = frozenset("łŭćśźńčšžĺǔ")


def _pre_latin(word: str) -> str:
    """Lowercase Latin with ISO 9 letters opened up and Slavic carons kept as digraphs."""
    word = word.lower()
    for k, v in _ISO_SPECIAL.items():
        if k in word:
            word = word.replace(k, v)
    return word


_CYR_CANON = _table(
    _COMMON + " г=g ґ=g е=e ё=io є=ie ж=zh и=i і=i ї=ii й=i ў=u х=kh ц=ts ч=ch ш=sh щ=shch"
    " ъ= ы=y ь= э=e ю=iu я=ia '="
)


def _cyr_canon(word: str) -> str:
    """A language-neutral romanization used only inside keys."""
    word = _normalise_apostrophes(word.lower()).replace("ьо", "ё")
    return "".join(_CYR_CANON.get(ch, ch) for ch in word)


@lru_cache(maxsize=131072)
def spelling_key(word: str) -> str:
    """A key for looking up a spelling: case, diacritics, y/i/j, g/h/kh, w/v, doubles ignored.

    Stricter than `latin_key` (vowels are kept), so that "july" ("iuli") stays
    apart from "Yulia" ("iulia"). Cyrillic words keep their letters (ё → е).
    """
    word = unmix(word.strip())
    if script(word) == "cyrillic":
        w = _normalise_apostrophes(word.lower()).replace("ё", "е").replace("'", "")
        w = re.sub(r"(.)\1+", r"\1", w)
        return w
    w = ascii_fold(_pre_latin(word))
    w = re.sub(r"[^a-z]", "", w)
    w = w.replace("kh", "h").replace("g", "h").replace("x", "ks").replace("w", "v")
    w = w.replace("ph", "f").replace("tz", "ts").replace("ck", "k")
    w = re.sub(r"c(?=[eiy])", "ts", w)
    w = re.sub(r"c(?![hz])", "k", w)
    w = w.replace("y", "i").replace("j", "i")
    return re.sub(r"(.)\1+", r"\1", w)


# --- Loose phonetic key: for surnames ---------------------------------------------

_VOWEL_CLASS = {"a": "a", "o": "a", "e": "i", "i": "i", "u": "u"}
_HARD = "CSZQTrJ"  # ч ш ж щ ц р дж: Belarusian writes а for unstressed е after them
_PLACEHOLDERS = {
    "L": "l",
    "Q": "shch",
    "Z": "zh",
    "C": "ch",
    "S": "sh",
    "T": "ts",
    "H": "h",
    "J": "dzh",
    "D": "dz",
}


def _latin_pipeline(w: str, *, slavic: bool, soft_l: bool) -> str:
    """The steps of `latin_key` on one lowercase Latin word (see `latin_key`)."""
    w = w.replace("ł", "L")
    w = w.replace("ŭ", "u").replace("ǔ", "u").replace("č", "C").replace("š", "S")
    w = w.replace("ž", "Z").replace("ż", "Z").replace("dź", "d").replace("ć", "t")
    w = w.replace("ó", "u")
    w = ascii_fold(w)
    w = re.sub(r"[^a-zA-Z]", "", w)
    if soft_l:
        w = re.sub(r"l(?=[aou])", "li", w)
    # Polish and German digraphs, then the English ones.
    w = w.replace("szcz", "Q").replace("sz", "S").replace("cz", "C")
    w = w.replace("shch", "Q").replace("sch", "Q").replace("shh", "Q")
    w = w.replace("tsch", "C").replace("tch", "C")
    w = w.replace("dzh", "J").replace("dZ", "J").replace("zh", "Z").replace("kh", "H")
    w = w.replace("dz", "D").replace("ts", "T").replace("tz", "T").replace("tc", "T")
    w = w.replace("sh", "S")
    w = w.replace("ch", "H" if slavic else "C")
    w = w.replace("x", "ks").replace("ph", "f").replace("w", "v").replace("q", "k")
    w = re.sub(r"(?<=i)c$", "C", w)  # -ić / -ič without diacritics: Stefanovic
    w = re.sub(r"c(?=[kei]|y)", "T", w)
    w = w.replace("c", "T" if slavic else "k")
    w = w.replace("h", "H").replace("g", "H").replace("y", "i").replace("j", "i")
    # Belarusian ў after a vowel: Sazonau = Sazonaw = Sazonov.
    w = re.sub(r"(?<=[aeo])u(?![aeiou])", "v", w)
    w = re.sub(r"[aeiou]+", lambda m: _VOWEL_CLASS[m.group()[0]], w)
    # Tsekanne / dzekanne: Belarusian ць дзь for Russian ть дь (Valiantsin = Valentin).
    w = re.sub(r"T(?=i)", "t", w)
    w = re.sub(r"D(?![au])", "d", w)
    w = re.sub(f"(?<=[{_HARD}])i", "a", w)
    w = re.sub(r"(.)\1+", r"\1", w)
    return "".join(_PLACEHOLDERS.get(ch, ch) for ch in w)


#: Signs of a non-English transliteration in which "ch" is х: Polish digraphs, or
#: j for й (a j not before a vowel: -skij, Michajlov).
_CH_IS_KH = re.compile(r"sz|cz|rz|j(?![aeiouy])")


def _word_keys(word: str) -> tuple[str, ...]:
    """The primary loose key of one word, then its alternatives (Łacinka readings)."""
    word = unmix(word)
    if script(word) == "cyrillic":
        return (_latin_pipeline(_cyr_canon(word), slavic=False, soft_l=False),)
    w = _pre_latin(word)
    w = _APOSTROPHE_RE.sub("", w)
    # Polish, Czech, German and scholarly spellings write ч as cz, č, tsch and й as
    # j, so their "ch" is х (Tichanovskij, Chodkiewicz); the English systems write
    # й as y or i and their "ch" is ч.
    folded = ascii_fold(w)
    slavic = any(ch in _SLAVIC_DIACRITICS for ch in w) or bool(_CH_IS_KH.search(folded))
    has_hard_l = "ł" in w
    primary = _latin_pipeline(w, slavic=slavic, soft_l=has_hard_l)
    keys = [primary]
    bare_c = re.search(r"c(?![hkz])", folded) is not None
    if not slavic and bare_c and "ch" in folded:
        # A bare c for ц (Polish, Łacinka without diacritics): its "ch" may be х,
        # as in "Cichanowski", or ч in a mixed spelling ("Lacievich").
        keys.append(_latin_pipeline(w, slavic=True, soft_l=has_hard_l))
    lacinka_like = slavic or re.search(r"c(?![hz])", folded) is not None
    if not has_hard_l and lacinka_like and re.search(r"l[aou]", folded):
        # Classical Łacinka writes ля as "la": "Bialacki" may be "Bialiatski".
        for k in tuple(keys):
            alt = _latin_pipeline(w, slavic=slavic or k != primary, soft_l=True)
            keys.append(alt)
    return tuple(dict.fromkeys(keys))


@lru_cache(maxsize=262144)
def latin_keys(text: str) -> tuple[str, ...]:
    """`latin_key(text)` first, then the keys of other readings of an ambiguous spelling."""
    words = [w for w in re.split(r"[\s]+", text.strip()) if w]
    if not words:
        return ("",)
    per_word: list[tuple[str, ...]] = []
    for w in words:
        parts = [p for p in w.split("-") if p]
        if len(parts) > 1:
            alts = [_word_keys(p) for p in parts]
            per_word.append(tuple("-".join(c) for c in itertools.product(*alts)))
        else:
            per_word.append(_word_keys(w))
    return tuple(dict.fromkeys(" ".join(c) for c in itertools.product(*per_word)))


def latin_key(text: str) -> str:
    """One loose ASCII key for every spelling of a name, Latin or Cyrillic, be/ru/uk.

    Rules, in order (documented because the key is deliberately loose):
    Cyrillic is first romanized language-neutrally (г g, х kh, ц ts, ў u, я ia,
    ё io, й i, ь ъ ' dropped). Then, on Latin: diacritics removed (č š ž → ch sh zh;
    ć → t, dź → d as Belarusian soft ць дзь; ł → l); Polish sz cz, German sch tsch;
    zh, kh/h/g/ch(Łacinka) → h, ts/tz/tc/c → ts, dz, dzh; x → ks, w → v, y/j → i;
    ch is х (→ h) in a word with Polish sz/cz/rz or a j for й (Tichanovskij), and
    may be in a word with a bare c for ц (Cichanowski: an alternative key);
    -ic at the end → -ich; u after a, e, o (not before a vowel) → v (ў: Sazonau
    = Sazonov, Lebedzeu = Lebedev); each vowel group becomes a class by its
    first letter: a/o → a (akanye: Smalianka = Smolyanko), e/i/y → i (yakanye:
    Bialiatski = Beliatskii; и/ы/і), u → u; ts and dz before i → t, d (tsekanne);
    after ch sh zh shch ts r the classes a and i merge (Charnou = Chernov);
    doubled letters collapse.

    So "Valentin", "Valiantsin", "Valyantsyn", "Valiancin", "Валянцін" share
    "valintin"; "Labkovich" and "Lapkovich" stay apart (b/p), as do vowel-class
    differences like "Sys" / "Sas" / "Sus". Known merges of different names:
    г with х (Gorin = Khorin), e with i (Belov = Bilov), ц with ть before i.
    """
    return latin_keys(text)[0]
