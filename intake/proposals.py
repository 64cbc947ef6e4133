"""The pipeline: a report's text in, proposed incidents out.

`propose(text, report_date, language, recogniser)` splits the text into
sentences (`sentences`), finds the kinds each reports (`kinds`), asks the
`recogniser` for the people, organizations and cities each names, and decides
who each incident is against, where, when and with which organization:

- one proposal per kind and subject: "A, B and C were detained" is three; a
  sentence with a search and a disappearance of one person is two;
- the subject of a kind is a person or organization the sentence reports it of:
  the names before the verb ("A and B were detained"), after it ("security forces
  detained A", «прошли обыски у A, B»), the list after a colon; between two verbs
  the names go with the nearer one ("A and B were detained, C was searched");
  a clause after ";" or ", а …" has its own; a clause of names alone shares the
  previous one's kind, a clause of a verb and a pronoun the previous one's names;
- an organization is a subject of a search only ("offices of … : A, B, C"); a
  person's organization is the one the sentence names them part of ("X, head of
  the Mozyr branch of Viasna", "X from the Human Constanta organization", «юрист
  Human Constanta X»); a *former* affiliation is no organization of the incident;
  a branch ("the local branch of Viasna in Mozyr", «гомельской "Вясны"») is looked
  up with `Recogniser.branch`;
- not subjects: an affiliation, a source ("according to Viasna", «по данным
  "Вясны"»), a speaker ("X said that …"), a relative ("the wife of X");
- aggregates ("almost 40,000 people have been detained") give nothing, unless
  they go on to name people ("… including A");
- the city is one the sentence states, the nearest to the subject (the one just
  before it, or just after its verb); the date the sentence's own, else the last
  one stated earlier in the paragraph or in a date heading, else the report's;
- a sentence that reports a kind without naming anyone ("Regime officials stop
  at nothing to detain opponents.") lends it to the next one when that begins
  "This …", "For example …", «Так, …», «Напрыклад …» and names people, the
  excerpt then spanning both sentences; a sentence of a verb and a pronoun («Её
  задержали.») applies to the previous sentence's people;
- proposals of the same kind, subject and date from several sentences are one,
  citing each sentence, with the city and organization any of them states.

Each proposal quotes its sentence verbatim (`excerpt`, with its offsets in the
text); `Proposals.to_json()` is the contract's `{"language", "proposals": [P…]}`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from . import dates as dates_mod
from . import kinds as kinds_mod
from .language import detect
from .sentences import Sentence, split

__all__ = [
    "Excerpt",
    "Found",
    "Name",
    "Proposal",
    "Proposals",
    "Recogniser",
    "propose",
]


# --- What the app supplies ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Found:
    """A name found in a sentence: `sentence[start:end] == text`, as written.

    `slug` is the record it names, or None when unknown or ambiguous;
    `candidates` the records it may name, best first; `score` 0–1."""

    start: int
    end: int
    text: str
    slug: str | None
    candidates: tuple[str, ...] = ()
    score: float = 1.0
    base: str = ""  # the name in nominative, when the recogniser knows it


class Recogniser(Protocol):
    """Finds names in a sentence; the app implements it with its names engine."""

    def people(self, sentence: str, lang: str) -> list[Found]:
        """The people `sentence` names."""
        ...

    def organizations(self, sentence: str, lang: str) -> list[Found]:
        """The organizations `sentence` names."""
        ...

    def cities(self, sentence: str, lang: str) -> list[Found]:
        """The cities `sentence` names (in any case: «в Гродно», «у Брэсце»)."""
        ...

    def branch(self, organization: str, city: str) -> str | None:
        """The slug of the branch of `organization` (a slug) in `city` (a slug), if known."""
        ...


# --- What the pipeline gives ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Name:
    """A person, organization or city as the report writes it, and what it may be."""

    name: str
    match: str | None
    candidates: tuple[str, ...] = ()
    base: str = ""  # in nominative («Ивана Петрова»: "Иван Петров"); "" when unknown

    @property
    def nominative(self) -> str:
        return self.base or self.name

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "match": self.match, "candidates": list(self.candidates)}


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The report's own words: `text[start:end]`."""

    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"excerpt": self.text, "start": self.start, "end": self.end}


@dataclass
class Proposal:
    """One proposed incident."""

    kind: str
    date: dt.date | None
    person: Name | None
    organization: Name | None
    city: Name | None
    excerpt: Excerpt
    citations: list[Excerpt] = field(default_factory=list)
    existing_incident: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The contract's P, exactly: kind, date, person, organization, city,
        excerpt, existing_incident."""
        return {
            "kind": self.kind,
            "date": self.date.isoformat() if self.date else None,
            "person": self.person.to_json() if self.person else None,
            "organization": self.organization.to_json() if self.organization else None,
            "city": self.city.to_json() if self.city else None,
            "excerpt": self.excerpt.text,
            "existing_incident": self.existing_incident,
        }


@dataclass
class Proposals:
    """The language of the report and the incidents proposed from it."""

    language: str
    proposals: list[Proposal]

    def to_json(self) -> dict[str, Any]:
        return {"language": self.language, "proposals": [p.to_json() for p in self.proposals]}


# --- Words ------------------------------------------------------------------------------

_ROLE = (
    r"(?:head|heads|chair(?:man|woman|person)?|leader|director|deputy|members?|volunteers?|"
    r"coordinators?|lawyers?|editors?|editor-in-chief|journalists?|correspondents?|reporters?|"
    r"representatives?|activists?|employees?|staff(?:ers?)?|founders?|co-founders?|"
    r"spokes(?:man|woman|person)|secretary|president|analysts?|experts?|researchers?|workers?|"
    r"managers?|photographers?|cameram[ae]n|presenters?|chief|officers?|defenders?|"
    r"руководител\w*|председател\w*|глав[аеуы]|директор\w*|заместител\w*|член\w*|волонт[её]р\w*|"
    r"координатор\w*|юрист\w*|адвокат\w*|редактор\w*|главред\w*|журналист\w*|корреспондент\w*|"
    r"представител\w*|активист\w*|сотрудни\w*|основател\w*|соучредител\w*|пресс-секретар\w*|"
    r"секретар\w*|президент\w*|аналитик\w*|эксперт\w*|работни\w*|фотограф\w*|оператор\w*|"
    r"правозащитни\w*|лидер\w*|кіраўні\w*|старшын\w*|намесні\w*|сябр\w*|валанцёр\w*|"
    r"каардынатар\w*|юрыст\w*|адвакат\w*|рэдактар\w*|журналіст\w*|карэспандэнт\w*|"
    r"прадстаўні\w*|актывіст\w*|супрацоўні\w*|заснавальні\w*|сакратар\w*|прэзідэнт\w*|"
    r"аналіты\w*|праваабаронц\w*|лідар\w*|дырэктар\w*|керівни\w*|голов[аиуі]|заступни\w*|"
    r"волонтер\w*|кореспондент\w*|представни\w*|активіст\w*|співробітни\w*|засновни\w*|"
    r"аналітик\w*|експерт\w*|правозахисни\w*|працівни\w*)"
)
_ROLE_RE = re.compile(rf"(?<!\w){_ROLE}(?!\w)", re.IGNORECASE)
_AFFILIATION_PREP = re.compile(
    r"(?<!\w)(?:of|from|at|with|for|из|от|з|ад|від|із|зі|в|у|ў|при|пры)(?!\w)|\(",
    re.IGNORECASE,
)
_FORMER = re.compile(
    r"(?<!\w)(?:former|ex-|ex|erstwhile|бывш\w*|экс-?|былы\w*|былая|былое|колишн\w*)",
    re.IGNORECASE,
)
_BRANCH = (
    r"(?:branch(?:es)?|office|chapter|section|филиал\w*|отделени\w*|представительств\w*|ячейк\w*|"
    r"філіял\w*|філі[яіюй]\w*|аддзяленн\w*|суполк\w*|прадстаўніцтв\w*|відділенн\w*|"
    r"осеред\w*|представництв\w*|філі\w*)"
)
_BRANCH_LEFT = re.compile(
    rf"(?<!\w){_BRANCH}(?:\s+(?:of|of\s+the))?(?:\s+[\w-]+){{0,3}}?\s*[«“„\"]?\s*$", re.IGNORECASE
)
_BRANCH_RIGHT = re.compile(rf"^[»”\"]?\s+{_BRANCH}(?!\w)", re.IGNORECASE)
_IN = r"(?:in|at|в|во|у|ў)"
_SPEECH = re.compile(
    r"(?<!\w)(?:said|says|told|tells|stated|states|reported|reports|wrote|writes|noted|notes|added|"
    r"explained|announced|confirmed|claimed|tweeted|posted|сообщ\w+|заяв\w+|рассказ\w+|"
    r"отмети\w+|отмеча\w+|написа\w+|пишет|пишут|говорит|говорят|сказал\w*|подтверди\w+|"
    r"паведам\w+|заяві\w+|расказа\w+|адзначы\w+|адзнача\w+|напіса\w+|піша|пішуць|кажа|кажуць|"
    r"сказаў|сказала|пацвердзі\w+|повідом\w+|заяви\w+|розпові\w+|зазнач\w+|пише|пишуть|каже|"
    r"кажуть|сказа\w+|підтверди\w+|collects|documents|monitors|publishes|публику\w+|"
    r"собира\w+|фиксиру\w+|публіку\w+|збіра\w+|фіксу\w+|збира\w+)(?!\w)",
    re.IGNORECASE,
)
_SOURCE_BEFORE = re.compile(
    r"(?:according\s+to|as\s+reported\s+by|reported\s+by|sources?\s+(?:at|in)|по\s+словам|"
    r"по\s+данным|по\s+информации|со\s+слов|как\s+сообщ\w+|как\s+рассказ\w+|как\s+пишет|"
    r"паводле(?:\s+слоў|\s+звестак|\s+інфармацыі|\s+дадзеных)?|са\s+слоў|як\s+паведам\w+|"
    r"як\s+піша|за\s+словами|за\s+даними|за\s+інформацією|як\s+повідом\w+|як\s+пише|"
    r"signed\s+by|подписали|падпісалі|підписали|подписанты|signatories)"
    r"(?:\s+[\w-]+){0,4}?[\s«“„\"]*$",
    re.IGNORECASE,
)
_RELATION_BEFORE = re.compile(
    r"(?<!\w)(?:(?:wife|husband|son|daughter|mother|father|brother|sister|lawyer|attorney|"
    r"relatives?|parents?|friends?|colleagues?|partner|widow)\s+of(?:\s+the)?|"
    r"жена|жены|жену|женой|муж|мужа|сын|сына|дочь|дочери|мать|матери|отец|отца|брат|брата|"
    r"сестра|сестры|адвокат|адвоката|защитник|защитника|родственники|родственников|родители|"
    r"супруга|супруги|супругу|коллега|коллеги|жонка|жонкі|жонку|дачка|дачкі|маці|бацька|"
    r"бацькі|сястра|сястры|адвакат|адваката|сваякі|калега|калегі|дружина|дружини|дружину|"
    r"чоловік|чоловіка|син|сина|донька|доньки|мати|матері|батько|батька|родичі|батьки|колега)"
    r"\s+$",
    re.IGNORECASE,
)
_RELATION_AFTER = re.compile(
    r"^['’]s\s+(?:wife|husband|son|daughter|mother|father|brother|sister|lawyer|attorney|"
    r"relatives|parents|friend|friends|colleague|colleagues|partner|widow)(?!\w)",
    re.IGNORECASE,
)
_PRONOUN = re.compile(
    r"(?<!\w)(?:him|her|them|he|she|they|его|её|ее|их|он|она|они|него|неё|нее|них|яго|яе|іх|ён|"
    r"яна|яны|його|її|їх|він|вона|вони|нього|неї|них)(?!\w)",
    re.IGNORECASE,
)
_SINGULAR = re.compile(
    r"(?<!\w)(?:him|her|he|she|его|её|ее|он|она|него|неё|нее|яго|яе|ён|яна|його|її|він|вона|"
    r"нього|неї)(?!\w)",
    re.IGNORECASE,
)
_DEMONSTRATIVE_START = re.compile(
    r"^(?:This|That|These|Those|Such|For\s+example|For\s+instance|In\s+particular|Thus|So|"
    r"Это|Этот|Эта|Так|Например|В\s+частности|Тому|Гэта|Гэты|Напрыклад|У\s+прыватнасці|Так|"
    r"Це|Цей|Ця|Наприклад|Зокрема)(?!\w)",
    re.IGNORECASE,
)
_CLAUSE_BOUNDARY = re.compile(
    r";|,\s+(?=(?:а(?!\s+(?:также|таксама|також))|но|але|однак|однако|while|whereas|but)\s)"
    r"|,?\s+(?=(?:and|и|і|та|й|а)\s+(?:in|в|во|у|ў)\s+[A-ZА-ЯЁІЎЇЄҐ])"
)
_CONJUNCTION = (
    r"(?:and|или|or|и|і|й|та|або|ці|а\s+также|а\s+таксама|а\s+також|as\s+well\s+as|also|"
    r"также|таксама|також)"
)
_SEPARATOR = re.compile(
    rf"^[\s,]*(?:{_CONJUNCTION}[\s,]*)?(?:[\w'’-]+[\s,]+){{0,3}}?[\s,]*$", re.IGNORECASE
)
_BREAKING = re.compile(
    r"(?<!\w)(?:у|в|во|ў|at|in|on|from|з|із|на|after|then|потом|затем|пасля|потім|після)(?!\w)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'’-]+")


# --- The work ---------------------------------------------------------------------------


@dataclass
class _Mention:
    found: Found
    kind: str  # "person" or "organization"
    start: int
    end: int
    ext_end: int
    organization: Name | None = None  # a person's organization (not former)
    excluded: bool = False
    affiliation: bool = False  # an organization named as someone's


@dataclass
class _Raw:
    kind: str
    mention: _Mention
    organization: Name | None
    city: Found | None
    date: dt.date | None
    start: int  # the excerpt, in the text
    end: int


@dataclass
class _Context:
    text: str
    lang: str
    recogniser: Recogniser
    default_date: dt.date
    report_date: dt.date


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _inside(a: Found | _Mention, spans: Iterable[Found]) -> bool:
    return any(
        s.start <= a.start and a.end <= s.end and (s.start, s.end) != (a.start, a.end)
        for s in spans
    )


def _drop_overlaps(found: list[Found]) -> list[Found]:
    """Longest first; a name inside another is dropped."""
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def _branch(
    text: str, org: Found, cities: list[Found], ctx: _Context
) -> tuple[Name, int, int] | None:
    """The branch of `org` that the text around it names ("the Mozyr branch of Viasna",
    "Free Trade Unions branch in Polotsk", «гомельской "Вясны"»), with its span."""
    left = text[max(0, org.start - 60) : org.start]
    right = text[org.end : org.end + 40]
    word_left = _BRANCH_LEFT.search(left)
    word_right = _BRANCH_RIGHT.match(right)
    city: Found | None = None
    for c in cities:
        if c.start >= org.end:
            between = text[org.end : c.start]
            if re.fullmatch(rf"[»”\"]?(?:\s+{_BRANCH})?\s+{_IN}\s+", between, re.IGNORECASE):
                city = c
                break
        elif c.end <= org.start:
            between = text[c.end : org.start]
            if re.fullmatch(
                rf"\s+{_BRANCH}(?:\s+of(?:\s+the)?)?(?:\s+[\w-]+){{0,2}}?\s*[«“„\"]?\s*"
                rf"|\s*[«“„\"]?\s*",
                between,
                re.IGNORECASE,
            ) or (
                word_left is not None
                and re.fullmatch(rf"\s+{_BRANCH}.*", between, re.IGNORECASE | re.DOTALL)
                and _words(between) <= 5
            ):
                city = c
    has_word = bool(word_left or word_right)
    if city is None or city.slug is None or org.slug is None:
        return None
    slug = ctx.recogniser.branch(org.slug, city.slug)
    if slug is None and not has_word:
        return None
    start = min(org.start, city.start)
    if word_left is not None:
        start = min(start, org.start - (len(left) - word_left.start()))
    end = max(org.end, city.end)
    if word_right is not None:
        end = max(end, org.end + word_right.end())
    name = text[start:end]
    if slug is None:
        return Name(name, None, (org.slug,)), start, end
    return Name(name, slug, (slug,)), start, end


def _organization_name(text: str, org: Found, cities: list[Found], ctx: _Context) -> Name:
    branch = _branch(text, org, cities, ctx)
    if branch is not None:
        return branch[0]
    return Name(org.text, org.slug, org.candidates or ((org.slug,) if org.slug else ()))


def _affiliations(
    text: str,
    people: list[_Mention],
    orgs: list[_Mention],
    triggers: list[kinds_mod.Trigger],
    cities: list[Found],
    ctx: _Context,
) -> None:
    """Give each person the organization the text names them part of, and mark those
    organizations as affiliations (not subjects)."""

    def clean(gap_start: int, gap_end: int) -> bool:
        if any(gap_start < t.start < gap_end for t in triggers):
            return False
        return not any(gap_start < p.start < gap_end for p in people)

    for p in people:
        best: tuple[int, _Mention, bool] | None = None
        for o in orgs:
            if o.start >= p.end:
                gap = text[p.end : o.start]
                if _words(gap) > 9 or re.search(r"[;.!?:]|\s[–—]\s.*\s[–—]\s", gap):
                    continue
                if not clean(p.end, o.start):
                    continue
                after = text[o.end : o.end + 30]
                ok = bool(_ROLE_RE.search(gap) or _AFFILIATION_PREP.search(gap)) or (
                    _words(gap) <= 2 and bool(_ROLE_RE.match(after.lstrip(" »”\"'’s")))
                )
                if re.fullmatch(rf"\s*,?\s*{_CONJUNCTION}\s*", gap, re.IGNORECASE):
                    ok = False
                if not ok:
                    continue
                distance = o.start - p.end
                former = bool(_FORMER.search(gap))
            elif o.end <= p.start:
                gap = text[o.end : p.start]
                if _words(gap) > 4 or re.search(r"[,;.!?:()]", gap):
                    continue
                if not clean(o.end, p.start):
                    continue
                before = text[max(0, o.start - 50) : o.start]
                role_before = _ROLE_RE.search(" ".join(before.split()[-4:]))
                possessive = re.match(r"^[»”\"]?['’]s\s", gap)
                if not (_ROLE_RE.search(gap) or role_before or possessive):
                    continue
                distance = p.start - o.end + 5  # prefer an organization after the name
                former = bool(_FORMER.search(gap) or _FORMER.search(" ".join(before.split()[-4:])))
            else:
                continue
            if best is None or distance < best[0]:
                best = (distance, o, former)
        if best is None:
            continue
        _, o, former = best
        o.affiliation = True
        branch = _branch(text, o.found, cities, ctx)
        if branch is not None:
            o.ext_end = max(o.ext_end, branch[2])
        if o.start > p.end:
            p.ext_end = max(p.ext_end, o.ext_end)
        if not former:
            p.organization = _organization_name(text, o.found, cities, ctx)


def _excluded_person(text: str, m: _Mention) -> bool:
    """A speaker, a source or a relative: named, but not the one it happened to."""
    before = text[max(0, m.start - 60) : m.start]
    if _SOURCE_BEFORE.search(before) or _RELATION_BEFORE.search(before):
        return True
    after = text[m.ext_end : m.ext_end + 60]
    if _RELATION_AFTER.match(text[m.end : m.end + 30]):
        return True
    s = _SPEECH.search(after)
    return bool(s and re.fullmatch(r"[\s,]*(?:[\w'’-]+\s+){0,2}?", after[: s.start()]))


def _excluded_organization(text: str, m: _Mention) -> bool:
    before = text[max(0, m.start - 60) : m.start]
    if _SOURCE_BEFORE.search(before):
        return True
    after = text[m.end : m.end + 40]
    s = _SPEECH.search(after)
    return bool(s and re.fullmatch(r"[\s»”\",]*(?:[\w'’-]+\s+){0,2}?", after[: s.start()]))


def _clauses(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for m in _CLAUSE_BOUNDARY.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [c for c in out if text[c[0] : c[1]].strip()]


@dataclass
class _Group:
    start: int
    end: int
    kinds: set[str]
    aggregate: bool


def _groups(triggers: list[kinds_mod.Trigger], subjects: list[_Mention]) -> list[_Group]:
    main = [t for t in triggers if not t.satellite] or list(triggers)
    satellites = [t for t in triggers if t not in main]
    groups: list[_Group] = []
    for t in sorted(main, key=lambda t: t.start):
        if groups and not any(groups[-1].end <= s.start < t.start for s in subjects):
            g = groups[-1]
            g.end = t.end
            g.kinds.add(t.kind)
            g.aggregate = g.aggregate and t.aggregate
        else:
            groups.append(_Group(t.start, t.end, {t.kind}, t.aggregate))
    for t in satellites:
        nearest = min(groups, key=lambda g: min(abs(g.start - t.end), abs(t.start - g.end)))
        nearest.kinds.add(t.kind)
    return groups


def _light(gap: str) -> bool:
    return not re.search(r"[,;:]", gap) and _words(gap) <= 4


def _separator(gap: str) -> bool:
    if re.search(r"[;:.!?]", gap) or _BREAKING.search(gap):
        return False
    return bool(_SEPARATOR.match(gap))


def _attach(text: str, groups: list[_Group], subjects: list[_Mention]) -> dict[int, _Group]:
    """Which group of verbs each subject goes with (by index in `subjects`)."""
    out: dict[int, _Group] = {}
    if not groups:
        return out
    middle: dict[int, list[int]] = {}
    for i, m in enumerate(subjects):
        if m.end <= groups[0].start:
            out[i] = groups[0]
        elif m.start >= groups[-1].end:
            out[i] = groups[-1]
        else:
            for gi in range(len(groups) - 1):
                if groups[gi].end <= m.start and m.end <= groups[gi + 1].start:
                    middle.setdefault(gi, []).append(i)
                    break
            else:
                out[i] = min(groups, key=lambda g: min(abs(g.start - m.end), abs(m.start - g.end)))
    for gi, idx in middle.items():
        left, right = groups[gi], groups[gi + 1]
        ms = [subjects[i] for i in idx]
        lead: set[int] = set()
        if _light(text[left.end : ms[0].start]):
            lead.add(0)
            for k in range(1, len(ms)):
                if _separator(text[ms[k - 1].ext_end : ms[k].start]):
                    lead.add(k)
                else:
                    break
        trail: set[int] = set()
        if _light(text[ms[-1].ext_end : right.start]):
            trail.add(len(ms) - 1)
            for k in range(len(ms) - 2, -1, -1):
                if _separator(text[ms[k].ext_end : ms[k + 1].start]):
                    trail.add(k)
                else:
                    break
        for k, i in enumerate(idx):
            if k in lead and k in trail:
                bare = k > 0 and re.fullmatch(r"\s*,\s*", text[ms[k - 1].ext_end : ms[k].start])
                out[i] = right if bare and (k - 1) in lead else left
            elif k in lead:
                out[i] = left
            elif k in trail:
                out[i] = right
            else:
                m = ms[k]
                out[i] = min(
                    (left, right), key=lambda g: min(abs(g.start - m.end), abs(m.start - g.end))
                )
    return out


def _city_for(
    text: str,
    m: _Mention,
    group: _Group | None,
    clause: tuple[int, int],
    cities: list[Found],
    subjects: list[_Mention],
) -> Found | None:
    in_clause = [c for c in cities if clause[0] <= c.start < clause[1]]
    if not in_clause:
        distinct = {c.slug or c.text.lower() for c in cities}
        return cities[0] if len(distinct) == 1 else None
    if len({c.slug or c.text.lower() for c in in_clause}) == 1:
        return in_clause[0]

    def score(c: Found) -> tuple[float, int]:
        s = 0.0
        if c.start >= m.end:
            gap = text[m.ext_end if c.start >= m.ext_end else m.end : c.start]
            between = [o for o in subjects if m.end <= o.start < c.start]
            if m.end <= c.start <= m.ext_end:
                s += 1.5  # in the person's own affiliation ("head of the branch in Polotsk")
            elif re.fullmatch(rf"\s*,?\s*{_IN}\s+(?:the\s+city\s+of\s+)?", gap, re.IGNORECASE):
                s += 3
            elif between:
                s -= 5
            distance = c.start - m.end
        else:
            gap = text[c.end : m.start]
            between = [o for o in subjects if c.end <= o.start < m.start]
            if not between and _words(gap) <= 4 and not (group and c.end <= group.start < m.start):
                s += 3
            elif between and not (group and group.start > c.end):
                s -= 5
            distance = m.start - c.end
        if group is not None and c.start >= group.end:
            gap = text[group.end : c.start]
            if re.fullmatch(rf"\s*{_IN}\s+", gap, re.IGNORECASE):
                s += 2
        return (s, -distance)

    return max(in_clause, key=score)


def _date_for(
    m: _Mention, clause: tuple[int, int], found: list[dates_mod.FoundDate], default: dt.date
) -> dt.date | None:
    in_clause = [d for d in found if clause[0] <= d.start < clause[1]]
    for d in in_clause:
        if d.day is not None:
            return d.day
    if in_clause:
        return None  # "in 2020", "in May": no day, and not the report's
    for d in found:
        if d.day is not None:
            return d.day
    return default


def _name_only(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether `text` is names and little else (a list item, "and in Brest, B")."""
    rest = list(text)
    for a, b in spans:
        for i in range(max(0, a), min(len(rest), b)):
            rest[i] = " "
    words = [w for w in _WORD.findall("".join(rest)) if len(w) > 3 and not _ROLE_RE.fullmatch(w)]
    return len(words) <= 2


@dataclass
class _Unit:
    raws: list[_Raw]
    people: list[_Mention]  # the people proposals were made for, in order


def _analyse(
    ctx: _Context,
    start: int,
    end: int,
    *,
    forced: set[str] | None = None,
) -> _Unit:
    """Proposals from text[start:end]: one sentence, or two read together."""
    text = ctx.text[start:end]
    rec = ctx.recogniser
    triggers = [] if forced else kinds_mod.find(text, ctx.lang)
    people_found = rec.people(text, ctx.lang)
    orgs_found = _drop_overlaps(rec.organizations(text, ctx.lang))
    cities_found = rec.cities(text, ctx.lang)
    people_found = [p for p in _drop_overlaps(people_found) if not _inside(p, orgs_found)]
    cities_found = [
        c
        for c in _drop_overlaps(cities_found)
        if not any(o.start <= c.start and c.end <= o.end for o in orgs_found)
        and not any(p.start <= c.start and c.end <= p.end for p in people_found)
    ]
    found_dates = dates_mod.find(text, ctx.lang, ctx.report_date)

    people = [_Mention(f, "person", f.start, f.end, f.end) for f in people_found]
    orgs = [_Mention(f, "organization", f.start, f.end, f.end) for f in orgs_found]
    _affiliations(text, people, orgs, triggers, cities_found, ctx)
    for p in people:
        p.excluded = _excluded_person(text, p)
    for o in orgs:
        o.excluded = o.affiliation or _excluded_organization(text, o)

    subjects = sorted([m for m in people + orgs if not m.excluded], key=lambda m: m.start)
    raws: list[_Raw] = []
    named_people: list[_Mention] = []
    previous_kinds: set[str] = set(forced or ())
    previous_people: list[_Mention] = []
    inclusion = kinds_mod.inclusion(text)

    def add(m: _Mention, kinds: set[str], group: _Group | None, clause: tuple[int, int]) -> None:
        city = _city_for(text, m, group, clause, cities_found, subjects)
        day = _date_for(m, clause, found_dates, ctx.default_date)
        for kind in sorted(kinds, key=kinds_mod.KINDS.index):
            if m.kind == "organization":
                if kind != "search":
                    continue
                organization: Name | None = _organization_name(text, m.found, cities_found, ctx)
                branch = (
                    rec.branch(m.found.slug, city.slug)
                    if city is not None and city.slug and m.found.slug
                    else None
                )
                parent = m.found.slug
                if organization is not None and parent and organization.match == parent and branch:
                    # «у Мазыры прайшоў ператрус у офісе "Вясны"»: its branch there.
                    organization = Name(m.found.text, branch, (branch, parent))
            else:
                organization = m.organization
            raws.append(_Raw(kind, m, organization, city, day, start, end))
        if m.kind == "person" and m not in named_people:
            named_people.append(m)

    for clause in _clauses(text):
        c_triggers = [t for t in triggers if clause[0] <= t.start < clause[1]]
        c_subjects = [m for m in subjects if clause[0] <= m.start < clause[1]]
        if not c_triggers:
            spans = [(m.start, m.ext_end) for m in people + orgs]
            spans += [(c.start, c.end) for c in cities_found] + [
                (d.start, d.end) for d in found_dates
            ]
            if (
                previous_kinds
                and c_subjects
                and _name_only(text[: clause[1]], [(0, clause[0]), *spans])
            ):
                for m in c_subjects:
                    add(m, previous_kinds, None, clause)
                previous_people = [m for m in c_subjects if m.kind == "person"]
            else:
                previous_kinds = set()
            continue
        groups = _groups(c_triggers, c_subjects)
        if not c_subjects:
            if previous_people and _PRONOUN.search(text[clause[0] : clause[1]]):
                kinds = {k for g in groups if not g.aggregate for k in g.kinds}
                for m in previous_people:
                    add(m, kinds, None, clause)
            previous_kinds = {k for g in groups[-1:] if not g.aggregate for k in g.kinds}
            continue
        attached = _attach(text, groups, c_subjects)
        clause_people: list[_Mention] = []
        for i, m in enumerate(c_subjects):
            group = attached.get(i)
            if group is None:
                continue
            if group.aggregate and not (inclusion and inclusion.start() < m.start):
                continue
            add(m, set(group.kinds), group, clause)
            if m.kind == "person":
                clause_people.append(m)
        previous_people = clause_people or previous_people
        previous_kinds = {k for g in groups[-1:] if not g.aggregate for k in g.kinds}
    return _Unit(raws, named_people)


def _subject_key(raw: _Raw) -> tuple[str, str]:
    f = raw.mention.found
    ident = f.slug or " ".join(f.text.lower().split())
    return raw.mention.kind, ident


def _name_of(f: Found) -> Name:
    return Name(f.text, f.slug, f.candidates or ((f.slug,) if f.slug else ()), f.base)


def propose(
    text: str,
    report_date: dt.date,
    language: str | None,
    recogniser: Recogniser,
) -> Proposals:
    """The incidents `text` reports, as proposals (see the module's description)."""
    lang = language or detect(text)
    sents = split(text)
    ctx = _Context(text, lang, recogniser, report_date, report_date)
    raws: list[_Raw] = []

    heading_date: dt.date | None = None
    paragraph_date: dict[int, dt.date] = {}
    paragraph_sizes: dict[int, int] = {}
    for s in sents:
        paragraph_sizes[s.paragraph] = paragraph_sizes.get(s.paragraph, 0) + 1

    previous: _Unit | None = None
    previous_sentence: Sentence | None = None
    list_intro: tuple[Sentence, set[str]] | None = None
    i = 0
    while i < len(sents):
        s = sents[i]
        triggers = kinds_mod.find(s.text, lang)
        found_dates = [d for d in dates_mod.find(s.text, lang, report_date) if d.day]
        ctx.default_date = paragraph_date.get(s.paragraph) or heading_date or report_date
        if previous_sentence is not None and previous_sentence.paragraph != s.paragraph:
            previous = None

        if not triggers:
            if found_dates and paragraph_sizes[s.paragraph] == 1 and _words(s.text) <= 6:
                heading_date = found_dates[0].day  # a date heading over what follows
            elif list_intro is not None:
                intro, intro_kinds = list_intro
                unit = _analyse(ctx, s.start, s.end, forced=intro_kinds)
                if unit.raws:
                    for r in unit.raws:
                        r.start = intro.start
                    raws.extend(unit.raws)
                else:
                    list_intro = None
            if found_dates:
                paragraph_date[s.paragraph] = found_dates[-1].day  # type: ignore[assignment]
            previous_sentence = s
            i += 1
            continue

        list_intro = None
        unit = _analyse(ctx, s.start, s.end)
        live = [t for t in triggers if not t.aggregate]
        if not unit.raws and live:
            nxt = sents[i + 1] if i + 1 < len(sents) else None
            if (
                nxt is not None
                and nxt.paragraph == s.paragraph
                and not kinds_mod.find(nxt.text, lang)
                and _DEMONSTRATIVE_START.match(nxt.text)
            ):
                # "… stop at nothing to detain opponents. This is clearly demonstrated … X"
                joined = _analyse(ctx, s.start, nxt.end)
                if joined.raws:
                    raws.extend(joined.raws)
                    previous, previous_sentence = joined, nxt
                    for d in dates_mod.find(nxt.text, lang, report_date):
                        if d.day:
                            paragraph_date[s.paragraph] = d.day
                    i += 2
                    continue
            if previous is not None and previous.people and _PRONOUN.search(s.text):
                # «У Марфы Рабковой прошёл обыск. Её задержали.»
                kinds = {t.kind for t in live}
                targets = previous.people
                if _SINGULAR.search(s.text) and not re.search(
                    r"(?<!\w)(?:them|they|их|они|іх|яны|їх|вони)(?!\w)", s.text, re.IGNORECASE
                ):
                    targets = targets[-1:]
                assert previous_sentence is not None
                own_date = found_dates[0].day if found_dates else None
                for m in targets:
                    before = next(r for r in reversed(raws) if r.mention is m)
                    for kind in sorted(kinds, key=kinds_mod.KINDS.index):
                        raws.append(
                            _Raw(
                                kind,
                                m,
                                before.organization,
                                before.city,
                                own_date or before.date,
                                before.start,
                                s.end,
                            )
                        )
            elif s.text.rstrip().endswith(":"):
                list_intro = (s, {t.kind for t in live})
        else:
            raws.extend(unit.raws)
            if unit.people:
                previous = unit
        for d in found_dates:
            paragraph_date[s.paragraph] = d.day  # type: ignore[assignment]
        previous_sentence = s
        i += 1

    return Proposals(lang, _merge(text, raws))


def _merge(text: str, raws: list[_Raw]) -> list[Proposal]:
    """One proposal per kind, subject and date; each sentence it comes from cited."""
    out: list[Proposal] = []
    index: dict[tuple[str, tuple[str, str], dt.date | None], list[Proposal]] = {}
    for r in raws:
        key = (r.kind, _subject_key(r), r.date)
        excerpt = Excerpt(text[r.start : r.end], r.start, r.end)
        city = _name_of(r.city) if r.city else None
        if r.mention.kind == "person":
            person: Name | None = _name_of(r.mention.found)
            organization = r.organization
        else:
            person = None
            organization = r.organization or _name_of(r.mention.found)
        target: Proposal | None = None
        for p in index.get(key, []):
            if city is None or p.city is None or p.city.match == city.match:
                target = p
                break
        if target is None:
            p = Proposal(r.kind, r.date, person, organization, city, excerpt, [excerpt])
            out.append(p)
            index.setdefault(key, []).append(p)
            continue
        if target.city is None and city is not None:
            target.city = city
        if target.organization is None and organization is not None:
            target.organization = organization
        if target.person is not None and person is not None and target.person.match is None:
            target.person = person if person.match else target.person
        if all(c.start != excerpt.start or c.end != excerpt.end for c in target.citations):
            target.citations.append(excerpt)
    return out
