"""Matching person names across scripts, spellings, word order and grammatical case.

Pure Python, no Django.

- `parse_name(name)`: given name(s), patronymic, surname and initials of a name
  written in either order ("Labkovich Vladimir", "Лабкович Владимир Валентинович");
- `keys(name)`: compact keys to store for a person's name and each alias, and to
  look up for a query. A key is the surname's loose `latin_key` (of its
  nominative, gender-neutral: Sazonova → Sazonov) alone, and joined to each
  given-name group: "labkavich" and "labkavich|vladimir". Any spelling, script or
  case of the same person's name shares at least the surname key; a different
  given name with the same surname shares the surname key too (it is a
  candidate) and `score` ranks it low;
- `score(query, candidate_names)`: 0..1, how likely `query` names the person
  known by `candidate_names` (name and aliases);
- `recognise(text)`: the person-name mentions in running text, with spans and
  nominative (lemmatised) names.

Scores (`score`): exactly the same name after folding 1.0; same surname and the
same given-name group 0.95 (0.98 with the same patronymic); same surname, an
initial that fits 0.75, related given names (Aleś / Aliaksandr) 0.72, surname
only 0.6–0.7 (0.35 if the genders differ: Sazonova / Viktor Sazonov); same
surname but a different given name 0.2; a different patronymic caps at 0.4;
a different surname 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import given as given_mod
from .morphology import (
    PATRONYMIC,
    SURNAME,
    Analysis,
    analyses,
    is_predicate_word,
    restore_case,
)
from .scripts import script, unmix
from .translit import ascii_fold, fold, latin_keys

_PUNCT = '.,;:!?()[]{}"«»“”„'
_PATRONYMIC_MASC = re.compile(
    r"(?:ович|евич|ьевич|йович|авіч|евіч|овіч|ovich|evich|ovych|ievich|yevich|avich|ovič|evič"
    r"|avič)(?:а|у|ем|е|ам|ы|і|еві|ові|a|u|em|e|om)?$|(?:ыч|ич|ič)$",
    re.IGNORECASE,
)
_PATRONYMIC_FEM = re.compile(
    r"(?:овн|евн|ьевн|івн|ївн|йовн|ичн|аўн|еўн|оўн|ічн|ovn|evn|ievn|yevn|ivn|yivn|aun|aŭn"
    r"|eun|eŭn|ichn)(?:а|ы|е|у|ой|ою|і|ої|ій|ай|аю|a|y|e|u|oi|oy|oj)$",
    re.IGNORECASE,
)
_PATRONYMIC_STRIP = re.compile(
    r"(ьевич|йович|ьевна|йовна|ovich|evich|ovych|avich|ovna|evna|ivna|auna|aŭna|euna|eŭna"
    r"|ович|евич|авіч|евіч|овіч|овна|евна|івна|ївна|аўна|еўна|оўна|ична|ічна|ич|ыч)$",
    re.IGNORECASE,
)
_FATHER_ENDINGS = ("", "й", "ий", "ій", "ы", "ый", "ь", "а", "о", "i", "y", "iy", "ii", "iі")

_FEM_SURNAME = (
    # (feminine ending, neutral ending)
    ("ская", "ский"),
    ("цкая", "цкий"),
    ("зкая", "зкий"),
    ("ська", "ський"),
    ("цька", "цький"),
    ("зька", "зький"),
    ("ова", "ов"),
    ("ева", "ев"),
    ("ёва", "ёв"),
    ("ава", "ав"),
    ("ина", "ин"),
    ("ына", "ын"),
    ("іна", "ін"),
    ("їна", "їн"),
    ("skaya", "ski"),
    ("skaia", "ski"),
    ("skaja", "ski"),
    ("ska", "ski"),
    ("ova", "ov"),
    ("eva", "ev"),
    ("ava", "av"),
    ("ina", "in"),
    ("yna", "yn"),
)

#: Capitalised words that are not names (sentence openers, places, months, bodies).
STOPWORDS = frozenset(
    fold(w)
    for w in """
    The A An In On At Of And But For With From By To As This That These Those He She They We It
    His Her Their Our Its After Before During Since When While Then Also However Yesterday Today
    Mr Mrs Ms Dr Prof Sir Saint St Raids Police Court Street Square Avenue Prospect Region District
    Minsk Belarus Ukraine Russia Poland Lithuania Latvia Europe European Kyiv Kiev Moscow Warsaw
    Vilnius Hrodna Grodno Homel Homiel Gomel Brest Vitebsk Viciebsk Mahiliou Mogilev Babruisk
    Bobruisk Hrodno KGB OMON GUBOPiK Viasna Vyasna UN EU OSCE
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    В Во На По Из Из-за К Ко С Со У О Об От До За Как Что Это Он Она Они Мы Вы Его Ее Её Их
    Вчера Сегодня Завтра Также Однако Суд Улица Минск Мінск Менск Беларусь Белоруссия Украина
    Україна Украіна Россия Росія Расія Киев Київ Кіеў Москва Масква Гродно Гродна Гомель Брест
    Витебск Віцебск Могилев Могилёв Магілёў Вільнюс Вильнюс Варшава Польша Літва Литва Европа
    Вясна Весна КГБ КДБ ОМОН ГУБОПиК Я Ён Яна Яны Мы Ты Вона Воно Вони І И А Але Но
    Январь Февраль Март Апрель Май Июнь Июль Август Сентябрь Октябрь Ноябрь Декабрь
    Студзень Люты Сакавік Красавік Травень Чэрвень Ліпень Жнівень Верасень Кастрычнік
    Лістапад Снежань Січень Лютий Березень Квітень Червень Липень Серпень Вересень Жовтень
    Листопад Грудень
    """.split()
)


@dataclass(frozen=True)
class NameParts:
    """The parts of a name, in nominative where they could be lemmatised."""

    given: tuple[str, ...] = ()
    patronymic: str | None = None
    surname: str | None = None
    initials: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()

    def full(self) -> str:
        parts = [*self.given, *(i + "." for i in self.initials)]
        if self.patronymic:
            parts.append(self.patronymic)
        if self.surname:
            parts.append(self.surname)
        return " ".join(parts)


@dataclass(frozen=True)
class Reading:
    """One interpretation of a name, reduced to what matching compares."""

    surname_keys: frozenset[str]
    surname_fem: bool | None
    groups: frozenset[str]
    given_keys: frozenset[str]
    initials: frozenset[str]
    patronymic: frozenset[str]
    gender: str | None
    parts: NameParts = field(compare=False)
    words: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Mention:
    """A person's name found in running text."""

    start: int
    end: int
    text: str
    name: str
    parts: NameParts


# --- Tokens --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Tok:
    text: str
    initial: bool


def _tokens(name: str) -> list[_Tok]:
    out: list[_Tok] = []
    for raw in name.replace(",", " ").split():
        raw = unmix(raw)
        # "В.В." and "V.V." are two initials; "V." one.
        if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]?\.?", raw) and len(raw.replace(".", "")) <= 3:
            letters = raw.replace(".", "")
            if all(ch.isupper() for ch in letters) or len(letters) == 1:
                out.extend(_Tok(ch, True) for ch in letters)
                continue
        word = raw.strip(_PUNCT)
        word = re.sub(r"['’]s$", "", word)
        if not word:
            continue
        if len(word) == 1 and word.isalpha() and word.isupper():
            out.append(_Tok(word, True))
        else:
            out.append(_Tok(word, False))
    return out


def _is_patronymic(word: str, *, strict: bool) -> bool:
    low = word.lower()
    if _PATRONYMIC_FEM.search(low):
        return True
    return not strict and bool(_PATRONYMIC_MASC.search(low))


# --- Surname and patronymic keys -----------------------------------------------------


def _neutral_surname(lemma: str) -> tuple[str, bool]:
    """(the gender-neutral form of a surname, whether it was feminine)."""
    low = lemma.lower()
    if len(low) > 4:
        for fem, neutral in _FEM_SURNAME:
            if low.endswith(fem):
                return low[: len(low) - len(fem)] + neutral, True
    return low, False


@lru_cache(maxsize=262144)
def surname_keys(lemma: str) -> tuple[frozenset[str], bool]:
    """(the loose keys of a surname in nominative, whether the form is feminine)."""
    neutral, fem = _neutral_surname(lemma)
    return frozenset(latin_keys(neutral)), fem


def _father_group(word: str) -> str | None:
    stem = _PATRONYMIC_STRIP.sub("", word)
    if len(stem) < 2:
        return None
    for end in _FATHER_ENDINGS:
        group = given_mod.given_group(stem + end)
        if group:
            return group
    return None


@lru_cache(maxsize=65536)
def patronymic_father(word: str) -> str | None:
    """The given-name group of the father a patronymic in any case is formed
    from: "Валентиновичем", "Валянцінавіч", "Valentinovich" → "valentin";
    None for a word that is not one of a listed name ("Лабковіч")."""
    low = unmix(word).lower()
    m = _PATRONYMIC_MASC.search(low) or _PATRONYMIC_FEM.search(low)
    if m is None:
        return None
    stem = low[: m.start()]
    if len(stem) < 2:
        return None
    for end in _FATHER_ENDINGS:
        group = given_mod.given_group(stem + end)
        if group:
            return group
    return None


def _patronymic_nominative(word: str, gender: str | None) -> str:
    if script(word) != "cyrillic":
        return word
    best = word
    for a in analyses(word):
        if (
            PATRONYMIC in a.kinds
            and a.declined
            and "nom" not in a.cases
            and (gender is None or a.gender in (None, gender))
            and (_PATRONYMIC_MASC.search(a.lemma) or _PATRONYMIC_FEM.search(a.lemma))
        ):
            return restore_case(a.lemma, word)
    return best


def _patronymic_keys(word: str) -> frozenset[str]:
    group = _father_group(word)
    if group:
        return frozenset({"g:" + group})
    low = word.lower()
    low = re.sub(r"(овна|ovna)$", "ович", low)
    low = re.sub(r"(евна|evna)$", "евич", low)
    low = re.sub(r"(аўна|auna|aŭna)$", "авіч", low)
    return frozenset(latin_keys(low))


# --- Agreement between given name and surname ----------------------------------------


def _given_reading_options(tok: str) -> tuple[given_mod.GivenReading, ...]:
    return given_mod.given_readings(tok)


def _surname_choices(
    word: str, readings: tuple[given_mod.GivenReading, ...]
) -> tuple[list[str], str | None]:
    """The nominative(s) of a surname agreeing with the given name, and that gender."""
    low = word.lower().replace("ё", "е")
    cands = [a for a in analyses(word) if SURNAME in a.kinds or not a.declined]
    if not readings:
        lemmas = {a.lemma for a in cands}
        return sorted(lemmas), None
    best_rank = -1
    best: list[tuple[str, str | None]] = []
    for g in readings:
        for a in cands:
            if a.gender not in (None, g.gender) or not (a.cases & g.cases):
                continue
            rank = _rank(a, g, low)
            if rank > best_rank:
                best_rank, best = rank, [(a.lemma, g.gender)]
            elif rank == best_rank:
                best.append((a.lemma, g.gender))
    if not best:
        return [low], readings[0].gender
    return sorted({lemma for lemma, _ in best}), best[0][1]


def _rank(a: Analysis, g: given_mod.GivenReading, word: str) -> int:
    rank = 0
    if a.declined and "nom" in (a.cases & g.cases) and a.lemma == word:
        rank += 4
    if a.source == "pymorphy":
        rank += 2
    elif a.source == "rule":
        rank += 1
    if g.lang and a.lang == g.lang:
        rank += 1
    if not a.declined and "nom" not in g.cases:
        rank -= 1
    return rank


def _best_given(
    readings: tuple[given_mod.GivenReading, ...], surname: str | None
) -> given_mod.GivenReading | None:
    """The given-name reading that best agrees with the surname (nominative first)."""
    if not readings:
        return None
    if surname is None or script(surname) != "cyrillic":
        nom = [r for r in readings if "nom" in r.cases]
        return (nom or list(readings))[0]
    low = surname.lower().replace("ё", "е")
    cands = [a for a in analyses(surname) if SURNAME in a.kinds or not a.declined]
    scored: list[tuple[int, int, given_mod.GivenReading]] = []
    for i, g in enumerate(readings):
        ranks = [
            _rank(a, g, low) for a in cands if a.gender in (None, g.gender) and (a.cases & g.cases)
        ]
        scored.append((max(ranks, default=-5), -i, g))
    return max(scored, key=lambda t: (t[0], t[1]))[2]


# --- Readings --------------------------------------------------------------------------


def _make_reading(
    toks: list[_Tok],
    given_idx: list[int],
    surname_idx: int | None,
    patro_idx: int | None,
) -> Reading:
    initials = tuple(t.text for t in toks if t.initial)
    surname = toks[surname_idx].text if surname_idx is not None else None
    groups: list[str] = []
    given_names: list[str] = []
    words = [t.text + "." if t.initial else t.text for t in toks]
    gender: str | None = None
    all_readings: tuple[given_mod.GivenReading, ...] = ()
    for i in given_idx:
        readings = _given_reading_options(toks[i].text)
        best = _best_given(readings, surname)
        if best is not None:
            groups.append(best.group)
            nominative = restore_case(best.nominative, toks[i].text) if best.lang else toks[i].text
            given_names.append(nominative)
            words[i] = nominative
            gender = gender or best.gender
            all_readings += tuple(r for r in readings if r.group == best.group)
        else:
            given_names.append(toks[i].text)
    unknown_given = [
        toks[i].text
        for i in range(len(toks))
        if not toks[i].initial and i not in given_idx and i != surname_idx and i != patro_idx
    ]
    given_keys: set[str] = set()
    for w in unknown_given:
        given_keys.update(latin_keys(w))
    s_keys: frozenset[str] = frozenset()
    s_fem: bool | None = None
    surname_nom: str | None = None
    if surname is not None:
        lemmas, _ = _surname_choices(surname, all_readings)
        keys_acc: set[str] = set()
        fem_flags: set[bool] = set()
        for lemma in lemmas:
            k, fem = surname_keys(lemma)
            keys_acc |= k
            fem_flags.add(fem)
        s_keys = frozenset(keys_acc)
        s_fem = next(iter(fem_flags)) if len(fem_flags) == 1 else None
        nominative_surname = restore_case(lemmas[0], surname) if lemmas else surname
        surname_nom = nominative_surname
        if surname_idx is not None:
            words[surname_idx] = nominative_surname
    patro: frozenset[str] = frozenset()
    patro_nom: str | None = None
    if patro_idx is not None:
        word = toks[patro_idx].text
        patro_nom = _patronymic_nominative(word, gender)
        words[patro_idx] = patro_nom
        patro = _patronymic_keys(patro_nom)
        if gender is None:
            gender = "f" if _PATRONYMIC_FEM.search(word.lower()) else "m"
    if gender is None and s_fem is not None and surname is not None:
        gender = "f" if s_fem else None
    parts = NameParts(
        given=tuple(given_names + unknown_given),
        patronymic=patro_nom,
        surname=surname_nom,
        initials=initials,
        groups=tuple(groups),
    )
    return Reading(
        surname_keys=s_keys,
        surname_fem=s_fem,
        groups=frozenset(groups),
        given_keys=frozenset(given_keys),
        initials=frozenset(i.lower() for i in initials[:1]),
        patronymic=patro,
        gender=gender,
        parts=parts,
        words=tuple(words),
    )


def _readings_with(
    toks: list[_Tok], words: list[int], is_given: dict[int, bool], patro_idx: int | None
) -> list[Reading]:
    rest = [i for i in words if i != patro_idx]
    givens = [i for i in rest if is_given[i]]
    others = [i for i in rest if not is_given[i]]
    out: list[Reading] = []
    if givens and others:
        for s in others:
            out.append(_make_reading(toks, givens, s, patro_idx))
    elif givens and len(givens) >= 2:
        # Every word is a given name: one of them is the surname (Roman Ivan…).
        for s in (givens[-1], givens[0]):
            g = [i for i in givens if i != s]
            out.append(_make_reading(toks, g, s, patro_idx))
    elif givens:
        out.append(_make_reading(toks, givens, None, patro_idx))
        out.append(_make_reading(toks, [], givens[0], patro_idx))
    else:
        for s in others:
            out.append(_make_reading(toks, [], s, patro_idx))
    return out


@lru_cache(maxsize=262144)
def readings(name: str) -> tuple[Reading, ...]:
    """The interpretations of a name (which word is the surname, which the given name)."""
    toks = _tokens(name)
    words = [i for i, t in enumerate(toks) if not t.initial]
    if not words:
        return ()
    is_given = {i: bool(given_mod.given_readings(toks[i].text)) for i in words}
    # Which word is the patronymic: with three words or more, a -ovich word right after
    # a given name, or the last word; with two, only an unmistakable -ovna.
    patro_options: list[int | None] = []
    if len(words) >= 3:
        for i in words[1:]:
            if is_given[i] or not _is_patronymic(toks[i].text, strict=False):
                continue
            if is_given.get(i - 1) or i == words[-1]:
                patro_options.append(i)
    if not patro_options and len(words) >= 2:
        patro_options.extend(
            i for i in words if not is_given[i] and _is_patronymic(toks[i].text, strict=True)
        )
    if not patro_options:
        patro_options.append(None)
    out: list[Reading] = []
    for patro_idx in patro_options:
        out.extend(_readings_with(toks, words, is_given, patro_idx))
    return tuple(dict.fromkeys(out))


def parse_name(name: str) -> NameParts:
    """Given name(s), patronymic, surname and initials of `name`, in nominative.

    "Labkovich Vladimir" → given ("Vladimir",), surname "Labkovich";
    "Лабковичу В." → initials ("В",), surname "Лабкович";
    "Лабкович Владимир Валентинович" → patronymic "Валентинович".
    """
    found = readings(name)
    return found[0].parts if found else NameParts()


@lru_cache(maxsize=262144)
def keys(name: str) -> frozenset[str]:
    """Index keys for a name: "surnamekey" and "surnamekey|givengroup" (see module doc)."""
    out: set[str] = set()
    for r in readings(name):
        for sk in r.surname_keys:
            if not sk:
                continue
            out.add(sk)
            for g in r.groups:
                out.add(f"{sk}|{g}")
    return frozenset(out)


def names_keys(names: list[str]) -> set[str]:
    """The union of `keys` of a person's name and aliases."""
    out: set[str] = set()
    for n in names:
        out |= keys(n)
    return out


# --- Scoring -----------------------------------------------------------------------------


def _initial_fits(initial: str, r: Reading) -> bool | None:
    """Whether an initial fits the other side's given name; None if it has none."""
    if r.groups:
        return any(initial in given_mod.group_initials(g) for g in r.groups)
    letters = {w[:1].lower() for w in r.parts.given if w}
    letters |= {ascii_fold(x) for x in letters}
    if r.initials:
        letters |= set(r.initials)
    if not letters:
        return None
    return initial in letters or ascii_fold(initial) in letters


def _given_score(q: Reading, c: Reading) -> float | None:
    """The score from the given names alone, or None when one side has none."""
    if q.groups and c.groups:
        if q.groups & c.groups:
            return 0.95
        if any(given_mod.related(a, b) for a in q.groups for b in c.groups):
            return 0.72
        return 0.2
    q_given = bool(q.groups or q.given_keys)
    c_given = bool(c.groups or c.given_keys)
    if q_given and c_given:
        if q.given_keys & c.given_keys:
            return 0.9
        return 0.25
    if q.initials and (c_given or c.initials):
        initial = next(iter(q.initials))
        fits = _initial_fits(initial, c)
        return 0.75 if fits else 0.2
    if c.initials and q_given:
        initial = next(iter(c.initials))
        fits = _initial_fits(initial, q)
        return 0.75 if fits else 0.2
    return None


def pair_score(q: Reading, c: Reading) -> float:
    """The score of one reading of the query against one reading of a record's name."""
    if not (q.surname_keys & c.surname_keys):
        return 0.0
    s = _given_score(q, c)
    if s is None:
        q_given = bool(q.groups or q.given_keys or q.initials)
        c_given = bool(c.groups or c.given_keys or c.initials)
        if not q_given and not c_given:
            s = 0.7
        elif not q_given:
            s = 0.65
        else:
            s = 0.6
        if q.gender and c.gender and q.gender != c.gender:
            s = 0.35
        elif q.surname_fem is not None and c.surname_fem is not None:
            if q.surname_fem != c.surname_fem:
                s = 0.35
    if q.patronymic and c.patronymic:
        if q.patronymic & c.patronymic:
            s = min(0.98, s + 0.03)
        else:
            s = min(s, 0.4)
    return s


def score(query: str, candidate_names: list[str]) -> float:
    """How likely `query` names the person with these names (name and aliases), 0..1."""
    fq = fold(query)
    if not fq:
        return 0.0
    if any(fold(c) == fq for c in candidate_names):
        return 1.0
    q_readings = readings(query)
    best = 0.0
    for cname in candidate_names:
        for c in readings(cname):
            for q in q_readings:
                s = pair_score(q, c)
                if s > best:
                    best = s
                    if best >= 0.98:
                        return best
    return best


# --- Recognition in running text ---------------------------------------------------------

_TOKEN_RE = re.compile(
    r"(?P<init>(?<![^\W\d_])[^\W\d_]\.)|(?P<word>[^\W\d_]+(?:['’ʼ\-][^\W\d_]+)*)"
)


@dataclass
class _TextTok:
    start: int
    end: int
    text: str
    initial: bool
    given: bool = False
    stop: bool = False
    #: first word of the text or of a sentence, where a capital says nothing
    sentence_start: bool = False


def _is_stopword(word: str) -> bool:
    f = fold(word)
    if f in STOPWORDS:
        return True
    if script(word) == "cyrillic":
        return any(fold(a.lemma) in STOPWORDS for a in analyses(word) if a.source == "rule")
    return False


#: Common East Slavic surname endings (nominative), Cyrillic and Latin.
_SURNAME_ENDING = re.compile(
    r"(?:[еоа]в[иі]ч|[оеёа][вў]|[иыі]н|[сцз]к(?:ий|ій|і|ая|а)|[сцз]ьк(?:ий|а)|енко|[уюч]к"
    r"|[oea]vi[cč]h?|[oea][vwŭu]|[iy]n|[sc]k(?:iy|ii|i|y|aya|aja|a)|enko|[uc]k)$"
)
_SENTENCE_END = re.compile(r"[.!?…:;\n]")


def _text_tokens(text: str) -> list[_TextTok]:
    out: list[_TextTok] = []
    for m in _TOKEN_RE.finditer(text):
        prev_end = out[-1].end if out else 0
        starts = not out or bool(_SENTENCE_END.search(text, prev_end, m.start()))
        if m.group("init"):
            ch = m.group("init")[0]
            if ch.isupper():
                out.append(_TextTok(m.start(), m.end(), m.group("init"), True))
            else:
                out.append(_TextTok(m.start(), m.end(), m.group("init"), False, stop=True))
            continue
        word = m.group("word")
        end = m.end()
        poss = re.search(r"['’]s$", word)
        if poss:
            word = word[: poss.start()]
            end = m.start() + len(word)
        tok = _TextTok(m.start(), end, word, False, sentence_start=starts)
        if not word[:1].isupper():
            tok.stop = True
        elif len(word) == 1:
            tok.initial = True
        else:
            tok.stop = _is_stopword(word)
            tok.given = bool(given_mod.given_readings(word)) and not tok.stop
            if starts and not tok.stop and not tok.given:
                # A sentence may open with a verb or participle: "Затрыманы
                # Уладзімер Лабковіч", "Задержан Владимир Лабкович".
                tok.stop = is_predicate_word(word)
        out.append(tok)
    return out


def _runs(text: str, toks: list[_TextTok]) -> list[list[_TextTok]]:
    runs: list[list[_TextTok]] = []
    cur: list[_TextTok] = []
    for tok in toks:
        if tok.stop:
            if cur:
                runs.append(cur)
            cur = []
            continue
        if cur:
            gap = text[cur[-1].end : tok.start]
            if gap.strip() or len(gap) > 3:
                runs.append(cur)
                cur = []
        cur.append(tok)
    if cur:
        runs.append(cur)
    return runs


def _segment(run: list[_TextTok]) -> list[tuple[int, int]]:
    """(start, end) token index ranges of the names in one run of capitalised words.

    Given [Given] [Patronymic Surname | Surname]; Surname Given [Patronymic];
    Initials Surname; Surname Initials.
    """
    out: list[tuple[int, int]] = []
    n = len(run)

    def is_word(k: int) -> bool:
        return 0 <= k < n and not run[k].initial

    def is_surname(k: int) -> bool:
        return is_word(k) and not run[k].given

    def is_patr(k: int) -> bool:
        return is_surname(k) and _is_patronymic(run[k].text, strict=False)

    i = 0
    while i < n:
        free = out[-1][1] if out else 0  # first token not in a mention yet
        tok = run[i]
        if tok.given:
            j = i + 1
            if j < n and run[j].given and is_surname(j + 1):
                j += 1  # two given names before a surname: Anna Maria Ivanova
            if is_patr(j) and is_surname(j + 1):
                out.append((i, j + 2))  # Given Patronymic Surname
                i = j + 2
            elif (
                is_patr(j)
                and i - 1 >= free
                and is_surname(i - 1)
                and (script(run[j].text) == "cyrillic" or _is_patronymic(run[j].text, strict=True))
                # At a sentence start the capital says nothing, and -ovich is as
                # often a surname ("Праваабаронца Уладзімір Лабковіч"): there the
                # patronymic must be of a listed name, or the first word have a
                # surname's ending ("Лабкович Владимир Зигмундович").
                and (
                    not run[i - 1].sentence_start
                    or patronymic_father(run[j].text) is not None
                    or _SURNAME_ENDING.search(run[i - 1].text.lower()) is not None
                )
            ):
                out.append((i - 1, j + 1))  # Лабкович Владимир Валентинович
                i = j + 1
            elif is_surname(j):
                out.append((i, j + 1))  # Given Surname
                i = j + 1
            elif i - 1 >= free and is_surname(i - 1):
                end = j + 1 if is_patr(j) else j
                out.append((i - 1, end))  # Surname Given [Patronymic]
                i = end
            elif is_word(j) and run[j].given and not is_word(j + 1):
                out.append((i, j + 1))  # Ivan Roman: the second may be a surname
                i = j + 1
            else:
                i += 1
            continue
        if tok.initial:
            j = i
            while j < n and run[j].initial:
                j += 1
            if is_word(j) and not (run[j].given and is_surname(j + 1)):
                out.append((i, j + 1))  # V. Labkovich
                i = j + 1
            elif i - 1 >= free and is_word(i - 1):
                out.append((i - 1, j))  # Лабкович В. В.
                i = j
            else:
                i = j
            continue
        i += 1
    return out


def recognise(text: str, lang: str | None = None) -> list[Mention]:
    """Person-name mentions in running text, in order.

    A mention is a given name (any spelling, script or case) next to a
    capitalised word (Given Surname or Surname Given, with a patronymic if any),
    or initials next to a capitalised word ("V. Labkovich", «Лабкович В.В.»).
    Its `name` is the name in nominative: «Владимира Лабковича» → "Владимир
    Лабкович". `lang` is accepted for symmetry with `morphology` and not needed.
    """
    toks = _text_tokens(text)
    mentions: list[Mention] = []
    for run in _runs(text, toks):
        for a, b in _segment(run):
            span = run[a:b]
            start, end = span[0].start, span[-1].end
            written = text[start:end]
            name = " ".join(t.text for t in span)
            found = readings(name)
            if not found:
                continue
            best = found[0]
            mentions.append(Mention(start, end, written, " ".join(best.words), best.parts))
    return mentions
