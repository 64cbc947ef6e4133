"""Grammatical cases of personal names in Russian, Ukrainian and Belarusian.

Pure Python, no Django.

- `inflections(name, lang=None)`: the forms of a full name (given name, patronymic,
  surname, or a surname alone, in Cyrillic) in every case;
- `lemmas(word, lang=None)`: the nominative forms an inflected word may be;
- `analyses(word, lang=None)`: the same with gender, cases and language, for
  agreement between the words of a name (`matching` uses it).

Two sources:

1. pymorphy3 with the OpenCorpora (ru) and VESUM (uk) dictionaries
   (packages pymorphy3-dicts-ru, pymorphy3-dicts-uk), for words its dictionary
   knows as a given name, surname or patronymic (grammemes Name, Surn, Patr).
   Analyzers are created lazily, once per language.
2. Suffix tables (`PARADIGMS`) for Belarusian, and for Russian and Ukrainian
   words pymorphy3 does not know. Each row: the nominative ending, the endings of
   the other cases that replace it, the gender and the name parts it applies to.
   They follow the school grammars' surname declension rules:
   ru -ов/-ин (-ова, -ову, -овым, -ове; fem. -овой, -ову), -ский (-ского …),
   consonant stems (-ича, -ичу, -ичем, -иче); female surnames in a consonant and
   surnames in -о, -е, -и, -у, -ых, -их do not decline (so -енко/-ко in
   Russian and, for women, in Ukrainian; Ukrainian men's -енко declines:
   Шевченка, Шевченкові); uk -ов (-ова, -ову/-ові, -овим), -ський (-ського,
   -ському, -ським), -ук/-юк (-ука, -укові/-уку, -уком), -ич (-ича, -ичу/-ичеві,
   -ичем), -ь (Сись: Ся-, Сися, Сисю, Сисем), -й (Сергій: Сергія, Сергієві);
   be -аў (-ава, -аву, -авым, -аве), -ін, -скі (-скага, -скаму, -скім),
   -іч (-іча, -ічу, -ічам, -ічы), -ка (-кі, -цы, -ку, -кай), -га (-гі, -зе).

Fleeting vowels of given names (Павел → Павла, Лев → Льва, be Павел → Паўла,
uk Федір → Федора) come from the given-name table (`given`), not from here.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .scripts import cyrillic_language, cyrillic_languages, script, unmix

CASES = ("nom", "gen", "dat", "acc", "ins", "loc", "voc")
ALL_CASES = frozenset(CASES)
LANGS = ("ru", "uk", "be")

SURNAME = "surname"
GIVEN = "given"
PATRONYMIC = "patronymic"
ANY_KIND = frozenset({SURNAME, GIVEN, PATRONYMIC})


@dataclass(frozen=True)
class Analysis:
    """One reading of a word: its nominative, gender ("m", "f" or None), cases, language."""

    lemma: str
    gender: str | None
    cases: frozenset[str]
    lang: str | None
    kinds: frozenset[str]
    source: str  # "pymorphy", "rule" or "as-is"

    @property
    def declined(self) -> bool:
        return self.source != "as-is"


@dataclass(frozen=True)
class Paradigm:
    lang: str
    gender: str
    nom: str
    forms: tuple[tuple[str, tuple[str, ...]], ...]  # (case, endings replacing `nom`)
    stem: re.Pattern[str]
    kinds: frozenset[str]

    def endings(self, case: str) -> tuple[str, ...]:
        if case == "nom":
            return (self.nom,)
        for c, ends in self.forms:
            if c == case:
                return ends
        return ()


_CONS = "бвгґджзйклмнпрстфхцчшщў"
_HUSH = "жчшщц"
_ANY = re.compile(r"")


def _stem_re(pattern: str | None) -> re.Pattern[str]:
    return re.compile(f"(?:{pattern})$") if pattern else _ANY


PARADIGMS: list[Paradigm] = []


def _p(
    lang: str,
    gender: str,
    nom: str,
    kinds: Iterable[str],
    stem: str | None = None,
    **cases: str,
) -> None:
    """Add a paradigm. Each case is "ending/ending…"; `stem` is a regex the stem ends with."""
    forms = tuple((c, tuple(cases[c].split("/"))) for c in CASES[1:] if c in cases)
    PARADIGMS.append(Paradigm(lang, gender, nom, forms, _stem_re(stem), frozenset(kinds)))


S, G, P = (SURNAME,), (GIVEN,), (PATRONYMIC,)
SG, GP, SGP = (SURNAME, GIVEN), (GIVEN, PATRONYMIC), (SURNAME, GIVEN, PATRONYMIC)
HARD = f"[{_CONS.replace('ж', '').replace('ч', '').replace('ш', '').replace('щ', '')}]"

# --- Russian -------------------------------------------------------------------------
for x in ("ов", "ев", "ёв", "ин", "ын"):
    _p("ru", "m", x, S, gen=x + "а", dat=x + "у", acc=x + "а", ins=x + "ым", loc=x + "е")
    _p(
        "ru",
        "f",
        x + "а",
        S,
        gen=x + "ой",
        dat=x + "ой",
        acc=x + "у",
        ins=x + "ой/" + x + "ою",
        loc=x + "ой",
    )
_p("ru", "m", "ий", S, "[кгхжшчщ]", gen="ого", dat="ому", acc="ого", ins="им", loc="ом")
_p("ru", "m", "ый", S, gen="ого", dat="ому", acc="ого", ins="ым", loc="ом")
_p("ru", "m", "ой", S, gen="ого", dat="ому", acc="ого", ins="ым/им", loc="ом")
_p("ru", "f", "ая", S, gen="ой", dat="ой", acc="ую", ins="ой/ою", loc="ой")
_p("ru", "m", "", SGP, "[жчшщц]", gen="а", dat="у", acc="а", ins="ем", loc="е")
_p("ru", "m", "", SGP, "[бвгдзклмнпрстфх]", gen="а", dat="у", acc="а", ins="ом", loc="е")
_p("ru", "m", "ец", S, "[^аеёиоуыэюя]", gen="ца", dat="цу", acc="ца", ins="цом/цем", loc="це")
_p("ru", "m", "ь", SG, gen="я", dat="ю", acc="я", ins="ем", loc="е")
_p("ru", "m", "й", SG, "[аеуэюя]", gen="я", dat="ю", acc="я", ins="ем", loc="е")
_p("ru", "m", "ий", G, gen="ия", dat="ию", acc="ия", ins="ием", loc="ии")
for g in ("m", "f"):
    _p("ru", g, "а", SGP, "[кгхжшчщ]", gen="и", dat="е", acc="у", ins="ой/ою/ей/ею", loc="е")
    _p("ru", g, "а", SGP, "[бвдзлмнпрстфц]", gen="ы", dat="е", acc="у", ins="ой/ою", loc="е")
    _p("ru", g, "я", SG, f"[{_CONS}]", gen="и", dat="е", acc="ю", ins="ей/ею", loc="е")
    _p("ru", g, "ья", SG, gen="ьи", dat="ье", acc="ью", ins="ьей/ьею", loc="ье")
_p("ru", "f", "ия", SG, gen="ии", dat="ии", acc="ию", ins="ией/иею", loc="ии")

# --- Ukrainian ------------------------------------------------------------------------
for x in ("ов", "ев", "єв", "ін", "їн", "ин"):
    _p(
        "uk",
        "m",
        x,
        S,
        gen=x + "а",
        dat=x + "у/" + x + "ові",
        acc=x + "а",
        ins=x + "им",
        loc=x + "ові/" + x + "у/" + x + "і",
        voc=x + "е",
    )
    _p(
        "uk",
        "f",
        x + "а",
        S,
        gen=x + "ої",
        dat=x + "ій",
        acc=x + "у",
        ins=x + "ою",
        loc=x + "ій",
        voc=x + "а",
    )
_p("uk", "m", "ий", S, gen="ого", dat="ому", acc="ого", ins="им", loc="ому/ім", voc="ий")
_p("uk", "f", "ька", S, "[сзц]", gen="ької", dat="ькій", acc="ьку", ins="ькою", loc="ькій")
_p("uk", "f", "ка", S, "[сзц]", gen="кої", dat="кій", acc="ку", ins="кою", loc="кій")
_p(
    "uk",
    "m",
    "",
    SGP,
    "[жчшщ]",
    gen="а",
    dat="у/еві",
    acc="а",
    ins="ем",
    loc="еві/у/і",
    voc="у/е",
)
_p(
    "uk",
    "m",
    "",
    SGP,
    "[бвгґдзклмнпрстфхц]",
    gen="а",
    dat="у/ові",
    acc="а",
    ins="ом",
    loc="ові/у/і",
    voc="е/у",
)
_p("uk", "m", "ець", S, gen="ця", dat="цю/цеві", acc="ця", ins="цем", loc="цеві/цю/ці", voc="цю")
_p("uk", "m", "ь", SG, gen="я", dat="ю/еві", acc="я", ins="ем", loc="ю/еві/і", voc="ю")
_p("uk", "m", "й", SG, "[аеіоуя]", gen="я", dat="ю/єві", acc="я", ins="єм", loc="ї/єві/ю", voc="ю")
_p("uk", "m", "о", G, gen="а", dat="ові/у", acc="а", ins="ом", loc="ові/у", voc="е/у")
_p("uk", "m", "о", S, "к", gen="а", dat="ові/у", acc="а", ins="ом", loc="ові/у", voc="е/у")
for g in ("m", "f"):
    _p("uk", g, "ка", SGP, gen="ки", dat="ці", acc="ку", ins="кою", loc="ці", voc="ко")
    _p("uk", g, "га", SGP, gen="ги", dat="зі", acc="гу", ins="гою", loc="зі", voc="го")
    _p("uk", g, "ха", SGP, gen="хи", dat="сі", acc="ху", ins="хою", loc="сі", voc="хо")
    _p("uk", g, "а", SGP, "[жчшщ]", gen="і", dat="і", acc="у", ins="ею", loc="і", voc="о")
    _p(
        "uk",
        g,
        "а",
        SGP,
        "[бвдзлмнпрстфц]",
        gen="и",
        dat="і",
        acc="у",
        ins="ою",
        loc="і",
        voc="о",
    )
    _p("uk", g, "я", SG, f"[{_CONS}'ь]", gen="і", dat="і", acc="ю", ins="ею", loc="і", voc="е/ю")
_p("uk", "f", "ія", SG, gen="ії", dat="ії", acc="ію", ins="ією", loc="ії", voc="іє")

# --- Belarusian -----------------------------------------------------------------------
for x, y in (("аў", "ав"), ("оў", "ов"), ("еў", "ев"), ("ёў", "ёв")):
    _p("be", "m", x, S, gen=y + "а", dat=y + "у", acc=y + "а", ins=y + "ым", loc=y + "е")
    _p("be", "m", x, G, gen=y + "а", dat=y + "у", acc=y + "а", ins=y + "ам", loc=y + "е/" + y + "у")
    _p(
        "be",
        "f",
        y + "а",
        S,
        gen=y + "ай",
        dat=y + "ай",
        acc=y + "у",
        ins=y + "ай/" + y + "аю",
        loc=y + "ай",
    )
for x in ("ін", "ын"):
    _p("be", "m", x, S, gen=x + "а", dat=x + "у", acc=x + "а", ins=x + "ым", loc=x + "е")
    _p(
        "be",
        "f",
        x + "а",
        S,
        gen=x + "ай",
        dat=x + "ай",
        acc=x + "у",
        ins=x + "ай/" + x + "аю",
        loc=x + "ай",
    )
_p("be", "m", "і", S, "[кгх]", gen="ага", dat="аму", acc="ага", ins="ім", loc="ім")
# (Belarusian spelling writes -і, not -ы, after к г х: Бяляцкі, not Бяляцкы.)
_p("be", "m", "ы", S, "[^кгх]", gen="ага", dat="аму", acc="ага", ins="ым", loc="ым")
_p("be", "f", "ая", S, gen="ай", dat="ай", acc="ую", ins="ай/аю", loc="ай")
_p("be", "m", "ы", G, gen="ыя", dat="ыю", acc="ыя", ins="ыем", loc="ыі")
_p("be", "m", "ый", G, gen="ыя", dat="ыю", acc="ыя", ins="ыем", loc="ыі")
_p("be", "m", "", SGP, "[жчшцр]|дж", gen="а", dat="у", acc="а", ins="ам/ом", loc="ы/у")
_p("be", "m", "", SGP, "[кгх]", gen="а", dat="у", acc="а", ins="ам/ом", loc="у")
_p("be", "m", "", SGP, "[бвдзлмнпсстф]", gen="а", dat="у", acc="а", ins="ам/ом", loc="е/у")
_p("be", "m", "ец", S, gen="ца", dat="цу", acc="ца", ins="цом/цам", loc="цы")
_p("be", "m", "ь", SG, gen="я", dat="ю", acc="я", ins="ем", loc="ю/і")
_p("be", "m", "й", SG, "[аеоуэыя]", gen="я", dat="ю", acc="я", ins="ем", loc="і/ю")
for g, extra_ins, extra_dat in (("f", "", ""), ("m", "/кам", "/ку")):
    _p(
        "be",
        g,
        "ка",
        SGP,
        gen="кі",
        dat="цы" + extra_dat,
        acc="ку",
        ins="кай/каю" + extra_ins,
        loc="цы" + extra_dat,
    )
for g, m_ins in (("f", ""), ("m", "/ам")):
    _p("be", g, "га", SGP, gen="гі", dat="зе", acc="гу", ins="гай/гаю" + m_ins, loc="зе")
    _p("be", g, "ха", SGP, gen="хі", dat="се", acc="ху", ins="хай/хаю" + m_ins, loc="се")
    _p("be", g, "а", SGP, "[жчшцр]", gen="ы", dat="ы", acc="у", ins="ай/аю" + m_ins, loc="ы")
    _p("be", g, "а", SGP, "[бвдзлмнпстфў]", gen="ы", dat="е", acc="у", ins="ай/аю" + m_ins, loc="е")
    _p("be", g, "я", SG, gen="і", dat="і", acc="ю", ins="яй/яю", loc="і")

_BY_LANG: dict[str, tuple[Paradigm, ...]] = {
    lang: tuple(p for p in PARADIGMS if p.lang == lang) for lang in LANGS
}

# --- pymorphy3 --------------------------------------------------------------------------

_MORPH: dict[str, Any] = {}
_MORPH_LOCK = threading.Lock()
_PM_CASES = {
    "nomn": "nom",
    "gent": "gen",
    "gen2": "gen",
    "datv": "dat",
    "accs": "acc",
    "ablt": "ins",
    "loct": "loc",
    "loc2": "loc",
    "voct": "voc",
}
_PM_KINDS = {"Surn": SURNAME, "Name": GIVEN, "Patr": PATRONYMIC}


def morph_analyzer(lang: str) -> Any | None:
    """The pymorphy3 analyzer for "ru" or "uk", created once; None if not installed."""
    if lang not in ("ru", "uk"):
        return None
    if lang not in _MORPH:
        with _MORPH_LOCK:
            if lang not in _MORPH:
                try:
                    import pymorphy3

                    _MORPH[lang] = pymorphy3.MorphAnalyzer(lang=lang)
                except Exception:  # pragma: no cover - missing dictionaries
                    _MORPH[lang] = None
    return _MORPH[lang]


def _pm_gender(tag: Any) -> str | None:
    if "masc" in tag:
        return "m"
    if "femn" in tag:
        return "f"
    return None


def _pymorphy_parses(word: str, lang: str) -> list[Any]:
    """Dictionary (not guessed) parses of `word` as a singular name, surname or patronymic."""
    morph = morph_analyzer(lang)
    if morph is None:
        return []
    out = []
    for p in morph.parse(word):
        grammemes = p.tag.grammemes
        if not (grammemes & {"Surn", "Name", "Patr"}) or "plur" in grammemes:
            continue
        if type(p.methods_stack[0][0]).__name__ != "DictionaryAnalyzer":
            continue
        if len(p.methods_stack) > 1:  # a known suffix after an unknown prefix: a guess
            continue
        out.append(p)
    return out


def _pymorphy_analyses(word: str, lang: str) -> list[Analysis]:
    out: list[Analysis] = []
    for p in _pymorphy_parses(word, lang):
        gender = _pm_gender(p.tag)
        lemma = p.normal_form
        if gender == "f":
            nom = p.inflect({"nomn"})
            if nom is not None:
                lemma = nom.word
        case = _PM_CASES.get(str(p.tag.case))
        if case is None:
            continue
        kinds = frozenset(k for g, k in _PM_KINDS.items() if g in p.tag.grammemes)
        out.append(
            Analysis(lemma.replace("ё", "е"), gender, frozenset({case}), lang, kinds, "pymorphy")
        )
    return out


def _pymorphy_forms(word: str, lang: str, gender: str | None, kind: str) -> dict[str, set[str]]:
    """Case → forms of `word` (nominative) from pymorphy3's lexeme, if it knows the word."""
    grammeme = {SURNAME: "Surn", GIVEN: "Name", PATRONYMIC: "Patr"}[kind]
    for p in _pymorphy_parses(word, lang):
        if grammeme not in p.tag.grammemes or p.tag.case != "nomn":
            continue
        if gender and _pm_gender(p.tag) not in (gender, None):
            continue
        pg = _pm_gender(p.tag)
        out: dict[str, set[str]] = {}
        for f in p.lexeme:
            if f.tag.grammemes & {"plur", "Infr"} or (pg and _pm_gender(f.tag) not in (pg, None)):
                continue
            if lang == "ru" and f.tag.case == "voct":
                continue  # Russian has no vocative but the colloquial "Нин"
            case = _PM_CASES.get(str(f.tag.case))
            if case:
                out.setdefault(case, set()).add(f.word)
        if out:
            return out
    return {}


# --- Rules --------------------------------------------------------------------------------


def _languages(word: str, lang: str | None) -> tuple[str, ...]:
    if lang:
        return (lang,)
    langs = cyrillic_languages(word)
    return tuple(lg for lg in LANGS if lg in langs) or LANGS


# Nominatives a rule may derive that are really oblique forms of commoner types:
# "Стефановича" is not a woman's surname (hers is Стефанович), "Бяляцкага" is
# the genitive of Бяляцкі (Belarusian adjectival -кага, -нага: Шырокага,
# Чорнага), "Бяляцкаг" is no nominative at all (к before a final г).
_IMPLAUSIBLE_NOMINATIVE = re.compile(
    r"(?:[иіы]ча|[иіы]чу|[оеая]го|[оеая]му|ього|ьому|ових|овим|[кн]ага|[кн]ога|каг)$"
)


def _rule_analyses(word: str, lang: str) -> list[Analysis]:
    out: list[Analysis] = []
    for para in _BY_LANG[lang]:
        for case in CASES:
            for end in para.endings(case):
                if end and not word.endswith(end):
                    continue
                stem = word[: len(word) - len(end)] if end else word
                if len(stem) < 2 or not para.stem.search(stem):
                    continue
                if not end and stem[-1] not in _CONS:
                    continue
                lemma = stem + para.nom
                if _IMPLAUSIBLE_NOMINATIVE.search(lemma) and (para.nom or case != "nom"):
                    continue
                out.append(
                    Analysis(lemma, para.gender, frozenset({case}), lang, para.kinds, "rule")
                )
    return out


def _merge(items: Iterable[Analysis]) -> tuple[Analysis, ...]:
    merged: dict[tuple[Any, ...], Analysis] = {}
    for a in items:
        key = (a.lemma, a.gender, a.lang, a.kinds, a.source)
        if key in merged:
            b = merged[key]
            merged[key] = Analysis(a.lemma, a.gender, b.cases | a.cases, a.lang, a.kinds, a.source)
        else:
            merged[key] = a
    return tuple(merged.values())


@lru_cache(maxsize=131072)
def analyses(word: str, lang: str | None = None) -> tuple[Analysis, ...]:
    """Readings of one Cyrillic word (lowercase lemmas), pymorphy3's first.

    Always includes the word itself read as an indeclinable nominative (source
    "as-is"). Latin words get only that reading, except transliterated -ich
    surnames in a case ("Labkovicha", "Labkovichu", "Labkovichem").
    """
    w = unmix(word.strip()).lower().replace("ё", "е").replace("’", "'").replace("ʼ", "'")
    if not w:
        return ()
    as_is = Analysis(w, None, ALL_CASES, lang, ANY_KIND, "as-is")
    if script(w) != "cyrillic":
        m = re.fullmatch(r"(.+(?:ich|ic|yc|ych))(a|u|om|em|e|y)", w)
        if m:
            return (Analysis(m.group(1), "m", ALL_CASES - {"nom"}, None, ANY_KIND, "rule"), as_is)
        return (as_is,)
    items: list[Analysis] = []
    for lg in _languages(w, lang):
        if lg in ("ru", "uk"):
            items.extend(_pymorphy_analyses(w, lg))
        items.extend(_rule_analyses(w, lg))
    return (*_merge(items), as_is)


# --- Words that are not names ---------------------------------------------------------

#: pymorphy3 parts of speech of words that are not names: verb forms and participles
#: (Задержан, Задержали, Затриманий, Затримано), adverbs and function words.
_NON_NAME_POS = frozenset(
    {"VERB", "INFN", "PRTF", "PRTS", "GRND", "ADVB", "PRED", "PREP", "CONJ", "PRCL", "INTJ", "NPRO"}
)
_NAME_GRAMMEMES = frozenset({"Surn", "Name", "Patr", "Geox", "Orgn"})
# Belarusian (no pymorphy3 dictionary): passive participles in -аны/-яны/-ены/-ёны
# and their forms (затрыманы, арыштаваны, вызвалены, затрыманая, затрыманыя; a
# school grammar's participle suffixes -ан-, -ен-), and past plurals in -лі after a
# vowel (затрымалі, асудзілі, правялі). Belarusian surnames hardly ever end so.
_BE_NON_NAME = re.compile(r"(?:[аяеё]н(?:ы|ая|ае|ыя))$|(?:[аяіыэе]лі)$")


@lru_cache(maxsize=65536)
def is_predicate_word(word: str) -> bool:
    """Whether a capitalised Cyrillic word is a verb form, participle, adverb or
    function word rather than a name: "Задержан", "Затрыманы", "Затриманий",
    "Арыштаваны", "Задержали". Words a dictionary also knows as a name or
    surname are names (False); so are words it does not know, except Belarusian
    participles and past plurals, recognised by their endings."""
    w = unmix(word.strip()).lower().replace("ё", "е")
    if len(w) < 4 or script(w) != "cyrillic":
        return False
    langs = cyrillic_languages(w)
    verbal = False
    for lang in ("ru", "uk"):
        if lang not in langs:
            continue
        morph = morph_analyzer(lang)
        if morph is None:
            continue
        for p in morph.parse(w):
            if type(p.methods_stack[0][0]).__name__ != "DictionaryAnalyzer":
                continue
            if len(p.methods_stack) > 1:
                continue
            grammemes = p.tag.grammemes
            if grammemes & _NAME_GRAMMEMES:
                return False
            # VESUM tags Ukrainian participles as adjectives with a voice (pssv, actv).
            if p.tag.POS in _NON_NAME_POS or (p.tag.POS == "ADJF" and grammemes & {"pssv", "actv"}):
                verbal = True
    if verbal:
        return True
    return "be" in langs and len(w) >= 7 and bool(_BE_NON_NAME.search(w))


def restore_case(lemma: str, original: str) -> str:
    """`lemma` written in the case style of `original` ("ЛАБКОВИЧ", "Лабкович", "лабкович")."""
    if len(original) > 1 and original.isupper():
        return lemma.upper()
    if original[:1].isupper():
        return "-".join(part[:1].upper() + part[1:] for part in lemma.split("-"))
    return lemma


def lemmas(word: str, lang: str | None = None) -> set[str]:
    """The nominative forms `word` may be an inflection of (the word itself included).

    "Владимиру" → {"Владимир", …}; "Лабковичу" → {"Лабкович", …};
    "Уладзімера" → {"Уладзімер", …}. Over-generates on purpose: callers pick the
    reading that agrees with the other words of the name.
    """
    return {restore_case(a.lemma, word) for a in analyses(word, lang)}


# --- Inflection ---------------------------------------------------------------------------


def _paradigm_for(word: str, lang: str, gender: str | None, kind: str) -> Paradigm | None:
    """The most specific paradigm (longest nominative ending) for a nominative word."""
    best: Paradigm | None = None
    for para in _BY_LANG[lang]:
        if kind not in para.kinds or (gender and para.gender != gender):
            continue
        if not word.endswith(para.nom):
            continue
        stem = word[: len(word) - len(para.nom)] if para.nom else word
        if len(stem) < 2 or not para.stem.search(stem):
            continue
        if not para.nom and stem[-1] not in _CONS:
            continue
        if best is None or len(para.nom) > len(best.nom):
            best = para
    return best


def word_forms(
    word: str,
    lang: str,
    gender: str | None,
    kind: str,
    stem: str | None = None,
) -> dict[str, set[str]]:
    """Case → forms of one nominative word (lowercase). Indeclinable words repeat.

    `stem` replaces the rule stem in oblique cases (fleeting vowels: Павел/Павл).
    """
    w = word.lower().replace("ё", "е") if lang != "be" else word.lower()
    if lang in ("ru", "uk"):
        found = _pymorphy_forms(w, lang, gender, kind)
        if found:
            return found
    para = _paradigm_for(w, lang, gender, kind)
    if para is None:
        return {case: {w} for case in CASES}
    base = w[: len(w) - len(para.nom)] if para.nom else w
    out: dict[str, set[str]] = {"nom": {w}}
    for case in CASES[1:]:
        ends = para.endings(case)
        if not ends:
            continue
        oblique = stem.lower() if stem else base
        out[case] = {oblique + e for e in ends}
    return out


_PATRONYMIC_RE = re.compile(
    r"(ович|евич|ьевич|йович|овна|евна|ьевна|івна|ївна|йовна|ична|инична|авіч|евіч|овіч|"
    r"аўна|еўна|оўна|ічна|ыч|ич)$"
)
_FEM_PATRONYMIC = re.compile(r"(вна|чна|ўна|ївна|івна)$")
_FEM_SURNAME = re.compile(
    r"(ова|ева|ёва|ина|ына|іна|ская|цкая|ська|цька|зька|ая|ава|ёва|яя)$", re.IGNORECASE
)


def _guess_gender(tokens: list[tuple[str, str, str | None]]) -> str | None:
    """Gender from the given name if known, else from the patronymic or surname."""
    for _, kind, gender in tokens:
        if kind == GIVEN and gender:
            return gender
    for tok, kind, _ in tokens:
        if kind == PATRONYMIC:
            return "f" if _FEM_PATRONYMIC.search(tok.lower()) else "m"
    for tok, kind, _ in tokens:
        if kind == SURNAME:
            return "f" if _FEM_SURNAME.search(tok) else "m"
    return None


def _roles(name: str) -> list[tuple[str, str, str | None]]:
    """(token, kind, gender if a known given name) for each word of a name."""
    from . import given  # noqa: PLC0415 - given imports this module

    words = name.split()
    out: list[tuple[str, str, str | None]] = []
    for i, tok in enumerate(words):
        group = given.given_group(tok)
        if group:
            out.append((tok, GIVEN, given.given_gender(group)))
        elif len(words) >= 3 and i > 0 and _PATRONYMIC_RE.search(tok.lower()):
            out.append((tok, PATRONYMIC, None))
        else:
            out.append((tok, SURNAME, None))
    return out


def inflections(name: str, lang: str | None = None) -> set[str]:
    """Every case form of a Cyrillic full name (or surname alone), nominative included.

    "Владимир Лабкович" → {"Владимира Лабковича", "Владимиру Лабковичу",
    "Владимиром Лабковичем", "Владимире Лабковиче", …}. Without `lang`, the forms
    of every language whose alphabet fits the name are given ("Зарина Вострикова"
    is Russian or Ukrainian: both "Зариной Востриковой" and "Зариною Востриковою").
    Latin names are returned as they are (English does not decline names).
    """
    name = " ".join(unmix(w) for w in name.split())
    if not name or script(name) != "cyrillic":
        return {name} if name else set()
    from . import given  # noqa: PLC0415

    roles = _roles(name)
    gender = _guess_gender(roles)
    langs = [lang] if lang else list(_languages(name, None))
    if not lang:
        # A given name spelled in one language only (Вольга, Владимир) settles it.
        for tok, kind, _ in roles:
            if kind == GIVEN:
                own = {r.lang for r in given.given_readings(tok) if "nom" in r.cases}
                narrowed = [lg for lg in langs if lg in own]
                if narrowed:
                    langs = narrowed
    out: set[str] = {name}
    for lg in langs:
        per_token: list[dict[str, set[str]]] = []
        for tok, kind, _ in roles:
            stem = given.oblique_stem(tok, lg) if kind == GIVEN else None
            forms = word_forms(tok, lg, gender, kind, stem)
            per_token.append({c: {restore_case(f, tok) for f in fs} for c, fs in forms.items()})
        for case in CASES:
            options = [forms.get(case) or forms["nom"] for forms in per_token]
            for combo in itertools.product(*options):
                out.add(" ".join(combo))
    return out


def language_of(text: str) -> str | None:
    """`scripts.cyrillic_language`, re-exported for callers of this module."""
    return cyrillic_language(text)
