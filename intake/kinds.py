"""Which kinds of incident a sentence reports, from its wording.

Kinds: "search", "detention", "disappearance". The wording is looked for in all
four languages at once (a Russian report quotes Belarusian names, a Belarusian
one Russian officials), with word forms: stems such as обыск-, ператрус-,
обшук-, задерж-, затрыма-, затрима-, and phrases such as "has not got in touch",
«не выходит на связь», «не выходзіць на сувязь», «не виходить на зв'язок».

`find(sentence)` returns every `Trigger` with its offsets, marked
- `aggregate` when it counts unnamed people ("almost 40,000 people have been
  detained", «около 40 тысяч задержанных», "more than 500 detentions"): such a
  sentence names no subject, unless it goes on "including …", «среди них …»;
- `satellite` when it is a circumstance of another ("disappeared after a search",
  «после обыска задержали»): its kind goes with the main one's subjects.

Left out: a negated or threatened event ("was not detained", «угрожали
задержанием»), "in search of", "searched for", house arrest, a sentence of
so many days' arrest («15 суток ареста»), detention centres.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["KINDS", "Trigger", "find", "inclusion", "is_aggregate", "kinds"]

KINDS = ("search", "detention", "disappearance")

_A = "['’ʼ`]"  # apostrophes (зв'язок)
_B = r"(?<!\w)"  # a word starts
_E = r"(?!\w)"  # a word ends

_PATTERNS: dict[str, list[str]] = {
    "search": [
        # English
        rf"{_B}(?:house[- ])?search(?:es|ed|ing)?{_E}",
        rf"{_B}raid(?:s|ed|ing)?{_E}",
        # Russian
        rf"{_B}обыск\w*",
        # Belarusian
        rf"{_B}ператрус\w*",
        rf"{_B}вобшук\w*",
        # Ukrainian (and Belarusian "обшук")
        rf"{_B}обшук\w*",
    ],
    "detention": [
        rf"{_B}detain(?:s|ed|ing|ee|ees)?{_E}",
        rf"{_B}detentions?{_E}",
        rf"{_B}(?:re-?)?arrest(?:s|ed|ing)?{_E}",
        rf"{_B}apprehend(?:s|ed|ing)?{_E}",
        rf"{_B}(?:taken|took|were\s+taken|was\s+taken)\s+(?:\w+\s+)?away{_E}",
        rf"{_B}taken\s+(?:in)?to\s+(?:police\s+)?custody{_E}",
        rf"{_B}задерж(?:ан\w*|ал\w*|ива\w*|ат(?:ь|ся)?|ит|ат){_E}",
        rf"{_B}(?:за)?арест(?:ован\w*|овал\w*|овыва\w*|ов|а|ы|у|ом|е)?{_E}",
        rf"{_B}схва(?:чен\w*|тил\w*){_E}",
        rf"{_B}доставлен\w*\s+в\s+(?:Р?[ОУ]ВД|ГУВД|РУВД|отдел\w*\s+милиц\w*|милиц\w*){_E}",
        rf"{_B}затрыма(?:н\w*|л\w*|ў|ць|юць|е){_E}",
        rf"{_B}арышт(?:ава\w*|оўва\w*|у|ы|аў|ам|е)?{_E}",
        rf"{_B}затрима(?:н\w*|л\w*|в|ти|ють|ла){_E}",
        rf"{_B}(?:за)?арешт(?:ова\w*|ува\w*|у|и|ів|ом)?{_E}",
    ],
    "disappearance": [
        rf"{_B}disappear(?:s|ed|ing|ance|ances)?{_E}",
        rf"{_B}(?:is|are|was|were|been|be|went|gone|go|goes|remains?|remained|reported|declared|"
        rf"still)\s+missing{_E}",
        rf"{_B}missing\s+since{_E}",
        rf"{_B}whereabouts\s+[^.;!?]{{0,90}}?(?:unknown|not\s+known|unclear){_E}",
        rf"{_B}(?:can{_A}?t|cannot|can\s+not|could\s*n{_A}t|could\s+not|couldn{_A}t)\s+be\s+"
        rf"(?:reached|contacted|located|found){_E}",
        rf"{_B}(?:has|have|had)(?:\s+not|n{_A}t)\s+(?:\w+\s+)?(?:got|gotten|been|come|get|"
        rf"gotten)\s+in\s+(?:touch|contact){_E}",
        rf"{_B}(?:lost\s+(?:all\s+)?(?:contact|touch)\s+with|unreachable|out\s+of\s+reach){_E}",
        rf"{_B}пропал(?:а|и|о)?(?:\s+без\s+вести)?{_E}",
        rf"{_B}исчез(?:ла|ли|ло|нов\w*|ает|ают)?{_E}",
        rf"{_B}не\s+(?:выход(?:ит|ят|ил|ила|или)|выйд(?:ет|ут)|вышл[аи]|вышел)\s+на\s+связь",
        rf"{_B}на\s+связь\s+не\s+выход\w*",
        rf"{_B}местонахождение\s+[^.;!?]{{0,90}}?(?:неизвестно|не\s+известно|неизвестное)",
        rf"{_B}неизвестно\s+(?:его\s+|её\s+|ее\s+|их\s+)?местонахождение",
        rf"{_B}не\s+(?:удаётся|удается|удалось|могут|смогли|может|смогла)\s+связаться",
        rf"{_B}связь\s+(?:с\s+\w+\s+)?(?:потеряна|пропала|прервалась|утрачена)",
        rf"{_B}потеряли\s+связь",
        rf"{_B}знік(?:ла|лі|ла|ненне|нення|ае|аюць)?(?:\s+без\s+вестак)?{_E}",
        rf"{_B}прапа(?:ў|ла|лі|ло)(?:\s+без\s+вестак){_E}",
        rf"{_B}прапа(?:ў|ла|лі|ло){_E}(?!\s+сувязь)",
        rf"{_B}не\s+(?:выходз(?:іць|яць|іў|іла|ілі)|выйд(?:зе|уць)|выйшаў|выйшла|выйшлі)\s+"
        rf"на\s+сувязь",
        rf"{_B}на\s+сувязь\s+не\s+выходз\w*",
        rf"{_B}месцазнаходжанне\s+[^.;!?]{{0,90}}?невядом\w*",
        rf"{_B}невядома,?\s+дзе\s+(?:ён|яна|яны|знаходзіцца|знаходзяцца)",
        rf"{_B}не\s+(?:удаецца|ўдаецца|удалося|ўдалося|атрымоўваецца|атрымліваецца|могуць)\s+"
        rf"звязацца",
        rf"{_B}(?:страці\w*\s+сувязь|сувязь\s+(?:з\s+\w+\s+)?(?:страчана|прапала|перарвалася))",
        rf"{_B}зник(?:ла|ли|ло|нення|ає|ають)?(?:\s+безвісти)?{_E}",
        rf"{_B}безвісти\s+зник\w*",
        rf"{_B}не\s+(?:вихо(?:дить|дять|див|дила|дили)|вийде|вийдуть|вийшов|вийшла|вийшли)\s+"
        rf"на\s+зв{_A}язок",
        rf"{_B}на\s+зв{_A}язок\s+не\s+вихо\w*",
        rf"{_B}місце(?:перебування|знаходження)\s+[^.;!?]{{0,90}}?невідом\w*",
        rf"{_B}не\s+(?:вдається|вдалося|можуть|змогли)\s+зв{_A}язатися",
        rf"{_B}(?:втрати\w*\s+зв{_A}язок|зв{_A}язок\s+(?:з\s+\w+\s+)?(?:втрачено|зник|обірвався))",
    ],
}

_TRIGGER = re.compile(
    "|".join(
        f"(?P<{kind}{i}>{pattern})"
        for kind, patterns in _PATTERNS.items()
        for i, pattern in enumerate(patterns)
    ),
    re.IGNORECASE,
)
_KIND_OF_GROUP = {
    f"{kind}{i}": kind for kind, patterns in _PATTERNS.items() for i in range(len(patterns))
}

# What makes a trigger something else.
_DAYS_OF_ARREST = re.compile(
    r"(?:\d+|\w+)\s+(?:days?\s+of|сут(?:ок|ки)|сутак|діб|дней|дзён|днів)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_NEGATION = re.compile(r"\bnot\b|n['’]t\b|\bnever\b|(?<!\w)(?:не|ня|ні|ни)(?!\w)", re.IGNORECASE)
_NOT_ONLY = re.compile(r"(?:not\s+only|не\s+только|не\s+толькі|не\s+тільки)", re.IGNORECASE)
_THREAT = re.compile(
    r"(?:threat\w*|risk\w*|fear\w*|face[sd]?|угрож\w*|грозит\w*|пагражал\w*|пагроз\w*|"
    r"погрож\w*|загрож\w*|опасаю\w*|баяцца|боятся|боїться|try\w*|attempt\w*|"
    r"пыта\w*|спроб\w*|попыт\w*)",
    re.IGNORECASE,
)
_SATELLITE = re.compile(
    r"(?:\bafter\b|\bfollowing\b|\bduring\b|\bin\s+the\s+course\s+of\b|(?<!\w)(?:после|во\s+время|"
    r"в\s+ходе|по\s+итогам|пасля|падчас|у\s+ходзе|після|під\s+час|в\s+ході|у\s+ході)(?!\w))"
    r"(?:\s+(?:the|a|an|his|her|their|its|этого|гэтага|цього))?\s*$",
    re.IGNORECASE,
)

_NUMBER = (
    r"(?:\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+|\d+)\s*\+?"
    r"(?:\s*(?:thousand|тыс\.?|тысяч\w*|тысячы|тисяч\w*|млн\.?|million))?"
)
_MANY = (
    r"(?:thousands|hundreds|dozens|scores|many|numerous|тысяч[иа]?|тысячы|тисяч[іи]?|сот(?:ни|ен|ні|няў)|"
    r"десят(?:ки|ков|кі|ків)|дзясяткі|дзясяткаў|многие|многих|мноства|шматлік\w*|багат\w*|"
    r"десятки|массов\w*|масав\w*|масов\w*|mass)"
)
_PEOPLE = (
    r"(?:people|persons|individuals|protesters|demonstrators|citizens|civilians|activists|"
    r"journalists|(?:human\s+rights\s+)?defenders|detainees|prisoners|belarusians|participants|"
    r"students|workers|voters|residents|"
    r"человек|людей|люди|граждан|протестующих|демонстрантов|задержанных|активистов|журналистов|"
    r"правозащитников|участников|белорусов|студентов|жителей|"
    r"чалавек|людзей|людзі|грамадзян|пратэстоўцаў|удзельнікаў|затрыманых|актывістаў|"
    r"журналістаў|праваабаронцаў|беларусаў|студэнтаў|жыхароў|"
    r"осіб|особи|людей|громадян|протестувальників|затриманих|активістів|журналістів|"
    r"правозахисників|учасників|білорусів|студентів|мешканців)"
)
_QUANTIFIED = re.compile(
    rf"(?:{_NUMBER}|{_MANY})(?:\s+(?:of|из|з|с))?(?:\s+\w+){{0,2}}?\s+{_PEOPLE}{_E}",
    re.IGNORECASE,
)
_QUANTIFIED_EVENT = re.compile(
    rf"(?:{_NUMBER}|{_MANY})(?:\s+(?:of|из|з))?(?:\s+(?P<word>\w+))?\s*$",
    re.IGNORECASE,
)
# Words after a number that make it a date, a time or a length, not a count.
_NOT_COUNTED = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|hour|minute|day|week|month|year|time|"
    r"январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр|час|минут|"
    r"сут|дн|дней|недел|месяц|лет|год|раз|"
    r"студзен|студзен|лют|сакавік|красавік|траўн|травен|чэрвен|ліпен|жнівен|жніўн|верас|"
    r"кастрычнік|лістапад|снеж|гадзін|хвілін|дзён|тыдн|гад|"
    r"січ|берез|квіт|травн|червн|черв|липн|липен|серп|верес|жовт|листопад|груд|годин|хвилин|"
    r"днів|діб|тижн|місяц|рок|рік)",
    re.IGNORECASE,
)
_INCLUSION = re.compile(
    r"(?:\bincluding\b|\bamong\s+(?:them|whom|those|the\s+\w+)\b|\bin\s+particular\b|"
    r"(?<!\w)(?:в\s+том\s+числе|среди\s+(?:них|которых|задержанных|них\s+[-—])|в\s+частности|"
    r"у\s+тым\s+ліку|сярод\s+(?:іх|якіх|затрыманых)|у\s+прыватнасці|"
    r"зокрема|серед\s+(?:них|яких|затриманих)|у\s+тому\s+числі|в\s+тому\s+числі)(?!\w)|:)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Trigger:
    """Words in a sentence that report an incident of `kind`."""

    kind: str
    start: int
    end: int
    text: str
    aggregate: bool = False
    satellite: bool = False


def _words_before(sentence: str, pos: int, n: int) -> str:
    """The text of the last `n` words before `pos`."""
    head = sentence[max(0, pos - 80) : pos]
    words = list(re.finditer(r"[\w'’-]+", head))
    return head[words[-n].start() :] if len(words) >= n else head


def _excluded(sentence: str, m: re.Match[str]) -> bool:
    kind = next(_KIND_OF_GROUP[g] for g, v in m.groupdict().items() if v is not None)
    before = sentence[max(0, m.start() - 40) : m.start()]
    after = sentence[m.end() : m.end() + 40]
    word = m.group().lower()
    if kind == "search" and re.search(r"\bin\s+(?:the\s+)?$", before, re.IGNORECASE):
        return True  # "in search of"
    if kind == "search" and re.match(r"\s+(?:for|engines?)\b", after, re.IGNORECASE):
        return True  # "searched for him": looked for, not a search of premises
    if kind == "detention":
        if re.search(r"(?:house|under\s+house|домашн\w*|хатн\w*|домашн\w*)\s+$", before, re.I):
            return True  # house arrest: a restraint, not a detention
        if re.match(r"\s+(?:warrants?|cent(?:er|re)s?|facilit\w*)\b", after, re.IGNORECASE):
            return True
        if re.search(r"pre-?trial\s+$", before, re.IGNORECASE):
            return True
        if word.startswith(("арест", "арышт", "арешт", "arrest")) and (
            _DAYS_OF_ARREST.search(before)
            or re.match(r"\s+(?:на|for)\s+\d+\s+(?:сут|дн|дзён|сутак|діб|days)", after, re.I)
        ):
            return True  # "15 суток ареста": a court's sentence
    window = _words_before(sentence, m.start(), 3)
    if (
        not word.startswith(("не ", "на "))
        and _NEGATION.search(window)
        and not _NOT_ONLY.search(window)
    ):
        return True
    return bool(_THREAT.search(_words_before(sentence, m.start(), 3)))


def find(sentence: str, lang: str | None = None) -> list[Trigger]:
    """Every word or phrase in `sentence` that reports an incident, in order."""
    found: list[Trigger] = []
    for m in _TRIGGER.finditer(sentence):
        if _excluded(sentence, m):
            continue
        kind = next(_KIND_OF_GROUP[g] for g, v in m.groupdict().items() if v is not None)
        before = sentence[max(0, m.start() - 40) : m.start()]
        found.append(
            Trigger(
                kind=kind,
                start=m.start(),
                end=m.end(),
                text=m.group(),
                aggregate=_is_counted(sentence, m.start(), m.end()),
                satellite=bool(_SATELLITE.search(before)),
            )
        )
    return found


def _is_counted(sentence: str, start: int, end: int) -> bool:
    """Whether the trigger at start:end counts unnamed people."""
    q = _QUANTIFIED_EVENT.search(sentence[max(0, start - 40) : start])
    if q and not (q.group("word") and _NOT_COUNTED.match(q.group("word"))):
        return True  # "more than 500 detentions", «около 40 тысяч задержанных»
    # A number of people within a few words of the trigger, in the same clause.
    lo = max(0, start - 90)
    hi = min(len(sentence), end + 60)
    for q in _QUANTIFIED.finditer(sentence, lo, hi):
        words = q.group().split()
        if len(words) > 1 and _NOT_COUNTED.match(words[1]):
            continue
        between = sentence[q.end() : start] if q.end() <= start else sentence[end : q.start()]
        if re.search(r"[;]|\s[—–]\s", between):
            continue
        if len(between.split()) <= 6:
            return True
    return False


def inclusion(sentence: str) -> re.Match[str] | None:
    """The first "including", «среди них», «у тым ліку» … or colon in `sentence`."""
    return _INCLUSION.search(sentence)


def kinds(sentence: str, lang: str | None = None) -> set[str]:
    """The kinds of incident `sentence` reports: a subset of "search", "detention",
    "disappearance". An aggregate ("almost 40,000 detained") reports none, unless
    it goes on to name people ("… including Ales Bialiatski")."""
    triggers = find(sentence, lang)
    named = inclusion(sentence) is not None
    return {t.kind for t in triggers if not t.aggregate or named}


def is_aggregate(sentence: str, lang: str | None = None) -> bool:
    """Whether `sentence` reports incidents only as counts of unnamed people."""
    triggers = find(sentence, lang)
    return bool(triggers) and all(t.aggregate for t in triggers)
