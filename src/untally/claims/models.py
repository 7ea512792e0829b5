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
    """What sort of statement a claim is; decides which query checks it."""

    veto_count = "veto-count"  # N vetoes by someone, on a topic, in a period
    veto_share = "veto-share"  # N of M, "more than half", "a third" of some vetoes
    veto_universal = "veto-universal"  # every / always / never, over every veto in scope
    veto_first_last = "veto-first-last"  # the first or the most recent veto in scope
    veto_event = "veto-event"  # someone vetoed (blocked) a draft on a topic at a time
    veto_rank = "veto-rank"  # more vetoes than any other permanent member
    resolution_vote = "resolution-vote"  # the tally or a member's vote on one SC decision
    ga_vote = "ga-vote"  # the tally or members' votes on one General Assembly vote
    ga_isolation = "ga-isolation"  # only these states voted no (yes, abstained)
    ga_pattern = "ga-pattern"  # a member voted the same way every year on a recurring text
    ga_coincidence = "ga-coincidence"  # X voted with Y N% of the time
    ga_count = "ga-count"  # X voted no (yes, abstained) on N Assembly votes
    not_a_vote = "not-a-vote"  # press statements, consultations, threats: no recorded vote
    outside_record = "outside-record"  # money, weapons, lobbying, letters


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


class Scope(BaseModel, frozen=True):
    """Which vetoes (or votes) a claim is about."""

    subjects: tuple[str, ...] = ()  # member codes; empty: every member
    seat: bool | None = None  # True: the seat's holders joined (USSR + Russia); None: unsaid
    topic: str | None = None  # a topic or group id of data/topics.toml
    topic_text: str | None = None
    period: Period | None = None
    lone: bool | None = None  # True: lone vetoes only; False: joint only
    joint_with: tuple[str, ...] = ()  # vetoes cast together with these members
    label: str = ""  # how the reading is described to the reader


class Tally(BaseModel, frozen=True):
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None


class Claim(BaseModel, frozen=True):
    """One checkable statement found in the text."""

    text: str
    span: tuple[int, int]  # character offsets in the input text
    sentence: str = ""
    kind: Kind
    body: Literal["SC", "GA"] | None = None
    scope: Scope = Field(default_factory=Scope)
    readings: tuple[Scope, ...] = ()  # other readings of an ambiguous reference ("in every case")
    whole: Scope | None = None  # veto-share: the vetoes the share is of
    quantity: Quantity | None = None
    total: Quantity | None = None  # "N out of M": M
    universal: bool = False
    negated: bool = False  # "never", "not ... since"
    predicate: str | None = None  # veto-universal: lone | joint | topic | any
    which: Literal["first", "last"] | None = None
    convention_hint: str | None = None  # a convention the wording fixes (drafts, state-dept)
    resolution: str | None = None  # a symbol the text names (S/RES/242, A/RES/ES-10/19)
    tally: Tally | None = None
    unanimous: bool = False
    positions: tuple[tuple[str, str], ...] = ()  # (member, Y/N/A) the text says they cast
    only_position: tuple[str, tuple[str, ...]] | None = None  # ("N", members): only they
    ga_topic: str | None = None  # a title pattern for Assembly votes (ILIKE)
    others: tuple[str, ...] = ()  # ga-coincidence partner
    first_time: bool = False
    reason: str | None = None  # not-a-vote / outside-record: why it cannot be checked


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
            "subjects": list(c.scope.subjects),
            "topic": c.scope.topic,
            "period": (
                {
                    "since": c.scope.period.since.isoformat() if c.scope.period.since else None,
                    "until": c.scope.period.until.isoformat() if c.scope.period.until else None,
                    "text": c.scope.period.text,
                }
                if c.scope.period
                else None
            ),
            "universal": c.universal,
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
