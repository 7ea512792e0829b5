"""Numbers as articles write them: "82", "forty-four", "twice", "more than half", "two thirds",
"97 percent", "by 128 votes to 9, with 35 abstentions".

Each finder returns matches with their offsets in the sentence, so the extractor can mask
what it has read (a year is not a count; a tally is not a count of vetoes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from untally.claims.models import Op, Quantity, Tally

UNITS = {
    "zero": 0, "no": 0, "none": 0, "nil": 0, "one": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "a dozen": 12, "dozen": 12,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100,
}  # fmt: skip
_UNIT_WORDS = "|".join(
    sorted((k for k in UNITS if k not in ("no", "none", "nil")), key=len, reverse=True)
)
_TEN_WORDS = "|".join(sorted(TENS, key=len, reverse=True))
NUM = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:\.\d+)?|(?:{_TEN_WORDS})(?:[- ](?:one|two|three|four|five|six|"
    rf"seven|eight|nine))?|{_UNIT_WORDS})"
)
MODIFIERS: dict[str, Op] = {
    "more than": "gt", "over": "gt", "upwards of": "gt", "in excess of": "gt",
    "at least": "ge", "no fewer than": "ge", "no less than": "ge",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "about": "approx", "around": "approx", "roughly": "approx", "some": "approx",
    "approximately": "approx", "an estimated": "approx",
    "fewer than": "lt", "less than": "lt", "under": "lt", "no more than": "le",
    "at most": "le", "only": "eq", "just": "eq", "exactly": "eq",
}  # fmt: skip
MOD = "|".join(sorted(MODIFIERS, key=len, reverse=True))


def value_of(text: str) -> float | None:
    t = text.lower().strip().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    if t in UNITS:
        return float(UNITS[t])
    if t in TENS:
        return float(TENS[t])
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS:
        return float(TENS[parts[0]] + UNITS[parts[1]])
    return None


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    quantity: Quantity
    after: str  # the words that follow (lower case), to see what is counted
    before: str  # the words before


COUNT = re.compile(rf"\b(?:({MOD})\s+)?({NUM})\b(?!\s*(?:%|percent|per cent))", re.I)
ADVERBS = re.compile(r"\b(?:(only|just)\s+)?(once|twice|thrice)\b", re.I)


def find_counts(sentence: str, masked: list[tuple[int, int]]) -> list[Number]:
    """Cardinal numbers not inside ``masked`` spans (years, dates, tallies, symbols)."""
    out: list[Number] = []
    for m in COUNT.finditer(sentence):
        s, e = m.start(2), m.end(2)
        if any(a < e and s < b for a, b in masked):
            continue
        word = m.group(2).lower()
        if word == "one" and (
            not re.match(r"\s+(?:veto|draft|resolution|time|of)", sentence[e:])
            or re.search(r"\b(?:every|each|any|no|the)\s+$", sentence[:s].lower())
        ):
            continue  # "every one of", "no one", "the one": not counts
        value = value_of(word)
        if value is None:
            continue
        if re.fullmatch(r"\d{4}", word) and 1900 <= value <= 2100:
            continue
        op = MODIFIERS.get((m.group(1) or "").lower(), "eq")
        q = Quantity(value=value, op=op, text=m.group(0))
        out.append(
            Number(
                m.start(), e, q, sentence[e : e + 60].lower(), sentence[max(0, s - 60) : s].lower()
            )
        )
    for m in ADVERBS.finditer(sentence):
        if any(a < m.end() and m.start() < b for a, b in masked):
            continue
        value = {"once": 1, "twice": 2, "thrice": 3}[m.group(2).lower()]
        q = Quantity(value=value, op="eq", text=m.group(0))
        out.append(
            Number(
                m.start(),
                m.end(),
                q,
                "times " + sentence[m.end() : m.end() + 60].lower(),
                sentence[max(0, m.start() - 60) : m.start()].lower(),
            )
        )
    return sorted(out, key=lambda n: n.start)


FRACTIONS = {
    "half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "one-third": 1 / 3,
    "two thirds": 2 / 3, "two-thirds": 2 / 3, "a quarter": 0.25, "one quarter": 0.25,
    "one-quarter": 0.25, "three quarters": 0.75, "three-quarters": 0.75, "a fifth": 0.2,
    "one fifth": 0.2, "a majority": 0.5, "the majority": 0.5, "most": 0.5,
}  # fmt: skip
_FRAC = "|".join(sorted(FRACTIONS, key=len, reverse=True))
# "most recent", "most often": superlatives, not "most of".
NOT_SHARE = (
    r"(?:recent|recently|frequent\w*|prolific|often|likely|important|notabl\w*|active|vocal|"
    r"used|common\w*|of all time)"
)
SHARE = re.compile(
    rf"\b(?:({MOD})\s+(?:a\s+)?)?(?:({_FRAC})(?!\s+{NOT_SHARE})"
    rf"|(\d{{1,3}}(?:\.\d+)?)\s*(?:%|percent\b|per cent\b)|one in ({NUM}))",
    re.I,
)


def find_shares(sentence: str) -> list[Number]:
    out = []
    for m in SHARE.finditer(sentence):
        op = MODIFIERS.get((m.group(1) or "").lower(), "eq")
        if m.group(2):
            word = m.group(2).lower()
            value = FRACTIONS[word]
            if word in ("a majority", "the majority", "most"):
                op = "gt"
        elif m.group(3):
            value = float(m.group(3)) / 100
        else:
            n = value_of(m.group(4))
            if not n:
                continue
            value = 1 / n
        q = Quantity(value=value, op=op, unit="share", text=m.group(0))
        out.append(
            Number(
                m.start(),
                m.end(),
                q,
                sentence[m.end() : m.end() + 60].lower(),
                sentence[max(0, m.start() - 60) : m.start()].lower(),
            )
        )
    return out


@dataclass(frozen=True)
class TallyMatch:
    start: int
    end: int
    tally: Tally


_N = rf"({NUM}|none|nil|zero)"
TALLY_PATTERNS = [
    # "by 128 votes to 9, with 35 abstentions", "voted 138 to 9", "11 to 1"
    re.compile(
        rf"\b{_N}\s+(?:votes?\s+)?(?:to|against)\s+{_N}(?:\s*(?:votes?)?,?\s*(?:with|and)\s+{_N}\s+(?:abstentions?|abstaining|abstained))?",
        re.I,
    ),
    # "14-0", "11-1-3", "14 - 1"
    re.compile(r"\b(\d{1,3})\s*[-–]\s*(\d{1,3})(?:\s*[-–]\s*(\d{1,3}))?\b(?![-–/]\d)"),
]
YES = re.compile(
    rf"\b{_N}\s+(?:votes?\s+in\s+favou?r|in\s+favou?r|(?:countries|states|members|nations|delegations)\s+(?:backed|supported|voted\s+(?:for|in\s+favou?r|yes)))"
    rf"|\b(?:adopted|passed|approved|carried)\s+(?:by|with)\s+{_N}\s+votes?\b(?!\s+to)"
    rf"|\b(?:other\s+)?{_N}\s+members\s+voted\s+in\s+favou?r",
    re.I,
)
NO = re.compile(
    rf"\b{_N}\s+(?:(?:countries|states|members|nations|delegations)\s+)?(?:voted\s+against|voting\s+against|voted\s+no|opposed)"
    rf"|\b{_N}\s+(?:countries|states|members|nations)(?:,[^.;]{{0,120}}?,)?\s+(?:that\s+|which\s+)?(?:voted\s+against|voted\s+no)"
    rf"|\b{_N}\s+(?:votes\s+against|no\s+votes|negative\s+votes)",
    re.I,
)
ABSTAIN = re.compile(
    rf"\b{_N}\s+(?:(?:countries|states|members)\s+)?(?:abstentions?|abstained|abstaining)\b"
    rf"|\bwith\s+{_N}\s+(?:countries\s+)?abstaining",
    re.I,
)


def _first(m: re.Match[str]) -> int | None:
    for g in m.groups():
        if g:
            v = value_of(g)
            if v is not None:
                return int(v)
    return None


def find_tallies(sentence: str, years: list[tuple[int, int]]) -> list[TallyMatch]:
    """Vote counts: "by 12 votes to 2", "14-0", "10 in favour", "with 35 abstentions"."""
    out: list[TallyMatch] = []
    taken: list[tuple[int, int]] = list(years)

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    for i, pattern in enumerate(TALLY_PATTERNS):
        for m in pattern.finditer(sentence):
            if not free(m.start(), m.end()):
                continue
            values = [value_of(g) if g else None for g in m.groups()]
            if values[0] is None or values[1] is None:
                continue
            yes, no = int(values[0]), int(values[1])
            if i == 1 and (yes > 193 or no > 193 or yes < no):
                continue
            near = m.group(0) + sentence[max(0, m.start() - 12) : m.start()]
            if (
                i == 0
                and not re.search(r"\bvote|\bvoted|\bto (?:none|nil|\d)", near, re.I)
                and not re.search(r"\bvot", sentence, re.I)
            ):
                continue  # "from 12 to 15" in a sentence about something else
            abstain = int(values[2]) if len(values) > 2 and values[2] is not None else None
            out.append(TallyMatch(m.start(), m.end(), Tally(yes=yes, no=no, abstain=abstain)))
            taken.append((m.start(), m.end()))
    for pattern, field in ((YES, "yes"), (NO, "no"), (ABSTAIN, "abstain")):
        for m in pattern.finditer(sentence):
            if not free(m.start(), m.end()):
                continue
            v = _first(m)
            if v is None:
                continue
            out.append(TallyMatch(m.start(), m.end(), Tally(**{field: v})))
            taken.append((m.start(), m.end()))
    return sorted(out, key=lambda t: t.start)


def merge_tallies(found: list[TallyMatch]) -> Tally | None:
    if not found:
        return None
    yes = next((t.tally.yes for t in found if t.tally.yes is not None), None)
    no = next((t.tally.no for t in found if t.tally.no is not None), None)
    abstain = next((t.tally.abstain for t in found if t.tally.abstain is not None), None)
    return Tally(yes=yes, no=no, abstain=abstain)
