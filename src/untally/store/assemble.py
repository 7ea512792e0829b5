"""From parsed upstream tables to the normalized record.

Adopted resolutions come from the UN Digital Library file (one decision per resolution, one
vote per member). Vetoed drafts come from the Library's veto list, with their tallies taken
from the meeting tables (matched by draft symbol and a date within a day, since the tables and
the list can differ by a day when a meeting ran past midnight) or from the failed-drafts file.
Drafts that failed for lack of votes come from the meeting tables and the failed-drafts file.
Everything that could not be matched is written to ``issues`` rather than dropped.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from typing import Any

import duckdb
import pyarrow as pa

from untally import members as mem
from untally.errors import MalformedData, UnknownMember
from untally.store.ga import load_ga
from untally.symbols import doc_url, principal


def procedural_decisions() -> dict[str, str]:
    """Symbol -> reason, from the one data file that lists procedural decisions."""
    text = resources.files("untally.data").joinpath("procedural.csv").read_text()
    return {
        r["symbol"]: f"{r['reason']} [{r['citation']}]" for r in csv.DictReader(text.splitlines())
    }


def corrections(source: str) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(field, date, wrong) -> (right, reason): documented fixes of upstream typos."""
    text = resources.files("untally.data").joinpath("corrections.csv").read_text()
    return {
        (r["field"], r["date"], r["wrong"]): (r["right"], r["reason"])
        for r in csv.DictReader(text.splitlines())
        if r["source"] == source
    }


def resolve_code(name: str, on: date | None, context: str) -> str:
    try:
        return mem.resolve(name, on=on).code
    except UnknownMember as exc:
        raise MalformedData(
            f"{context}: unknown member {name!r} ({exc.remedy or exc.problem})",
            "add the name to untally/data/members.csv or fix the upstream row",
        ) from None


# --------------------------------------------------------------------------- members


def load_members(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    admissions = tables.get("un_members.members")
    table = mem.members_table(admissions)
    con.register("members_in", table)
    con.execute(
        "INSERT INTO members BY NAME SELECT code, name, iso3, kind, valid_from, valid_until, "
        "successor, permanent, aliases, "
        + ("admitted" if "admitted" in table.column_names else "NULL::DATE AS admitted")
        + " FROM members_in"
    )
    con.unregister("members_in")


# --------------------------------------------------------------------------- resolutions


def load_resolutions(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    """One decision per adopted resolution; the later file wins when a row repeats."""
    parts = [t for name, t in sorted(tables.items()) if name.startswith("undl_sc.")]
    if not parts:
        raise MalformedData("no Security Council voting file was loaded", "check the sources")
    rows = pa.concat_tables(
        [
            t.append_column("file_order", pa.array([i] * t.num_rows, pa.int8()))
            for i, t in enumerate(parts)
        ]
    )
    con.register("sc_in", rows)
    con.execute(
        """
        CREATE TEMP TABLE sc AS
        SELECT * FROM sc_in
        QUALIFY row_number() OVER (PARTITION BY resolution, ms_code ORDER BY file_order DESC) = 1
        """
    )
    con.unregister("sc_in")
    codes = [r[0] for r in con.execute("SELECT DISTINCT ms_code FROM sc").fetchall()]
    known = {r[0] for r in con.execute("SELECT code FROM members").fetchall()}
    for code in codes:
        if code not in known:
            resolve_code(code, None, "Security Council voting data")  # raises with a remedy
    procedural = procedural_decisions()
    con.register(
        "procedural_in",
        pa.table({"symbol": list(procedural), "reason": list(procedural.values())}),
    )
    con.execute(
        """
        INSERT INTO decisions BY NAME
        SELECT resolution AS decision_id, 'SC' AS body, 'resolution' AS kind, resolution,
               any_value(draft) AS draft, min(date) AS date, year(min(date)) AS year,
               any_value(meeting) AS meeting, any_value(description) AS title,
               any_value(agenda) AS agenda, any_value(subjects) AS subjects,
               'adopted' AS outcome,
               CASE WHEN bool_and(ms_vote = 'X')
                      OR lower(any_value(modality)) LIKE '%without%' THEN 'without_vote'
                    ELSE 'vote' END AS modality,
               any_value(total_yes) AS yes, any_value(total_no) AS no,
               any_value(total_abstentions) AS abstain,
               any_value(total_non_voting) AS non_voting, any_value(total_ms) AS total_ms,
               p.reason IS NOT NULL AS procedural, any_value(p.reason) AS procedural_reason,
               any_value(undl_id) AS undl_id, any_value(undl_link) AS url,
               ['undl_sc'] AS sources
        FROM sc LEFT JOIN procedural_in p ON p.symbol = sc.resolution
        GROUP BY resolution, p.reason
        """
    )
    con.unregister("procedural_in")
    con.execute(
        """
        INSERT INTO votes
        SELECT resolution, ms_code, ms_name, ms_vote FROM sc
        """
    )


# --------------------------------------------------------------------------- drafts


@dataclass
class Draft:
    """A vote on a draft that was not adopted, assembled from several sources."""

    symbol: str
    year: int
    date: date | None
    outcome: str
    label: str | None = None
    part: str | None = None
    meeting: str | None = None
    meeting_id: str | None = None
    agenda: str | None = None
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    votes: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (vote, name)
    sources: list[str] = field(default_factory=list)
    veto: dict[str, Any] | None = None
    tally_source: str | None = None
    used: bool = False


def close_dates(a: date | None, b: date | None, year_a: int, year_b: int) -> bool:
    if a is not None and b is not None:
        return abs(a - b) <= timedelta(days=1)
    return year_a == year_b


def meeting_outcomes(tables: dict[str, pa.Table]) -> list[dict[str, Any]]:
    """Vetoed / not-adopted outcomes from both meeting tables, overlap (2000-2019) removed."""
    rows: list[dict[str, Any]] = []
    for name in ("meeting_tables.meetings_2000_2019", "meeting_tables.meetings_1946_2019"):
        table = tables.get(name)
        if table is None:
            continue
        for r in table.to_pylist():
            if r["outcome"] not in ("vetoed", "not_adopted"):
                continue
            r["symbol"], extra = principal(r["symbol"])
            r["label"] = r.get("label") or extra
            r["meeting_id"] = f"{r['source']}:{r['source_row']}"
            duplicate = any(
                o["symbol"] == r["symbol"]
                and o["outcome"] == r["outcome"]
                and o["label"] == r["label"]
                and (o["yes"], o["no"], o["abstain"]) in ((r["yes"], r["no"], r["abstain"]),)
                and close_dates(o["date"], r["date"], o["year"], r["year"])
                and o["source"] != r["source"]
                for o in rows
            )
            if not duplicate:
                rows.append(r)
    return rows


def load_meetings(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    parts = [t for n, t in sorted(tables.items()) if n.startswith("meeting_tables.meetings_")]
    if not parts:
        return
    con.register("mt_in", pa.concat_tables(parts))
    con.execute(
        """
        INSERT INTO meetings
        SELECT DISTINCT ON (source, source_row) source || ':' || source_row, source, year, date,
               topic, NULL
        FROM mt_in
        """
    )
    con.unregister("mt_in")


def match_veto(
    drafts: list[Draft], v: dict[str, Any], symbol: str, label: str | None
) -> Draft | None:
    """The table entry for a veto-list row: same symbol, nearest date, same kind of vote.

    Drafts named by a meeting record (S/PV.49) repeat within a meeting, so they must fall on
    the same day; real document symbols are unique, and the list's date may be days off.
    """
    window = timedelta(days=1 if symbol.startswith("S/PV.") else 45)
    preliminary = "preliminary" in f"{label} {v['agenda_item']}".lower()

    def near(d: Draft, window: timedelta) -> bool:
        if d.date is None:
            return d.year == v["date"].year
        return abs(d.date - v["date"]) <= window

    def same(d: Draft) -> bool:  # the same symbol, or a revision of it voted that day
        if d.symbol == symbol:
            return near(d, window)
        return base_symbol(d.symbol) == base_symbol(symbol) and near(d, timedelta(days=1))

    candidates = [
        (d.symbol != symbol, ("preliminary" in (d.label or "").lower()) != preliminary,
         abs((d.date or v["date"]) - v["date"]), d.outcome != "vetoed", i, d)
        for i, d in enumerate(drafts.get(base_symbol(symbol), []))
        if not d.used and d.part is None and same(d)
    ]  # fmt: skip
    return min(candidates, key=lambda c: c[:5])[5] if candidates else None


def base_symbol(symbol: str) -> str:
    return re.sub(r"(/(Rev|Add|Corr)\.\d+)+$", "", symbol)


def build_drafts(tables: dict[str, pa.Table]) -> tuple[list[Draft], list[tuple[str, str, str]]]:
    """Match the veto list, the meeting tables and the failed drafts into one list of drafts."""
    issues: list[tuple[str, str, str]] = []
    drafts: list[Draft] = []
    for o in meeting_outcomes(tables):
        drafts.append(
            Draft(
                symbol=o["symbol"],
                year=o["year"],
                date=o["date"],
                outcome=o["outcome"],
                label=o["label"],
                meeting_id=o["meeting_id"],
                agenda=o.get("topic"),
                yes=o["yes"],
                no=o["no"],
                abstain=o["abstain"],
                sources=[o["source"]],
                tally_source=o["source"] if o["yes"] is not None else None,
            )
        )
        drafts[-1].veto = {"names": o.get("vetoed_by") or []} if o["outcome"] == "vetoed" else None

    failed = tables.get("meeting_tables.failed_drafts")
    for f in failed.to_pylist() if failed is not None else []:
        symbol, _ = principal(f["symbol"] or f["meeting"])
        on = date(f["year"], 7, 1)
        votes = {
            resolve_code(v["name"], on, f"failed drafts, meeting {f['meeting_number']}"): (
                v["vote"],
                v["name"],
            )
            for v in f["member_votes"] or []
        }
        match = next(
            (
                d
                for d in drafts
                if not d.part
                and d.symbol == symbol
                and d.year == f["year"]
                and f["part"] is None
                and (d.yes, d.no, d.abstain)
                in ((f["yes"], f["no"], f["abstain"]), (None, None, None))
                and not d.votes
            ),
            None,
        )
        if match is None:
            vetoed = f["note"] and "negative" in f["note"].lower() and f["part"] is None
            match = Draft(
                symbol=symbol,
                year=f["year"],
                date=None,
                outcome="vetoed" if vetoed else "not_adopted",
                part=f["part"],
                yes=f["yes"],
                no=f["no"],
                abstain=f["abstain"],
                tally_source="failed_drafts",
            )
            drafts.append(match)
        match.meeting = f"S/PV.{f['meeting_number']}"
        match.votes = votes
        match.sources.append("failed_drafts")
        if match.yes is None:
            match.yes, match.no, match.abstain = f["yes"], f["no"], f["abstain"]
            match.tally_source = "failed_drafts"

    veto_list = tables.get("veto_list.veto_list")
    fixes = corrections("veto_list")
    by_base: dict[str, list[Draft]] = defaultdict(list)  # drafts by symbol without /Rev.n
    for d in drafts:
        by_base[base_symbol(d.symbol)].append(d)
    for v in veto_list.to_pylist() if veto_list is not None else []:
        fix = fixes.get(("draft", v["date"].isoformat(), v["draft"]))
        if fix:
            issues.append(
                ("corrected_upstream_typo", fix[0], f"veto list said {v['draft']}: {fix[1]}")
            )
            v["draft"] = fix[0]
        symbol, label = principal(v["draft"])
        context = f"veto list row {v['seq']}"
        codes = sorted({resolve_code(n, v["date"], context) for n in v["vetoed_by"]})
        d = match_veto(by_base, v, symbol, label)
        if d is None:
            d = Draft(symbol=symbol, year=v["date"].year, date=v["date"], outcome="vetoed")
            drafts.append(d)
            by_base[base_symbol(symbol)].append(d)
            issues.append(
                ("veto_without_tally", symbol, f"{v['date']}: no tally in the meeting tables")
            )
        elif d.outcome != "vetoed":
            issues.append(
                ("veto_list_vs_meeting_tables", symbol,
                 f"{v['date']}: the meeting tables say not adopted {d.yes}-{d.no}-{d.abstain}; "
                 "the veto list's negative vote is kept")
            )  # fmt: skip
        elif d.date and d.date != v["date"]:
            issues.append(
                ("date_differs", symbol, f"veto list {v['date']}, meeting tables {d.date}")
            )
        d.used = True
        d.outcome = "vetoed"
        d.date = v["date"]
        d.label = d.label or label
        meeting = v["meeting_record"] or ""
        d.meeting = d.meeting or (meeting.split()[0] if meeting.startswith("S/PV.") else None)
        d.agenda = v["agenda_item"] or d.agenda
        d.sources.append("veto_list")
        d.veto = {"seq": v["seq"], "codes": codes, "meeting": meeting, "topic": v["crisis_topic"]}
        for dup in by_base[base_symbol(symbol)]:  # the same draft listed again in the tables
            if (
                dup is not d
                and not dup.used
                and not dup.symbol.startswith("S/PV.")
                and dup.symbol == symbol
                and dup.year == d.year
                and (dup.yes, dup.no, dup.abstain) == (d.yes, d.no, d.abstain)
            ):
                issues.append(
                    ("duplicate_in_meeting_tables", symbol,
                     f"listed again on {dup.date} ({dup.outcome}, same tally); kept once")
                )  # fmt: skip
                dup.used = True
                dup.outcome = "duplicate"
    drafts = [d for d in drafts if d.outcome != "duplicate"]

    for d in drafts:
        if d.outcome == "vetoed" and (d.veto is None or "seq" not in d.veto):
            issues.append(
                (
                    "vetoed_in_tables_not_in_list",
                    d.symbol,
                    f"{d.date or d.year}: meeting tables say vetoed by "
                    f"{', '.join((d.veto or {}).get('names', []))}; the veto list has no such "
                    "entry, kept as not adopted",
                )
            )
            d.outcome = "not_adopted"
    return drafts, issues


def load_drafts(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    drafts, issues = build_drafts(tables)
    seen: dict[str, int] = defaultdict(int)
    ids = []
    for d in sorted(drafts, key=lambda d: (d.symbol, d.date or date(d.year, 1, 1))):
        key = d.symbol + (f" {d.part}" if d.part else "")
        seen[key] += 1
        ids.append((d, key if seen[key] == 1 else f"{key}#{seen[key]}"))
    decisions = []
    votes = []
    vetoes = []
    for d, decision_id in ids:
        known = sum(x is not None for x in (d.yes, d.no, d.abstain)) == 3
        decisions.append(
            {
                "decision_id": decision_id,
                "body": "SC",
                "kind": "part" if d.part else "draft",
                "draft": d.symbol,
                "part": d.part,
                "label": d.label,
                "date": d.date,
                "year": d.year,
                "meeting": d.meeting,
                "meeting_id": d.meeting_id,
                "agenda": d.agenda,
                "outcome": d.outcome,
                "modality": "vote",
                "yes": d.yes,
                "no": d.no,
                "abstain": d.abstain,
                "non_voting": None,
                "total_ms": (11 if d.year < 1966 else 15) if known else None,
                "procedural": False,
                "url": doc_url(d.symbol),
                "sources": d.sources,
            }
        )
        for code, (vote, name) in d.votes.items():
            votes.append({"decision_id": decision_id, "member": code, "name": name, "vote": vote})
        if d.veto and "seq" in d.veto:
            vetoes.append(
                {
                    "veto_id": d.veto["seq"],
                    "decision_id": decision_id,
                    "date": d.date,
                    "draft": d.symbol,
                    "meeting": d.veto["meeting"] or d.meeting,
                    "agenda": d.agenda,
                    "topic": d.veto["topic"],
                    "vetoed_by": d.veto["codes"],
                    "tally_source": d.tally_source,
                }
            )
    if decisions:
        con.register("drafts_in", pa.Table.from_pylist(decisions))
        con.execute("INSERT INTO decisions BY NAME SELECT * FROM drafts_in")
        con.unregister("drafts_in")
    if votes:
        con.register("dvotes_in", pa.Table.from_pylist(votes))
        con.execute("INSERT INTO votes SELECT decision_id, member, name, vote FROM dvotes_in")
        con.unregister("dvotes_in")
    if vetoes:
        con.register("vetoes_in", pa.Table.from_pylist(vetoes))
        con.execute("INSERT INTO vetoes BY NAME SELECT * FROM vetoes_in")
        con.unregister("vetoes_in")
    if issues:
        con.executemany("INSERT INTO issues VALUES (?, ?, ?)", issues)


def assemble(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    load_members(con, tables)
    load_meetings(con, tables)
    load_resolutions(con, tables)
    load_drafts(con, tables)
    load_ga(con, tables)
