"""The day a sentence states, read against the report's date.

Understood, in English, Russian, Belarusian and Ukrainian:

- "on July 8", "July 8, 2021", "8 July", "the 8th of July", «23 мая», «23 мая 2021 года»,
  «8 ліпеня», «8 липня 2021 р.», "14–15 July" (the first day);
- "14.07.2021", "14/07/2021", "14.07.21" (day first, as staff write them), "2021-07-14";
- "today", "yesterday", "the day before yesterday", «сегодня», «вчера», «сёння»,
  «учора», «сьогодні», «вчора»…; "on Monday", «в понедельник», «у панядзелак»,
  «у понеділок» (the last such day on or before the report's date);
- "this year" / "last year" after a day and month («23 мая прошлого года»).

A day and month without a year take the report's year, or the year before if
that would put them after the report's date. Month names in all their cases:
мая/май, ліпеня/ліпень, липня/липень, траўня, лютага, лютого….

A year or a month alone ("in 2020", "in May") is no day: `find` reports it as
`partial` so that a caller does not take the report's date for it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["FoundDate", "find", "month_of", "sentence_date"]

# Month stems; a name matches its stem followed by its case ending.
_MONTHS: list[tuple[int, str]] = [
    # English (full names and abbreviations)
    (1, r"jan(?:uary|\.)?"),
    (2, r"feb(?:ruary|\.)?"),
    (3, r"mar(?:ch|\.)?"),
    (4, r"apr(?:il|\.)?"),
    (5, r"may"),
    (6, r"june?"),
    (7, r"july?"),
    (8, r"aug(?:ust|\.)?"),
    (9, r"sep(?:t(?:ember)?)?\.?"),
    (10, r"oct(?:ober|\.)?"),
    (11, r"nov(?:ember|\.)?"),
    (12, r"dec(?:ember|\.)?"),
    # Russian
    (1, r"январ[ьяею]"),
    (2, r"феврал[ьяею]"),
    (3, r"марта?|марте"),
    (4, r"апрел[ьяею]"),
    (5, r"ма[йяею]"),
    (6, r"июн[ьяею]"),
    (7, r"июл[ьяею]"),
    (8, r"августа?|августе"),
    (9, r"сентябр[ьяею]"),
    (10, r"октябр[ьяею]"),
    (11, r"ноябр[ьяею]"),
    (12, r"декабр[ьяею]"),
    # Belarusian
    (1, r"студзен[ья]|студзені"),
    (2, r"люты|лютага|лютым"),
    (3, r"сакавік[ау]?|сакавіку"),
    (4, r"красавік[ау]?"),
    (5, r"травен[ья]|траўн[яі]|травень"),
    (6, r"чэрвен[ья]|чэрвені"),
    (7, r"ліпен[ья]|ліпені"),
    (8, r"жнівен[ья]|жніўн[яі]|жнівень"),
    (9, r"верас(?:ень|ня|ні)"),
    (10, r"кастрычнік[ау]?"),
    (11, r"лістапад[аз]?|лістападзе"),
    (12, r"снеж(?:ань|ня|ні)"),
    # Ukrainian
    (1, r"січ(?:ень|ня|ні)"),
    (2, r"лют(?:ий|ого|ому)"),
    (3, r"берез(?:ень|ня|ні)"),
    (4, r"квіт(?:ень|ня|ні)"),
    (5, r"трав(?:ень|ня|ні)"),
    (6, r"черв(?:ень|ня|ні)"),
    (7, r"лип(?:ень|ня|ні)"),
    (8, r"серп(?:ень|ня|ні)"),
    (9, r"верес(?:ень|ня|ні)"),
    (10, r"жовт(?:ень|ня|ні)"),
    (11, r"листопад(?:а|і)?"),
    (12, r"груд(?:ень|ня|ні)"),
]
_MONTH_ALT = "|".join(f"(?P<m{i}>{p})" for i, (_, p) in enumerate(_MONTHS))
_MONTH_NUMBER = {f"m{i}": n for i, (n, _) in enumerate(_MONTHS)}
_MONTH = rf"(?:{_MONTH_ALT})(?!\w)"
_B = r"(?<![\w.\-/])"  # not glued to a word or a number
_E = r"(?![\w/]|[.\-]\d)"
_YEAR_WORD = r"(?:\s*(?:года|году|г\.|гг\.|гада|годзе|року|р\.|рр\.|y\.|г(?!\w)|р(?!\w)))?"
_THIS_LAST = (
    r"(?:\s+(?P<rel>this\s+year|last\s+year|этого\s+года|текущего\s+года|прошлого\s+года|"
    r"сёлета|гэтага\s+года|бягучага\s+года|мінулага\s+года|летась|цього\s+року|"
    r"поточного\s+року|минулого\s+року|торік))?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|-?(?:го|е|га))?"
_RANGE = r"(?:\s*[-–—]\s*[0-3]?\d)?"

_PATTERNS = [
    # 8 July 2021, «23 мая 2021 года», "the 8th of July", "14–15 July"
    re.compile(
        rf"{_B}(?:the\s+)?{_DAY}{_RANGE}(?:\s+of)?\s+{_MONTH}"
        rf"(?:,?\s+(?P<year>\d{{4}}){_YEAR_WORD})?{_THIS_LAST}",
        re.IGNORECASE,
    ),
    # July 8, 2021; "on July 8"; "May 23 this year"
    re.compile(
        rf"(?<!\w){_MONTH}\.?\s+{_DAY}{_RANGE}(?!\d)(?:,?\s+(?P<year>\d{{4}}))?{_THIS_LAST}",
        re.IGNORECASE,
    ),
    # 14.07.2021, 14/07/2021, 14.07.21 (day first)
    re.compile(rf"{_B}(?P<day>[0-3]?\d)([./])(?P<month>[01]?\d)\2(?P<year>\d{{4}}|\d{{2}}){_E}"),
    # 2021-07-14
    re.compile(rf"{_B}(?P<year>\d{{4}})-(?P<month>[01]\d)-(?P<day>[0-3]\d){_E}"),
]

_RELATIVE = re.compile(
    r"(?<!\w)(?:(?P<m2>the\s+day\s+before\s+yesterday|позавчера|пазаўчора|позавчора|позаучора)|"
    r"(?P<m1>yesterday|last\s+night|вчера|учора|ўчора|вчора|учора)|"
    r"(?P<m0>today|tonight|this\s+morning|сегодня|сёння|сьогодні|нынче))(?!\w)",
    re.IGNORECASE,
)
_WEEKDAYS = [
    r"monday|понедельник|панядзел(?:ак|ка)|понеділ(?:ок|ка)",
    r"tuesday|вторник|аўтор(?:ак|ка)|вівтор(?:ок|ка)",
    r"wednesday|среду|сераду|середу",
    r"thursday|четверг|чацвер|четвер",
    r"friday|пятницу|пятніцу|п['’ʼ]?ятницю",
    r"saturday|субботу|суботу",
    r"sunday|воскресенье|нядзелю|неділю",
]
_WEEKDAY = re.compile(
    r"(?<!\w)(?:on|last|в|во|у|ў)\s+(?:"
    + "|".join(f"(?P<w{i}>{p})" for i, p in enumerate(_WEEKDAYS))
    + r")(?!\w)",
    re.IGNORECASE,
)
_PARTIAL = re.compile(
    rf"(?<!\w)(?:in|since|during|of|в|во|с|со|з|у|ў|із|от|від|ад)\s+(?:(?:early|late|mid-?)\s*)?"
    rf"(?:{_MONTH}(?:\s+\d{{4}})?|(?P<y>(?:19|20)\d{{2}})(?!\s*[-–—]\s*\d)(?:\s*(?:года|году|гада|"
    rf"годзе|року|р\.|г\.|г(?!\w)|р(?!\w)))?)(?!\w)"
    rf"|(?<!\w)(?:last\s+year|в\s+прошлом\s+году|летась|торік|минулого\s+року|у\s+мінулым\s+годзе)"
    rf"(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date stated in a sentence, at `start:end`; `day` is None when `partial`."""

    start: int
    end: int
    text: str
    day: dt.date | None
    partial: bool = False


def month_of(word: str) -> int | None:
    """The month that `word` names, in any of the four languages and any case."""
    m = re.fullmatch(_MONTH, word.strip(), re.IGNORECASE)
    if not m:
        return None
    return next(_MONTH_NUMBER[g] for g, v in m.groupdict().items() if v is not None)


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _infer_year(month: int, day: int, report: dt.date) -> dt.date | None:
    """A day and month in the report's year, or the year before if that is later."""
    d = _make(report.year, month, day)
    if d is None:
        d = _make(report.year - 1, month, day)  # 29 February
        return d
    if d > report:
        return _make(report.year - 1, month, day)
    return d


def _month_group(m: re.Match[str]) -> int | None:
    for name, value in m.groupdict().items():
        if value is not None and name in _MONTH_NUMBER:
            return _MONTH_NUMBER[name]
    month = m.groupdict().get("month")
    return int(month) if month else None


def find(sentence: str, lang: str | None, report_date: dt.date) -> list[FoundDate]:
    """Every date stated in `sentence`, in order of position."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if not free(m.start(), m.end()):
                continue
            month = _month_group(m)
            day = int(m.group("day"))
            if re.search(r"(?<![A-Za-z])may(?![A-Za-z])", m.group()):
                continue  # "may" the verb; the month is written "May"
            if month is None or not 1 <= month <= 12 or not 1 <= day <= 31:
                continue
            year_text = m.groupdict().get("year")
            rel = (m.groupdict().get("rel") or "").lower()
            if year_text:
                year = int(year_text)
                if year < 100:
                    year += 2000 if year <= report_date.year % 100 + 1 else 1900
                day_date = _make(year, month, day)
            elif rel and any(w in rel for w in ("last", "прошлого", "мінулага", "летась")):
                day_date = _make(report_date.year - 1, month, day)
            elif rel and any(w in rel for w in ("минулого", "торік")):
                day_date = _make(report_date.year - 1, month, day)
            elif rel:
                day_date = _make(report_date.year, month, day)
            else:
                day_date = _infer_year(month, day, report_date)
            if day_date is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(FoundDate(m.start(), m.end(), m.group(), day_date))

    for m in _RELATIVE.finditer(sentence):
        if not free(m.start(), m.end()):
            continue
        back = next(int(g[1]) for g, v in m.groupdict().items() if v is not None)
        taken.append((m.start(), m.end()))
        found.append(
            FoundDate(m.start(), m.end(), m.group(), report_date - dt.timedelta(days=back))
        )

    for m in _WEEKDAY.finditer(sentence):
        if not free(m.start(), m.end()):
            continue
        weekday = next(int(g[1]) for g, v in m.groupdict().items() if v is not None)
        back = (report_date.weekday() - weekday) % 7
        taken.append((m.start(), m.end()))
        found.append(
            FoundDate(m.start(), m.end(), m.group(), report_date - dt.timedelta(days=back))
        )

    for m in _PARTIAL.finditer(sentence):
        if free(m.start(), m.end()):
            taken.append((m.start(), m.end()))
            found.append(FoundDate(m.start(), m.end(), m.group(), None, partial=True))

    found.sort(key=lambda f: f.start)
    return found


def sentence_date(sentence: str, lang: str | None, report_date: dt.date) -> dt.date | None:
    """The first day that `sentence` states, or None if it states none."""
    for f in find(sentence, lang, report_date):
        if f.day is not None:
            return f.day
    return None
