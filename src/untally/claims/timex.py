"""Time in claims: "since 1972", "in 2017", "between 1946 and 1984", "this year", and the date
of the article itself.

A count is only true for a period, so every claim carries the period its words give. Phrases
are read with regular expressions over a fixed grammar: reproducible, and fast (a general
date parser such as dateparser costs a third of a second to load, a sixth of the time budget
of a whole check). The article's own date is taken from its dateline or byline in the forms
"14 June 2021", "Dec. 22, 2017", "Tuesday, 22 December 2017" and "2021-06-14".
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources

from untally.claims.models import Period

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}  # fmt: skip
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
YEAR = r"(?:19[4-9]\d|20\d\d)"
DECADE = r"(?:19[4-9]0|20[0-2]0)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _end_of_month(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def _year(y: str) -> tuple[date, date]:
    return date(int(y), 1, 1), date(int(y), 12, 31)


@dataclass(frozen=True)
class TimeExpr:
    """A time phrase in a sentence: ``role`` is since, until, point (a year, month or day),
    range, or unresolved (relative, with no date to resolve it against)."""

    start: int
    end: int
    text: str
    role: str
    period: Period | None
    after: date | None = None  # the day after the named year or month ("not since 1989")


def _day(day: str, month: str, year: str | None, as_of: date | None) -> date | None:
    d = int(re.sub(r"\D", "", day))
    y = int(year) if year else (as_of.year if as_of else None)
    if y is None:
        return None
    try:
        found = date(y, _month(month), d)
    except ValueError:
        return None
    if not year and as_of and found > as_of:  # "on 18 December" written in January
        found = date(y - 1, found.month, found.day)
    return found


# Ordered: the first pattern to claim a stretch of text wins.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(p, re.I))
    for name, p in [
        ("between", rf"\b(?:between|from) ({YEAR}) (?:and|to|until|through) "
                    rf"(?:(early|mid-?|late)\s+)?({YEAR})\b"),
        ("year_range", rf"\b({YEAR})\s*[-–]\s*({YEAR}|\d\d)\b"),
        ("day_dmy", rf"\b(?:on |since |in |by )?({DAY}) ({MONTH}),? ?({YEAR})?\b"),
        ("day_mdy", rf"\b(?:on |since |in |by )?({MONTH}) ({DAY})(?:,? ({YEAR}))?\b"),
        ("since_month", rf"\b(since|after|before|until|by) ({MONTH}) ({YEAR})\b"),
        ("month", rf"\b(?:in |during )?({MONTH}) ({YEAR})\b"),
        # "in March", "since April" with no year: the latest such month up to the article
        ("since_bare_month", rf"\b(since|after|before|until|by) ({MONTH})\b(?![ ,]*\d)"),
        ("bare_month", rf"\b(?:in|during|last|early|late|earlier in|later in) ({MONTH})\b"
                       rf"(?![ ,]*\d)"),
        ("decade", rf"\b(?:in |during )?the ({DECADE})s\b"),
        ("since_decade", rf"\bsince the ({DECADE})s\b"),
        ("since_year", rf"\b(since|after|before|until|till|through|by|as of|up to) ({YEAR})\b"),
        ("since_event", rf"\bsince (?:the |its )?[a-z ]{{3,40}}? in ({YEAR})\b"),
        ("cold_war", r"\bsince the (?:end of the )?cold war(?: ended)?\b"),
        ("during_cold_war", r"\b(?:during|in|throughout|over) the cold war\b"),
        ("year", rf"\b(?:in|during|throughout|of|for) ({YEAR})\b"),
        ("this_year", r"\b(?:so far )?(?:this|last|earlier this) year\b"),
        ("this_month", r"\b(?:so far )?(?:this|last|earlier this) month\b"),
        ("first_years", r"\b(?:in|during|over) (?:its|the UN's|the Council's|the) first "
                        r"(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten) "
                        r"(?:years|decades?)\b"),
        ("last_week", r"\b(?:last|this) week\b|\b(?:yesterday|today)\b"
                      r"|\bon (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
        ("past_years", r"\b(?:over|in|during) the (?:past|last) "
                       r"(decade|(\w+) (?:years|decades))\b"),
        ("bare_year", rf"(?<![/\d(])\b({YEAR})\b(?![/\d)])"),
    ]
]  # fmt: skip


@cache
def _events() -> list[tuple[re.Pattern[str], date, str]]:
    """Named events ("since the Soviet Union collapsed") from data/events.toml."""
    data = tomllib.loads(
        resources.files("untally.data").joinpath("events.toml").read_text(encoding="utf-8")
    )
    out = []
    for e in data["event"]:
        phrases = sorted(e["phrases"], key=len, reverse=True)
        alt = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
        pattern = re.compile(
            rf"\b(since|after|before|until|by|over|in|throughout)\s+(?:last\s+|all\s+)?(?:{alt})\b",
            re.I,
        )
        out.append((pattern, date.fromisoformat(e["date"]), e["id"]))
    return out


def find_events(sentence: str) -> list[TimeExpr]:
    """Anchors named by an event: "since the war on Gaza began" -> since 2023-10-07."""
    found = []
    for pattern, day, _ in _events():
        for m in pattern.finditer(sentence):
            word = m.group(1).lower()
            text = m.group(0)
            if word in ("over", "in", "throughout"):  # "over the whole existence of the Council"
                word = "since"
            if word in ("since", "after"):
                p = Period(since=day if word == "since" else day + timedelta(days=1), text=text)
                found.append(TimeExpr(m.start(), m.end(), text, "since", p))
            else:
                p = Period(until=day - timedelta(days=1) if word == "before" else day, text=text)
                found.append(TimeExpr(m.start(), m.end(), text, "until", p))
    return found


def find_times(sentence: str, as_of: date | None) -> list[TimeExpr]:
    """Every time phrase in ``sentence``, left to right, none overlapping (events first)."""
    found: list[TimeExpr] = find_events(sentence)
    taken: list[tuple[int, int]] = [(t.start, t.end) for t in found]
    for name, pattern in PATTERNS:
        for m in pattern.finditer(sentence):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            expr = _read(name, m, as_of)
            if expr is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(expr)
    return sorted(found, key=lambda t: t.start)


def _bounded(expr, word: str, first: date, last: date) -> TimeExpr:
    """'since/after/before/by <month or year>' spanning ``first``..``last``, as one rule."""
    if word == "since":
        return expr("since", first, None, after=last + timedelta(days=1))
    if word == "after":
        return expr("since", last + timedelta(days=1), None)
    if word == "before":
        return expr("until", None, first - timedelta(days=1))
    return expr("until", None, last)


def _read(name: str, m: re.Match[str], as_of: date | None) -> TimeExpr | None:
    text = m.group(0)

    def expr(
        role: str, since: date | None, until: date | None, exact: bool = False, after=None
    ) -> TimeExpr:
        period = Period(since=since, until=until, text=text.strip(), exact_day=exact)
        return TimeExpr(m.start(), m.end(), text, role, period, after)

    if name == "between":
        last = _year(m[3])[1]
        if m[2] and m[2].lower().startswith("early"):
            last = date(int(m[3]), 4, 30)
        elif m[2] and m[2].lower().startswith("mid"):
            last = date(int(m[3]), 8, 31)
        if as_of and last > as_of:
            last = as_of
        return expr("range", _year(m[1])[0], last)
    if name == "year_range":
        end = m[2] if len(m[2]) == 4 else m[1][:2] + m[2]
        if int(end) < int(m[1]):
            return None
        return expr("range", _year(m[1])[0], _year(end)[1])
    if name in ("day_dmy", "day_mdy"):
        day, month = (m[1], m[2]) if name == "day_dmy" else (m[2], m[1])
        when = _day(day, month, m[3], as_of)
        if when is None:
            return TimeExpr(m.start(), m.end(), text, "unresolved", None)
        head = text.strip().split()[0].lower()
        if head == "since":
            return expr("since", when, None)
        if head == "by":
            return expr("until", None, when)
        return expr("point", when, when, exact=True)
    if name == "since_month":
        first = date(int(m[3]), _month(m[2]), 1)
        last = _end_of_month(first.year, first.month)
        return _bounded(expr, m[1].lower(), first, last)
    if name == "month":
        first = date(int(m[2]), _month(m[1]), 1)
        return expr("point", first, _end_of_month(first.year, first.month))
    if name in ("bare_month", "since_bare_month"):
        word = m[1] if name == "since_bare_month" else None
        month_name = m[2] if word else m[1]
        if as_of is None or not month_name[:1].isupper():  # "in may" is no month
            return None
        month = _month(month_name)
        year = as_of.year if month <= as_of.month else as_of.year - 1
        first = date(year, month, 1)
        last = _end_of_month(year, month)
        if word:
            return _bounded(expr, word.lower(), first, last)
        return expr("point", first, last)
    if name == "decade":
        start = int(m[1])
        return expr("point", date(start, 1, 1), date(start + 9, 12, 31))
    if name == "since_decade":
        return expr("since", date(int(m[1]), 1, 1), None)
    if name == "since_year":
        first, last = _year(m[2])
        return _bounded(expr, m[1].lower(), first, last)
    if name == "since_event":
        return expr("since", _year(m[1])[0], None)
    if name == "cold_war":
        return expr("since", date(1991, 12, 26), None)
    if name == "during_cold_war":  # to the Soviet seat's passing to Russia
        return expr("point", date(1946, 1, 1), date(1991, 12, 25))
    if name in ("year", "bare_year"):
        first, last = _year(m[1])
        return expr("point", first, last)
    if name == "this_year":
        if as_of is None:
            return TimeExpr(m.start(), m.end(), text, "unresolved", None)
        year = as_of.year - 1 if "last" in text.lower() else as_of.year
        return expr("point", date(year, 1, 1), min(date(year, 12, 31), as_of))
    if name == "first_years":  # "in the first 10 years": of the United Nations, from 1946
        n = int(m[1]) if m[1].isdigit() else WORD_NUMBERS[m[1].lower()]
        years = n * 10 if "decade" in text.lower() else n
        return expr("range", date(1946, 1, 1), date(1945 + years, 12, 31))
    if name == "this_month":
        if as_of is None:
            return TimeExpr(m.start(), m.end(), text, "unresolved", None)
        first = date(as_of.year, as_of.month, 1)
        if "last" in text.lower():
            first = (first - timedelta(days=1)).replace(day=1)
            return expr("point", first, _end_of_month(first.year, first.month))
        return expr("point", first, as_of)
    if name == "last_week":
        if as_of is None:
            return TimeExpr(m.start(), m.end(), text, "unresolved", None)
        return expr("point", as_of - timedelta(days=14), as_of)
    if name == "past_years":
        if as_of is None:
            return TimeExpr(m.start(), m.end(), text, "unresolved", None)
        words = m[1].lower()
        number = 10 if words == "decade" else WORD_NUMBERS.get(m[2].lower())
        if number is None and m[2] and m[2].isdigit():
            number = int(m[2])
        if number is None:
            return None
        years = number * 10 if "decade" in words and words != "decade" else number
        return expr("since", date(as_of.year - years, as_of.month, 1), None)
    return None


def merge(base: Period | None, extra: Period | None) -> Period | None:
    """The intersection of two periods (a claim's own words narrow its context's)."""
    if base is None:
        return extra
    if extra is None:
        return base
    since = max(filter(None, (base.since, extra.since)), default=None)
    until = min(filter(None, (base.until, extra.until)), default=None)
    return Period(since=since, until=until, text=f"{base.text}; {extra.text}".strip("; "))


# --------------------------------------------------------------------------- article date

DATELINE = re.compile(
    rf"(?:\b{DAY} {MONTH},? {YEAR}\b|\b{MONTH} {DAY},? {YEAR}\b|\b{YEAR}-\d\d-\d\d\b"
    rf"|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? {DAY} {MONTH} {YEAR}\b)",
    re.I,
)
BYLINE_WORDS = re.compile(
    r"\b(?:published|updated|posted|dated|by|remarks|statement|press|—|–|-)\b|^[A-Z ,]+,", re.I
)


@dataclass(frozen=True)
class Dateline:
    """The article's own date and where the text gives it (masked from claims)."""

    date: date
    line: str
    span: tuple[int, int]


def infer_as_of(text: str) -> Dateline | None:
    """The article's date from its head (first 600 characters): a dateline or byline date.

    Dates further down are events the article reports, not its date, so they are not used.
    """
    offset = 0
    for line in text[:600].split("\n")[:8]:
        m = DATELINE.search(line)
        if m is not None and (
            len(line.strip()) <= 160 or BYLINE_WORDS.search(line[: m.start()]) or m.start() < 40
        ):
            parsed = _parse(m.group(0))
            if parsed is not None:
                return Dateline(parsed, line.strip(), (offset + m.start(), offset + m.end()))
        offset += len(line) + 1
    return None


def _parse(text: str) -> date | None:
    """A dateline date in one of the DATELINE forms (day-month-year, month-day-year, ISO)."""
    iso = re.search(r"(\d{4})-(\d\d)-(\d\d)", text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        dmy = re.search(rf"({DAY}) ({MONTH}),? ({YEAR})", text, re.I)
        if dmy:
            return date(int(dmy[3]), _month(dmy[2]), int(re.sub(r"\D", "", dmy[1])))
        mdy = re.search(rf"({MONTH}) ({DAY}),? ({YEAR})", text, re.I)
        if mdy:
            return date(int(mdy[3]), _month(mdy[1]), int(re.sub(r"\D", "", mdy[2])))
    except ValueError:  # "31 February"
        return None
    return None
