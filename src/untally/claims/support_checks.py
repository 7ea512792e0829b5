"""Verdicts on aid, arms and roll-call claims, under the same policy as the vote claims.

A figure is compared with every reading the sources allow (measure: obligations,
disbursements, appropriations; dollars: current or constant; a fiscal year or a window of
years; an official document of the facts ledger). The verdict names the reading:

* ``supported``: the reading the wording suggests (the measure it names, else obligations;
  constant dollars when it adjusts for inflation, else current; the claimed years; a pledge
  or a cumulative total stated by the official document in force at the article's date)
  gives the figure within its rounding;
* ``partly supported``: only another measure, dollar basis or edition gives it (both shown);
* ``contradicted``: every reading has data and none comes within 10% of the figure, the
  record's data (not only a pledge or a report edition) cover its years, and an arms share
  names its period;
* ``unverifiable``: no source holds the figure (a period past the data's end, a recipient
  with no rows, a roll call the record does not hold), or a reading comes close but not
  within the figure's rounding.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from untally.claims.judgebase import JudgeBase
from untally.claims.models import Claim, Evidence, Finding, QueryLog, Verdict
from untally.errors import UntallyError

if TYPE_CHECKING:
    from untally.claims.frame import Frame
    from untally.claims.support import Support
    from untally.record import Record

LEDGER = "facts ledger"
# one reading of a figure: label, value, whether the wording suggests it, evidence, query
Reading = tuple[str, float, bool, Evidence | None, QueryLog | None]
HEDGE_WORDS = {"eq": "", "ge": "at least ", "gt": "more than ", "le": "at most ",
               "lt": "less than ", "approx": "about ", "nearly": "nearly "}  # fmt: skip
NEAR = 0.10  # within this share of the figure a miss is "close", never a contradiction


def _money(v: float) -> str:
    if v >= 1e9:
        return f"${v / 1e9:,.2f} billion"
    if v >= 1e6:
        return f"${v / 1e6:,.1f} million"
    return f"${v:,.0f}"


def _fiscal_year(day: date) -> int:
    """The US fiscal year a day falls in (FY2024: 1 October 2023 to 30 September 2024)."""
    return day.year + 1 if day.month >= 10 else day.year


class SupportClaims(JudgeBase):
    """Mixed into :class:`~untally.claims.verdict.Judge`: aid, arms and roll-call verdicts."""

    def support(self, frame: Frame, claim: Claim) -> Finding:
        s = frame.support
        assert s is not None
        record = self.record
        if record is None:
            return _unverifiable(claim, "no record is open for aid, arms and Congress figures")
        try:
            if s.what == "aid":
                return self._aid(s, claim, record)
            if s.what == "arms":
                return self._arms(s, claim, record)
            if s.what == "roll-call":
                return self._roll_call(s, claim, record)
        except UntallyError as exc:
            return _unverifiable(claim, str(exc))
        return _unverifiable(claim, s.not_held or "not a figure the loaded sources hold")

    # ------------------------------------------------------------------ aid

    def _aid(self, s: Support, claim: Claim, record: Record) -> Finding:
        if s.recipient is None:
            return _unverifiable(claim, "the recipient of the aid was not named")
        assert s.amount is not None
        want = s.amount
        tol = s.precision / 2 if want.op == "eq" else 0.0
        readings: list[Reading] = []
        facts = self.memo(("facts", s.recipient), lambda: list(record.us_facts(s.recipient)))
        if s.basis == "cumulative":
            eds = [f for f in facts if f.topic == "cumulative_total" and f.value is not None]
            eds.sort(key=lambda f: f.document_date)
            current = [f for f in eds if not self.as_of or f.document_date <= str(self.as_of)]
            latest = current[-1] if current else None
            for f in current:  # editions published after the article cannot be its source
                label = f"{f.statement} ({f.document}, {f.document_date})"
                readings.append((label, f.value or 0.0, f is latest, *_fact(f)))
            first = s.years[0] if s.years else None
            last = (_fiscal_year(self.as_of) - 1) if self.as_of else None
            for fig in self._figures(record, s.recipient, first, last, s.aid_kind):
                readings.append((_aid_label(fig), fig.total_usd, False, None, _aid_log(fig)))
        if s.basis == "year":
            years = _candidate_years(s, self.as_of)
            for y in years:
                try:
                    figs = self._figures(record, s.recipient, y, y, s.aid_kind)
                except UntallyError:
                    continue
                for fig in figs:
                    if fig.first_year is None:
                        continue
                    default = (fig.measure, fig.dollars) == (s.measure, s.dollars)
                    readings.append((_aid_label(fig), fig.total_usd, default, None, _aid_log(fig)))
        if s.basis in ("pledge", "year"):
            for f in facts:
                if f.value is None or f.unit != "USD":
                    continue
                yearly = "per year" in (f.measure or "") or "each of" in (f.fiscal_years or "")
                if (s.basis == "pledge" and f.topic.startswith("mou") and not yearly) or (
                    s.basis == "year" and (yearly or f.topic == "appropriation")
                ):
                    if s.aid_kind == "economic":
                        continue
                    if (
                        f.topic == "appropriation"
                        and s.years
                        and str(s.years[0]) not in (f.fiscal_years or "")
                    ):
                        continue
                    readings.append((f"{f.statement} ({f.document}, {f.document_date})",
                                     f.value, True, *_fact(f)))  # fmt: skip
        return _judge_figure(claim, want, tol, readings, "aid", s)

    def _figures(self, record: Record, recipient: str, since, until, kind: str) -> list:
        key = ("aid", recipient, since, until, kind)
        return self.memo(
            key, lambda: list(record.aid_figures(recipient, since=since, until=until, kind=kind))
        )

    # ------------------------------------------------------------------ arms

    def _arms(self, s: Support, claim: Claim, record: Record) -> Finding:
        if s.recipient is None or s.supplier is None or s.share is None:
            return _unverifiable(claim, "the supplier or the recipient was not named")
        end = record.store.scalar("SELECT max(year) FROM arms_transfers")
        if end is None:
            return _unverifiable(claim, "the record holds no arms-transfer data")
        windows: list[tuple[int, int, bool]] = []
        if s.years:
            if s.years[1] > end:
                return _unverifiable(
                    claim, f"the claim's period runs to {s.years[1]}; the SIPRI data end in {end}"
                )
            windows.append((s.years[0], s.years[1], True))
        else:
            last = min(end, (self.as_of.year - 1) if self.as_of else end)
            windows += [(last - 4, last, True), (last - 9, last, False)]
        readings: list[Reading] = []
        for first, last, default in windows:
            shares = self.memo(
                ("arms", s.recipient, first, last),
                partial(record.arms, s.recipient, since=first, until=last),
            )
            row = next((r for r in shares.rows if r.code == s.supplier), None)
            share = row.share if row and row.share is not None else 0.0
            label = (
                f"{s.supplier}'s share of major arms delivered to {s.recipient}, {first}-{last} "
                f"({shares.unit}; {shares.source}, {shares.year_basis})"
            )
            from untally.analytics.us_support import ARMS_SQL  # PyArrow: only when asked

            sql = ARMS_SQL.format(group="supplier AS label, any_value(supplier_code) AS code",
                                  order="tiv DESC, label")  # fmt: skip
            log = QueryLog(reading=label, convention="SIPRI TIV shares", sql=" ".join(sql.split()),
                           params={"recipients": str(shares.recipient_names),
                                   "since": str(first), "until": str(last)})  # fmt: skip
            readings.append((label, share, default, None, log))
        tol = 0.005 if s.share.op == "eq" else 0.0
        finding = _judge_figure(claim, s.share, tol, readings, "arms", s)
        if finding.verdict is Verdict.contradicted and not s.years:
            # no period named: the five and ten years tried are our choice, not the claim's
            return finding.model_copy(
                update={
                    "verdict": Verdict.unverifiable,
                    "notes": (
                        "the claim names no period; no window tried gives the share, but "
                        "another window might",
                    ),
                }
            )
        return finding

    # ------------------------------------------------------------------ Congress

    def _roll_call(self, s: Support, claim: Claim, record: Record) -> Finding:
        con = record.store.con
        have = record.store.scalar(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'congress_rollcalls'"
        )
        if not have:
            return _unverifiable(claim, "the record holds no congressional roll calls")
        sql = (
            "SELECT congress, chamber, rollnumber, date, bill, title, yea, nay FROM "
            "congress_rollcalls WHERE ($chamber IS NULL OR chamber = $chamber) "
            "AND ($bill IS NULL OR upper(replace(replace(bill, '.', ''), ' ', '')) = $bill)"
        )
        bill = s.bill.upper().replace(".", "").replace(" ", "") if s.bill else None
        params = {"chamber": s.chamber, "bill": bill}
        rows = [dict(zip(("congress", "chamber", "rollnumber", "date", "bill", "title", "yea",
                          "nay"), r, strict=True))
                for r in con.execute(sql, params).fetchall()]  # fmt: skip
        if self.as_of:  # an article reports votes already taken
            rows = [r for r in rows if r["date"] is None or r["date"] <= self.as_of]
        shown = {k: str(v) for k, v in params.items()}
        log = (QueryLog(reading="roll calls", convention="Voteview roll calls", sql=sql,
                        params=shown, rows=len(rows)),)  # fmt: skip
        hit = [r for r in rows if (r["yea"], r["nay"]) == (s.yea, s.nay)]
        if not bill and hit and (len(hit) > 1 or (s.yea or 0) + (s.nay or 0) < MIN_FLOOR_VOTES):
            # a tally alone names a roll call only when one floor vote has it: "5-0" or a
            # tally several roll calls share says nothing about which vote is meant
            return _unverifiable(
                claim,
                f"{len(hit)} roll call(s) have {s.yea}-{s.nay} and the claim names no bill: "
                "which vote it means is not known",
                log,
            )
        if hit:
            r = hit[0]
            return Finding(
                claim=claim,
                verdict=Verdict.supported,
                value_claimed=f"{s.yea}-{s.nay}",
                value_found=f"{r['chamber']} roll call {r['rollnumber']} ({r['congress']}th "
                f"Congress, {r['date']}) on {r['bill']}: {r['yea']}-{r['nay']}",
                convention="yeas and nays as published (Voteview)",
                evidence=(_roll_evidence(r),),
                queries=log,
            )
        if bill and rows:
            r = rows[0]
            return Finding(
                claim=claim,
                verdict=Verdict.contradicted,
                value_claimed=f"{s.yea}-{s.nay}",
                value_found=f"{r['bill']}: {r['yea']}-{r['nay']} ({r['chamber']}, {r['date']})",
                convention="yeas and nays as published (Voteview)",
                evidence=(_roll_evidence(r),),
                queries=log,
            )
        n = record.store.scalar("SELECT count(*) FROM congress_rollcalls")
        return _unverifiable(
            claim,
            f"no roll call {s.yea}-{s.nay} among the {n} the record holds (the congresses "
            "loaded, not every roll call ever taken: an absent one is not a refutation)",
            log,
        )


# ---------------------------------------------------------------------- shared


# Fewer yeas and nays than this is no floor vote of either chamber (the Senate has 100).
MIN_FLOOR_VOTES = 50


def _candidate_years(s: Support, as_of: date | None) -> list[int]:
    """The fiscal years a yearly figure may be about: the ones named, else the last complete
    fiscal years before the article (an article of May 2024 means FY2023 or FY2024)."""
    if s.years:
        return list(range(s.years[0], s.years[1] + 1))[:30]
    if as_of is None:
        return []
    fy = _fiscal_year(as_of)
    return [fy - 1, fy - 2, fy]


def _aid_label(fig) -> str:
    years = (
        f"FY{fig.first_year}" if fig.first_year == fig.last_year
        else f"FY{fig.first_year}-FY{fig.last_year}"
    )  # fmt: skip
    return f"{years}: {fig.convention} ({fig.source})"


def _fact(f) -> tuple[Evidence, QueryLog]:
    """A ledger fact as evidence (the document, its date, where in it) and as the lookup that
    found it (the ledger is a file of the project, not a table of the record)."""
    where = f"{f.document}, {f.document_date}, {f.location or ''}".strip(", ")
    lookup = QueryLog(
        reading=f.statement,
        convention=LEDGER,
        sql=f"facts ledger (untally/data/us_facts.csv): fact_id = '{f.fact_id}'",
        params={"country": f.country or "", "topic": f.topic},
    )
    return Evidence(symbol=f.fact_id, date=None, tally=None, url=f.url, note=where), lookup


def _aid_log(fig) -> QueryLog:
    from untally.analytics.us_support import aid_query  # PyArrow: only when asked

    sql, params = aid_query(fig.country, since=fig.since, until=fig.until, kind=fig.kind,
                            measure=fig.measure, dollars=fig.dollars)  # fmt: skip
    names = ("kind", "code") if fig.kind != "total" else ("code", "measure")
    shown = dict(zip((*names, "since", "until"), (str(p) for p in params), strict=True))
    return QueryLog(reading=_aid_label(fig), convention=fig.convention,
                    sql=" ".join(sql.split()), params=shown)  # fmt: skip


def _roll_evidence(r: dict) -> Evidence:
    return Evidence(symbol=f"{r['chamber']} roll {r['rollnumber']} ({r['congress']}th)",
                    date=r["date"], tally=f"{r['yea']}-{r['nay']}", url="https://voteview.com",
                    note=r["title"])  # fmt: skip


def _unverifiable(claim: Claim, why: str, logs: tuple[QueryLog, ...] = ()) -> Finding:
    return Finding(claim=claim, verdict=Verdict.unverifiable, notes=(why,), queries=logs)


def _show(v: float, what: str) -> str:
    return f"{v:.0%}" if what == "arms" else _money(v)


def _judge_figure(claim, want, tol, readings: list[Reading], what: str, s) -> Finding:
    """The verdict on a figure given every reading (label, value, suggested, evidence)."""
    if not readings:
        why = (
            "no loaded source holds this figure for the claim's recipient and years (the "
            "aid data's years, the ledger's documents)"
        )
        return _unverifiable(claim, why)
    claimed = want.describe() if what == "arms" else HEDGE_WORDS[want.op] + _money(want.value)
    held = [r for r in readings if want.accepts(r[1], tol)]
    shown = "; ".join(f"{_show(r[1], what)} ({r[0]})" for r in readings[:6])
    evidence = tuple(r[3] for r in readings if r[3] is not None)[:6]
    logs = tuple(
        r[4].model_copy(update={"held": want.accepts(r[1], tol)}) for r in readings if r[4]
    )
    if held:
        best = next((r for r in held if r[2]), held[0])
        others = [r for r in readings if r is not best and not want.accepts(r[1], tol)]
        notes = [f"holds as {best[0]}"]
        if others:
            notes.append(
                "other readings: " + "; ".join(f"{_show(r[1], what)} ({r[0]})" for r in others[:4])
            )
        if what == "aid" and s.aid_kind != "total" and "Greenbook" in best[0]:
            notes.append("the Greenbook copy is rounded to two significant figures")
        return Finding(
            claim=claim,
            verdict=Verdict.supported if best[2] else Verdict.partly_supported,
            value_claimed=claimed,
            value_found=f"{_show(best[1], what)}",
            convention=best[0],
            evidence=evidence,
            notes=tuple(notes),
            queries=logs,
        )
    near = [r for r in readings if abs(r[1] - want.value) <= NEAR * max(want.value, 1e-9)]
    # a pledge or an edition stated in a document supports a figure; refuting one needs the
    # data of the years themselves (a supplemental can exceed the pledge)
    from_data = any(r[4] is not None and r[4].convention != LEDGER for r in readings)
    if near or want.op in ("lt", "le") or not from_data:
        return Finding(
            claim=claim,
            verdict=Verdict.unverifiable,
            value_claimed=claimed,
            value_found=shown,
            evidence=evidence,
            notes=(
                "close to a reading but not within the figure's rounding: the sources may "
                "count it differently"
                if near or want.op in ("lt", "le")
                else "only documents (pledges, report editions) give this figure's kind; "
                "they do not refute it",
            ),
            queries=logs,
        )
    return Finding(
        claim=claim,
        verdict=Verdict.contradicted,
        value_claimed=claimed,
        value_found=shown,
        convention="every reading: " + "; ".join(r[0] for r in readings[:6]),
        evidence=evidence,
        notes=("no measure, dollar basis or document gives the figure",),
        queries=logs,
    )
