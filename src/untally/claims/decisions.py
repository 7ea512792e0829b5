"""Claims about one vote (or a count of votes): which text the sentence is about (its
symbol, its day, the text in context, a recurring Assembly title), then every detail of it
checked against that text: outcome, tally, who voted how, shares of the vote."""

from __future__ import annotations

import contextlib
import re
from datetime import date, timedelta

from untally.claims.compile import (
    COLUMNS,
    RECORD,
    Query,
    day_window,
    decisions,
    failed_with_no_votes,
    in_period,
    members_votes_in_period,
)
from untally.claims.findings import (
    P5,
    Check,
    Scored,
    content_words,
    evidence,
    tally_text,
)
from untally.claims.frame import Act, Frame, Quant, Role
from untally.claims.judgebase import JudgeBase
from untally.claims.models import (
    Claim,
    Finding,
    QueryLog,
    Verdict,
)
from untally.errors import UntallyError

# How articles name an agreement convention ("the State Department's classic method, which
# counts only yes and no votes"): the convention a claim names is the reading it asks for.
NAMED_CONVENTIONS = (
    (re.compile(r"\bclassic\b|\bonly (?:the )?yes(?:\s+and\s+|-and-|\s+or\s+)no votes\b"
                r"|\bexcluding abstentions\b|\bleaving out abstentions\b", re.I), "state-dept"),
    (re.compile(r"\bagreement index\b", re.I), "agreement-index"),
)  # fmt: skip


def named_convention(text: str) -> str | None:
    """The agreement convention a claim's own words name, if any."""
    return next((conv for pattern, conv in NAMED_CONVENTIONS if pattern.search(text)), None)


def sd_counts_partial(year: int) -> bool:
    """Whether the report for ``year`` keeps partial votes in its denominator (from 2017)."""
    from untally.analytics import statedept as sd

    return not sd.era_of(year).partner_yes_no_only


class DecisionClaims(JudgeBase):
    """Mixed into :class:`~untally.claims.verdict.Judge`: the vote-level verdicts."""

    def _period(self, frame: Frame) -> tuple[date | None, date | None]:
        p = frame.time
        return (p.since if p else None), (p.until if p and p.until else self.as_of)

    def coincidence(self, frame: Frame, claim: Claim) -> Finding:
        """ "Israel voted with the United States 97 percent of the time": every State
        Department convention is a reading; the claim holds under those that give the value."""
        from untally.analytics import coincidence as co

        a = frame.who(Role.subject)[0]
        b = frame.partner
        assert b is not None  # Judge.judge checks
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
        assert want is not None  # the grammar reads a partner with its share
        if "opposed" in frame.conventions:
            return self._opposition(frame, claim, a, b, since, until, want)
        where = co.VoteFilter(since=since, until=until)
        found = []
        held = []
        report = self._report_reading(frame, a, b, since, until)
        if report is not None:  # the State Department's own method for that year, first
            found.append(f"{report.printed} ({report.convention}: {report.method})")
            value = report.value
            if value is not None and abs(value - want.value) < 0.01 + (
                0.01 if want.op != "eq" else 0
            ):
                held.append(report.convention)
        try:  # one vote matrix of the two states, every convention computed on it
            m = self.memo(("ga-matrix", since, until), lambda: co.load_matrix(self.con, where))
            keep = [m.members.index(c) for c in (a, b)]
            pair = co.VoteMatrix((a, b), m.vote_ids, m.years, m.sessions, m.codes[:, keep], None)
        except (UntallyError, ValueError):
            pair = None
        for conv in co.Convention:
            if pair is None or conv is co.Convention.state_dept_report:
                continue  # the report's figure is read above, with its own universe of votes
            c = co.coincidence_matrix(pair, conv, None).get(a, b, 0)
            if not c.n_both or c.value is None:
                continue
            value = c.value
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
            classic = held[0] in (
                "state-dept-report",
                "state-dept",
                "state-dept-2017",
                "state-dept-2021",
            )
            # the year's own report is the reading of record: a figure it does not give holds
            # only in part, whatever other convention gives it
            named = named_convention(claim.text)
            off_report = report is not None and report.convention not in held
            whole = ((classic or len(held) > 1) and not off_report) or named in held
            return Finding(
                claim=claim,
                verdict=Verdict.supported if whole else Verdict.partly_supported,
                value_claimed=want.describe(),
                value_found=value_found,
                convention=", ".join(held),
                notes=(
                    f"holds under {', '.join(held)}",
                    *(
                        [f"the {report.year} report's method: {report.method}"]
                        if report is not None and held[0] == report.convention
                        else []
                    ),
                    *(
                        [
                            f"the {report.year} report's own method gives {report.printed}, "
                            "not the claimed figure"
                            + (
                                f"; the claim names {named}, under which it holds"
                                if named in held
                                else ""
                            )
                        ]
                        if report is not None and off_report
                        else []
                    ),
                ),
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

    def _opposition(self, frame, claim, a, b, since, until, want) -> Finding:
        """ "Russia opposed the United States on most recorded votes that year": the share of
        votes on which the two voted opposite ways, under the year's report (opposite over
        the votes its method counts) and the classic method (opposite over yes/no votes)."""
        from untally.analytics import coincidence as co

        found, held = [], []
        report = self._report_reading(frame, a, b, since, until)
        if report is not None:
            counted = (
                report.identical
                + report.opposite
                + (report.partial if sd_counts_partial(report.year) else 0)
            )
            if counted:
                share = report.opposite / counted
                found.append(f"{report.opposite} of {counted} = {share:.0%} (state-dept-report)")
                if want.accepts(share, tolerance=0.01):
                    held.append("state-dept-report")
        where = co.VoteFilter(since=since, until=until)
        try:
            (c,) = co.pair(self.con, a, b, co.Convention.state_dept, by=None, where=where)
        except (UntallyError, ValueError):
            c = None
        if c is not None and c.value is not None and c.n_votes:
            share = 1 - c.value
            found.append(f"{share:.1%} of {c.n_votes} yes/no votes (state-dept)")
            if want.accepts(share, tolerance=0.01):
                held.append("state-dept")
        log = QueryLog(
            reading=f"{a} against {b}, {since} to {until}",
            convention="state-dept-report; state-dept",
            sql="analytics.coincidence.pair / Record.report_agreement (opposite votes)",
            params={"a": a, "b": b, "since": str(since), "until": str(until)},
            rows=len(found),
            held=bool(held),
        )
        value_found = " / ".join(found) or "no recorded votes in the period"
        if held:
            return Finding(
                claim=claim,
                verdict=Verdict.supported,
                value_claimed=want.describe(),
                value_found=value_found,
                convention=", ".join(held),
                queries=(log,),
            )
        if not found or frame.unused:
            return self._unverifiable(claim, "no convention gives the claimed share", (log,))
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted,
            value_claimed=want.describe(),
            value_found=value_found,
            convention="state-dept-report; state-dept",
            queries=(log,),
        )

    def _report_reading(self, frame: Frame, a: str, b: str | None, since, until):
        """The figure of the State Department's report for the claim's calendar year (its
        universe, scoring and rounding), when the claim is about one year and the US."""
        if (
            self.record is None
            or since is None
            or until is None
            or since.year != until.year
            or "USA" not in (a, b)
        ):
            return None
        other = b if a == "USA" else a
        if other is None:
            return None
        try:
            record, year = self.record, since.year
            return self.memo(
                ("report", other, year),
                lambda: record.report_agreement(other, year, partner="USA"),
            )
        except UntallyError:
            return None

    def member_vote_rank(self, frame: Frame, claim: Claim) -> Finding:
        """ "In 2023 the United States voted no more often than any other member": every
        member's count of that vote in the period, and where the state stands."""
        who = frame.who(Role.voter_no, Role.voter_yes, Role.abstainer, Role.subject)[0]
        assert frame.act is not None  # Judge.judge checks
        letter = {Act.vote_no: "N", Act.vote_yes: "Y", Act.abstain: "A"}[frame.act]
        since, until = self._period(frame)
        if since is None:
            return self._unverifiable(claim, "a ranking of votes with no period")
        body = frame.body or "GA"
        table, key, parent = (
            ("ga_votes", "vote_id", "ga_resolutions")
            if body == "GA"
            else ("votes", "decision_id", "decisions")
        )
        sql = (
            f"SELECT v.member, count(*) AS n FROM {table} v JOIN {parent} r USING ({key}) "
            "WHERE v.vote = $v AND r.date BETWEEN $s AND $u GROUP BY 1 ORDER BY 2 DESC, 1"
        )
        params = {"v": letter, "s": since, "u": until or date.max}
        rows = self.con.execute(sql, params).fetchall()
        counts = dict(rows)
        mine = counts.get(who, 0)
        top = rows[0][1] if rows else 0
        leaders = [m for m, n in rows if n == top]
        shown = ", ".join(f"{m} {n}" for m, n in rows[:5])
        log = QueryLog(
            reading=f"every member's votes '{letter}', {body}, {since} to {until}",
            convention="recorded votes",
            sql=sql,
            params={k: str(v) for k, v in params.items()},
            rows=len(rows),
            held=bool(rows) and mine == top and leaders == [who],
        )
        if rows and mine == top:
            return Finding(
                claim=claim,
                verdict=Verdict.supported if leaders == [who] else Verdict.partly_supported,
                value_found=f"{who} {mine}; most: {shown}",
                convention="recorded votes",
                notes=(() if leaders == [who] else (f"tied with {', '.join(leaders)}",)),
                queries=(log,),
            )
        end = self.ends.assembly if body == "GA" else self.end_for(frame)
        return self.refute(
            claim,
            blocked=bool(not rows or frame.unused or (until and end and until > end)),
            why="words not understood, or the period passes the record's end",
            found=f"{who} {mine}; most: {shown}",
            claimed="the most",
            convention="recorded votes",
            logs=(log,),
        )

    def member_vote_count(self, frame: Frame, claim: Claim) -> Finding:
        """ "Canada voted against 40 resolutions in the Assembly in 2015"."""
        who = frame.who(Role.voter_no, Role.voter_yes, Role.abstainer, Role.subject)[0]
        assert frame.act is not None  # Judge.judge checks (one of the three below)
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
        n = self.con.execute(sql, params).fetchall()[0][0]  # a count: one row
        want = frame.quantity
        assert want is not None  # a count frame carries its number
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
        return self.refute(
            claim,
            blocked=bool(frame.unused or (until and end and until > end)),
            why="words not understood, or the period passes the record's end",
            found=str(n),
            claimed=want.describe(),
            convention="recorded votes",
            logs=(log,),
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
        if wanted and body == "GA":
            # the Assembly's votes carry none of the Council's topics here: a count "on
            # Israel" would be read as zero and refute a claim it never checked
            return self._unverifiable(
                claim,
                f"a count of Assembly texts on {', '.join(frame.target.topics)}: Assembly votes "
                "are not classified by topic in the claim checker; not checked",
            )
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
            in_period(where, params, since, until)
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
        # only counts that take in adopted resolutions can miss the ones the record lacks
        missing = (
            self._missing_resolutions(since, until)
            if body == "SC" and frame.act is not Act.fail
            else 0
        )
        most = max(len(rows) for _, rows in results)
        if missing and want.high > most and want.low <= most + missing:
            # the record lacks resolutions numbered in the period: a count it cannot reach
            # may still be right
            return self._unverifiable(
                claim,
                f"the record lacks {missing} resolution number(s) in this period; "
                f"the sources hold {found}",
                logs,
            )
        return self.refute(
            claim,
            blocked=bool(frame.unused or (until and end and until > end) or frame.negated),
            why="words of the claim were not understood, or its period passes the record's end",
            found=found,
            claimed=want.describe(),
            convention="every reading: " + "; ".join(q.label for q, _ in results),
            evidence=tuple(evidence(r) for r in results[0][1][:30]),
            logs=logs,
        )

    def _missing_resolutions(self, since: date, until: date | None) -> int:
        """Council resolution numbers the sources lack that may fall in the period: between
        the last resolution before it and the first after it (S/RES numbers run without
        gaps, so a gap is a resolution not loaded)."""
        num = "regexp_extract(resolution, 'S/RES/(\\d+)', 1)"
        base = (
            f"SELECT {num}::INTEGER AS n, date FROM decisions WHERE body = 'SC' "
            f"AND kind = 'resolution' AND {num} <> ''"
        )
        lo, hi, first, last = self.con.execute(
            f"WITH r AS ({base}) SELECT (SELECT max(n) FROM r WHERE date < $s), "
            "(SELECT min(n) FROM r WHERE date > $u), "
            "(SELECT min(n) FROM r WHERE date BETWEEN $s AND $u), "
            "(SELECT max(n) FROM r WHERE date BETWEEN $s AND $u)",
            {"s": since, "u": until or date.max},
        ).fetchall()[0]
        if first is None:
            return 0
        lo = (lo + 1) if lo is not None else first
        hi = (hi - 1) if hi is not None else last
        held = self.con.execute(
            f"WITH r AS ({base}) SELECT count(DISTINCT n) FROM r WHERE n BETWEEN $a AND $b",
            {"a": lo, "b": hi},
        ).fetchall()[0][0]
        return int(hi - lo + 1 - held)

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
            and (frame.target.anaphor or not ga_title)  # "a resolution on X" names its own
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
        if frame.later is not None and current is not None and current.date:
            # "a month later Russia and China blocked ...": around that many days after the
            # text in context (an eighth of the gap, at least four days, either side: "six
            # weeks later" is 37-47 days, "a year later" 320-410)
            slack = max(4, frame.later // 8)
            since = current.date + timedelta(days=frame.later - slack)
            until = current.date + timedelta(days=frame.later + slack)
            q = decisions(
                frame, symbol_ids=None, since=since, until=until, body=body, with_ga=self.with_ga
            )
            queries.append(q)
            rows = self.run(q)
            if rows:
                return rows, "later", queries
        elsewhere = bool(  # the claim's own period leaves out the text in context
            current is not None
            and frame.time
            and frame.time.since
            and current.date
            and not (frame.time.since <= current.date <= (frame.time.until or current.date))
        )
        if (
            current is not None
            and (frame.target.anaphor or not frame.actors or not frame.time)
            and not (elsewhere and not frame.target.anaphor)
        ):
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
                day_rows = self._on_day(frame, current.date, body, queries)
                rows += [r for r in day_rows if r["decision_id"] not in mentioned]
            if self.disc.day and self.disc.day != current.date:
                # the day the article named last, if its texts were not resolved yet
                seen = {r["decision_id"] for r in rows}
                day_rows = self._on_day(frame, self.disc.day, body, queries)
                named = [r for r in day_rows if r["decision_id"] not in seen]
                self._named_day = {r["decision_id"] for r in named}
                rows += named
            t = frame.tally
            if (
                t.yes is not None
                and t.no is not None
                and current.date
                and self.as_of
                and not any(r.get("yes") == t.yes and r.get("no") == t.no for r in rows)
            ):
                # "Six weeks later it passed 153 to 10": a full tally the text in context does
                # not have names a later vote; the vote with that tally, after it, is the one
                q = decisions(
                    frame,
                    symbol_ids=None,
                    since=current.date,
                    until=self.as_of,
                    body=body,
                    with_ga=self.with_ga,
                )
                queries.append(q)
                later = [r for r in self.run(q)
                         if r.get("yes") == t.yes and r.get("no") == t.no
                         and (t.abstain is None or r.get("abstain") == t.abstain)]  # fmt: skip
                if len(later) == 1:
                    return later, "tally", queries
            return rows, "context", queries
        if current is None and self.disc.day and not frame.time and frame.act is not None:
            # nothing resolved yet, but the article named a day: the votes of that day
            rows = self._on_day(frame, self.disc.day, body, queries)
            if rows:
                return rows, "date", queries
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

    def _on_day(self, frame: Frame, day, body: str | None, queries: list[Query]) -> list[dict]:
        """The votes of one day (the frame's act still filters them), logged in ``queries``."""
        since, until = day_window(day, 0)
        q = decisions(
            frame, symbol_ids=None, since=since, until=until, body=body, with_ga=self.with_ga
        )
        queries.append(q)
        return self.run(q)

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
                if key != "yes_by" and frame.lone and (len(codes) > 1 or role is Role.abstainer):
                    # "Bulgaria was the only member to abstain": the tally says how many did
                    count = row.get(
                        {"no_by": "no", "abstain_by": "abstain", "non_voting_by": "non_voting"}[key]
                    )
                    if count is not None:
                        s.checks.append(
                            Check(
                                f"number {key[:-3]}",
                                str(len(codes)),
                                str(count),
                                count == len(codes),
                            )
                        )
                        if count != len(codes):
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
                not_yes = (row["no"] or 0) + (row["abstain"] or 0) + (row["non_voting"] or 0)
                s.checks.append(
                    Check(
                        "every other member in favour",
                        f"{len(named)} not in favour",
                        f"{not_yes} not in favour "
                        f"({tally_text(row['yes'], row['no'], row['abstain'])})",
                        not_yes == len(named),
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
        elif (
            frame.target.symbol
            and frame.time
            and frame.time.since
            and frame.time.until
            and (frame.time.until - frame.time.since).days <= 366
            and row["date"]
        ):  # "May 1990: Haiti (SCR 600)": the month the text gives
            inside = frame.time.since <= row["date"] <= frame.time.until
            s.checks.append(Check("date", frame.time.text, str(row["date"]), inside))
        return s

    def decision(self, frame: Frame, claim: Claim) -> Finding:
        finding = self._event(frame, claim)
        if finding.verdict is not Verdict.supported and frame.act is Act.veto:
            return self._no_without_votes(frame, claim) or finding
        if finding.verdict is Verdict.unverifiable:
            return self._never_in_period(frame, claim) or finding
        return finding

    def _never_in_period(self, frame: Frame, claim: Claim) -> Finding | None:
        """ "China abstained in 2008": false when the record has China's vote on every Council
        decision of 2008 (member votes, or its veto) and none is the claimed one."""
        letters = {Act.abstain: "A", Act.vote_yes: "Y", Act.vote_no: "N"}
        role = {
            Act.abstain: Role.abstainer,
            Act.vote_yes: Role.voter_yes,
            Act.vote_no: Role.voter_no,
        }
        period = frame.time
        if (
            frame.act not in letters
            or frame.body not in (None, "SC")
            or frame.quant is not Quant.exists
            or frame.negated
            or frame.unused
            or frame.day
            or frame.target.symbol
            or frame.target.anaphor
            or frame.target.topics
            or period is None
            or period.since is None
            or period.until is None
        ):
            return None
        codes = list(frame.who(role[frame.act]))
        end = self.end_for(frame)
        if not codes or end is None or period.until > end:
            return None
        q = members_votes_in_period(codes, period.since, period.until)
        rows = self.run(q)
        if not rows:
            return None
        want = letters[frame.act]
        for code in codes:
            sat = False  # sat on the Council in the period: it voted on something
            for r in rows:
                votes = dict(x.split(":") for x in r["named"] or [])
                vote = votes.get(code) or ("N" if code in (r["vetoed_by"] or []) else None)
                if vote is None and not r["has_votes"]:
                    return None  # a decision whose votes the sources do not give
                if vote == want:
                    return None  # the event exists: the ordinary path judges it
                sat = sat or vote is not None
            if not sat:
                return None
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted,
            value_claimed=f"{', '.join(codes)}: {frame.act.value} {period.text}".strip(),
            value_found=f"no such vote among the {len(rows)} Council decisions of the period",
            notes=(
                f"the record has the vote of {', '.join(codes)} on every one of the "
                f"{len(rows)} decisions from {period.since} to {period.until}",
            ),
            queries=self._qlogs([q], {0: False}),
        )

    def _no_without_votes(self, frame: Frame, claim: Claim) -> Finding | None:
        """ "Vetoed by the US, France and the UK" of a draft that had too few votes: they voted
        no, but a draft short of nine votes fails whatever the permanent members do."""
        codes = [c for c in frame.who(Role.vetoer) if c in P5]
        if not codes or frame.negated or frame.day is None or frame.quant is not Quant.exists:
            return None
        q = failed_with_no_votes(codes, *day_window(frame.day))
        rows = self.run(q)
        if len(rows) != 1:
            return None
        row = rows[0]
        self.disc.mention(row)
        needed = 7 if row.get("total_ms") == 11 else 9  # 11 members and 7 votes before 1966
        notes = [
            f"{', '.join(codes)} voted no, but the draft had {row['yes']} votes in favour, short "
            f"of the {needed} it needed: it failed for lack of votes, and a negative vote is a "
            "veto only on a draft that would otherwise have passed (Charter Art. 27(3))"
        ]
        if row["date"] != frame.day:
            notes.append(
                f"the record dates this vote {row['date']}, not "
                f"{frame.day or (frame.time.text if frame.time else 'as claimed')}"
            )
        return Finding(
            claim=claim,
            verdict=Verdict.contradicted,
            value_claimed=f"vetoed by {', '.join(codes)}",
            value_found=self._describe(Scored(row)),
            evidence=(evidence(row),),
            notes=tuple(notes),
            queries=self._qlogs([q], {0: False}),
        )

    def _event(self, frame: Frame, claim: Claim) -> Finding:
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
        words = content_words(frame.sentence)
        overlap = {id(x): len(words & content_words(x.row.get("title") or "")) for x in scored}
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
        if (
            best.row["body"] == "GA"
            and frame.quant in (Quant.every, Quant.first)
            and frame.act in (Act.vote_no, Act.vote_yes, Act.abstain)
            and frame.who(Role.voter_no, Role.voter_yes, Role.abstainer, Role.subject)
            and re.search(
                r"\b(?:every|each) (?:year|session|time)\b|\bannually\b|\byear after year\b"
                r"|\bfor the first time\b",
                frame.text,
                re.I,
            )
        ):
            return self._ga_recurring(frame, claim, best, logs_q, notes)
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
            unique_fit = len([s for s in scored if not s.failed]) == 1
            if confident and (
                how in ("symbol", "date", "context", "title") or len(rows) == 1 or unique_fit
            ):
                # "In November 2019 the resolution passed with 187 votes": the one vote of the
                # period the claim fits is the text the next sentences are about
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
        certain = (
            how in ("symbol", "context")
            or (how == "date" and len(rows) == 1)
            # "the Cuba text" in 2019: one vote of the period bears the title the claim names
            or (how in ("period", "title") and len(rows) == 1 and bool(frame.target.ga_title))
        )
        if how in ("symbol",) or (how == "date" and len(rows) == 1):
            self.disc.mention(best.row)
        partial = [c for c in best.passed]
        current = self.disc.current(best.row["body"])
        just_named = (  # "that draft", right after the sentence that named it
            how == "context"
            and frame.target.anaphor
            and current is not None
            and current.decision_id == best.row["decision_id"]
            and self.disc.sentence - current.sentence <= 1
        )
        title = frame.target.ga_title
        titled = bool(  # "the Cuba text": the claim names the title of the text in context
            how == "context"
            and title
            and re.search(
                ".*".join(re.escape(p) for p in title.split("%")),
                best.row.get("title") or "",
                re.I,
            )
        )
        if (certain and not frame.unused and (partial or just_named or titled)) or (
            certain and how == "symbol"
        ):
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

    def _recurring_title(self, frame: Frame, best) -> str | None:
        """The title pattern of a text the Assembly votes on every year: the claim's own, else
        the core of the title of the vote found (before the Library's ": resolution" tail)."""
        if frame.target.ga_title:
            return frame.target.ga_title
        core = (best.row["title"] or "").split(" : ")[0].strip()
        return f"%{core[:80]}%" if len(core) > 20 else None

    def _ga_recurring(self, frame, claim, best, logs_q, notes) -> Finding:
        """ "Washington has voted against the Cuba resolution every year since 1992", "in 2016,
        for the first time, the United States abstained": a state's vote on every yearly vote
        of a recurring text."""
        title = self._recurring_title(frame, best)
        if not title:
            return self._unverifiable(claim, "the recurring text could not be named by its title")
        who = frame.who(Role.voter_no, Role.voter_yes, Role.abstainer, Role.subject)[0]
        letter = {Act.vote_no: "N", Act.vote_yes: "Y", Act.abstain: "A"}[frame.act]
        word = {"N": "no", "Y": "yes", "A": "abstain", "X": "absent", None: "no row"}
        period = frame.time
        since = period.since if period and frame.quant is Quant.every else None
        until = self.as_of or date.max
        q = Query(
            f"{who}'s vote on every Assembly vote on the same text",
            "SELECT r.resolution AS symbol, r.date, r.yes, r.no, r.abstain, r.url, v.vote "
            "FROM ga_resolutions r LEFT JOIN ga_votes v ON v.vote_id = r.vote_id "
            "AND v.member = $m WHERE r.title ILIKE $title AND r.date <= $until "
            "AND ($since IS NULL OR r.date >= $since) ORDER BY r.date",
            {"m": who, "title": title, "until": until, "since": since},
        )
        rows = self.run(q)
        named = title.strip("%")[:60]
        if frame.quant is Quant.every:
            bad = [r for r in rows if r["vote"] != letter]
            held = bool(rows) and not bad
            logs = self._qlogs([*logs_q, q], {len(logs_q): held})
            scope = f"{len(rows)} votes on texts titled like '{named}'" + (
                f" since {since}" if since else ""
            )
            if held:
                return Finding(
                    claim=claim,
                    verdict=Verdict.supported,
                    value_found=f"{who} voted {word[letter]} on all {scope}",
                    evidence=tuple(evidence(r) for r in rows[:20]),
                    notes=tuple(notes),
                    queries=logs,
                )
            if rows and not frame.unused:
                return Finding(
                    claim=claim,
                    verdict=Verdict.contradicted,
                    value_found=f"{who} did not vote {word[letter]} on {len(bad)} of {scope}: "
                    + ", ".join(
                        f"{r['date'].year} ({word.get(r['vote'], r['vote'])})" for r in bad[:8]
                    ),
                    counter_examples=tuple(evidence(r) for r in bad[:20]),
                    notes=tuple(notes),
                    queries=logs,
                )
            return self._unverifiable(claim, f"{scope}; words not understood", logs)
        # first: the year named has the vote, no earlier year does
        year = period.since.year if period and period.since else best.row["date"].year
        in_year = [r for r in rows if r["date"].year == year]
        earlier = [r for r in rows if r["date"].year < year and r["vote"] == letter]
        held = any(r["vote"] == letter for r in in_year) and not earlier
        logs = self._qlogs([*logs_q, q], {len(logs_q): held})
        if held:
            return Finding(
                claim=claim,
                verdict=Verdict.supported,
                value_found=f"{who} voted {word[letter]} in {year}, on no earlier vote of "
                f"{len([r for r in rows if r['date'].year < year])} on texts titled like "
                f"'{named}'",
                evidence=tuple(evidence(r) for r in in_year[:3]),
                notes=tuple(notes),
                queries=logs,
            )
        if in_year and not frame.unused:
            why = (
                f"{who} had voted {word[letter]} before: "
                + ", ".join(str(r["date"].year) for r in earlier[:8])
                if earlier
                else f"{who} voted {word.get(in_year[0]['vote'], in_year[0]['vote'])} in {year}"
            )
            return Finding(
                claim=claim,
                verdict=Verdict.contradicted,
                value_found=why,
                counter_examples=tuple(evidence(r) for r in (earlier or in_year)[:20]),
                notes=tuple(notes),
                queries=logs,
            )
        return self._unverifiable(claim, f"no vote on '{named}' in {year}", logs)

    def _ga_ordinal(self, frame, claim, best, logs_q, notes) -> Finding:
        """ "For the 30th year running, the Assembly voted ...": the recurring text's votes
        to date."""
        want = int(frame.quantity.value)
        title = self._recurring_title(frame, best)
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
            assert day is not None  # called only for a dated frame
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
            notes=(
                f"the record dates this vote {row['date']}, not "
                f"{frame.day or (frame.time.text if frame.time else 'as claimed')}",
            ),
            queries=self._qlogs(logs_q, {0: False}),
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
