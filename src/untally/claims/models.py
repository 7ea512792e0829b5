"""What a claim is and what the record says of it: small frozen models shared by every stage.

Extraction produces :class:`Claim` values, verification turns each into a :class:`Verdict`,
and every report (table, JSON, Markdown, HTML) renders the same :class:`Report`, so the
formats cannot disagree. Nothing here touches the database.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field


class Kind(StrEnum):
    """The family of a claim's frame, shown in reports and used to group the scores."""

    veto_count = "veto-count"  # N vetoes, the Nth veto
    veto_share = "veto-share"  # N of them, a majority of
    veto_universal = "veto-universal"  # every / never / the most
    veto_first_last = "veto-first-last"  # the first or the most recent veto in scope
    veto_event = "veto-event"  # someone vetoed a draft (at a time, on a topic)
    decision_vote = "decision-vote"  # a Council vote: outcome, tally, members' votes
    decision_count = "decision-count"  # N drafts failed / were adopted
    ga_vote = "ga-vote"  # an Assembly vote: outcome, tally, members' votes
    outside_record = "outside-record"  # not a recorded vote: speech, casualties...
    aid_amount = "aid-amount"  # US aid to a state: a yearly, cumulative or pledged figure
    arms_share = "arms-share"  # a supplier's share of a state's arms imports (SIPRI TIV)
    roll_call = "roll-call"  # a tally in the US House or Senate


class Verdict(StrEnum):
    supported = "supported"
    contradicted = "contradicted"
    partly_supported = "partly supported"
    unverifiable = "unverifiable"


Op = Literal["eq", "ge", "gt", "le", "lt", "approx", "nearly"]


class Quantity(BaseModel, frozen=True):
    """A number as written: ``low``..``high`` is the range of values the wording accepts."""

    value: float
    op: Op = "eq"
    unit: Literal["count", "share"] = "count"  # share: a fraction in [0, 1]
    text: str = ""

    @property
    def low(self) -> float:
        v = self.value
        if self.op == "approx":
            return v - max(1.0 if self.unit == "count" else 0.0, 0.05 * v)
        if self.op == "nearly":
            return v - max(1.0 if self.unit == "count" else 0.0, 0.1 * v)
        if self.op == "gt":
            return v + (1 if self.unit == "count" else 1e-9)
        if self.op in ("le", "lt"):
            return 0.0
        return v

    @property
    def high(self) -> float:
        v = self.value
        if self.op == "approx":
            return v + max(1.0 if self.unit == "count" else 0.0, 0.05 * v)
        if self.op == "nearly":
            return v
        if self.op in ("ge", "gt"):
            return float("inf")
        if self.op == "lt":
            return v - (1 if self.unit == "count" else 1e-9)
        return v

    def accepts(self, found: float, tolerance: float = 0.0) -> bool:
        return self.low - tolerance <= found <= self.high + tolerance

    def describe(self) -> str:
        words = {
            "eq": "",
            "ge": "at least ",
            "gt": "more than ",
            "le": "at most ",
            "lt": "fewer than ",
            "approx": "about ",
            "nearly": "nearly ",
        }
        if self.unit == "share":
            return f"{words[self.op]}{self.value:.0%}"
        return f"{words[self.op]}{self.value:g}"


class Period(BaseModel, frozen=True):
    """Inclusive dates; ``None`` is open. ``text`` is the wording it came from."""

    since: date | None = None
    until: date | None = None
    text: str = ""
    exact_day: bool = False  # "on 18 December 2017": the record's date may differ by a day


class Tally(BaseModel, frozen=True):
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None


class Claim(BaseModel, frozen=True):
    """One checkable statement found in the text, with the frame it was read as."""

    text: str
    span: tuple[int, int]  # character offsets in the input text
    sentence: str = ""
    kind: Kind
    body: Literal["SC", "GA"] | None = None
    frame: dict = Field(default_factory=dict)  # claims.verdict.describe(frame)
    reason: str | None = None  # outside-record: why it cannot be checked


class QueryLog(BaseModel, frozen=True):
    """One reading of a claim as it was run: the query that decided (or failed) it."""

    reading: str
    convention: str
    sql: str
    params: dict[str, str]
    rows: int | None = None
    held: bool | None = None


class Evidence(BaseModel, frozen=True):
    symbol: str
    date: date | None
    tally: str | None  # yes-no-abstain, None where the sources give none
    url: str | None
    vetoed_by: tuple[str, ...] = ()
    note: str | None = None


class Finding(BaseModel, frozen=True):
    """A claim with the record's answer."""

    claim: Claim
    verdict: Verdict
    value_claimed: str | None = None
    value_found: str | None = None
    convention: str | None = None
    held_from: date | None = None
    held_until: date | None = None
    evidence: tuple[Evidence, ...] = ()
    counter_examples: tuple[Evidence, ...] = ()
    notes: tuple[str, ...] = ()
    queries: tuple[QueryLog, ...] = ()

    def as_json(self) -> dict:
        """The documented JSON shape: the issue's fields first, then the extras."""
        c = self.claim

        def ev(e: Evidence) -> dict:
            return {
                "symbol": e.symbol,
                "date": e.date.isoformat() if e.date else None,
                "tally": e.tally,
                "url": e.url,
                **({"vetoed_by": list(e.vetoed_by)} if e.vetoed_by else {}),
                **({"note": e.note} if e.note else {}),
            }

        return {
            "text": c.text,
            "span": list(c.span),
            "kind": c.kind.value,
            "verdict": self.verdict.value,
            "value_claimed": self.value_claimed,
            "value_found": self.value_found,
            "convention": self.convention,
            "held_from": self.held_from.isoformat() if self.held_from else None,
            "held_until": self.held_until.isoformat() if self.held_until else None,
            "evidence": [ev(e) for e in self.evidence],
            "counter_examples": [ev(e) for e in self.counter_examples],
            "notes": list(self.notes),
            "body": c.body,
            "frame": c.frame,
            "queries": [q.model_dump() for q in self.queries],
        }


class RecordEnds(BaseModel, frozen=True):
    """The last date each loaded source covers: claims past it cannot be contradicted."""

    vetoes: date | None = None
    tallies: date | None = None  # the meeting tables: tallies of vetoed drafts (later: few)
    resolutions: date | None = None
    assembly: date | None = None  # None: the General Assembly record is not loaded


class Report(BaseModel, frozen=True):
    source: str
    text: str
    as_of: date | None
    as_of_source: str  # "given", "inferred from 'Published 14 June 2021'", or "unknown"
    record: RecordEnds
    findings: tuple[Finding, ...]
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {v.value: 0 for v in Verdict}
        for f in self.findings:
            out[f.verdict.value] += 1
        return out
