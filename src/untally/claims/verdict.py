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

import contextlib
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from untally.claims.compile import (
    COLUMNS,
    MEMBER_VOTES_GA,
    MEMBER_VOTES_SC,
    RECORD,
    Query,
    day_window,
    decisions,
    materialize,
    veto_set,
)
from untally.claims.discourse import Discourse
from untally.claims.frame import Act, Actor, Frame, Quant, Role
from untally.claims.models import (
    Claim,
    Evidence,
    Finding,
    Kind,
    QueryLog,
    RecordEnds,
    Verdict,
)
from untally.errors import UntallyError

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


def _topic_readings(frame: Frame, disc: Discourse) -> tuple[tuple[tuple[str, ...], ...], bool]:
    """Topic sets to try: the claim's own topics (and narrower readings), else none and the
    article's topic. The second value says whether the topic came from context."""
    from untally.analytics.topics import expand

    if frame.target.topics:
        sets: list[tuple[str, ...]] = []
        for t in frame.target.topics:
            try:
                sets.append(tuple(sorted(expand(t))))
            except UntallyError:
                continue
        if "israel-related" in frame.target.topics:
            sets.append(("palestine",))
        if len(frame.target.topics) > 1:  # "on Syria and on Yemen": the union, too
            sets.append(tuple(sorted({t for x in sets for t in x})))
        return tuple(dict.fromkeys(sets)) or ((),), False
    if disc.topics:
        return ((), tuple(disc.topics)), True
    return ((),), False


class Judge:
    """Decides frames against one database; ``as_of`` is the article's date (or None)."""

    def __init__(self, con, ends: RecordEnds, as_of: date | None, with_ga: bool) -> None:
        self.con = con
        self.ends = ends
        self.as_of = as_of
        self.with_ga = with_ga
        self.disc = Discourse()
        self._votes: dict[tuple[str, str], dict[str, list[str]] | None] = {}
        self._cache: dict[tuple, list[dict]] = {}
        self._named_day: set[str] = set()  # texts voted on the day the article last named

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
            return Finding(
                claim=claim,
                verdict=Verdict.unverifiable,
                value_found=f"outside the UN voting record ({frame.outside})",
                notes=(f"not a recorded vote: {frame.outside}",),
            )
        if frame.body is None and frame.act is not Act.veto:
            current = self.disc.current()
            if current is not None:
                frame = replace(frame, body=current.body)
                claim = to_claim(frame)
        if frame.body == "GA" and not self.with_ga:
            return self._unverifiable(claim, "the General Assembly record is not loaded")
        if frame.day:
            self.disc.day = frame.day
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
                frame.quant is Quant.count
                and frame.act in (Act.vote_no, Act.vote_yes, Act.abstain)
                and frame.who(Role.voter_no, Role.voter_yes, Role.abstainer, Role.subject)
            ):
                return self.member_vote_count(frame, claim)
            if frame.quant is Quant.count and frame.act in (Act.fail, Act.adopt, Act.vote):
                return self.decision_count(frame, claim)
            return self.decision(frame, claim)
        except UntallyError as exc:
            return self._unverifiable(claim, str(exc))

    def _unverifiable(self, claim: Claim, why: str, logs: tuple[QueryLog, ...] = ()) -> Finding:
        return Finding(claim=claim, verdict=Verdict.unverifiable, notes=(why,), queries=logs)

    def _after_end(self, frame: Frame, when: date | None) -> str | None:
        end = self.end_for(frame)
        if when is not None and end is not None and when > end:
            what = "Assembly votes" if frame.body == "GA" else "the Council record"
            return f"the claim is dated {when}, after the end of {what} ({end})"
        return None

    # ------------------------------------------------------------------ vetoes as a set

    def last_m(self, frame: Frame, claim: Claim) -> Finding:
        """ "The US cast eight of the last 10 vetoes": the M most recent vetoed drafts before
        the article (with and without the event it reports), the member's share of them."""
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
        if any(held.values()):
            return Finding(
                claim=claim, verdict=Verdict.supported, value_found="; ".join(shown), queries=logs
            )
        end = self.ends.vetoes
        if frame.unused or (self.as_of and end and self.as_of > end):
            return Finding(
                claim=claim,
                verdict=Verdict.unverifiable,
                value_found="; ".join(shown),
                notes=("words not understood, or the article is dated after the veto list's end",),
                queries=logs,
            )
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted,
            value_found="; ".join(shown),
            convention="drafts; every reading",
            queries=logs,
        )

    def fraction(self, frame: Frame, claim: Claim) -> Finding:
        """ "Two thirds of Russia's vetoes since 2011 were cast on Syria": the part over the
        whole, each counted under the same readings (seat joined or not)."""
        from untally.analytics.topics import expand

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
            # "two thirds", "a third": prose fractions are round, within five points
            held[i] = share is not None and want.accepts(share, tolerance=0.05)
            shown.append(
                f"{len(part)} of {len(rows)}"
                + (f" = {share:.0%}" if rows else "")
                + f" ({q.label})"
            )
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
        if frame.unused or not results or (until and end and until > end):
            return Finding(
                claim=claim,
                verdict=Verdict.unverifiable,
                value_found="; ".join(shown),
                notes=("words not understood, or the period passes the record",),
                queries=logs,
            )
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted,
            value_claimed=want.describe(),
            value_found="; ".join(shown),
            convention="drafts; every reading",
            queries=logs,
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
        topics, from_context = _topic_readings(frame, self.disc)
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
            context_topics=tuple(self.disc.topics) if from_context else (),
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
            self.disc.count(results[0][1], results[0][0].label)
        if frame.quant is Quant.share and finding.verdict is Verdict.supported and results:
            self.disc.narrow(results[0][1], results[0][0].label)
        return finding

    def universal_over_previous(self, frame: Frame, claim: Claim, prev) -> Finding:
        """ "... and in every case it was the lone vote against": over the set just counted,
        and over the narrower set a share named, each reported."""
        results = [(Query(f"the set counted before ({prev.label})", "", {}), prev.rows)]
        if self.disc.narrowed is not None:
            n = self.disc.narrowed
            results.append((Query(f"the narrower set ({n.label})", "", {}), n.rows))
        return self._every(frame, claim, results, False, bool(frame.unused), False)

    def _period(self, frame: Frame) -> tuple[date | None, date | None]:
        p = frame.time
        return (p.since if p else None), (p.until if p and p.until else self.as_of)

    def coincidence(self, frame: Frame, claim: Claim) -> Finding:
        """ "Israel voted with the United States 97 percent of the time": every State
        Department convention is a reading; the claim holds under those that give the value."""
        from untally.analytics import coincidence as co

        a = frame.who(Role.subject)[0]
        b = frame.partner
        since, until = self._period(frame)
        if since is None and frame.time is None and self.as_of:
            # no year named: the year reported (the article's or the one before)
            since, until = date(self.as_of.year - 1, 1, 1), self.as_of
        if since is None:
            return self._unverifiable(claim, "an agreement figure with no period")
        end = self.ends.assembly
        if end is not None and until and until > end and frame.time is not None:
            return self._unverifiable(claim, f"the Assembly record ends {end}")
        want = frame.quantity
        where = co.VoteFilter(since=since, until=until)
        found = []
        held = []
        for conv in co.Convention:
            try:
                got = co.pair(self.con, a, b, conv, by=None, where=where)
            except UntallyError:
                continue
            if not got or got[0].value is None:
                continue
            value = got[0].value
            # articles round and truncate percentages: within one point of the figure
            ok = abs(value - want.value) < 0.01 + (0.01 if want.op != "eq" else 0)
            found.append(f"{value:.1%} ({conv.value})")
            if ok:
                held.append(conv.value)
        log = QueryLog(
            reading=f"{a} with {b}, {since} to {until}",
            convention="; ".join(c.value for c in co.Convention),
            sql="analytics.coincidence.pair (ga_votes, one convention per reading)",
            params={"a": a, "b": b, "since": str(since), "until": str(until)},
            rows=len(found),
            held=bool(held),
        )
        value_found = " / ".join(found) or "no recorded votes in the period"
        if held:
            classic = held[0] in ("state-dept", "state-dept-2017", "state-dept-2021")
            return Finding(
                claim=claim,
                verdict=Verdict.supported if classic or len(held) > 1 else Verdict.partly_supported,
                value_claimed=want.describe(),
                value_found=value_found,
                convention=", ".join(held),
                notes=(f"holds under {', '.join(held)}",),
                queries=(log,),
            )
        if not found or frame.unused:
            return Finding(
                claim=claim,
                verdict=Verdict.unverifiable,
                value_found=value_found,
                notes=(
                    "no convention gives the claimed figure; words of the claim "
                    "were not all understood",
                ),
                queries=(log,),
            )
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted,
            value_claimed=want.describe(),
            value_found=value_found,
            convention="every State Department and Voeten convention",
            queries=(log,),
        )

    def member_vote_count(self, frame: Frame, claim: Claim) -> Finding:
        """ "The United States voted against 72 resolutions in the Assembly in 2019"."""
        who = frame.who(Role.voter_no, Role.voter_yes, Role.abstainer, Role.subject)[0]
        letter = {Act.vote_no: "N", Act.vote_yes: "Y", Act.abstain: "A"}[frame.act]
        since, until = self._period(frame)
        if since is None:
            return self._unverifiable(claim, "a count of votes with no start date")
        body = frame.body or "GA"
        if body == "GA":
            sql = (
                "SELECT count(*) FROM ga_votes v JOIN ga_resolutions r USING (vote_id) "
                "WHERE v.member = $m AND v.vote = $v AND r.date BETWEEN $s AND $u"
            )
        else:
            sql = (
                "SELECT count(*) FROM votes v JOIN decisions d USING (decision_id) "
                "WHERE v.member = $m AND v.vote = $v AND d.date BETWEEN $s AND $u"
            )
        params = {"m": who, "v": letter, "s": since, "u": until or date.max}
        n = self.con.execute(sql, params).fetchone()[0]
        want = frame.quantity
        log = QueryLog(
            reading=f"{who} votes '{letter}', {body}, {since} to {until}",
            convention="recorded votes",
            sql=sql,
            params={k: str(v) for k, v in params.items()},
            rows=n,
            held=want.accepts(n),
        )
        end = self.ends.assembly if body == "GA" else self.end_for(frame)
        if want.accepts(n):
            return Finding(
                claim=claim,
                verdict=Verdict.supported,
                value_claimed=want.describe(),
                value_found=str(n),
                convention="recorded votes",
                queries=(log,),
            )
        if frame.unused or (until and end and until > end):
            return Finding(
                claim=claim,
                verdict=Verdict.unverifiable,
                value_found=str(n),
                notes=("words not understood, or the period passes the record's end",),
                queries=(log,),
            )
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted,
            value_claimed=want.describe(),
            value_found=str(n),
            convention="recorded votes",
            queries=(log,),
        )

    def decision_count(self, frame: Frame, claim: Claim) -> Finding:
        """ "N drafts failed / were adopted / were put to the vote" in a period or on a day."""
        want = frame.quantity
        period = frame.time
        since = frame.day or (period.since if period else None)
        until = frame.day or (period.until if period and period.until else self.as_of)
        if want is None or since is None:
            return self._unverifiable(claim, "a count of decisions with no start date")
        body = frame.body or "SC"
        readings: list[tuple[str, str]] = []
        if frame.act is Act.fail:
            readings = [
                ("failed for lack of votes (not vetoed)", "outcome = 'not_adopted'"),
                ("failed, vetoed or not", "outcome <> 'adopted'"),
            ]
            if re.search(r"\bminimum|\bnine votes|\btoo few|\benough votes", frame.text, re.I):
                readings = readings[:1]
        elif frame.act is Act.adopt:
            readings = [("adopted", "outcome = 'adopted'")]
        else:
            readings = [("put to the vote", "TRUE")]
        from untally.analytics.topics import expand

        wanted: set[str] = set()
        for t in frame.target.topics:
            with contextlib.suppress(UntallyError):
                wanted |= expand(t)
        if wanted:  # "two drafts on Venezuela": the topic first, then every topic
            readings = [
                (
                    f"{label}, on {', '.join(frame.target.topics)}",
                    cond + " AND list_has_any(topics, $topics)",
                )
                for label, cond in readings
            ] + readings
        results = []
        held: dict[int, bool] = {}
        best = None
        for i, (label, cond) in enumerate(readings):
            where = [cond, "kind IN ('draft', 'resolution')", "body = $body"]
            params: dict = {"body": body}
            if "$topics" in cond:
                params["topics"] = sorted(wanted)
            if since:
                where.append("date >= $since")
                params["since"] = since
            if until:
                where.append("date <= $until")
                params["until"] = until
            q = Query(
                f"{body} decisions {label}",
                f"SELECT {COLUMNS} FROM {RECORD} WHERE " + " AND ".join(where) + " ORDER BY date",
                params,
            )
            rows = self.run(q)
            results.append((q, rows))
            held[i] = want.accepts(len(rows))
            if held[i] and best is None:
                best = (q, rows)
        logs = self._logs(results, held)
        found = " / ".join(f"{len(rows)} ({q.label})" for q, rows in results)
        if best is not None:
            if frame.day:  # "voted on two drafts on 28 February": the texts in context now
                for r in reversed(best[1]):
                    self.disc.mention(r)
            return Finding(
                claim=claim,
                verdict=Verdict.supported,
                value_claimed=want.describe(),
                value_found=found,
                convention=best[0].label,
                evidence=tuple(evidence(r) for r in best[1][:30]),
                queries=logs,
            )
        end = self.end_for(frame)
        if frame.unused or (until and end and until > end) or frame.negated:
            return Finding(
                claim=claim,
                verdict=Verdict.unverifiable,
                value_found=found,
                notes=(
                    "words of the claim were not understood, or its period passes the record's end",
                ),
                queries=logs,
            )
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted,
            value_claimed=want.describe(),
            value_found=found,
            convention="every reading: " + "; ".join(q.label for q, _ in results),
            evidence=tuple(evidence(r) for r in results[0][1][:30]),
            queries=logs,
        )

    def _resolve_event(self, frame: Frame) -> None:
        """A count or ordinal dated to a day ("its sixth veto, on Thursday") names an event:
        remember it, so the sentences after it ("the draft drew 14 votes") resolve to it."""
        since, until = day_window(frame.day)
        q = decisions(
            frame, symbol_ids=None, since=since, until=until, body="SC", with_ga=self.with_ga
        )
        rows = [r for r in self.run(q) if r["outcome"] == "vetoed"]
        if len(rows) == 1:
            self.disc.mention(rows[0])

    def _logs(self, results, held: dict[int, bool]) -> tuple[QueryLog, ...]:
        return tuple(
            QueryLog(
                reading=q.label,
                convention=q.convention,
                sql=" ".join(q.sql.split()),
                params={k: str(v) for k, v in q.params.items()},
                rows=len(rows),
                held=held.get(i),
            )
            for i, (q, rows) in enumerate(results)
        )

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
        for i, (q, rows) in enumerate(results):
            for member_votes in (False, True):
                if member_votes and len(q.codes) == 1:
                    continue
                value = self._value(q, rows, member_votes)
                ok = want.accepts(value)
                held[i] = held.get(i, False) or ok
                conv = "member-votes" if member_votes else q.convention
                found_values.append(f"{value} ({conv}; {q.label})")
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
                notes.append("the topic is taken from the article's context")
            held_from, held_until = self._held(rows, value, q)
            return Finding(
                claim=claim,
                verdict=verdict,
                value_claimed=want.describe(),
                value_found=f"{value}",
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
            evidence=tuple(evidence(r) for _, r in []),
            queries=self._logs(results, held),
        )

    def _first_since(self, frame, claim, results, current) -> Finding:
        """ "The first Russia has cast since 1994": the one before the reported event is from
        1994. "The first time since 1972 that a month saw two vetoes" is a pattern: listed."""
        held: dict[int, bool] = {}
        since = frame.time.since
        if re.search(r"\bfirst time since\b.*\bthat\b", frame.text, re.I) or not frame.who(
            Role.vetoer, Role.subject
        ):
            return self._unverifiable(
                claim, "a 'first time since' claim about a pattern of votes is listed, not checked"
            )
        anchor = current.date if current and current.date else self.as_of
        for i, (q, rows) in enumerate(results):
            before = [r for r in rows if anchor and r["date"] < anchor]
            if not before:
                continue
            prev = before[-1]
            held[i] = prev["date"].year == since.year
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

    def _every_topic(self, frame: Frame, claim: Claim) -> Finding:
        """ "Every UK veto cast alone concerned Zimbabwe": the set without the topic, each
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
        held = {0: bool(rows) and not bad}
        logs = self._logs([(q, rows)], held)
        scope = f"{len(rows)} {'lone ' if frame.lone else ''}vetoes ({q.label})"
        if rows and not bad:
            return Finding(
                claim=claim,
                verdict=Verdict.supported,
                value_found=f"all {scope} concern {', '.join(frame.target.topics)}",
                evidence=tuple(evidence(r) for r in rows[:20]),
                queries=logs,
            )
        if not rows or frame.unused:
            return self._unverifiable(claim, f"{scope}; {len(bad)} on other topics", logs)
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted,
            value_found=f"{len(bad)} of {scope} concern other topics",
            counter_examples=tuple(evidence(r) for r in bad[:20]),
            queries=logs,
        )

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
        if unused or beyond:
            return Finding(
                claim=claim,
                verdict=Verdict.unverifiable,
                value_found=found,
                notes=("words not understood, or the period passes the record",),
                queries=logs,
            )
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted,
            value_found=found,
            convention="drafts; every reading",
            queries=logs,
        )

    # ------------------------------------------------------------------ one decision

    def _candidates(self, frame: Frame) -> tuple[list[dict], str, list[Query]]:
        """Decisions the frame may be about, and how they were found."""
        queries: list[Query] = []
        body = frame.body
        ga_title = frame.target.ga_title if body == "GA" else None
        if frame.target.symbol:
            ids = self.find(frame.target.symbol)
            q = decisions(
                frame, symbol_ids=ids, since=None, until=None, body=None, with_ga=self.with_ga
            )
            queries.append(q)
            return self.run(q), "symbol", queries
        if frame.day:
            since, until = day_window(frame.day)
            q = decisions(
                frame,
                symbol_ids=None,
                since=since,
                until=until,
                body=body,
                with_ga=self.with_ga,
                ga_title=ga_title,
            )
            queries.append(q)
            return self.run(q), "date", queries
        current = self.disc.current(body)
        if (
            current is not None
            and body == "GA"
            and frame.time
            and frame.time.since
            and current.date
            and not (frame.time.since <= current.date <= (frame.time.until or current.date))
        ):
            # "last year the resolution drew ...": the same recurring text, in that period
            title = self.con.execute(
                "SELECT title FROM ga_resolutions WHERE vote_id::VARCHAR = $id",
                {"id": current.decision_id},
            ).fetchone()
            if title and title[0]:
                pattern = "%" + title[0].split(":")[0].strip()[:60] + "%"
                q = decisions(
                    frame,
                    symbol_ids=None,
                    since=frame.time.since,
                    until=frame.time.until,
                    body="GA",
                    with_ga=self.with_ga,
                    ga_title=pattern,
                )
                queries.append(q)
                rows = self.run(q)
                if rows:
                    return rows, "title", queries
        if current is not None and (frame.target.anaphor or not frame.actors or not frame.time):
            mentioned = [d.decision_id for d in self.disc.decisions if d.body == body][:3]
            q = decisions(
                frame,
                symbol_ids=mentioned,
                since=None,
                until=None,
                body=None,
                with_ga=self.with_ga,
            )
            queries.append(q)
            rows = sorted(self.run(q), key=lambda r: mentioned.index(r["decision_id"]))
            # the other votes of that day: the paragraph may be about another text
            if current.date:
                since, until = day_window(current.date, 0)
                q2 = decisions(
                    frame,
                    symbol_ids=None,
                    since=since,
                    until=until,
                    body=body,
                    with_ga=self.with_ga,
                )
                queries.append(q2)
                rows += [r for r in self.run(q2) if r["decision_id"] not in mentioned]
            if self.disc.day and self.disc.day != current.date:
                # the day the article named last, if its texts were not resolved yet
                since, until = day_window(self.disc.day, 0)
                q3 = decisions(
                    frame,
                    symbol_ids=None,
                    since=since,
                    until=until,
                    body=body,
                    with_ga=self.with_ga,
                )
                queries.append(q3)
                seen = {r["decision_id"] for r in rows}
                named = [r for r in self.run(q3) if r["decision_id"] not in seen]
                self._named_day = {r["decision_id"] for r in named}
                rows += named
            return rows, "context", queries
        if frame.time and frame.time.since and frame.time.until:
            q = decisions(
                frame,
                symbol_ids=None,
                since=frame.time.since,
                until=frame.time.until,
                body=body,
                with_ga=self.with_ga,
                ga_title=ga_title,
            )
            queries.append(q)
            return self.run(q), "period", queries
        if ga_title and body == "GA":
            q = decisions(
                frame,
                symbol_ids=None,
                since=None,
                until=self.as_of,
                body=body,
                with_ga=self.with_ga,
                ga_title=ga_title,
                newest_first=True,
            )
            queries.append(q)
            rows = self.run(q)
            return rows[:3], "title", queries
        if self.as_of and (
            frame.tally.given()
            or (
                frame.act in (Act.veto, Act.adopt, Act.fail)
                and frame.who(Role.vetoer, Role.voter_no, Role.abstainer)
            )
        ):
            q = decisions(
                frame,
                symbol_ids=None,
                since=self.as_of - timedelta(days=10),
                until=self.as_of,
                body=body,
                with_ga=self.with_ga,
            )
            queries.append(q)
            return self.run(q), "recent", queries
        return [], "none", queries

    def find(self, symbol: str) -> list[str]:
        s = symbol.upper().replace(" ", "")
        if s.startswith("S/RES/"):
            num = s.split("/")[2].split("(")[0]
            rows = self.con.execute(
                "SELECT decision_id FROM decisions WHERE resolution LIKE $p",
                {"p": f"S/RES/{num}(%"},
            ).fetchall()
        elif s.startswith("A/"):
            if not self.with_ga:
                return []
            rows = self.con.execute(
                "SELECT vote_id::VARCHAR FROM ga_resolutions WHERE list_contains(symbols, $s) "
                "OR upper(replace(resolution, ' ', '')) = $s",
                {"s": s},
            ).fetchall()
        else:
            base = s.split("/REV")[0]
            rows = self.con.execute(
                "SELECT decision_id FROM decisions WHERE upper(draft) = $s OR upper(draft) = $b "
                "OR upper(draft) LIKE $b || '/REV%' OR upper(decision_id) = $s",
                {"s": s, "b": base},
            ).fetchall()
        return [r[0] for r in rows]

    def _score(self, frame: Frame, row: dict) -> Scored:
        s = Scored(row)
        act = frame.act
        if act is Act.veto and not frame.negated:
            vetoers = [c for c in frame.who(Role.vetoer) if c in P5]
            ok = row["outcome"] == "vetoed" and set(vetoers) <= set(row["vetoed_by"])
            s.checks.append(
                Check(
                    "vetoed",
                    f"vetoed by {', '.join(vetoers) or 'a P5 member'}",
                    f"{row['outcome']} {', '.join(row['vetoed_by'])}".strip(),
                    ok,
                )
            )
        elif act is Act.adopt:
            ok = row["outcome"] == "adopted"
            s.checks.append(Check("outcome", "adopted", row["outcome"], ok != frame.negated))
        elif act is Act.fail:
            s.checks.append(
                Check("outcome", "not adopted", row["outcome"], row["outcome"] != "adopted")
            )
        t = frame.tally
        for name in ("yes", "no", "abstain", "non_voting"):
            claimed = getattr(t, name)
            if claimed is None:
                continue
            found = row.get(name)
            s.checks.append(
                Check(
                    f"{name} votes",
                    str(claimed),
                    None if found is None else str(found),
                    None if found is None else found == claimed,
                )
            )
        roles = {
            Role.voter_yes: "yes_by",
            Role.voter_no: "no_by",
            Role.abstainer: "abstain_by",
            Role.non_voting: "non_voting_by",
        }
        for role, key in roles.items():
            codes = frame.who(role)
            if not codes:
                continue
            have = row.get(key)
            if have is None:
                # no member votes: a vetoer voted no; the count may still be checked
                if role is Role.voter_no and row["vetoed_by"]:
                    known = set(row["vetoed_by"])
                    missing = [c for c in codes if c not in known]
                    if not missing:
                        s.checks.append(
                            Check(
                                "voted against", ", ".join(codes), ", ".join(row["vetoed_by"]), True
                            )
                        )
                        continue
                if len(codes) > 1 and key != "yes_by":
                    count = row.get(
                        {"no_by": "no", "abstain_by": "abstain", "non_voting_by": "non_voting"}[key]
                    )
                    if count is not None and count != len(codes) and frame.lone:
                        s.checks.append(
                            Check(f"number {key[:-3]}", str(len(codes)), str(count), False)
                        )
                        continue
                s.checks.append(Check(key[:-3], ", ".join(codes), None, None))
                continue
            missing = [c for c in codes if c not in have]
            s.checks.append(Check(key[:-3], ", ".join(codes), ", ".join(have), not missing))
            if frame.lone and role in (Role.voter_no, Role.abstainer, Role.voter_yes):
                extra = [c for c in have if c not in codes]
                others = "other" in frame.text.lower() or "join" in frame.text.lower()
                if extra and not others:
                    s.checks.append(
                        Check(f"only {key[:-3]}", ", ".join(codes), ", ".join(have), False)
                    )
        drafters = frame.who(Role.drafter)
        if drafters:  # sponsors are not in the loaded record: listed as not checked
            s.checks.append(Check("drafted by", ", ".join(drafters), None, None))
        for vetoer in frame.who(Role.vetoer):
            if act is not Act.veto and vetoer in P5:
                s.checks.append(
                    Check("vetoed", vetoer, ", ".join(row["vetoed_by"]), vetoer in row["vetoed_by"])
                )
        if frame.all_others is not None and row.get("no") is not None:
            # "all other members supported it": the only other votes are the ones named
            named = set(frame.who(Role.voter_no, Role.abstainer, Role.non_voting, Role.vetoer))
            named |= set(frame.excepted) | set(row["vetoed_by"])
            if frame.all_others is Role.voter_yes:
                others = (row["no"] or 0) + (row["abstain"] or 0) + (row["non_voting"] or 0)
                s.checks.append(
                    Check(
                        "every other member in favour",
                        f"{len(named)} not in favour",
                        f"{others} not in favour "
                        f"({tally_text(row['yes'], row['no'], row['abstain'])})",
                        others == len(named),
                    )
                )
        q = frame.quantity
        if q is not None and q.unit == "share" and row.get("yes") is not None:
            # of all members (or the total the text names), and of those voting yes or no
            # (the Charter's "two-thirds of the members present and voting")
            bases = [("members", frame.tally.total or row.get("total_ms"))]
            if not frame.tally.total and row.get("no") is not None:
                bases.append(("present and voting", row["yes"] + row["no"]))
            shares = [(name, row["yes"] / n) for name, n in bases if n]
            if shares:
                ok = [name for name, share in shares if q.accepts(share)]
                s.checks.append(
                    Check(
                        "share in favour",
                        q.describe(),
                        "; ".join(f"{share:.0%} of {name}" for name, share in shares),
                        bool(ok),
                    )
                )
        if frame.day and row["date"]:
            close = abs((row["date"] - frame.day).days) <= 1
            s.checks.append(Check("date", str(frame.day), str(row["date"]), close))
        if frame.target.topics and row.get("topics"):
            from untally.analytics.topics import expand

            wanted = set()
            for t in frame.target.topics:
                with contextlib.suppress(UntallyError):
                    wanted |= expand(t)
            # a topic the classifier did not give is not a refutation: the topic words stay
            # listed as not used when nothing else pins the text down
            del wanted
        return s

    def decision(self, frame: Frame, claim: Claim) -> Finding:
        rows, how, queries = self._candidates(frame)
        logs_q = list(queries)
        if how == "symbol" and len(rows) == 1:
            self.disc.mention(rows[0])  # a text named by its symbol is the one in context
        claimed_day = frame.day or (frame.time.until if frame.time else None)
        if not rows:
            window_start = self.as_of - timedelta(days=10) if self.as_of else None
            late = self._after_end(frame, claimed_day) or (
                self._after_end(frame, window_start if how == "recent" else self.as_of)
                if how in ("recent", "none")
                else None
            )
            if late:
                return self._unverifiable(claim, late, self._qlogs(logs_q, {}))
            if frame.day and frame.act in (Act.veto, Act.fail, Act.adopt):
                return self._date_off(frame, claim, logs_q)
            return self._unverifiable(
                claim,
                "no recorded vote matches the claim's constraints ("
                + how
                + "); an empty result is not a refutation",
                self._qlogs(logs_q, {}),
            )
        self.member_votes(rows)
        scored = [self._score(frame, r) for r in rows]
        if frame.target.plural and how == "context":
            day = rows[0]["date"]
            same = [x for x in scored if x.row["date"] == day and x.checks]
            if same and all(not x.failed and x.passed for x in same):
                return Finding(
                    claim=claim,
                    verdict=Verdict.supported,
                    value_found="; ".join(self._describe(x) for x in same),
                    evidence=tuple(evidence(x.row) for x in same),
                    queries=self._qlogs(logs_q, {0: True}),
                )
        if not any(c.ok is not None for s in scored for c in s.checks):
            if how in ("symbol",) and len(rows) == 1 and frame.act is not None:
                self.disc.mention(rows[0])
            unchecked = sorted({f"{c.what} ({c.claimed})" for s in scored for c in s.checks})
            why = "nothing in the claim could be checked against the record"
            if unchecked:
                why += ": the sources give no " + ", ".join(unchecked)
            return self._unverifiable(claim, why, self._qlogs(logs_q, {}))
        words = _words(frame.sentence)
        overlap = {id(x): len(words & _words(x.row.get("title") or "")) for x in scored}
        scored.sort(key=lambda s: (len(s.failed), -len(s.passed), -overlap[id(s)]))
        best = scored[0]
        # several texts voted that day and only one shares the sentence's words: that one
        by_title = (
            how == "date"
            and overlap[id(best)] > 0
            and all(overlap[id(x)] < overlap[id(best)] for x in scored[1:] if not x.failed)
        )
        first = (
            scored[0]
            if how != "context"
            else next(
                (s for s in scored if s.row["decision_id"] == rows[0]["decision_id"]), scored[0]
            )
        )
        good = not best.failed and best.passed
        unchecked = [f"{c.what} ({c.claimed})" for c in best.unknown]
        notes = [f"not checked: {', '.join(unchecked)}"] if unchecked else []
        if frame.unused:
            notes.append("words not used by the parse: " + ", ".join(frame.unused[:8]))
        if frame.quant is Quant.ordinal and frame.quantity and best.row["body"] == "GA" and good:
            return self._ga_ordinal(frame, claim, best, logs_q, notes)
        if frame.quant in (
            Quant.first,
            Quant.last,
            Quant.every,
            Quant.none,
            Quant.most,
            Quant.ordinal,
        ):
            return Finding(
                claim=claim,
                verdict=Verdict.unverifiable,
                value_found=self._describe(best),
                evidence=(evidence(best.row),),
                notes=(
                    f"a '{frame.quant.value}' claim about decisions is listed, not checked, "
                    "in this version",
                    *notes,
                ),
                queries=self._qlogs(logs_q, {}),
            )
        logs = self._qlogs(logs_q, {0: bool(good)})
        if good:
            mentioned = {d.decision_id for d in self.disc.decisions} | self._named_day
            if (
                how == "context"
                and best is not first
                and first.failed
                and best.row["decision_id"] not in mentioned
            ):
                # true of another text voted that day, false of the one the article names
                return Finding(
                    claim=claim,
                    verdict=Verdict.partly_supported,
                    value_found=self._describe(best) + " (another text voted that day)",
                    evidence=(evidence(best.row), evidence(first.row, "the text in context")),
                    notes=(
                        f"false of {first.row['symbol']}: "
                        + "; ".join(f"{c.what} {c.found}" for c in first.failed),
                        *notes,
                    ),
                    queries=logs,
                )
            confident = (
                [c for c in best.passed if c.what != "date"]
                or how == "symbol"
                or (how == "date" and len([s for s in scored if not s.failed]) == 1)
                or by_title
            )
            if confident and (how in ("symbol", "date", "context", "title") or len(rows) == 1):
                self.disc.mention(best.row)
            if how in ("period", "recent") and len([s for s in scored if not s.failed]) > 1:
                notes.append("several recorded votes fit; the first is shown")
            return Finding(
                claim=claim,
                verdict=Verdict.supported,
                value_found=self._describe(best),
                evidence=(evidence(best.row),),
                notes=tuple(notes),
                queries=logs,
            )
        if frame.quant is not Quant.exists or frame.negated or frame.target.anaphor is None:
            return Finding(
                claim=claim,
                verdict=Verdict.unverifiable,
                value_found=self._describe(best),
                evidence=(evidence(best.row),),
                notes=(
                    "the claim quantifies over decisions (first, every, a count) or is "
                    "negated; only single votes are checked in this version",
                    *notes,
                ),
                queries=self._qlogs(logs_q, {}),
            )
        # nothing fits entirely
        date_only = [c for c in best.failed if c.what == "date"]
        event_act = frame.act in (Act.veto, Act.adopt, Act.fail, Act.vote_no, Act.vote_yes)
        if date_only and len(best.failed) == 1 and not frame.unused and event_act:
            return self._date_off(frame, claim, logs_q, best.row)
        certain = how in ("symbol", "context") or (how == "date" and len(rows) == 1)
        if how in ("symbol",) or (how == "date" and len(rows) == 1):
            self.disc.mention(best.row)
        partial = [c for c in best.passed]
        if (certain and not frame.unused and partial) or (certain and how == "symbol"):
            return Finding(
                claim=claim,
                verdict=Verdict.contradicted,
                value_found=self._describe(best),
                evidence=(evidence(best.row),),
                notes=(
                    "; ".join(
                        f"claimed {c.what} {c.claimed}, the record has {c.found}"
                        for c in best.failed
                    ),
                    *notes,
                ),
                queries=self._qlogs(logs_q, {0: False}),
            )
        return Finding(
            claim=claim,
            verdict=Verdict.unverifiable,
            value_found=self._describe(best),
            evidence=(evidence(best.row),),
            notes=(
                "the text the claim is about was not identified with certainty; closest: "
                + "; ".join(f"{c.what} {c.found}" for c in best.failed),
                *notes,
            ),
            queries=self._qlogs(logs_q, {}),
        )

    def _ga_ordinal(self, frame, claim, best, logs_q, notes) -> Finding:
        """ "For the 22nd time, the Assembly voted ...": the recurring text's votes to date."""
        want = int(frame.quantity.value)
        title = frame.target.ga_title
        if not title:
            core = (best.row["title"] or "").split(" : ")[0].strip()
            title = f"%{core[:80]}%" if len(core) > 20 else None
        if not title:
            return self._unverifiable(claim, "the recurring text could not be named by its title")
        q = Query(
            "Assembly votes on the same text, to this one",
            "SELECT resolution AS symbol, date, yes, no, abstain, url FROM ga_resolutions "
            "WHERE title ILIKE $title AND date <= $until ORDER BY date",
            {"title": title, "until": best.row["date"]},
        )
        rows = self.run(q)
        # parts A/B of one resolution are one text: count distinct dates
        n = len({r["date"] for r in rows})
        logs = self._qlogs([*logs_q, q], {len(logs_q): n == want})
        named = title.strip("%")[:60]
        found = f"{n} recorded votes on texts titled like '{named}' to {best.row['date']}"
        if n == want:
            return Finding(
                claim=claim,
                verdict=Verdict.supported,
                value_claimed=f"the {want}th",
                value_found=found,
                evidence=(evidence(best.row),),
                notes=tuple(notes),
                queries=logs,
            )
        return Finding(
            claim=claim,
            verdict=Verdict.unverifiable,
            value_claimed=f"the {want}th",
            value_found=found,
            evidence=(evidence(best.row),),
            notes=(
                "the count depends on how the recurring text is named (titles "
                "change over the years); not a refutation",
                *notes,
            ),
            queries=logs,
        )

    def _date_off(self, frame: Frame, claim: Claim, logs_q: list[Query], row: dict | None = None):
        """A dated event the record has on another day: contradicted only if unique."""
        if row is None:
            relaxed = Frame(**{**frame.__dict__, "day": None, "time": None})
            day = frame.day
            q = decisions(
                relaxed,
                symbol_ids=None,
                since=day - timedelta(days=90),
                until=day + timedelta(days=90),
                body=frame.body,
                with_ga=self.with_ga,
            )
            logs_q.append(q)
            rows = self.run(q)
            drafters = frame.who(Role.drafter)
            if len(rows) != 1 or (frame.unused and not drafters):
                return self._unverifiable(
                    claim,
                    f"no recorded vote of that kind on {frame.day}; "
                    + (f"{len(rows)} near it" if rows else "none near it")
                    + " (an empty result is not a refutation)",
                    self._qlogs(logs_q, {}),
                )
            row = rows[0]
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted,
            value_claimed=str(frame.day),
            value_found=f"{row['symbol']} on {row['date']}",
            evidence=(evidence(row),),
            notes=(f"the record dates this vote {row['date']}, not {frame.day}",),
            queries=self._qlogs(logs_q, {0: False}),
        )

    def _qlogs(self, queries: list[Query], held: dict[int, bool]) -> tuple[QueryLog, ...]:
        return tuple(
            QueryLog(
                reading=q.label,
                convention=q.convention,
                sql=" ".join(q.sql.split()),
                params={k: str(v) for k, v in q.params.items()},
                rows=None,
                held=held.get(i),
            )
            for i, q in enumerate(queries)
        )

    @staticmethod
    def _describe(s: Scored) -> str:
        r = s.row
        tally = tally_text(r["yes"], r["no"], r["abstain"]) or "no tally"
        out = f"{r['symbol']} {r['date']}: {r['outcome'].replace('_', ' ')} {tally}"
        if r["vetoed_by"]:
            out += f" (vetoed by {', '.join(r['vetoed_by'])})"
        for key in ("no_by", "abstain_by"):
            if r.get(key):
                out += f"; {key[:-3]}: {', '.join(r[key][:12])}"
        return out


def _words(text: str) -> set[str]:
    """Content words for matching a sentence to a title ("racism" in both)."""
    from untally.claims.grammar import STOP

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
        "quantifier": frame.quant.value,
        "quantity": frame.quantity.describe() if frame.quantity else None,
        "tally": frame.tally.text() or None,
        "negated": frame.negated,
        "lone": frame.lone,
        "unused_words": list(frame.unused),
    }


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
