"""The grammar of the figures beside UN votes: US aid, arms imports and congressional votes.

Articles about one state's support for another put money, arms and Congress next to the
vetoes: "$3.8 billion a year in military aid", "more than $146 billion since 1948", "the US
supplies 69% of its arms imports", "the House voted 420 to 9". Each such clause is read into
the same :class:`~untally.claims.frame.Frame` as a vote claim, with a :class:`Support` part
that says which figure it states; :mod:`untally.claims.support_checks` compiles it to the
record's aid, arms and roll-call tables (through :class:`untally.record.Record`).

Only the figure and what it is about are read: an amount with its unit and hedge ("more than",
"about"), the kind of aid (military, economic, or all), whether it is a yearly, cumulative or
pledged figure, the period, the recipient; a share of arms imports and its supplier; a
chamber's tally and the bill. A figure about something no source holds (a letter's signers,
a weapons stockpile, an emergency transfer by presidential drawdown) is read as outside the
record, with the reason.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date

from untally.claims.lexicon import Mention
from untally.claims.models import Op, Quantity

SCALE = {
    "trillion": 1e12,
    "tn": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
}
HEDGE: list[tuple[str, Op]] = [
    (r"more than|over|above|upwards of|in excess of|exceeding", "gt"),
    (r"at least|no less than|a minimum of", "ge"),
    (r"about|around|roughly|some|approximately|an estimated|close to|nearly|almost", "approx"),
    (r"less than|under|below|fewer than", "lt"),
    (r"up to|as much as|at most", "le"),
]
_HEDGE = "|".join(p for p, _ in HEDGE)
MONEY = re.compile(
    rf"(?:(?P<hedge>{_HEDGE})\s+)?"
    r"(?:US\s?)?\$\s?(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*"
    r"(?P<scale>trillion|billion|million|tn|bn|mn|b|m)?\b"
    rf"|(?:(?P<hedge2>{_HEDGE})\s+)?(?P<n2>\d+(?:\.\d+)?)\s+(?P<scale2>trillion|billion|million)"
    r"\s+(?:US\s+|American\s+)?dollars\b",
    re.I,
)
AID_WORDS = re.compile(
    r"\b(?:aid|assistance|funding|financing|grants?|FMF|gave|given|gives|giving|provides?|"
    r"provided|sends?|sent|receives?|received|package|appropriat\w+|pledge[sd]?|obligat\w+|"
    r"disburse\w*|memorandum of understanding|MOU|support|approv\w+|allocat\w+|earmark\w*)\b",
    re.I,
)
MILITARY = re.compile(
    r"\bmilitary\b|\bsecurity assistance\b|\bdefen[cs]e aid\b|\bFMF\b|\bforeign military "
    r"financing\b|\bweapons aid\b|\bmissile defen[cs]e\b",
    re.I,
)
ECONOMIC = re.compile(r"\beconomic\b|\bdevelopment aid\b|\bhumanitarian aid\b", re.I)
CONSTANT = re.compile(
    r"\b(?:in )?today['’]s (?:money|dollars)\b|\binflation[- ]adjusted\b|\bin real terms\b"
    r"|\bconstant (?:\d{4} )?dollars\b|\badjusted for inflation\b",
    re.I,
)
MEASURE = re.compile(r"\b(obligat|disburs|appropriat|request)\w*", re.I)
MEASURES = {"oblig": "obligations", "disbu": "disbursements", "appro": "appropriations",
            "reque": "requests"}  # fmt: skip
ANNUAL = re.compile(r"\b(?:a|per|each|every) year\b|\bannual(?:ly)?\b|\byearly\b", re.I)
CUMULATIVE = re.compile(
    r"\bsince\s+(?:its\s+(?:founding|creation|establishment)|(?:18|19|20)\d\d)\b"
    r"|\bin total\b|\bto date\b|\ball told\b|\bcumulative(?:ly)?\b|\baltogether\b",
    re.I,
)
PLEDGE = re.compile(
    r"\bmemorandum of understanding\b|\bMOU\b|\bpledge[ds]?\b|\bten-year (?:deal|agreement|package)"
    r"|\b(?:over|for) (?:the next )?(?:ten|10) years\b|\bover a decade\b",
    re.I,
)
# US donors: the record holds US aid only
US = re.compile(r"\b(?:the\s+)?(?:US|U\.S\.|USA|United States|America|American|Washington)\b", re.I)
# figures the loaded sources do not hold, whatever their amount
NOT_HELD = [
    (
        re.compile(r"\bstockpile\b|\bpre-?positioned\b|\bWRSA\b", re.I),
        "no loaded source lists the US weapons stockpiles held abroad or their value",
    ),
    (
        re.compile(r"\bdrawdown\b|\bemergency (?:transfer|sale|declaration)\b|\bbypass\w*", re.I),
        "emergency transfers and drawdowns are announced by the executive; no loaded source "
        "lists them",
    ),
    (
        re.compile(r"\bsupplemental\b|\bemergency (?:funding|aid|package)\b", re.I),
        "supplemental appropriations after the aid data's last complete year are not in the "
        "loaded sources",
    ),
]
SHARE = re.compile(r"(?P<n>\d{1,3}(?:\.\d+)?)\s*(?:%|per\s?cent\b)", re.I)
MOST = re.compile(r"\b(?:most|the (?:bulk|majority)|more than half)\s+of\b", re.I)
ARMS = re.compile(
    r"\barms imports\b|\bimports of (?:major )?(?:arms|weapons)\b|\bweapons imports\b"
    r"|\b(?:arms|weapons) (?:it|they) (?:imports?|buys?|bought|receives?|received)\b"
    r"|\b(?:arms|weapons) (?:deliveries|transfers|supplies)\b",
    re.I,
)
CHAMBER = re.compile(r"\b(?:the\s+)?(House|Senate)\b|\bCongress\b|\blawmakers\b", re.I)
ROLL_TALLY = re.compile(
    r"\b(?P<y>\d{1,3})\s*(?:-|–|to)\s*(?P<n>\d{1,3})\b(?!\s*(?:%|per|years?|months?))"
)
SIGNERS = re.compile(
    r"\b(?P<n>\d{1,3})\s+(?:of\s+(?:the\s+)?\d{2,3}\s+)?(?:lawmakers|members|representatives|"
    r"senators|legislators)\b[^.;]{0,60}\b(?:signed|sign|co-?signed|endorsed)\b"
    r"|\b(?:letter|petition)\b[^.;]{0,80}\b(?:signed by|signatories|signers)\b",
    re.I,
)
BILL = re.compile(r"\b(H\.?\s?R\.?|S\.|H\.?\s?Res\.?|S\.?\s?Res\.?)\s?(\d{1,5})\b", re.I)
YEAR = re.compile(r"\b(?:FY\s?|fiscal(?: year)?\s+)?((?:19|20)\d\d)\b", re.I)


@dataclass(frozen=True)
class Support:
    """What a support clause states: one figure and what it is about."""

    what: str  # aid | arms | roll-call | signers
    amount: Quantity | None = None  # aid: US dollars
    precision: float = 0.0  # the amount's last written unit (3.8 billion: 0.1 billion)
    aid_kind: str = "total"  # total | military | economic
    basis: str = "year"  # year | cumulative | pledge
    years: tuple[int, int] | None = None  # fiscal or calendar years, first and last
    recipient: str | None = None  # ISO3 code
    supplier: str | None = None
    share: Quantity | None = None  # arms: the supplier's share of the recipient's imports
    chamber: str | None = None  # House | Senate
    bill: str | None = None  # H.R.5323
    yea: int | None = None
    nay: int | None = None
    not_held: str | None = None  # why no loaded source can settle it
    dollars: str = "current"  # current, or constant when the wording adjusts for inflation
    measure: str = "obligations"  # the one the wording names, else what aid data report most


def _n_years(word: str | None) -> int | None:
    if not word:
        return None
    return int(word) if word.isdigit() else N_YEARS.get(word.lower())


def _hedge(text: str | None) -> Op:
    for pattern, op in HEDGE:
        if text and re.fullmatch(pattern, text.strip(), re.I):
            return op
    return "eq"


N_YEARS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "twenty": 20}  # fmt: skip


def _years(
    clause: str, as_of: date | None, before: tuple[int, int] | None = None
) -> tuple[tuple[int, int] | None, bool]:
    """The years a clause names (first, last) and whether it says "since" (open-ended);
    ``before``: the years of the previous figure ("the year before", "the same decade")."""
    if before and re.search(r"\bthe (?:same|previous) (?:decade|period|years?)\b", clause, re.I):
        return before, False
    if before and re.search(
        r"\b(?:the year before|a year earlier|the previous year|the prior year)\b", clause, re.I
    ):
        return (before[0] - 1, before[0] - 1), False
    decade = re.search(
        r"\b(?:the\s+)?(decade|(\d+|\w+) years)\s+(?:to|through|ending(?: in)?)\s+"
        r"((?:19|20)\d\d)\b",
        clause,
        re.I,
    )
    if decade:
        n = 10 if decade.group(1).lower() == "decade" else _n_years(decade.group(2))
        if n:
            end = int(decade.group(3))
            return (end - n + 1, end), False
    past = re.search(r"\b(?:the\s+)?(?:past|last)\s+(decade|(\d+|\w+) years)\b", clause, re.I)
    if past and as_of:
        n = 10 if past.group(1).lower() == "decade" else _n_years(past.group(2))
        if n:
            return (as_of.year - n, as_of.year - 1), False
    since = re.search(r"\bsince\s+(?:FY\s?)?((?:18|19|20)\d\d)\b", clause, re.I)
    if since:
        last = as_of.year if as_of else 2100
        return (int(since.group(1)), last), True
    span = re.search(
        r"\b(?:FY\s?)?((?:19|20)\d\d)\s+(?:and|to|through|until)\s+(?:FY\s?)?"
        r"((?:19|20)\d\d)\b|\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)?\d\d)\b",
        clause,
        re.I,
    )
    if span:
        a, b = span.group(1) or span.group(3), span.group(2) or span.group(4)
        if len(b) == 2:
            b = a[:2] + b
        return (int(a), int(b)), False
    if re.search(r"\blast year\b", clause, re.I) and as_of:
        return (as_of.year - 1, as_of.year - 1), False
    if re.search(r"\bthis year\b", clause, re.I) and as_of:
        return (as_of.year, as_of.year), False
    one = [int(m.group(1)) for m in YEAR.finditer(clause)]
    if len(one) == 1:
        return (one[0], one[0]), False
    return None, False


# a cheap first test: a clause with none of these states no aid, arms or roll-call figure
SUPPORT_HINT = re.compile(
    r"\$|\bdollars\b|\b(?:billion|million|bn)\b|%|\bper ?cent\b|\bmost of\b|\bmajority of\b"
    r"|\bmore than half\b|\bbulk of\b|\bHouse\b|\bSenate\b|\bCongress\b|\blawmakers\b"
    r"|\bsign|\bstockpile|\bdrawdown|\bletter\b",
    re.I,
)
UN_WORDS = re.compile(
    r"\bveto|\bSecurity Council\b|\bGeneral Assembly\b|\bU\.?N\.?\b|\bUnited Nations\b"
    r"|\bresolution|\bdrafts?\b",
    re.I,
)


def pieces(clause: str) -> list[tuple[int, int]]:
    """One stretch of ``clause`` per figure: "pledged $38 billion over ten years, which works
    out at $3.8 billion a year" is two claims. A clause with one figure is one stretch."""
    figures = sorted(
        m.start()
        for pattern in (MONEY, SHARE, MOST, ROLL_TALLY, SIGNERS)
        for m in pattern.finditer(clause)
    )
    if len(figures) < 2:
        return [(0, len(clause))]
    cuts = [0]
    for start in figures[1:]:
        seps = [
            m.start()
            for m in re.finditer(r",\s|;\s|\s\(|\s(?:and|while|whereas|but)\s", clause[:start])
            if m.start() > cuts[-1] + 8
        ]
        if seps:
            cuts.append(seps[-1])
    bounds = [*cuts, len(clause)]
    out = []
    for a, b in itertools.pairwise(bounds):
        while a < b and clause[a] in ",;( ":
            a += 1
        for word in ("and ", "while ", "whereas ", "but "):
            if clause[a : a + len(word)].lower() == word:
                a += len(word)
        out.append((a, b))
    return out


def read_support(
    clause: str,
    as_of: date | None,
    mentions: list[Mention],
    subjects: tuple[str, ...],
    previous: Support | None = None,
    continued: bool = False,
) -> Support | None:
    """The support figure a clause states, or None when it states none. ``previous``: the
    figure read just before, for "the year before" and for the recipient of "it"."""
    members = [m.value for m in mentions if m.family == "member"]
    others = [c for c in members if c != "USA"]
    recipient = others[0] if others else next(
        (c for c in subjects if c != "USA"), previous.recipient if previous else None
    )  # fmt: skip
    before = previous.years if previous else None
    signers = SIGNERS.search(clause)
    if signers:
        return Support(
            "signers",
            not_held="no loaded source lists who signed letters to officials or how many did",
        )
    arms = ARMS.search(clause) or (
        previous is not None and previous.what == "arms" and bool(members)
    )  # "..., ahead of France at 27%": the imports of the figure before
    share = SHARE.search(clause) or MOST.search(clause)
    if arms and share:
        if "n" in share.groupdict() and share.groupdict().get("n"):
            q = Quantity(value=float(share.group("n")) / 100, unit="share", text=share.group(0))
        else:
            q = Quantity(value=0.5, op="gt", unit="share", text=share.group(0))
        possessive = [
            m.value
            for m in mentions
            if m.family == "member" and re.match(r"['’]s\b", clause[m.end : m.end + 3])
        ]
        continued = previous is not None and previous.what == "arms" and not ARMS.search(clause)
        recipient = possessive[0] if possessive else recipient
        if previous and (
            continued or re.search(r"\b(?:its|their)\s+(?:arms|weapons)\b", clause, re.I)
        ):
            recipient = previous.recipient or recipient
        before_figure = [
            m.value
            for m in mentions
            if m.family == "member" and m.end <= share.start() and m.value != recipient
        ]
        us_before = [m for m in US.finditer(clause[: share.start()])]
        supplier = before_figure[-1] if before_figure else None
        if us_before and (
            not before_figure
            or us_before[-1].start()
            > max(m.start for m in mentions if m.family == "member" and m.value == supplier)
        ):
            supplier = "USA"
        if supplier is None and previous and previous.what == "arms":
            supplier = previous.supplier
        years, _ = _years(clause, as_of, before)
        if continued and years is None and previous is not None:
            years = previous.years
        return Support("arms", share=q, supplier=supplier, recipient=recipient, years=years)
    chamber = CHAMBER.search(clause)
    tally = ROLL_TALLY.search(clause)
    if (
        chamber
        and tally
        and re.search(r"\bvot|\bpass|\bapprov|\badopt|\breject|\bclear|\bback", clause, re.I)
    ):
        bill = BILL.search(clause)
        return Support(
            "roll-call",
            chamber=(chamber.group(1) or "").capitalize() or None,
            bill=f"{bill.group(1)}{bill.group(2)}" if bill else None,
            yea=int(tally.group("y")),
            nay=int(tally.group("n")),
            years=_years(clause, as_of, before)[0],
        )
    money = MONEY.search(clause)
    not_held = next((why for p, why in NOT_HELD if p.search(clause)), None)
    # "..., up from about $18 billion the year before": the aid of the figure before
    carried = continued and previous is not None and previous.what == "aid"
    if not money or not (AID_WORDS.search(clause) or not_held or carried):
        return None
    if not (others or US.search(clause) or carried or not_held or (recipient and subjects)):
        return None  # "donors pledged $4 billion": whose money, to whom, is not said
    if others and not US.search(clause) and len(others) > 1:
        return None  # aid between two other states: not in the loaded sources
    raw = money.group("n") or money.group("n2")
    scale_word = (money.group("scale") or money.group("scale2") or "").lower()
    number = float(raw.replace(",", ""))
    scale = SCALE.get(scale_word, 1.0)
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    precision = scale * 10**-decimals if scale > 1 else 1.0
    amount = Quantity(
        value=number * scale,
        op=_hedge(money.group("hedge") or money.group("hedge2")),
        text=money.group(0).strip(),
    )
    # "pledged $3.8 billion a year under the MOU" is a yearly figure of a pledge: "a year"
    # decides before the pledge's words do
    basis = (
        "year"
        if ANNUAL.search(clause)
        else "pledge"
        if PLEDGE.search(clause)
        else "cumulative"
        if CUMULATIVE.search(clause)
        else "year"
    )
    years, _ = _years(clause, as_of, before)
    # the kind of aid is said next to the amount ("$3.8 billion in military aid", "military
    # aid of $3.8 billion"), not in a later remark ("..., most of it military")
    near = (
        clause[max(0, money.start() - 40) : money.end()]
        + re.split(r"[,;]", clause[money.end() :])[0]
    )
    kind = (
        "military" if MILITARY.search(near)
        else "economic" if ECONOMIC.search(near)
        else previous.aid_kind if carried and previous is not None
        else "total"
    )  # fmt: skip
    if number <= 0:
        return None
    if carried and years is None and previous is not None:
        years = previous.years  # "...; in today's money that is $3.83 billion"
    named = MEASURE.search(clause)
    return Support(
        "aid",
        measure=MEASURES[named.group(1).lower()[:5]] if named else "obligations",
        dollars="constant" if CONSTANT.search(clause) else "current",
        amount=amount,
        precision=precision,
        aid_kind=kind,
        basis=basis,
        years=years,
        recipient=recipient,
        not_held=not_held,
    )
