"""One verdict policy: run a frame's queries and decide what the record says of it.

* ``supported`` only when a query constrained by the claim returned the claimed value or
  event;
* ``contradicted`` only on a complete parse (no content word left unused) where every
  reading fails and the record covers the claim's dates; an empty result is never a
  refutation by itself;
* a claim dated after the end of the loaded record, or about what the record does not hold
  (sponsors, speeches, press statements, casualties, money), is ``unverifiable``, with the
  reason and the record's end;
* a claim that holds only under a reading the wording does not suggest (a vetoed amendment
  counted as a veto, a paragraph the article is not describing) is ``partly supported``;
* every detail of an event claim (tally, who abstained, who voted against) is checked or
  listed as not checked.

Every ``supported`` and ``contradicted`` finding carries the queries that decided it (label,
SQL, parameters) and their evidence rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from untally.claims.compile import (
    MEMBER_VOTES_GA,
    MEMBER_VOTES_SC,
    Query,
    materialize,
)
from untally.claims.decisions import DecisionClaims
from untally.claims.discourse import Discourse
from untally.claims.findings import (
    to_claim,
)
from untally.claims.frame import Act, Frame, Quant, Role
from untally.claims.models import (
    Claim,
    Evidence,
    Finding,
    QueryLog,
    RecordEnds,
    Verdict,
)
from untally.claims.sets import SetClaims
from untally.claims.support_checks import SupportClaims
from untally.errors import UntallyError


class Judge(SetClaims, DecisionClaims, SupportClaims):
    """Decides frames against one database; ``as_of`` is the article's date (or None)."""

    def __init__(
        self, con, ends: RecordEnds, as_of: date | None, with_ga: bool, record=None
    ) -> None:
        self.con = con
        self.record = record  # aid, arms and Congress figures are asked of the Record
        self.ends = ends
        self.as_of = as_of
        self.with_ga = with_ga
        self.disc = Discourse()
        self._votes: dict[tuple[str, str], dict[str, list[str]] | None] = {}
        self._cache: dict[tuple, list[dict]] = {}
        self._named_day: set[str] = set()  # texts voted on the day the article last named
        self._memo: dict[tuple, Any] = {}  # answers asked of the Record, per article

    def memo(self, key: tuple, make: Callable[[], Any]) -> Any:
        """``make()`` once per article for ``key``: a long text repeats its figures and
        periods, and each Record answer runs several queries."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    # ------------------------------------------------------------------ running

    def run(self, q: Query) -> list[dict]:
        """Rows of one query; the same query in one article is run once."""
        key = (q.sql, tuple(sorted((k, repr(v)) for k, v in q.params.items())))
        if key not in self._cache:
            cur = self.con.execute(q.sql, q.params)
            names = [c[0] for c in cur.description]
            self._cache[key] = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        return [dict(r) for r in self._cache[key]]

    def not_judged(self, frame: Frame, limit: int) -> Finding:
        return self._unverifiable(
            to_claim(frame),
            f"not checked: the text holds more than {limit} claims; check it in parts",
        )

    def member_votes(self, rows: list[dict]) -> None:
        """Add yes_by/no_by/abstain_by/non_voting_by (None where the sources give none)."""
        for body, sql in (("SC", MEMBER_VOTES_SC), ("GA", MEMBER_VOTES_GA)):
            ids = [
                r["decision_id"]
                for r in rows
                if r["body"] == body and (body, r["decision_id"]) not in self._votes
            ]
            if ids and (body == "SC" or self.with_ga):
                found: dict[str, dict[str, list[str]]] = {}
                for decision_id, vote, members in self.con.execute(sql, {"ids": ids}).fetchall():
                    found.setdefault(str(decision_id), {})[vote] = members
                for decision_id in ids:
                    self._votes[(body, decision_id)] = found.get(decision_id)
            for r in rows:
                if r["body"] != body:
                    continue
                votes = self._votes.get((body, r["decision_id"]))
                for key, letter in (
                    ("yes_by", "Y"),
                    ("no_by", "N"),
                    ("abstain_by", "A"),
                    ("non_voting_by", "X"),
                ):
                    r[key] = None if votes is None else votes.get(letter, [])

    def end_for(self, frame: Frame) -> date | None:
        if frame.body == "GA":
            return self.ends.assembly
        if frame.act is Act.veto:
            return self.ends.vetoes
        return max(
            filter(None, (self.ends.vetoes, self.ends.resolutions, self.ends.tallies)), default=None
        )

    # ------------------------------------------------------------------ entry

    def judge(self, frame: Frame) -> Finding:
        claim = to_claim(frame)
        if frame.outside:
            if frame.day:  # "On 3 May, as talks began ...": the day is still the context
                self.disc.day = frame.day
            return Finding(
                claim=claim,
                verdict=Verdict.unverifiable,
                value_found=f"outside the UN voting record ({frame.outside})",
                notes=(f"not a recorded vote: {frame.outside}",),
            )
        if frame.support is not None:
            return self.support(frame, claim)
        if frame.body is None and frame.act is not Act.veto:
            current = self.disc.current()
            if current is not None:
                frame = replace(frame, body=current.body)
                claim = to_claim(frame)
        if frame.body == "GA" and not self.with_ga:
            return self._unverifiable(claim, "the General Assembly record is not loaded")
        if frame.day:
            self.disc.day = frame.day
        if frame.target.topics:
            self.disc.name_topics(frame.target.topics)
        prev = self.disc.previous_set()
        if frame.quant is Quant.every and frame.lone and prev is not None:
            return self.universal_over_previous(frame, claim, prev)
        try:
            if frame.whole is not None:
                return self.fraction(frame, claim)
            if "last" in frame.conventions and frame.total is not None:
                return self.last_m(frame, claim)
            if (frame.act is Act.veto and frame.quant not in (Quant.exists,)) or (
                frame.act is Act.veto and frame.of_previous
            ):
                return self.veto_set(frame, claim)
            if frame.partner:
                return self.coincidence(frame, claim)
            if (
                frame.quant in (Quant.count, Quant.most)
                and frame.act in (Act.vote_no, Act.vote_yes, Act.abstain)
                and frame.who(Role.voter_no, Role.voter_yes, Role.abstainer, Role.subject)
            ):
                if frame.quant is Quant.most:
                    return self.member_vote_rank(frame, claim)
                return self.member_vote_count(frame, claim)
            if frame.act in (Act.fail, Act.adopt, Act.vote) and (
                frame.quant is Quant.count
                or (
                    # "has now failed for the ninth time since the war began": the count to date
                    frame.quant is Quant.ordinal
                    and frame.time is not None
                    and frame.time.since is not None
                    and frame.day is None
                )
            ):
                return self.decision_count(frame, claim)
            return self.decision(frame, claim)
        except UntallyError as exc:
            return self._unverifiable(claim, str(exc))

    def refute(
        self,
        claim: Claim,
        *,
        blocked: bool,
        why: str,
        found: str,
        convention: str,
        logs: tuple[QueryLog, ...],
        claimed: str | None = None,
        evidence: tuple[Evidence, ...] = (),
    ) -> Finding:
        """The last step when every reading failed: contradicted, unless something the queries
        could not see blocks it (unread words, a period past the record's end, a negation),
        and then unverifiable with ``why``."""
        if blocked:
            return Finding(
                claim=claim, verdict=Verdict.unverifiable, value_found=found, notes=(why,),
                queries=logs,
            )  # fmt: skip
        return Finding(
            claim=claim, verdict=Verdict.contradicted, value_claimed=claimed, value_found=found,
            convention=convention, evidence=evidence, queries=logs,
        )  # fmt: skip

    def _unverifiable(self, claim: Claim, why: str, logs: tuple[QueryLog, ...] = ()) -> Finding:
        return Finding(claim=claim, verdict=Verdict.unverifiable, notes=(why,), queries=logs)

    def _after_end(self, frame: Frame, when: date | None) -> str | None:
        end = self.end_for(frame)
        if when is not None and end is not None and when > end:
            what = "Assembly votes" if frame.body == "GA" else "the Council record"
            return f"the claim is dated {when}, after the end of {what} ({end})"
        return None

    def _logs(self, results, held: dict[int, bool]) -> tuple[QueryLog, ...]:
        return tuple(
            QueryLog(
                reading=q.label,
                convention=q.convention,
                sql=" ".join(q.sql.split()),
                params={k: str(v) for k, v in q.params.items()},
                rows=None if rows is None else len(rows),
                held=held.get(i),
            )
            for i, (q, rows) in enumerate(results)
        )

    def _qlogs(self, queries: list[Query], held: dict[int, bool]) -> tuple[QueryLog, ...]:
        """Logs of queries whose rows were judged one by one (no row count to report)."""
        return self._logs([(q, None) for q in queries], held)


def record_ends(record) -> tuple[RecordEnds, bool]:
    """The last date each loaded source covers, and whether the Assembly is loaded."""
    with_ga = materialize(record.store.con)
    one = record.store.one
    return (
        RecordEnds(
            vetoes=one("SELECT max(date) FROM vetoes")[0],
            tallies=one(
                "SELECT max(date) FROM decisions WHERE kind <> 'resolution' AND yes IS NOT NULL"
            )[0],
            resolutions=one("SELECT max(date) FROM decisions WHERE kind = 'resolution'")[0],
            assembly=one("SELECT max(date) FROM ga_resolutions")[0] if with_ga else None,
        ),
        with_ga,
    )
