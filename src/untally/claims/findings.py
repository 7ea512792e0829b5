"""What a judged claim carries: evidence rows, the checks of its details, the claim as
the report shows it (with its frame)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from untally.claims.frame import Frame
from untally.claims.models import (
    Claim,
    Evidence,
    Kind,
)

P5 = ("CHN", "FRA", "GBR", "RUS", "SUN", "USA")
SECONDARY = "rests on secondary sources"


def tally_text(yes, no, abstain) -> str | None:
    if yes is None or no is None:
        return None
    return f"{yes}-{no}-{abstain if abstain is not None else '?'}"


def evidence(row: dict, note: str | None = None) -> Evidence:
    sources = " ".join(row.get("sources") or [])
    if "2022on" in sources:
        secondary_note = "2022-2025 Assembly votes rest on a third-party scrape of UNDL records"
    elif row.get("verification"):
        secondary_note = row["verification"]
    else:
        secondary_note = None
    notes = "; ".join(x for x in (note, secondary_note) if x) or None
    return Evidence(
        symbol=row["symbol"],
        date=row["date"],
        tally=tally_text(row["yes"], row["no"], row["abstain"]),
        url=row.get("url"),
        vetoed_by=tuple(row.get("vetoed_by") or ()),
        note=notes,
    )


@dataclass
class Check:
    """One detail of a claim against one decision: ok True/False, None: not checkable."""

    what: str
    claimed: str
    found: str | None
    ok: bool | None


@dataclass
class Scored:
    row: dict
    checks: list[Check] = field(default_factory=list)

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if c.ok is False]

    @property
    def passed(self) -> list[Check]:
        return [c for c in self.checks if c.ok is True]

    @property
    def unknown(self) -> list[Check]:
        return [c for c in self.checks if c.ok is None]


def content_words(text: str) -> set[str]:
    """Content words for matching a sentence to a title ("racism" in both)."""
    from untally.claims.cues import STOP

    return {
        w
        for w in re.findall(r"[a-z]{5,}", text.lower())
        if w not in STOP and w not in ("resolution", "adopted", "general", "assembly")
    }


def to_claim(frame: Frame) -> Claim:
    kind = Kind(frame.kind)
    return Claim(
        text=frame.text,
        span=frame.span,
        sentence=frame.sentence,
        kind=kind,
        body=frame.body if frame.body in ("SC", "GA") else None,
        frame=describe(frame),
        reason=frame.outside,
    )


def describe(frame: Frame) -> dict:
    """The frame as the JSON report shows it."""
    return {
        "act": frame.act.value if frame.act else None,
        "actors": [{"member": a.code, "role": a.role.value} for a in frame.actors],
        "target": {
            k: v
            for k, v in {
                "symbol": frame.target.symbol,
                "anaphor": frame.target.anaphor or None,
                "topics": list(frame.target.topics) or None,
                "assembly_title": frame.target.ga_title,
                "kind": frame.target.kind,
            }.items()
            if v
        },
        "time": (
            {
                "since": frame.time.since.isoformat() if frame.time.since else None,
                "until": frame.time.until.isoformat() if frame.time.until else None,
                "text": frame.time.text,
            }
            if frame.time
            else None
        ),
        "day": frame.day.isoformat() if frame.day else None,
        **({"days_after_context": frame.later} if frame.later is not None else {}),
        "quantifier": frame.quant.value,
        "quantity": frame.quantity.describe() if frame.quantity else None,
        "tally": frame.tally.text() or None,
        "negated": frame.negated,
        "lone": frame.lone,
        "unused_words": list(frame.unused),
        **({"support": _support(frame.support)} if frame.support else {}),
    }


def _support(s) -> dict:
    """An aid, arms or roll-call figure as read (claims.support.Support), without empties."""
    out = {
        "what": s.what,
        "amount": s.amount.value if s.amount else None,
        "hedge": s.amount.op if s.amount else None,
        "aid_kind": s.aid_kind if s.what == "aid" else None,
        "basis": s.basis if s.what == "aid" else None,
        "years": list(s.years) if s.years else None,
        "recipient": s.recipient,
        "supplier": s.supplier,
        "share": s.share.value if s.share else None,
        "chamber": s.chamber,
        "bill": s.bill,
        "tally": f"{s.yea}-{s.nay}" if s.yea is not None else None,
    }
    return {k: v for k, v in out.items() if v is not None}
