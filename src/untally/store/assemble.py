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
from collections.abc import Mapping
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
    symbol_known: bool = True  # False: no source gives the symbol (``symbol`` is synthetic)
    other_symbols: set[str] = field(default_factory=set)  # other forms the sources use
    verification: list[str] = field(default_factory=list)  # what rests on secondary sources
    source_url: str | None = None  # the report a secondary-source row cites

    def take_symbol(self, symbol: str) -> None:
        """Keep the most specific form (S/18087/Rev.1 over S/18087); remember the other."""
        if not symbol or symbol == self.symbol:
            return
        if not self.symbol_known or (
            base_symbol(symbol) == base_symbol(self.symbol) and len(symbol) > len(self.symbol)
        ):
            if self.symbol_known:
                self.other_symbols.add(self.symbol)
            self.symbol, self.symbol_known = symbol, True
        else:
            self.other_symbols.add(symbol)

    def note(self, phrase: str | None) -> None:
        if phrase and phrase not in self.verification:
            self.verification.append(phrase)


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
    drafts: Mapping[str, list[Draft]], v: dict[str, Any], symbol: str, label: str | None
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

    merge_failed_draft_votes(drafts, tables.get("failed_draft_votes.failed_draft_votes"), issues)

    fixes = corrections("veto_list")
    by_base: dict[str, list[Draft]] = defaultdict(list)  # drafts by symbol without /Rev.n
    for draft in drafts:
        by_base[base_symbol(draft.symbol)].append(draft)
    for v in veto_list_rows(tables):
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
        d.take_symbol(symbol)
        d.label = d.label or label
        meeting = v["meeting_record"] or ""
        d.meeting = d.meeting or (meeting.split()[0] if meeting.startswith("S/PV.") else None)
        d.agenda = v["agenda_item"] or d.agenda
        d.sources.append(v["source"])
        d.note(v.get("secondary"))
        d.source_url = d.source_url or v.get("source_url")
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


def veto_list_rows(tables: dict[str, pa.Table]) -> list[dict[str, Any]]:
    """The Library's list, then its supplement (2022-2025) numbered on from the list's end."""
    rows: list[dict[str, Any]] = []
    for name in ("veto_list.veto_list", "veto_list_supplement.supplement"):
        table = tables.get(name)
        offset = max((r["seq"] for r in rows), default=0)
        for r in table.to_pylist() if table is not None else []:
            r["seq"] += offset
            r["source"] = name.split(".")[0]
            rows.append(r)
    return rows


def synthetic_symbol(on: date) -> str:
    """The key of a draft no source gives a symbol for: ``unknown-symbol:YYYY-MM-DD``."""
    return f"unknown-symbol:{on.isoformat()}"


def merge_failed_draft_votes(
    drafts: list[Draft], table: pa.Table | None, issues: list[tuple[str, str, str]]
) -> None:
    """Member votes on failed and vetoed drafts 2020-2025: fill known drafts, add the rest.

    A draft with a symbol joins the draft of the same symbol (any revision suffix) within a
    day, or undated in the same year. A draft without one joins an undated draft of the same
    year and tally from the failed-drafts table (taking its symbol); two such candidates are
    paired in order (symbols are numbered in order of issue, drafts voted in date order).
    Otherwise it becomes a decision of its own, keyed ``unknown-symbol:<date>``.
    """
    if table is None:
        return
    from untally.sources.failed_draft_votes import draft_key

    groups: dict[tuple, list[dict[str, Any]]] = {}
    for row in table.to_pylist():
        groups.setdefault(draft_key(row), []).append(row)
    taken: set[int] = set()
    for (on, symbol, meeting, yes, no, abstain), rows in sorted(
        groups.items(), key=lambda kv: (kv[0][0], kv[1][0]["line"])
    ):
        tally = (yes, no, abstain)

        def fits(d: Draft, symbol: str | None = symbol, on: date = on, tally=tally) -> bool:
            if id(d) in taken or d.part is not None:
                return False
            if symbol:
                same = base_symbol(d.symbol) == base_symbol(symbol)
                return same and close_dates(d.date, on, d.year, on.year)
            return (
                d.date is None
                and d.year == on.year
                and (d.yes, d.no, d.abstain) == tally
                and "failed_draft_votes" not in d.sources
            )

        candidates = [d for d in drafts if fits(d)]
        if not symbol:
            candidates.sort(key=lambda d: [int(n) for n in re.findall(r"\d+", d.symbol)])
        d = candidates[0] if candidates else None
        vetoed_by = rows[0]["vetoed_by"]
        if d is None:
            d = Draft(
                symbol=symbol or synthetic_symbol(on),
                symbol_known=bool(symbol),
                year=on.year,
                date=on,
                outcome="vetoed" if vetoed_by else "not_adopted",
                tally_source="failed_draft_votes",
            )
            d.veto = {"names": vetoed_by} if vetoed_by else None
            drafts.append(d)
        elif not symbol:
            issues.append(
                ("symbol_from_failed_drafts_table", d.symbol,
                 f"{on}: the 2020-2025 member votes give no symbol; {d.symbol} is the undated "
                 f"draft of {on.year} with the same tally {yes}-{no}-{abstain}")
            )  # fmt: skip
        taken.add(id(d))
        if symbol:
            d.take_symbol(symbol)
        d.date = d.date or on
        if meeting and meeting.startswith("S/PV."):
            d.meeting = d.meeting or meeting
        elif meeting == "VTC":
            d.label = d.label or "videoconference or written procedure (no meeting record)"
        if d.yes is None:
            d.yes, d.no, d.abstain = yes, no, abstain
            d.tally_source = "failed_draft_votes"
        elif (d.yes, d.no, d.abstain) != tally:
            issues.append(
                ("tally_differs", d.symbol,
                 f"2020-2025 member votes give {yes}-{no}-{abstain}, kept "
                 f"{d.yes}-{d.no}-{d.abstain} from {d.tally_source}")
            )  # fmt: skip
        votes = {r["member"]: (r["vote"], r["name"]) for r in rows}
        if not d.votes:
            d.votes = votes
        elif {c: v for c, (v, _) in d.votes.items()} != {c: v for c, (v, _) in votes.items()}:
            issues.append(
                ("member_votes_differ", d.symbol,
                 "the 2020-2025 member votes differ from the failed-drafts table; kept the table's")
            )  # fmt: skip
        d.sources.append("failed_draft_votes")
        phrase = rows[0]["verification"]
        if phrase and not symbol and d.symbol_known:
            matched = "symbol from the failed-drafts table, matched by year and tally"
            phrase = phrase.replace("symbol not found", matched)
        d.note(phrase)
        d.source_url = d.source_url or rows[0]["source_url"]


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
                "draft": d.symbol if d.symbol_known else None,
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
                "url": doc_url(d.symbol) if d.symbol_known else None,
                "sources": d.sources,
                "symbols": sorted({d.symbol, *d.other_symbols}) if d.other_symbols else None,
                "verification": "; ".join(d.verification) or None,
                "source_url": d.source_url,
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


def load_amendments(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> None:
    """Amendments a permanent member's negative vote defeated: decisions of kind ``amendment``.

    Each amends the draft that became ``parent_resolution`` (``amends`` holds that draft's
    decision id, the resolution's when its draft symbol is unknown). Its id is the draft
    symbol plus ``amendment`` (numbered when one meeting voted several). The negative vote is
    a ``vetoes`` row numbered on after the veto list; the ``drafts`` convention leaves it out.
    """
    table = tables.get("amendment_votes.amendment_votes")
    if table is None or table.num_rows == 0:
        return
    from untally.sources.amendments import short_phrase

    next_id = con.execute("SELECT coalesce(max(veto_id), 0) FROM vetoes").fetchall()[0][0]
    decisions, vetoes = [], []
    for r in table.to_pylist():
        parent = con.execute(
            "SELECT decision_id, draft, meeting, title, agenda FROM decisions WHERE resolution = ?",
            [r["parent_resolution"]],
        ).fetchall()
        parent_id, draft, meeting, title, agenda = (
            parent[0] if parent else (r["parent_resolution"], None, None, None, None)
        )
        base = draft or r["parent_resolution"]
        part = "amendment" if r["of"] == 1 else f"amendment {r['number']}"
        decision_id = f"{base} {part}"
        known = r["yes"] is not None and r["no"] is not None and r["abstain"] is not None
        movers = ", ".join(r["amendment_by"])
        decisions.append(
            {
                "decision_id": decision_id, "body": "SC", "kind": "amendment",
                "resolution": None, "draft": draft, "part": part,
                "label": f"amendment proposed by {movers}",
                "date": r["date"], "year": r["date"].year, "meeting": meeting,
                "title": title, "agenda": agenda, "outcome": "vetoed", "modality": "vote",
                "yes": r["yes"], "no": r["no"], "abstain": r["abstain"],
                "total_ms": 15 if known else None, "procedural": False,
                "url": doc_url(draft), "sources": ["amendment_votes"], "amends": parent_id,
                "verification": short_phrase(r["verification"]), "source_url": None,
            }
        )  # fmt: skip
        next_id += 1
        vetoes.append(
            {
                "veto_id": next_id, "decision_id": decision_id, "date": r["date"],
                "draft": decision_id, "meeting": meeting, "agenda": agenda, "topic": None,
                "vetoed_by": r["negative_vote_by"],
                "tally_source": "amendment_votes" if known else None,
            }
        )  # fmt: skip
    con.register("amend_in", pa.Table.from_pylist(decisions))
    con.execute("INSERT INTO decisions BY NAME SELECT * FROM amend_in")
    con.unregister("amend_in")
    con.register("amend_vetoes_in", pa.Table.from_pylist(vetoes))
    con.execute("INSERT INTO vetoes BY NAME SELECT * FROM amend_vetoes_in")
    con.unregister("amend_vetoes_in")


def assemble(
    con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table], *, drop_inputs: bool = False
) -> None:
    """Every parsed table into the record; ``drop_inputs`` lets the large Assembly tables go
    from ``tables`` as soon as they are copied (the sync's peak memory)."""
    load_members(con, tables)
    load_meetings(con, tables)
    load_resolutions(con, tables)
    load_drafts(con, tables)
    load_amendments(con, tables)
    load_ga(con, tables, drop_inputs=drop_inputs)
