"""Apply the Charter's rules to every recorded decision and compare with the recorded outcome.

This is untally's standing check that :mod:`untally.charter` encodes the rules the Council
actually applied. Every decision gets a status: ``reproduced``, ``mismatch`` (with a category:
data error, paragraph vote, procedural, unexplained) or ``not checkable`` (no tally to apply
the rules to, e.g. a resolution adopted without a vote). Nothing is skipped silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

import duckdb

from untally import charter
from untally.errors import UntallyError
from untally.members import permanent_members


@dataclass(frozen=True)
class Reproduction:
    decision_id: str
    date: date | None
    year: int
    tally: str
    recorded: str
    rules: str | None
    status: str  # reproduced | mismatch | not checkable
    category: str | None
    reason: str


def council_vote(d: dict, member_votes: dict[str, str]) -> charter.CouncilVote | None:
    """A :class:`charter.CouncilVote` for a stored decision; None when no tally is known."""
    if d["modality"] == "without_vote" or d["yes"] is None:
        return None
    on = d["date"] or date(d["year"], 7, 1)
    permanent = set(permanent_members(on))
    by_vote: dict[str, list[str]] = {"N": [], "A": [], "X": []}
    for member, vote in member_votes.items():
        if member in permanent and vote in by_vote:
            by_vote[vote].append(member)
    permanent_no = by_vote["N"] or list(d.get("vetoed_by") or [])
    seats = charter.era(on).seats
    no, abstain = d["no"] or 0, d["abstain"] or 0
    return charter.CouncilVote(
        date=on,
        yes=d["yes"],
        no=no,
        abstain=abstain,
        non_voting=max(0, min(d["non_voting"] or 0, seats - d["yes"] - no - abstain)),
        permanent_no=tuple(sorted(set(permanent_no))),
        permanent_abstain=tuple(sorted(by_vote["A"])),
        permanent_absent=tuple(sorted(by_vote["X"])),
        procedural=bool(d["procedural"]),
    )


def agrees(recorded: str, outcome: charter.Outcome) -> bool:
    if recorded == "adopted":
        return outcome.kind == "adopted"
    if recorded == "vetoed":
        return outcome.kind == "vetoed"
    return outcome.kind != "adopted"


def reproduce_all(con: duckdb.DuckDBPyConnection) -> list[Reproduction]:
    """Every decision in the store, checked against the rules."""
    cursor = con.execute(
        """
        SELECT d.decision_id, d.date, d.year, d.kind, d.outcome, d.modality, d.yes, d.no,
               d.abstain, d.non_voting, d.procedural, d.procedural_reason, v.vetoed_by,
               (SELECT map(list(member), list(vote)) FROM votes x
                WHERE x.decision_id = d.decision_id) AS member_votes,
               (SELECT string_agg(detail, '; ') FROM issues i
                WHERE i.subject = d.decision_id) AS issue
        FROM decisions d LEFT JOIN vetoes v USING (decision_id)
        ORDER BY d.year, d.date, d.decision_id
        """
    )
    columns = [c[0] for c in cursor.description]
    out = []
    for row in cursor.fetchall():
        d = dict(zip(columns, row, strict=True))
        tally = "—" if d["yes"] is None else f"{d['yes']}-{d['no']}-{d['abstain']}"
        base = {
            "decision_id": d["decision_id"], "date": d["date"], "year": d["year"],
            "tally": tally, "recorded": d["outcome"],
        }  # fmt: skip
        if d["modality"] == "without_vote":
            out.append(Reproduction(**base, rules=None, status="not checkable",
                                    category="adopted without a vote",
                                    reason="no member voted: no tally to apply"))  # fmt: skip
            continue
        if d["yes"] is None:
            out.append(Reproduction(**base, rules=None, status="not checkable", category="no tally",
                                    reason="the sources give no yes/no/abstain tally"))  # fmt: skip
            continue
        try:
            vote = council_vote(d, dict(d["member_votes"] or {}))
        except UntallyError as exc:
            out.append(Reproduction(**base, rules=None, status="mismatch", category="data error",
                                    reason=f"the recorded tally is impossible: {exc}"))  # fmt: skip
            continue
        assert vote is not None
        outcome = charter.decide(vote)
        if agrees(d["outcome"], outcome):
            note = f" (procedural: {d['procedural_reason']})" if d["procedural"] else ""
            out.append(Reproduction(**base, rules=outcome.kind, status="reproduced",
                                    category="procedural" if d["procedural"] else None,
                                    reason=outcome.reason + note))  # fmt: skip
            continue
        if d["issue"]:
            category, why = "data error", d["issue"]
        elif d["kind"] == "part":
            category, why = "paragraph vote", "a separate vote on part of a draft"
        elif d["outcome"] == "not_adopted" and outcome.kind == "adopted":
            category = "data error"
            why = (
                "enough votes and no permanent member's negative vote in the sources: a veto "
                "missing from the list, a two-thirds rule, or a tally error upstream"
            )
        else:
            category, why = "unexplained", "the rules and the record disagree"
        out.append(Reproduction(**base, rules=outcome.kind, status="mismatch", category=category,
                                reason=f"{why}; rules say: {outcome.reason}"))  # fmt: skip
    return out


def summary(results: list[Reproduction]) -> dict[str, int | float]:
    counts = Counter(r.status for r in results)
    checkable = counts["reproduced"] + counts["mismatch"]
    return {
        "decisions": len(results),
        "checkable": checkable,
        "reproduced": counts["reproduced"],
        "mismatch": counts["mismatch"],
        "not_checkable": counts["not checkable"],
        "share_reproduced": counts["reproduced"] / checkable if checkable else 0.0,
    }
