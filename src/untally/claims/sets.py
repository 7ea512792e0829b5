"""Claims about sets of vetoes: counts, shares, ordinals, first and last, every and never,
ranks, fractions and "the last N vetoes". Each is a set of readings (vetoer alone or with its
seat, each topic reading, drafts or members' negative votes, amendments counted or not)."""

from __future__ import annotations

import contextlib
import re
from dataclasses import replace
from datetime import date, timedelta

from untally.claims.compile import (
    COLUMNS,
    RECORD,
    Query,
    day_window,
    decisions,
    veto_set,
)
from untally.claims.discourse import Discourse
from untally.claims.findings import (
    evidence,
    to_claim,
)
from untally.claims.frame import Act, Actor, Frame, Quant, Role
from untally.claims.judgebase import JudgeBase
from untally.claims.models import (
    Claim,
    Finding,
    Verdict,
)
from untally.errors import UntallyError


def topic_readings(frame: Frame, disc: Discourse) -> tuple[tuple[tuple[str, ...], ...], str]:
    """Topic sets to try: the claim's own topics (and narrower readings); else the topic a
    claim named in this or the previous sentence, then every topic; else every topic and the
    article's topic. A claim with its own start ("since 1991") is read in no topic it does
    not name. The second value says where the topic came from: "", "near" or "article"."""
    from untally.analytics.topics import expand

    own_start = bool(frame.time and frame.time.since)
    named = frame.target.topics or (() if own_start else disc.near_topics())
    if named:
        sets: list[tuple[str, ...]] = []
        for t in named:
            try:
                sets.append(tuple(sorted(expand(t))))
            except UntallyError:
                continue
        if "israel-related" in named:
            sets.append(("palestine",))
        if len(named) > 1:  # "on Syria and on Yemen": the union, too
            sets.append(tuple(sorted({t for x in sets for t in x})))
        if not frame.target.topics:
            return (*dict.fromkeys(sets), ()), "near"
        return tuple(dict.fromkeys(sets)) or ((),), ""
    if disc.topics and not own_start:
        return ((), tuple(disc.topics)), "article"
    return ((),), ""


class SetClaims(JudgeBase):
    """Mixed into :class:`~untally.claims.verdict.Judge`: the set-level verdicts."""

    def last_m(self, frame: Frame, claim: Claim) -> Finding:
        """ "France cast two of the last 5 vetoes": the M most recent vetoed drafts before
        the article (with and without the event it reports), the member's share of them."""
        assert frame.total is not None and frame.quantity is not None  # Judge.judge checks
        m = int(frame.total.value)
        codes = set(frame.who(Role.vetoer))
        if not codes:
            return self._unverifiable(claim, "a share of the last vetoes that names no member")
        q = Query(
            f"the last {m} vetoed drafts",
            f"SELECT {COLUMNS} FROM {RECORD} WHERE outcome = 'vetoed' AND kind <> 'amendment'"
            " AND date <= $until ORDER BY date DESC, symbol DESC LIMIT $m",
            {"until": self.as_of or date.max, "m": m},
        )
        q2 = Query(
            f"the last {m} vetoed drafts before the article's date",
            q.sql,
            {"until": (self.as_of or date.max) - timedelta(days=1), "m": m},
        )
        results = [(q, self.run(q)), (q2, self.run(q2))]
        held, shown = {}, []
        for i, (qq, rows) in enumerate(results):
            n = sum(1 for r in rows if codes & set(r["vetoed_by"]))
            held[i] = frame.quantity.accepts(n)
            shown.append(f"{n} of {len(rows)} ({qq.label})")
        logs = self._logs(results, held)
        # "..., seven of which criticised Israel": the member's vetoes among the last M
        i = next((i for i in held if held[i]), 0)
        mine = [r for r in results[i][1] if codes & set(r["vetoed_by"])]
        self.disc.count(mine, f"{', '.join(sorted(codes))} among {results[i][0].label}", q)
        if any(held.values()):
            return Finding(
                claim=claim, verdict=Verdict.supported, value_found="; ".join(shown), queries=logs
            )
        end = self.ends.vetoes
        return self.refute(
            claim,
            blocked=bool(frame.unused or (self.as_of and end and self.as_of > end)),
            why="words not understood, or the article is dated after the veto list's end",
            found="; ".join(shown),
            convention="drafts; every reading",
            logs=logs,
        )

    def fraction(self, frame: Frame, claim: Claim) -> Finding:
        """ "Two thirds of Russia's vetoes since 2011 were cast on Syria": the part over the
        whole, each counted under the same readings (seat joined or not)."""
        from untally.analytics.topics import expand

        assert frame.whole is not None and frame.quantity is not None  # Judge.judge checks
        whole_codes, whole_topics = frame.whole
        period = frame.time
        since = period.since if period else None
        until = period.until if period and period.until else self.as_of

        def expanded(ids: tuple[str, ...]) -> tuple[str, ...]:
            out: set[str] = set()
            for t in ids:
                with contextlib.suppress(UntallyError):
                    out |= expand(t)
            return tuple(sorted(out))

        whole_frame = replace(
            frame,
            actors=tuple(Actor(c, Role.vetoer, c) for c in whole_codes),
            joint=False,
            lone=None,
        )
        plan = veto_set(whole_frame, (expanded(whole_topics),), until, since, self.with_ga)
        part_codes = set(frame.who(Role.vetoer))
        part_topics = set(expanded(frame.target.topics))
        want = frame.quantity
        results, held, shown = [], {}, []
        for i, q in enumerate(plan.queries):
            rows = self.run(q)
            part = [
                r
                for r in rows
                if (not part_codes or part_codes & set(r["vetoed_by"]))
                and (not part_topics or part_topics & set(r["topics"]))
            ]
            results.append((q, rows))
            share = len(part) / len(rows) if rows else None
            # "two thirds", "a third": prose fractions are round, within five points; a hedged
            # one ("almost two thirds") has its own bounds, and only rounding on top
            slack = {"eq": 0.05, "approx": 0.06}.get(want.op, 0.01)
            held[i] = share is not None and want.accepts(share, tolerance=slack)
            shown.append(
                f"{len(part)} of {len(rows)}"
                + (f" = {share:.0%}" if rows else "")
                + f" ({q.label})"
            )
            if part_codes and not part_topics and rows:
                # "cast nearly half of all vetoes": each member's veto counted once (a joint
                # veto is two), the other reading of "vetoes cast"
                whole_n = sum(len(r["vetoed_by"]) for r in rows)
                part_n = sum(len(part_codes & set(r["vetoed_by"])) for r in part)
                mv = part_n / whole_n if whole_n else None
                mv_held = mv is not None and want.accepts(mv, tolerance=slack)
                held[i] = held[i] or mv_held
                shown.append(f"{part_n} of {whole_n} = {mv:.0%} (member-votes; {q.label})")
        logs = self._logs(results, held)
        if any(held.values()):
            return Finding(
                claim=claim,
                verdict=Verdict.supported,
                value_claimed=want.describe(),
                value_found="; ".join(shown),
                queries=logs,
            )
        end = self.ends.vetoes
        return self.refute(
            claim,
            blocked=bool(frame.unused or not results or (until and end and until > end)),
            why="words not understood, or the period passes the record",
            found="; ".join(shown),
            claimed=want.describe(),
            convention="drafts; every reading",
            logs=logs,
        )

    def veto_set(self, frame: Frame, claim: Claim) -> Finding:
        period = frame.time
        as_of = self.as_of
        until = period.until if period and period.until else as_of
        since = period.since if period else None
        if frame.quant in (Quant.first,) and period and period.since == period.until:
            since = until = None  # "first veto in March 1970": the date is the claimed value
        if frame.quant in (Quant.first, Quant.last) and period and not period.exact_day:
            since, until = None, as_of
        if frame.quant is Quant.last and frame.day:
            since, until = None, as_of
        if frame.day:
            self._resolve_event(frame)
        topics, from_context = topic_readings(frame, self.disc)
        if frame.quant in (Quant.first, Quant.last) and frame.time and () not in topics:
            topics = (*topics, ())  # "the first veto, in February 1946, over Syria": either
        amendments = frame.act is Act.veto
        plan = veto_set(
            frame,
            topics,
            until,
            since,
            self.with_ga,
            amendments=amendments,
            context_topics=tuple(self.disc.topics) if from_context == "article" else (),
            amendment_dates=self.amendment_dates(),
        )
        current = self.disc.current("SC")
        event_day = current.date if current and current.date else self.as_of
        if frame.quant is Quant.count and event_day and (until is None or until >= event_day):
            # an article written on the day of a veto often counts the ones before it
            before = veto_set(frame, topics[:1], event_day - timedelta(days=1), since, self.with_ga)
            for q in before.queries:
                plan.queries.append(
                    Query(
                        q.label + ", before the event the article reports",
                        q.sql,
                        q.params,
                        q.full,
                        q.convention,
                        q.codes,
                    )
                )
        base_rows: list[dict] | None = None
        prev = self.disc.previous_set() if frame.of_previous else None
        if frame.of_previous and prev is None and frame.quant is Quant.share:
            return self._unverifiable(
                claim, "a share of a set the article did not count just before ('of them')"
            )
        results: list[tuple[Query, list[dict]]] = []
        for q in plan.queries:
            rows = self.run(q)
            if prev is not None:
                keep = {r["decision_id"] for r in prev.rows}
                rows = [r for r in rows if r["decision_id"] in keep]
            results.append((q, rows))
        if base_rows is None and results:
            base_rows = results[0][1]
        end = self.ends.vetoes
        beyond = until is not None and end is not None and until > end
        unused = bool(frame.unused) or (
            not frame.who(Role.vetoer, Role.subject)
            and bool(re.match(r"^(?:it|they|its|their|he|she)\b", frame.text.strip(), re.I))
        )
        method = {
            Quant.count: self._count,
            Quant.share: self._count,
            Quant.ordinal: self._ordinal,
            Quant.first: self._first_last,
            Quant.last: self._first_last,
            Quant.every: self._every,
            Quant.none: self._none,
            Quant.most: self._most,
        }.get(frame.quant, self._count)
        finding = method(frame, claim, results, beyond, unused, from_context)
        if frame.quant in (Quant.count,) and results:
            # the set "N of them" refers to: the reading that held, else the first
            held = [
                (q, rows)
                for q, rows in results
                if frame.quantity and frame.quantity.accepts(len(rows))
            ]
            q, rows = (held or results)[0]
            self.disc.count(rows, q.label, q)
        if frame.quant is Quant.share and finding.verdict is Verdict.supported and results:
            self.disc.narrow(results[0][1], results[0][0].label, results[0][0])
        return finding

    def amendment_dates(self) -> tuple:
        """Days of vetoed amendments: a reading counting them is run only where there are any."""
        if not hasattr(self, "_amendment_dates"):
            self._amendment_dates = tuple(
                r[0]
                for r in self.con.execute(
                    f"SELECT date FROM {RECORD} WHERE kind = 'amendment' AND outcome = 'vetoed'"
                ).fetchall()
            )
        return self._amendment_dates

    def universal_over_previous(self, frame: Frame, claim: Claim, prev) -> Finding:
        """ "... and in every case it was the lone vote against": over the set just counted,
        and over the narrower set a share named, each reported."""

        def reading(counted, name: str) -> Query:
            q = counted.query
            return Query(f"{name} ({counted.label})", q.sql if q else "", q.params if q else {})

        results = [(reading(prev, "the set counted before"), prev.rows)]
        if self.disc.narrowed is not None:
            results.append(
                (reading(self.disc.narrowed, "the narrower set"), self.disc.narrowed.rows)
            )
        frame = replace(frame, act=Act.veto)  # "it was the lone vote against": the vetoes'
        return self._every(frame, to_claim(frame), results, False, bool(frame.unused), False)

    def _resolve_event(self, frame: Frame) -> None:
        """A count or ordinal dated to a day ("its sixth veto, on Thursday") names an event:
        remember it, so the sentences after it ("the draft drew 14 votes") resolve to it."""
        assert frame.day is not None  # called only for a dated frame
        since, until = day_window(frame.day)
        q = decisions(
            frame, symbol_ids=None, since=since, until=until, body="SC", with_ga=self.with_ga
        )
        rows = [r for r in self.run(q) if r["outcome"] == "vetoed"]
        if len(rows) == 1:
            self.disc.mention(rows[0])

    def _value(self, q: Query, rows: list[dict], member_votes: bool) -> int:
        if member_votes:  # each permanent member's negative vote counts once
            codes = set(q.codes)
            return sum(
                len(set(r["vetoed_by"]) & codes) if codes else len(r["vetoed_by"]) for r in rows
            )
        return len(rows)

    def _count(self, frame, claim, results, beyond, unused, from_context) -> Finding:
        want = frame.quantity
        if want is None:
            return self._unverifiable(claim, "no number was read")
        held: dict[int, bool] = {}
        found_values: list[str] = []
        best: tuple[int, Query, list[dict], int] | None = None
        # "most of them", "about half of them": a fraction of the set counted just before,
        # never compared with a count
        base = None
        if want.unit == "share":
            prev = self.disc.previous_set() if frame.of_previous else None
            base = len(prev.rows) if prev is not None else None
            if not base:
                return self._unverifiable(claim, "a fraction of a set the article did not count")
            if not (frame.target.topics or frame.joint or frame.lone):
                # "most of them on Cuba" with no topic read: the part would be the whole
                return self._unverifiable(claim, "what the part of the set shares was not read")
        # prose fractions are round: a bare one within five points, "about" six, a bound
        # ("nearly", "more than") its own limit and rounding
        slack = 0.0 if base is None else {"eq": 0.05, "approx": 0.06}.get(want.op, 0.01)
        for i, (q, rows) in enumerate(results):
            for member_votes in (False, True):
                if member_votes and (len(q.codes) == 1 or base is not None):
                    continue
                value = self._value(q, rows, member_votes)
                ok = want.accepts(value / base if base else value, tolerance=slack)
                held[i] = held.get(i, False) or ok
                conv = "member-votes" if member_votes else q.convention
                shown = f"{value} of {base} = {value / base:.0%}" if base else f"{value}"
                found_values.append(f"{shown} ({conv}; {q.label})")
                if ok and (best is None or (q.full and not best[1].full)):
                    best = (i, q, rows, value)
        logs = self._logs(results, held)
        if best is not None:
            i, q, rows, value = best
            verdict = Verdict.supported if q.full else Verdict.partly_supported
            if frame.total is not None and frame.of_previous is False:
                pass
            notes = []
            if not q.full and "amendments" in q.convention:
                notes.append(f"holds only if {q.convention} are counted")
            elif not q.full:
                notes.append("holds only with the topic taken from the article's context")
            if from_context and "topics" in q.label:
                notes.append(
                    "the topic is taken from the previous sentence"
                    if from_context == "near"
                    else "the topic is taken from the article's context"
                )
            held_from, held_until = self._held(rows, value, q)
            return Finding(
                claim=claim,
                verdict=verdict,
                value_claimed=want.describe(),
                value_found=f"{value} of {base} = {value / base:.0%}" if base else f"{value}",
                convention=f"{q.convention}; {q.label}",
                held_from=held_from,
                held_until=held_until,
                evidence=tuple(evidence(r) for r in rows[-40:]),
                notes=tuple(notes),
                queries=logs,
            )
        if (self.as_of is None and frame.time is None) or (
            frame.time and frame.time.until is None and self.as_of is None
        ):
            ever = self._ever(frame, results, want)
            if ever is not None:
                return ever.model_copy(update={"claim": claim})
        why = None
        if beyond:
            why = f"the claim's period reaches past the end of the veto list ({self.ends.vetoes})"
        elif unused:
            why = "words of the claim were not understood: " + ", ".join(frame.unused[:6])
        elif frame.negated:
            why = "negated counts are not checked"
        if why:
            return Finding(
                claim=claim,
                verdict=Verdict.unverifiable,
                value_claimed=want.describe(),
                value_found=" / ".join(found_values[:4]),
                notes=(why,),
                queries=logs,
            )
        q, rows = results[0]
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted,
            value_claimed=want.describe(),
            value_found=" / ".join(found_values[:4]),
            convention="every reading: " + "; ".join(q.label for q, _ in results),
            evidence=tuple(evidence(r) for r in rows[-40:]),
            queries=logs,
        )

    def _ever(self, frame: Frame, results, want) -> Finding | None:
        """With no date for the article, a count is true if it ever had the value: when?"""
        for i, (q, rows) in enumerate(results):
            if not q.full:
                continue
            for k in range(len(rows)):
                if want.accepts(k + 1):
                    start = rows[k]["date"]
                    end = rows[k + 1]["date"] - timedelta(days=1) if k + 1 < len(rows) else None
                    return Finding(
                        claim=to_claim(frame),
                        verdict=Verdict.supported,
                        value_claimed=want.describe(),
                        value_found=f"{k + 1}",
                        convention=f"{q.convention}; {q.label}",
                        held_from=start,
                        held_until=end,
                        evidence=(evidence(rows[k]),),
                        notes=(
                            "the article gives no date: the count held from "
                            f"{start} to {end or 'the end of the record'}",
                        ),
                        queries=self._logs(results, {i: True}),
                    )
        return None

    def _held(self, rows: list[dict], value: int, q: Query) -> tuple[date | None, date | None]:
        if not rows or value == 0 or value > len(rows):
            return None, None
        held_from = rows[value - 1]["date"]
        return held_from, None

    def _ordinal(self, frame, claim, results, beyond, unused, from_context) -> Finding:
        want = int(frame.quantity.value) if frame.quantity else None
        held: dict[int, bool] = {}
        current = self.disc.current("SC")
        for i, (q, rows) in enumerate(results):
            if want is None or not rows:
                continue
            # The n-th: the event the article reports is the n-th of the set up to its date.
            anchor = current.date if current and current.date else None
            upto = [r for r in rows if anchor is None or r["date"] <= anchor]
            if len(upto) >= want and (anchor is None or upto[want - 1]["date"] == anchor):
                held[i] = True
                r = upto[want - 1]
                return Finding(
                    claim=claim,
                    verdict=Verdict.supported if q.full else Verdict.partly_supported,
                    value_claimed=f"the {want}th",
                    value_found=f"{r['symbol']} ({r['date']}) is number {want}",
                    convention=f"{q.convention}; {q.label}",
                    evidence=(evidence(r),),
                    queries=self._logs(results, held),
                )
        found = "; ".join(f"{len(rows)} ({q.label})" for q, rows in results[:3])
        return Finding(
            claim=claim,
            verdict=Verdict.unverifiable,
            value_claimed=f"the {want}th" if want else None,
            value_found=found,
            notes=(
                "no reading makes the reported event the claimed ordinal; the claim's set "
                "(topic, period) may be narrower than the parse",
            ),
            queries=self._logs(results, held),
        )

    def _first_last(self, frame, claim, results, beyond, unused, from_context) -> Finding:
        held: dict[int, bool] = {}
        period = frame.time
        current = self.disc.current("SC")
        if (
            frame.quant is Quant.first
            and period is not None
            and period.since is not None
            and re.search(r"\bsince\b", frame.text, re.I)
        ):
            return self._first_since(frame, claim, results, current)
        tried = []
        for i, (q, rows) in enumerate(results):
            if not rows:
                continue
            if frame.quant is Quant.first:
                candidates = [("first", rows[0])]
            else:
                candidates = [("most recent", rows[-1])]
                anchor = current.date if current and current.date else self.as_of
                earlier = [r for r in rows if anchor and r["date"] < anchor]
                if earlier:
                    candidates.append(("the one before the event reported", earlier[-1]))
                if len(rows) > 1:
                    candidates.append(("the one before the latest", rows[-2]))
            for label, r in candidates:
                tried.append(f"{label}: {r['symbol']} ({r['date']})")
                ok = period is None or (
                    (period.since is None or r["date"] >= period.since - timedelta(days=1))
                    and (period.until is None or r["date"] <= period.until + timedelta(days=1))
                )
                if ok and (period is not None or frame.target.topics):
                    held[i] = True
                    return Finding(
                        claim=claim,
                        verdict=Verdict.supported if q.full else Verdict.partly_supported,
                        value_claimed=period.text if period else None,
                        value_found=f"{label}: {r['date']} {r['symbol']}",
                        convention=f"{q.convention}; {q.label}",
                        evidence=(evidence(r),),
                        queries=self._logs(results, held),
                    )
        if period is None and not frame.target.topics:
            why = "the claim gives no date or topic to compare with"
        elif beyond:
            why = f"the veto list ends {self.ends.vetoes}"
        else:
            why = None
        if why or unused or not tried:
            return Finding(
                claim=claim,
                verdict=Verdict.unverifiable,
                value_found="; ".join(tried[:3]) or None,
                notes=(why or "words of the claim were not understood",),
                queries=self._logs(results, held),
            )
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted,
            value_claimed=period.text if period else None,
            value_found="; ".join(tried[:3]),
            convention="every reading: " + "; ".join(q.label for q, _ in results),
            # what each reading found first (or last): the record's answer, shown
            evidence=tuple(
                evidence(rows[0] if frame.quant is Quant.first else rows[-1])
                for _, rows in results
                if rows
            )[:4],
            queries=self._logs(results, held),
        )

    def _first_since(self, frame, claim, results, current) -> Finding:
        """ "The first France has cast since 1980": the one before the reported event is from
        1980. "The first time since 1960 that a week saw three vetoes" is a pattern: listed."""
        held: dict[int, bool] = {}
        since = frame.time.since
        if re.search(r"\bfirst time since\b.*\bthat\b", frame.text, re.I) or not (
            frame.who(Role.vetoer, Role.subject) or re.search(r"\bfirst veto\b", frame.text, re.I)
        ):
            return self._unverifiable(
                claim, "a 'first time since' claim about a pattern of votes is listed, not checked"
            )
        # "since April": the one before falls in that month; "since 1980": in that year
        by_month = bool(
            frame.time and re.search(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
                                     frame.time.text, re.I)
        )  # fmt: skip
        anchor = current.date if current and current.date else self.as_of
        for i, (q, rows) in enumerate(results):
            before = [r for r in rows if anchor and r["date"] < anchor]
            if not before:
                continue
            prev = before[-1]
            held[i] = prev["date"].year == since.year and (
                not by_month or prev["date"].month == since.month
            )
            if held[i]:
                return Finding(
                    claim=claim,
                    verdict=Verdict.supported,
                    value_found=f"the one before: {prev['symbol']} ({prev['date']})",
                    convention=f"{q.convention}; {q.label}",
                    evidence=(evidence(prev),),
                    queries=self._logs(results, held),
                )
        prev_text = "; ".join(
            f"{[r for r in rows if anchor and r['date'] < anchor][-1]['date']} ({q.label})"
            for q, rows in results
            if [r for r in rows if anchor and r["date"] < anchor]
        )
        if frame.unused or not prev_text:
            return self._unverifiable(
                claim,
                "the previous veto is not from the year claimed; "
                "words of the claim were not understood: " + ", ".join(frame.unused[:6]),
                self._logs(results, held),
            )
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted,
            value_found=f"the one before was on {prev_text}",
            convention="every reading: " + "; ".join(q.label for q, _ in results),
            queries=self._logs(results, held),
        )

    def _every(self, frame, claim, results, beyond, unused, from_context) -> Finding:
        held: dict[int, bool] = {}
        if (
            frame.target.topics
            and frame.act is Act.veto
            and re.search(
                r"\b(?:concern\w*|(?:were|was|been) (?:about|on)|dealt with|related to|involv\w+"
                r"|protect\w*|shield\w*)\b",
                frame.text,
                re.I,
            )
        ):
            return self._every_topic(frame, claim)
        vetoers = frame.who(Role.vetoer)
        if frame.joint and frame.act is Act.veto and len(vetoers) > 1 and not frame.lone:
            return self._every_joint(frame, claim, vetoers)
        if (
            frame.act is Act.veto
            and len(vetoers) == 1
            and frame.target.topics
            and not frame.lone
            and re.search(r"\bevery\s+(?:\w+\s+){0,2}?(?:draft|text|resolution)", frame.text, re.I)
        ):
            return self._every_draft_on(frame, claim, vetoers[0])
        if frame.lone is None:
            return self._unverifiable(
                claim, "a universal claim whose predicate was not read", self._logs(results, held)
            )
        verdicts = []
        for i, (q, rows) in enumerate(results):
            known = [r for r in rows if r["no"] is not None]
            bad = [r for r in known if not (r["no"] == 1 and len(r["vetoed_by"]) == 1)]
            held[i] = bool(known) and not bad
            verdicts.append((q, rows, bad, len(rows) - len(known)))
        logs = self._logs(results, held)
        holds = [v for v in verdicts if not v[2] and v[1]]
        fails = [v for v in verdicts if v[2]]
        if holds and fails:
            q, rows, _, unknown = holds[0]
            fq, frows, bad, _ = fails[0]
            return Finding(
                claim=claim,
                verdict=Verdict.partly_supported,
                value_found=(
                    f"holds for all {len(rows)} in scope ({q.label}); "
                    f"{len(bad)} of {len(frows)} are counter-examples ({fq.label})"
                ),
                convention="lone: the only negative vote",
                evidence=tuple(evidence(r) for r in rows[:20]),
                counter_examples=tuple(evidence(r) for r in bad[:20]),
                queries=logs,
            )
        if holds and unused:  # the predicate may be in the words not read
            return self._unverifiable(
                claim,
                "words of the claim were not understood: " + ", ".join(frame.unused[:6]),
                logs,
            )
        if holds:
            q, rows, _, unknown = holds[0]
            return Finding(
                claim=claim,
                verdict=Verdict.supported,
                value_found=f"holds for all {len(rows)} in scope ({q.label})",
                convention="lone: the only negative vote",
                evidence=tuple(evidence(r) for r in rows[:20]),
                notes=((f"{unknown} without a tally",) if unknown else ()),
                queries=logs,
            )
        return self._unverifiable(claim, "the set the universal ranges over was not resolved", logs)

    def _every_draft_on(self, frame: Frame, claim: Claim, vetoer: str) -> Finding:
        """ "The US has vetoed every Council draft on Gaza since October 2023": every text on
        the topic put to the vote in the period, each checked for the member's veto."""
        topics = topic_readings(frame, self.disc)[0][0]
        since = frame.time.since if frame.time else None
        q = Query(
            f"Council texts put to the vote on {', '.join(frame.target.topics)}",
            f"SELECT {COLUMNS} FROM {RECORD} WHERE body = 'SC' AND kind IN ('draft', "
            "'resolution') AND list_has_any(topics, $topics) AND ($since IS NULL OR date >= "
            "$since) AND date <= $until ORDER BY date",
            {"topics": list(topics), "since": since, "until": self.as_of or date.max},
        )
        rows = self.run(q)
        bad = [r for r in rows if vetoer not in (r["vetoed_by"] or [])]
        scope = f"{len(rows)} texts on {', '.join(frame.target.topics)} put to the vote"
        return self._each(
            frame, claim, q, rows, bad,
            held=f"{vetoer} vetoed all {scope}",
            unread=f"{scope}; {len(bad)} not vetoed by {vetoer}",
            failed=f"{len(bad)} of {scope} were not vetoed by {vetoer} ("
            + ", ".join(f"{r['symbol'] or r['date']}: {r['outcome']}" for r in bad[:5])
            + ")",
        )  # fmt: skip

    def _each(self, frame: Frame, claim: Claim, q: Query, rows: list[dict], bad: list[dict],
              *, held: str, unread: str, failed: str,
              convention: str | None = None) -> Finding:  # fmt: skip
        """The verdict of a universal checked text by text: supported when every text in
        scope holds, contradicted by its counter-examples, unverifiable with no text in scope
        or with words of the claim not read."""
        logs = self._logs([(q, rows)], {0: bool(rows) and not bad})
        if rows and not bad:
            return Finding(
                claim=claim,
                verdict=Verdict.supported,
                value_found=held,
                convention=convention,
                evidence=tuple(evidence(r) for r in rows[:20]),
                queries=logs,
            )
        if not rows or frame.unused:
            return self._unverifiable(claim, unread, logs)
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted,
            value_found=failed,
            convention=convention,
            counter_examples=tuple(evidence(r) for r in bad[:20]),
            queries=logs,
        )

    def _every_joint(self, frame: Frame, claim: Claim, vetoers: tuple[str, ...]) -> Finding:
        """ "Every Chinese veto since 2011 was cast alongside Russia": the first state's
        vetoes in scope, each checked for the others among its vetoers."""
        first, others = vetoers[0], set(vetoers[1:])
        alone = replace(frame, actors=tuple(a for a in frame.actors if a.code == first))
        # "every British veto on southern Africa ...": the claim's own topic is the scope
        topics = topic_readings(frame, self.disc)[0][:1] if frame.target.topics else ((),)
        plan = veto_set(alone, topics, self.as_of, frame.time.since if frame.time else None,
                        self.with_ga)  # fmt: skip
        q = plan.queries[0]
        rows = self.run(q)
        bad = [r for r in rows if not others <= set(r["vetoed_by"])]
        scope = f"{len(rows)} vetoes by {first} ({q.label})"
        with_whom = " and ".join(sorted(others))
        return self._each(
            frame, claim, q, rows, bad,
            held=f"all {scope} were cast with {with_whom}",
            unread=f"{scope}; {len(bad)} without {with_whom}",
            failed=f"{len(bad)} of {scope} were cast without {with_whom}",
            convention="joint: the others among the vetoing members",
        )  # fmt: skip

    def _every_topic(self, frame: Frame, claim: Claim) -> Finding:
        """ "Every French veto cast alone concerned Namibia": the set without the topic, each
        of its vetoes checked for the topic."""
        from untally.analytics.topics import expand

        wanted: set[str] = set()
        for t in frame.target.topics:
            with contextlib.suppress(UntallyError):
                wanted |= expand(t)
        plan = veto_set(frame, ((),), self.as_of, None, self.with_ga)
        q = plan.queries[0]
        rows = self.run(q)
        if frame.lone:
            rows = [r for r in rows if r["no"] == 1 and len(r["vetoed_by"]) == 1]
        bad = [r for r in rows if not wanted & set(r["topics"])]
        scope = f"{len(rows)} {'lone ' if frame.lone else ''}vetoes ({q.label})"
        return self._each(
            frame, claim, q, rows, bad,
            held=f"all {scope} concern {', '.join(frame.target.topics)}",
            unread=f"{scope}; {len(bad)} on other topics",
            failed=f"{len(bad)} of {scope} concern other topics",
        )  # fmt: skip

    def _none(self, frame, claim, results, beyond, unused, from_context) -> Finding:
        q, rows = results[0]
        held = {0: not rows}
        if not rows:
            return Finding(
                claim=claim,
                verdict=Verdict.supported,
                value_found="0",
                convention=q.label,
                queries=self._logs(results, held),
            )
        if unused or beyond:
            return self._unverifiable(
                claim, "negative claim with words not understood", self._logs(results, held)
            )
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted,
            value_found=f"{len(rows)}",
            convention=q.label,
            evidence=tuple(evidence(r) for r in rows[:20]),
            queries=self._logs(results, held),
        )

    def _most(self, frame, claim, results, beyond, unused, from_context) -> Finding:
        """ "More vetoes than any other permanent member": every member counted in the
        claim's period (the seat's holders joined and not), the claimed one first?"""
        actors = frame.who(Role.vetoer, Role.subject)
        if not actors:
            return self._unverifiable(claim, "a rank claim that names no member")
        period = frame.time
        since = period.since if period else None
        until = period.until if period and period.until else self.as_of
        sql = (
            f"SELECT code, count(*) AS n FROM {RECORD}, unnest(vetoed_by) AS t(code) "
            "WHERE outcome = 'vetoed' AND kind <> 'amendment'"
            + (" AND date >= $since" if since else "")
            + (" AND date <= $until" if until else "")
            + " GROUP BY code ORDER BY n DESC"
        )
        params = {k: v for k, v in (("since", since), ("until", until)) if v}
        q = Query("vetoes per member", sql, params)
        counts = {r["code"]: r["n"] for r in self.run(q)}
        readings = [("members apart", counts)]
        joined = dict(counts)
        joined["SUN+RUS"] = joined.pop("SUN", 0) + joined.pop("RUS", 0)
        readings.append(("the seat's holders joined (USSR + Russia)", joined))
        held = []
        shown = []
        for label, table in readings:
            key = (
                "SUN+RUS"
                if label.startswith("the seat") and set(actors) & {"SUN", "RUS"}
                else (actors[0])
            )
            mine = table.get(key, 0)
            others = max((n for k, n in table.items() if k != key), default=0)
            shown.append(f"{key} {mine} vs next {others} ({label})")
            if mine > others:
                held.append(label)
        logs = self._qlogs([q], {0: bool(held)})
        found = "; ".join(shown)
        if held:
            return Finding(
                claim=claim,
                verdict=Verdict.supported,
                value_found=found,
                convention=f"drafts; {held[0]}",
                queries=logs,
            )
        return self.refute(
            claim,
            blocked=bool(unused or beyond),
            why="words not understood, or the period passes the record",
            found=found,
            convention="drafts; every reading",
            logs=logs,
        )
