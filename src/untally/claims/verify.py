"""What the record says of each claim: ``Checker(record, as_of).verify(claim) -> Finding``.

Every claim becomes queries on the store (the veto list joined to the decisions and their
topics; the Council's member votes; the Assembly's votes). A claim is read under every
convention its words leave open (drafts or member votes; Russia alone or the Soviet seat
with it; each State Department method), and the verdict says which readings hold:

* ``supported``: true under every reading the words allow;
* ``partly supported``: true under one reading or for part of the scope, false for another;
* ``contradicted``: false under every reading (a counter-example is named);
* ``unverifiable``: the record cannot say: no recorded vote, or dates past its end.

A claim dated after the end of a source is judged on the part the record covers, with a
note, and never called contradicted for what might lie beyond the record's end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from untally.analytics.topics import expand
from untally.analytics.vetoes import VetoFilter, where_clause
from untally.claims.extract import P5, with_tally
from untally.claims.models import (
    Claim,
    Evidence,
    Finding,
    Kind,
    Period,
    Quantity,
    RecordEnds,
    Scope,
    Tally,
    Verdict,
)
from untally.errors import UntallyError
from untally.members import lineage
from untally.record import Record

GA_MISSING = "the General Assembly record is not loaded"
MAX_EVIDENCE = 60
NAMES = {
    "USA": "the United States", "GBR": "the United Kingdom", "FRA": "France",
    "CHN": "China", "RUS": "the Russian Federation", "SUN": "the USSR",
}  # fmt: skip
SAYS = {True: "holds", False: "does not hold", None: "cannot say"}
POSITION = {"Y": "yes", "N": "no", "A": "abstained", "X": "did not vote"}


def name(code: str) -> str:
    return NAMES.get(code, code)


def tally_text(yes: int | None, no: int | None, abstain: int | None) -> str | None:
    return None if yes is None else f"{yes}-{no}-{abstain}"


@dataclass(frozen=True)
class Veto:
    date: date
    draft: str
    vetoed_by: tuple[str, ...]
    kind: str
    yes: int | None
    no: int | None
    abstain: int | None
    url: str | None
    title: str
    topics: frozenset[str]

    @property
    def lone(self) -> bool | None:
        if len(self.vetoed_by) > 1:
            return False
        return None if self.no is None else self.no == 1

    def evidence(self, note: str | None = None) -> Evidence:
        return Evidence(
            symbol=self.draft,
            date=self.date,
            tally=tally_text(self.yes, self.no, self.abstain),
            url=self.url or f"https://undocs.org/en/{self.draft}",
            vetoed_by=self.vetoed_by,
            note=note,
        )


@dataclass
class Reading:
    """One way of reading a claim, and what the record says under it."""

    label: str
    holds: bool | None  # None: the record cannot say
    found: str
    evidence: list[Evidence] = field(default_factory=list)
    counter: list[Evidence] = field(default_factory=list)
    held: tuple[date | None, date | None] = (None, None)
    note: str | None = None


def record_ends(record: Record) -> RecordEnds:
    one = record.store.one
    ga = None
    if has_assembly(record):
        ga = one("SELECT max(date) FROM ga_resolutions")[0]  # type: ignore[index]
    return RecordEnds(
        vetoes=one("SELECT max(date) FROM vetoes")[0],  # type: ignore[index]
        tallies=one("SELECT max(date) FROM vetoes WHERE tally_source LIKE 'meetings%'")[0],  # type: ignore[index]
        resolutions=one("SELECT max(date) FROM decisions WHERE kind = 'resolution'")[0],  # type: ignore[index]
        assembly=ga,
    )


def has_assembly(record: Record) -> bool:
    found = record.store.one(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name IN ('ga_resolutions', 'ga_votes')"
    )
    return bool(found and found[0] == 2)


class Checker:
    """Verifies claims against one database; ``as_of`` is the article's date (or None)."""

    def __init__(self, record: Record, as_of: date | None = None) -> None:
        self.record = record
        self.con = record.store.con
        self.as_of = as_of
        record.ensure_topics()
        self.ends = record_ends(record)

    # ------------------------------------------------------------------ dispatch

    def verify(self, claim: Claim) -> Finding:
        if claim.kind in (Kind.not_a_vote, Kind.outside_record):
            return Finding(claim=claim, verdict=Verdict.unverifiable, notes=(claim.reason or "",))
        if claim.scope.period and claim.scope.period.text.startswith("unresolved"):
            return self._unresolved(claim)
        method = {
            Kind.veto_count: self.veto_count,
            Kind.veto_share: self.veto_share,
            Kind.veto_universal: self.veto_universal,
            Kind.veto_first_last: self.veto_first_last,
            Kind.veto_event: self.veto_event,
            Kind.veto_rank: self.veto_rank,
            Kind.resolution_vote: self.resolution_vote,
            Kind.ga_vote: self.ga_vote,
            Kind.ga_isolation: self.ga_vote,
            Kind.ga_pattern: self.ga_pattern,
            Kind.ga_coincidence: self.ga_coincidence,
            Kind.ga_count: self.ga_count,
        }[claim.kind]
        if claim.body == "GA" and not has_assembly(self.record):
            return Finding(claim=claim, verdict=Verdict.unverifiable, notes=(GA_MISSING,))
        try:
            return method(claim)
        except UntallyError as exc:
            return Finding(claim=claim, verdict=Verdict.unverifiable, notes=(str(exc),))

    def _unresolved(self, claim: Claim) -> Finding:
        return Finding(
            claim=claim,
            verdict=Verdict.unverifiable,
            notes=(
                "the claim's time is relative ('this year', 'last week') and the text gives "
                "no date to resolve it: give the article's date with --as-of",
            ),
        )

    # ------------------------------------------------------------------ vetoes: rows

    @cached_property
    def _all_vetoes(self) -> list[Veto]:
        """Every vetoed draft with its tally, link and topics: one query, cached."""
        where, params = where_clause(VetoFilter())
        rows = self.con.execute(
            f"""
            SELECT v.date, v.draft, v.vetoed_by, d.kind, d.yes, d.no, d.abstain, d.url,
                   coalesce(d.title, v.agenda, '') || ' ' || coalesce(v.agenda, '') || ' '
                       || coalesce(v.topic, ''),
                   (SELECT list(t.topic) FROM decision_topics t
                    WHERE t.decision_id = v.decision_id) AS topics
            FROM vetoes v JOIN decisions d USING (decision_id)
            WHERE {where}
            ORDER BY v.date, v.veto_id
            """,
            params,
        ).fetchall()
        return [
            Veto(r[0], r[1], tuple(r[2]), r[3], r[4], r[5], r[6], r[7], r[8], frozenset(r[9] or []))
            for r in rows
        ]

    def _topics(self, topic: str | None) -> set[str] | None:
        if not topic:
            return None
        out: set[str] = set()
        for t in topic.split(","):
            out |= expand(t)
        return out

    def vetoes(
        self,
        scope: Scope,
        until: date | None = None,
        *,
        seat: bool | None = None,
        each: str | None = None,
    ) -> list[Veto]:
        """The vetoed drafts a scope selects, up to ``until``. Several subjects mean a joint
        veto (all of them voted no), unless the seat is joined or ``each`` picks one."""
        seat = scope.seat if seat is None else seat
        topics = self._topics(scope.topic)
        period = scope.period or Period()
        since, stop = period.since, period.until
        if period.exact_day and since:
            since, stop = since - timedelta(days=1), (stop or since) + timedelta(days=1)
        if until is not None:
            stop = min(stop, until) if stop else until
        if each:
            subjects: list[set[str]] = [set(lineage(each)) if seat else {each}]
        elif seat and scope.subjects:
            joined: set[str] = set()
            for s in scope.subjects:
                joined |= set(lineage(s))
            subjects = [joined]
        else:
            subjects = [{s} for s in scope.subjects]
        out = []
        for v in self._all_vetoes:
            if (since and v.date < since) or (stop and v.date > stop):
                continue
            if v.kind == "part":
                continue
            if any(not (group & set(v.vetoed_by)) for group in subjects):
                continue
            if scope.joint_with and not set(scope.joint_with) <= set(v.vetoed_by):
                continue
            if topics is not None and not (topics & v.topics):
                continue
            if scope.lone is True and v.lone is not True:
                continue
            if scope.lone is False and v.lone is not False:
                continue
            out.append(v)
        return out

    def _cutoff(self, scope: Scope) -> date | None:
        """The last date a claim covers: its own end, else the article's date."""
        until = scope.period.until if scope.period else None
        return until or self.as_of

    def _past_end(self, day: date | None) -> bool:
        return bool(day and self.ends.vetoes and day > self.ends.vetoes)

    def _seat_options(self, scope: Scope) -> list[tuple[str, bool]]:
        """Russia alone and the seat (USSR + Russia) when the words do not say which."""
        if scope.seat is None and set(scope.subjects) & {"RUS", "SUN"}:
            return [("", False), (" (Soviet seat joined)", True)]
        return [("", bool(scope.seat))]

    @staticmethod
    def _value(rows: list[Veto], scope: Scope, convention: str) -> int:
        if convention == "member-votes":
            codes: set[str] = set()
            for s in scope.subjects:
                codes |= set(lineage(s)) if scope.seat else {s}
            return sum(len([c for c in v.vetoed_by if not codes or c in codes]) for v in rows)
        return len(rows)

    def _conventions(self, claim: Claim, scope: Scope) -> list[str]:
        single = len(scope.subjects) == 1
        if claim.convention_hint == "drafts" or single:
            return ["drafts"]
        return ["drafts", "member-votes"]

    # ------------------------------------------------------------------ vetoes: counts

    def _held(
        self, scope: Scope, convention: str, q: Quantity, seat: bool
    ) -> list[tuple[date, date | None, Veto]]:
        """Periods in which the count (from the scope's start) was within the claimed range."""
        s = scope.model_copy(
            update={
                "seat": seat,
                "period": (scope.period or Period()).model_copy(update={"until": None}),
            }
        )
        rows = self.vetoes(s, seat=seat)
        out: list[tuple[date, date | None, Veto]] = []
        total = 0
        steps: list[tuple[date, int, Veto]] = []
        for v in rows:
            total += self._value([v], s, convention)
            if steps and steps[-1][0] == v.date:
                steps[-1] = (v.date, total, steps[-1][2])
            else:
                steps.append((v.date, total, v))
        if q.accepts(0) and (
            not steps
            or steps[0][0]
            > (scope.period.since if scope.period and scope.period.since else date(1946, 1, 1))
        ):
            first = steps[0][0] - timedelta(days=1) if steps else None
            out.append(
                (
                    scope.period.since
                    if scope.period and scope.period.since
                    else date(1946, 1, 17),
                    first,
                    None,
                )
            )  # type: ignore[arg-type]
        for i, (when, count, v) in enumerate(steps):
            if q.accepts(count):
                until = steps[i + 1][0] - timedelta(days=1) if i + 1 < len(steps) else None
                if out and out[-1][1] == when - timedelta(days=1):
                    out[-1] = (out[-1][0], until, out[-1][2])
                else:
                    out.append((when, until, v))
        return out

    def veto_count(self, claim: Claim) -> Finding:
        q = claim.quantity
        assert q is not None
        scope = claim.scope
        since = scope.period.since if scope.period else None
        if self._past_end(since):
            return self._beyond(claim, f"the loaded veto list ends {self.ends.vetoes}")
        cutoff = self._cutoff(scope)
        readings: list[Reading] = []
        for seat_label, seat in self._seat_options(scope):
            s = scope.model_copy(update={"seat": seat})
            for conv in self._conventions(claim, s):
                rows = self.vetoes(s, until=cutoff, seat=seat)
                value = self._value(rows, s, conv)
                label = f"{conv}{seat_label}"
                evidence = [v.evidence() for v in rows]
                held = self._held(s, conv, q, seat)
                if cutoff is not None:
                    holds: bool | None = q.accepts(value)
                    note = None
                    if not holds and self._past_end(cutoff) and q.high > value:
                        holds = None
                        note = (
                            f"{value} by {self.ends.vetoes}, the end of the loaded veto list; "
                            f"the record does not reach {cutoff}"
                        )
                    span = next(
                        (
                            (a, b)
                            for a, b, _ in held
                            if a <= min(cutoff, self.ends.vetoes or cutoff)
                            and (b is None or b >= min(cutoff, self.ends.vetoes or cutoff))
                        ),
                        (None, None),
                    )
                    readings.append(
                        Reading(label, holds, str(value), evidence, held=span, note=note)
                    )
                else:
                    if held:
                        a, b, _ = held[-1]
                        readings.append(Reading(label, True, str(value), evidence, held=(a, b)))
                    else:
                        readings.append(Reading(label, False, str(value), evidence))
        notes = []
        if cutoff is None:
            notes.append(
                "the text gives no date: the value found is at the end of the loaded veto list "
                f"({self.ends.vetoes}); the claim is judged on whether the count ever had the "
                "claimed value, and held_from/held_until say when"
            )
        return self._combine(claim, readings, q.describe(), notes)

    def _combine(
        self, claim: Claim, readings: list[Reading], claimed: str | None, notes: list[str]
    ) -> Finding:
        # Readings that give the same answer are one reading.
        merged: dict[tuple, Reading] = {}
        for r in readings:
            key = (r.holds, r.found)
            if key in merged:
                merged[key].label += f", {r.label}"
            else:
                merged[key] = r
        readings = list(merged.values())
        true = [r for r in readings if r.holds is True]
        false = [r for r in readings if r.holds is False]
        unknown = [r for r in readings if r.holds is None]
        if true and not false and not unknown:
            verdict = Verdict.supported
        elif true:
            verdict = Verdict.partly_supported
        elif unknown:
            verdict = Verdict.unverifiable
        else:
            verdict = Verdict.contradicted
        main = true[0] if true else (unknown[0] if unknown else readings[0])
        for r in readings:
            if r.note:
                notes.append(r.note)
        if len(readings) > 1:
            notes.append("; ".join(f"{r.label}: {r.found} ({SAYS[r.holds]})" for r in readings))
        found = (
            " / ".join(f"{r.found} ({r.label})" for r in readings)
            if len(readings) > 1
            else main.found
        )
        counter: list[Evidence] = []
        for r in false + true:
            for e in r.counter:
                if e not in counter:
                    counter.append(e)
        return Finding(
            claim=claim,
            verdict=verdict,
            value_claimed=claimed,
            value_found=found,
            convention=", ".join(r.label for r in (true or readings)),
            held_from=main.held[0],
            held_until=main.held[1],
            evidence=tuple(main.evidence[:MAX_EVIDENCE]),
            counter_examples=tuple(counter[:MAX_EVIDENCE]),
            notes=tuple(n for n in notes if n),
        )

    def _beyond(self, claim: Claim, why: str) -> Finding:
        return Finding(
            claim=claim,
            verdict=Verdict.unverifiable,
            notes=(f"the claim is about a time the record does not reach: {why}",),
        )

    # ------------------------------------------------------------------ shares

    def veto_share(self, claim: Claim) -> Finding:
        part, whole = claim.scope, claim.whole or Scope()
        cutoff = self._cutoff(part) or self.ends.vetoes
        whole = whole.model_copy(update={"period": whole.period or part.period})
        readings = []
        convs = (
            ["drafts"]
            if claim.convention_hint == "drafts" or len(whole.subjects) == 1
            else ["drafts", "member-votes"]
        )
        if claim.total is None and claim.quantity and claim.quantity.unit == "count":
            convs = ["drafts"]
        for conv in convs:
            p_rows = self.vetoes(part, until=cutoff)
            w_rows = self.vetoes(whole, until=cutoff)
            p, w = self._value(p_rows, part, conv), self._value(w_rows, whole, conv)
            share = p / w if w else 0.0
            q = claim.quantity
            checks = []
            if q is not None and q.unit == "count":
                checks.append(q.accepts(p))
            elif q is not None:
                tolerance = (
                    0.03
                    if q.op == "eq" and "%" not in q.text and "percent" not in q.text
                    else 0.006
                )
                checks.append(q.accepts(share, tolerance))
            if claim.total is not None:
                checks.append(claim.total.accepts(w))
            found = f"{p} of {w} ({share:.1%})"
            evidence = [v.evidence() for v in p_rows]
            readings.append(Reading(conv, all(checks) if checks else None, found, evidence))
        claimed = []
        if claim.quantity:
            claimed.append(claim.quantity.describe())
        if claim.total:
            claimed.append(f"of {claim.total.value:g}")
        notes = [
            f"counted up to {cutoff}"
            + (" (the end of the loaded veto list)" if cutoff == self.ends.vetoes else "")
        ]
        return self._combine(claim, readings, " ".join(claimed) or None, notes)

    # ------------------------------------------------------------------ universals

    def _predicate(self, claim: Claim, v: Veto) -> bool | None:
        extra = claim.whole or Scope()
        if claim.predicate == "lone":
            return v.lone
        if claim.predicate == "joint":
            if extra.joint_with:
                return set(extra.joint_with) <= set(v.vetoed_by)
            return v.lone is False if v.lone is not None else None
        if claim.predicate == "topic":
            topics = self._topics(extra.topic) or set()
            return bool(topics & v.topics)
        return True

    def veto_universal(self, claim: Claim) -> Finding:
        scopes = [claim.scope, *claim.readings]
        readings: list[Reading] = []
        cutoff_base = self.as_of
        since = claim.scope.period.since if claim.scope.period else None
        if self._past_end(since):
            return self._beyond(claim, f"the loaded veto list ends {self.ends.vetoes}")
        for scope in scopes:
            subjects = scope.subjects or ()
            for seat_label, seat in self._seat_options(scope):
                label = self._describe(scope) + seat_label
                ev: list[Evidence] = []
                counter: list[Evidence] = []
                unknown = 0
                total = 0
                for each in subjects if (len(subjects) > 1 and not seat) else [None]:
                    cutoff = (scope.period.until if scope.period else None) or cutoff_base
                    rows = self.vetoes(scope, until=cutoff, seat=seat, each=each)
                    total += len(rows)
                    for v in rows:
                        ok = self._predicate(claim, v)
                        bad = (ok is True) if claim.negated else (ok is False)
                        if bad:
                            counter.append(v.evidence(self._why(claim, v)))
                        elif ok is None:
                            unknown += 1
                        ev.append(v.evidence())
                if counter:
                    holds: bool | None = False
                    found = f"{len(counter)} of {total} vetoes are counter-examples"
                elif total == 0 and not claim.negated:
                    holds, found = None, "no veto in scope"
                else:
                    holds = True
                    found = (
                        f"holds for all {total} vetoes in scope"
                        if not claim.negated
                        else f"none of {total} vetoes in scope"
                    )
                note = None
                if unknown:
                    note = (
                        f"{unknown} veto(es) in scope have no tally in the sources, "
                        "so lone/joint is unknown for them"
                    )
                    found += f" ({unknown} undecidable)"
                readings.append(Reading(label, holds, found, ev, counter, note=note))
        notes = []
        if self.as_of and self._past_end(self.as_of):
            notes.append(
                f"the loaded veto list ends {self.ends.vetoes}, before the text's date {self.as_of}"
            )
        found = self._combine(claim, readings, self._claimed_universal(claim), notes)
        holds = [r.label for r in readings if r.holds]
        scope = f"; holds for {'; '.join(holds)}" if holds and len(readings) > 1 else ""
        return found.model_copy(update={"convention": "drafts (the Library's veto list)" + scope})

    def _claimed_universal(self, claim: Claim) -> str:
        extra = claim.whole or Scope()
        what = {
            "lone": "lone (the only negative vote)",
            "joint": "joint with " + ", ".join(name(c) for c in extra.joint_with)
            if extra.joint_with
            else "joint",
            "topic": f"on {extra.topic}",
            "any": "cast",
        }.get(claim.predicate or "any", "")
        return f"{'no' if claim.negated else 'every'} veto in scope {what}"

    def _why(self, claim: Claim, v: Veto) -> str:
        if claim.predicate == "lone":
            others = [c for c in v.vetoed_by]
            return (
                f"joint veto ({', '.join(others)})" if len(others) > 1 else f"{v.no} negative votes"
            )
        if claim.predicate == "topic":
            return "topics: " + (", ".join(sorted(v.topics)) or "none")
        return "vetoed by " + ", ".join(v.vetoed_by)

    @staticmethod
    def _describe(scope: Scope) -> str:
        parts = [", ".join(scope.subjects) or "all members"]
        if scope.topic:
            parts.append(scope.topic)
        if scope.period and (scope.period.since or scope.period.until):
            parts.append(f"{scope.period.since or '…'} to {scope.period.until or '…'}")
        return " ".join(parts)

    # ------------------------------------------------------------------ first / last

    def veto_first_last(self, claim: Claim) -> Finding:
        scope = claim.scope
        cutoff = self._cutoff(scope)
        rows = self.vetoes(scope, until=cutoff)
        prop = claim.whole or Scope()
        claimed_period = prop.period
        if not rows:
            return Finding(
                claim=claim,
                verdict=Verdict.contradicted,
                value_found="no veto in scope",
                notes=("the record has no veto in the claim's scope",),
            )
        v = rows[0] if claim.which == "first" else rows[-1]
        problems = []
        notes = []
        if claimed_period:
            lo = (claimed_period.since or date.min) - timedelta(days=1)
            hi = (
                (claimed_period.until or date.max) + timedelta(days=1)
                if claimed_period.until
                else date.max
            )
            if not (lo <= v.date <= hi):
                problems.append(
                    f"the {claim.which} veto in scope was on {v.date}, not {claimed_period.text}"
                )
        if prop.subjects and not set(prop.subjects) & set(v.vetoed_by):
            problems.append(f"it was cast by {', '.join(v.vetoed_by)}")
        if prop.joint_with and not set(prop.joint_with) <= set(v.vetoed_by):
            problems.append(
                f"it was cast by {', '.join(v.vetoed_by)} "
                f"(not jointly with {', '.join(prop.joint_with)})"
            )
        if prop.topic and not self._topic_fits(prop, v):
            notes.append(
                f"its topics ({', '.join(sorted(v.topics)) or 'none'}) "
                f"do not obviously match '{prop.topic_text}'"
            )
        if claim.which == "last" and self._past_end(self.as_of) and problems:
            return self._beyond(
                claim,
                f"a later veto may exist after {self.ends.vetoes}, the end of the loaded veto list",
            )
        verdict = Verdict.contradicted if problems else Verdict.supported
        return Finding(
            claim=claim,
            verdict=verdict,
            value_claimed=claimed_period.text if claimed_period else None,
            value_found=f"{v.date} {v.draft} ({', '.join(v.vetoed_by)})",
            convention="drafts (the Library's veto list)",
            evidence=(v.evidence(),),
            counter_examples=(v.evidence(),) if problems else (),
            notes=tuple(problems + notes),
        )

    def _topic_fits(self, prop: Scope, v: Veto) -> bool:
        topics = self._topics(prop.topic) or set()
        if topics & v.topics:
            return True
        words = [
            w[:5].lower()
            for w in (prop.topic_text or "").replace(" and ", " ").split()
            if len(w) > 3
        ]
        return any(w in v.title.lower() for w in words)

    # ------------------------------------------------------------------ events and rank

    def veto_event(self, claim: Claim) -> Finding:
        scope = claim.scope
        period = scope.period
        if period and period.since and self._past_end(period.since):
            return self._beyond(claim, f"the loaded veto list ends {self.ends.vetoes}")
        rows = self.vetoes(scope, until=self.as_of)
        notes = []
        if rows:
            v = rows[-1] if len(rows) == 1 else rows[0]
            problems = []
            if claim.tally:
                t = claim.tally
                if v.yes is None:
                    notes.append(
                        "the sources give no tally for this veto, so the vote count is not checked"
                    )
                else:
                    for fieldname, claimed in (
                        ("yes", t.yes),
                        ("no", t.no),
                        ("abstain", t.abstain),
                    ):
                        if claimed is not None and getattr(v, fieldname) != claimed:
                            problems.append(f"{fieldname}: {getattr(v, fieldname)}, not {claimed}")
            verdict = Verdict.contradicted if problems else Verdict.supported
            return Finding(
                claim=claim, verdict=verdict,
                value_found=f"{len(rows)} veto(es): "
                + ", ".join(f"{r.date} {r.draft}" for r in rows[:5]),
                convention="drafts (the Library's veto list)",
                evidence=tuple(r.evidence() for r in rows[:MAX_EVIDENCE]),
                notes=tuple(problems + notes),
            )  # fmt: skip
        if period and period.until and self._past_end(period.until):
            return self._beyond(claim, f"the loaded veto list ends {self.ends.vetoes}")
        near = self.vetoes(scope.model_copy(update={"period": None}), until=self.as_of)
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted,
            value_found="no such veto in the record",
            evidence=tuple(v.evidence("same members and topic, another date") for v in near[:10]),
            notes=("no veto by these members matches the topic and date",),
        )

    def veto_rank(self, claim: Claim) -> Finding:
        scope = claim.scope
        if not scope.subjects:
            raise UntallyError("the claim names no member to rank")
        cutoff = self._cutoff(scope)
        counts = {}
        for code in P5:
            s = scope.model_copy(
                update={"subjects": (code,), "seat": False, "lone": None, "joint_with": ()}
            )
            counts[code] = len(self.vetoes(s, until=cutoff))
        me = scope.subjects[0]
        best = max(v for c, v in counts.items() if c != me)
        found = ", ".join(f"{c} {n}" for c, n in sorted(counts.items(), key=lambda x: -x[1]))
        return Finding(
            claim=claim,
            verdict=Verdict.supported if counts[me] > best else Verdict.contradicted,
            value_claimed=f"{me} has more vetoes than any other permanent member",
            value_found=found,
            convention="drafts, per member code (USSR and Russia apart)",
            notes=(f"scope: {self._describe(scope)}",),
        )

    # ------------------------------------------------------------------ Council decisions

    def resolution_vote(self, claim: Claim) -> Finding:
        decision = self._sc_decision(claim)
        if decision is None:
            return Finding(
                claim=claim,
                verdict=Verdict.unverifiable,
                notes=("no Council decision in the record matches the claim",),
            )
        if isinstance(decision, Finding):
            return decision
        d = decision
        votes = dict(
            self.record.store.rows(
                "SELECT member, vote FROM votes WHERE decision_id = ?", [d["decision_id"]]
            )
        )
        problems, notes, checked = self._vote_checks(claim, d, votes)
        period = claim.scope.period
        if period and d["date"] and not claim.whole and not _within(d["date"], period):
            problems.append(f"it was voted on {d['date']}, not {period.text}")
        if d["outcome"] != "adopted" and "adopted" in claim.text.lower():
            problems.append(f"it was not adopted ({d['outcome']})")
        if d.get("procedural"):
            notes.append(f"procedural decision: {d.get('procedural_reason')}")
        verdict = (
            Verdict.contradicted
            if problems
            else (Verdict.supported if checked else Verdict.unverifiable)
        )
        symbol = d["resolution"] or d["decision_id"]
        tally = tally_text(d["yes"], d["no"], d["abstain"])
        url = d["url"] or f"https://undocs.org/en/{symbol}"
        abstaining = [c for c, v in sorted(votes.items()) if v == "A"]
        abstained = f"; abstained: {', '.join(abstaining) or 'none'}" if votes else ""
        return Finding(
            claim=claim, verdict=verdict,
            value_claimed=_claimed_vote(claim),
            value_found=f"{symbol} {d['date']}: {tally or 'no tally'}" + abstained,
            convention="recorded vote (yes-no-abstain)",
            evidence=(Evidence(symbol=symbol, date=d["date"], tally=tally, url=url),),
            notes=tuple(problems + notes),
        )  # fmt: skip

    def _sc_decision(self, claim: Claim) -> dict | Finding | None:
        store = self.record.store
        if claim.resolution:
            number = claim.resolution.split("/")[-1].split()[0]
            rows = store.dicts(
                "SELECT * FROM decisions WHERE resolution LIKE ? ORDER BY date",
                [f"S/RES/{number}(%"],
            )
            if not rows:
                last = self.ends.resolutions
                return Finding(
                    claim=claim, verdict=Verdict.unverifiable,
                    notes=(
                        f"{claim.resolution} is not in the loaded record (resolutions to "
                        f"{last}; the sources lack some 2022–2024 resolutions)",
                    ),
                )  # fmt: skip
            return rows[0]
        period = claim.scope.period
        locator = with_tally(claim.whole.label) if claim.whole and claim.whole.label else None
        tally = locator or claim.tally
        if period is None or tally is None:
            return None
        lo = (period.since or date.min) - timedelta(days=1)
        hi = (period.until or period.since or date.max) + timedelta(days=1)
        if self.ends.resolutions and lo > self.ends.resolutions:
            return self._beyond(claim, f"the loaded Council record ends {self.ends.resolutions}")
        rows = store.dicts(
            "SELECT * FROM decisions WHERE date BETWEEN ? AND ? AND kind <> 'part' ORDER BY date",
            [lo, hi],
        )
        if not rows:
            return None
        best = [r for r in rows if _tally_matches(tally, r)]
        return (best or rows)[0]

    def _vote_checks(
        self, claim: Claim, d: dict, votes: dict[str, str]
    ) -> tuple[list[str], list[str], bool]:
        problems: list[str] = []
        notes: list[str] = []
        checked = False
        t = claim.tally
        if t is not None and not (claim.whole and claim.whole.label):
            for fieldname, claimed in (("yes", t.yes), ("no", t.no), ("abstain", t.abstain)):
                if claimed is None:
                    continue
                found = d.get(fieldname)
                if found is None:
                    notes.append(f"the sources give no {fieldname} count")
                    continue
                checked = True
                if found != claimed:
                    problems.append(f"{fieldname}: {found}, not {claimed}")
        if claim.unanimous:
            checked = True
            if d.get("no") or d.get("abstain"):
                problems.append(f"not unanimous: {tally_text(d['yes'], d['no'], d['abstain'])}")
        for member, position in claim.positions:
            if not votes:
                notes.append("member votes are not in the sources for this vote")
                break
            checked = True
            found = votes.get(member)
            if found is None:
                problems.append(f"{member} has no recorded vote")
            elif found != position:
                problems.append(f"{member} {POSITION[found]}, not {POSITION[position]}")
        if claim.only_position:
            position, members = claim.only_position
            if votes:
                checked = True
                actual = sorted(c for c, v in votes.items() if v == position)
                if set(actual) != set(members):
                    problems.append(f"those voting {POSITION[position]}: {', '.join(actual)}")
        return problems, notes, checked

    # ------------------------------------------------------------------ the Assembly

    def _ga_past_end(self, period: Period | None) -> bool:
        end = self.ends.assembly
        return bool(period and period.since and end and period.since > end)

    def _ga_votes(self, claim: Claim) -> list[dict]:
        store = self.record.store
        clauses, params = ["TRUE"], []
        if claim.resolution:
            clauses.append("(resolution = ? OR resolution LIKE ?)")
            params += [claim.resolution, claim.resolution + " %"]
        else:
            period = claim.scope.period
            if period and period.since:
                clauses.append("coalesce(date, make_date(year, 12, 31)) >= ?")
                params.append(period.since - timedelta(days=1))
            if period and period.until:
                clauses.append("coalesce(date, make_date(year, 1, 1)) <= ?")
                params.append(period.until + timedelta(days=1))
            if claim.ga_topic:
                from untally.claims.lexicon import lexicon

                clauses.append("title ILIKE ?")
                params.append(lexicon().ga_titles[claim.ga_topic])
        return store.dicts(
            f"SELECT * FROM ga_resolutions WHERE {' AND '.join(clauses)} ORDER BY date, vote_id",
            params,
        )

    def ga_vote(self, claim: Claim) -> Finding:
        if self._ga_past_end(claim.scope.period):
            return self._beyond(
                claim, f"the loaded General Assembly record ends {self.ends.assembly}"
            )
        rows = self._ga_votes(claim)
        locator = with_tally(claim.whole.label) if claim.whole and claim.whole.label else None
        pick = None
        for t in (claim.tally, locator):
            if t is not None:
                match = [r for r in rows if _tally_matches(t, r)]
                if match:
                    pick = match[-1]
                    break
        if pick is None and rows:
            before = [
                r
                for r in rows
                if not self.as_of or (r["date"] or date(r["year"], 1, 1)) <= self.as_of
            ]
            if claim.first_time:
                pick = (before or rows)[0] if len(before or rows) == 1 else None
                pick = pick or (before or rows)[-1]
            elif len(rows) == 1 or claim.ga_topic:
                pick = (before or rows)[-1]
        if pick is None:
            if (
                not rows
                and claim.scope.period
                and claim.scope.period.until
                and self.ends.assembly
                and claim.scope.period.until > self.ends.assembly
            ):
                return self._beyond(
                    claim, f"the loaded General Assembly record ends {self.ends.assembly}"
                )
            return Finding(
                claim=claim,
                verdict=Verdict.unverifiable,
                value_claimed=_claimed_vote(claim),
                notes=(
                    "no recorded Assembly vote in the record matches the claim "
                    f"({len(rows)} candidate votes)",
                ),
            )
        votes = dict(
            self.record.store.rows(
                "SELECT member, vote FROM ga_votes WHERE vote_id = ?", [pick["vote_id"]]
            )
        )
        problems, notes, checked = self._vote_checks(claim, pick, votes)
        if claim.first_time and claim.positions:
            member, position = claim.positions[0]
            earlier = self.record.store.rows(
                "SELECT r.resolution, r.date FROM ga_votes v JOIN ga_resolutions r USING (vote_id) "
                "WHERE v.member = ? AND v.vote = ? AND r.date < ? AND r.title ILIKE ? "
                "ORDER BY r.date",
                [member, position, pick["date"], pick["title"][:30].replace("%", "") + "%"],
            )
            if earlier:
                problems.append(
                    f"not the first time: {member} {POSITION[position]} on "
                    f"{earlier[0][0]} ({earlier[0][1]})"
                )
            checked = True
        verdict = (
            Verdict.contradicted
            if problems
            else (Verdict.supported if checked else Verdict.unverifiable)
        )
        tally = tally_text(pick["yes"], pick["no"], pick["abstain"])
        noes = sorted(c for c, v in votes.items() if v == "N")
        against = f"; no: {', '.join(noes)}" if votes and len(noes) <= 12 else ""
        return Finding(
            claim=claim, verdict=verdict,
            value_claimed=_claimed_vote(claim),
            value_found=f"{pick['resolution']} {pick['date']}: {tally}" + against,
            convention="recorded vote (yes-no-abstain)",
            evidence=(Evidence(symbol=pick["resolution"], date=pick["date"], tally=tally,
                               url=pick["url"]),),
            notes=tuple(problems + notes),
        )  # fmt: skip

    def ga_pattern(self, claim: Claim) -> Finding:
        member, position = claim.positions[0]
        period = claim.scope.period or Period()
        until = period.until or self.as_of or self.ends.assembly
        scoped = claim.model_copy(
            update={
                "scope": claim.scope.model_copy(
                    update={"period": Period(since=period.since, until=until)}
                )
            }
        )
        rows = self._ga_votes(scoped)
        if not rows:
            return Finding(
                claim=claim,
                verdict=Verdict.unverifiable,
                notes=("no recorded Assembly vote on this text in the period",),
            )
        votes = dict(
            self.record.store.rows(
                "SELECT vote_id, vote FROM ga_votes "
                "WHERE member = ? AND vote_id IN (SELECT unnest(?))",
                [member, [r["vote_id"] for r in rows]],
            )
        )
        counter, evidence = [], []
        for r in rows:
            e = Evidence(
                symbol=r["resolution"],
                date=r["date"],
                tally=tally_text(r["yes"], r["no"], r["abstain"]),
                url=r["url"],
                note=f"{member}: {POSITION.get(votes.get(r['vote_id'], 'X'), 'no row')}",
            )
            evidence.append(e)
            if votes.get(r["vote_id"]) != position:
                counter.append(e)
        years = {r["year"] for r in rows}
        first = period.since.year if period.since else min(years)
        last = min(until.year, self.ends.assembly.year) if self.ends.assembly else until.year
        missing = [y for y in range(first, last + 1) if y not in years]
        notes = []
        if missing:
            notes.append(f"no recorded vote on this text in {', '.join(map(str, missing))}")
        if self.ends.assembly and until > self.ends.assembly:
            notes.append(f"the loaded Assembly record ends {self.ends.assembly}")
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted if counter else Verdict.supported,
            value_claimed=f"{member} voted {POSITION[position]} every year",
            value_found=f"{len(rows) - len(counter)} of {len(rows)} votes",
            convention="recorded votes on texts titled like the claim's",
            evidence=tuple(evidence),
            counter_examples=tuple(counter),
            notes=tuple(notes),
        )

    def ga_coincidence(self, claim: Claim) -> Finding:
        from untally.analytics import coincidence as co

        a, b = claim.scope.subjects[0], claim.others[0]
        period = claim.scope.period or Period()
        if self._ga_past_end(period):
            return self._beyond(
                claim, f"the loaded General Assembly record ends {self.ends.assembly}"
            )
        hint = claim.convention_hint
        if hint == "state-dept-in-force":
            year = (period.since or self.as_of or date(2000, 1, 1)).year
            hint = (
                "state-dept"
                if year < 2017
                else "state-dept-2017"
                if year <= 2020
                else "state-dept-2021"
            )
        conventions = [co.Convention(hint)] if hint else list(co.Convention)
        where = co.VoteFilter(since=period.since, until=period.until)
        q = claim.quantity
        assert q is not None
        readings = []
        for conv in conventions:
            (c,) = co.pair(self.con, a, b, conv, by=None, where=where) or (None,)
            if c is None or c.value is None:
                readings.append(Reading(conv.value, None, "no votes counted"))
                continue
            # Published figures are whole percents; recomputation differs by about a point.
            holds = q.accepts(c.value, tolerance=0.01)
            readings.append(Reading(conv.value, holds, f"{c.value:.1%} of {c.n_votes} votes"))
        return self._combine(claim, readings, q.describe(), [f"{a} with {b}, {where.describe()}"])

    def ga_count(self, claim: Claim) -> Finding:
        member, position = claim.positions[0]
        period = claim.scope.period or Period()
        if self._ga_past_end(period):
            return self._beyond(
                claim, f"the loaded General Assembly record ends {self.ends.assembly}"
            )
        rows = self.record.store.dicts(
            """
            SELECT r.* FROM ga_votes v JOIN ga_resolutions r USING (vote_id)
            WHERE v.member = ? AND v.vote = ?
              AND coalesce(r.date, make_date(r.year, 7, 1)) BETWEEN ? AND ?
            ORDER BY r.date
            """,
            [member, position, period.since or date(1946, 1, 1), period.until or date(2100, 1, 1)],
        )
        q = claim.quantity
        assert q is not None
        notes = []
        if period.until and self.ends.assembly and period.until > self.ends.assembly:
            notes.append(f"the loaded Assembly record ends {self.ends.assembly}")
        holds = q.accepts(len(rows))
        return Finding(
            claim=claim,
            verdict=Verdict.supported if holds else Verdict.contradicted,
            value_claimed=q.describe(),
            value_found=str(len(rows)),
            convention="recorded votes (adopted resolutions voted by roll call)",
            evidence=tuple(
                Evidence(
                    symbol=r["resolution"],
                    date=r["date"],
                    tally=tally_text(r["yes"], r["no"], r["abstain"]),
                    url=r["url"],
                )
                for r in rows[:MAX_EVIDENCE]
            ),
            notes=tuple(notes),
        )


def _within(day: date, period: Period) -> bool:
    lo = (period.since or date.min) - timedelta(days=1) if period.since else date.min
    hi = (period.until + timedelta(days=1)) if period.until else date.max
    return lo <= day <= hi


def _tally_matches(t: Tally, row: dict) -> bool:
    return all(
        claimed is None or row.get(fieldname) == claimed
        for fieldname, claimed in (("yes", t.yes), ("no", t.no), ("abstain", t.abstain))
    )


def _claimed_vote(claim: Claim) -> str | None:
    parts = []
    if claim.tally and not (claim.whole and claim.whole.label):
        t = claim.tally
        parts.append("-".join("?" if x is None else str(x) for x in (t.yes, t.no, t.abstain)))
    if claim.unanimous:
        parts.append("unanimous")
    parts += [f"{m} {POSITION[p]}" for m, p in claim.positions]
    if claim.only_position:
        p, members = claim.only_position
        parts.append(f"only {', '.join(members)} {POSITION[p]}")
    return "; ".join(parts) or None
