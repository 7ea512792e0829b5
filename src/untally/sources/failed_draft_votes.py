"""Each member's vote on failed and vetoed drafts, July 2020 to September 2025 (mirror only).

Official source: the Council's meeting records (``S/PV.nnnn``) and the UN press releases
(https://press.un.org/en/content/security-council/meetings-coverage) give each member's vote
on a draft that was not adopted; no UN file tabulates them, and the Library's meeting tables
stop in 2019. The mirror's ``vetoes/failed_draft_votes_2020_2025.csv`` collects them: one row
per member per draft (37 drafts × 15 members), with ``date`` (ISO), ``draft`` (blank where
the symbol was not found), ``meeting`` (``VTC`` for the 2020 votes by videoconference or
written procedure, which have no meeting record; blank where unknown), ``member`` in the
press releases' spelling, ``vote`` (Y/N/A), the draft's ``tally_*``, ``vetoed_by`` (filled
only where a permanent member voted no on a draft with at least 9 yes votes) and
``source_url``.

The file has no ``url`` (``None``): an online sync skips it, since the official form is one
press release per meeting. The parser resolves members to codes (one-line errors with line
and column), checks that each draft's member votes add up to its tally, and derives a short
``verification`` phrase per draft: a draft whose ``source_url`` is not a UN site rests on a
secondary source, and a blank symbol is said to be unknown.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from untally.errors import UnknownMember
from untally.members import resolve
from untally.sources.base import Source, SourceFile
from untally.sources.csvread import (
    REMEDY,
    MalformedData,
    check_values,
    optional_text,
    read_strings,
    require,
    to_date,
    to_int,
)

MIRROR_PATH = "vetoes/failed_draft_votes_2020_2025.csv"
OFFICIAL = "https://press.un.org/en/content/security-council/meetings-coverage"
REQUIRED = [
    "date", "draft", "meeting", "member", "vote", "tally_yes", "tally_no", "tally_abstain",
    "vetoed_by", "source_url",
]  # fmt: skip
UN_HOSTS = ("un.org", "ungeneva.org", "unmultimedia.org")
MEMBER_REMEDY = "add the spelling as an alias in untally/data/members.csv or fix the row"


def host(url: str | None) -> str | None:
    m = re.match(r"https?://([^/]+)", url or "")
    return m.group(1).removeprefix("www.") if m else None


def is_un(url: str | None) -> bool:
    h = host(url) or ""
    return any(h == d or h.endswith("." + d) for d in UN_HOSTS)


def verification_phrase(symbol: str | None, url: str | None) -> str | None:
    """What rests on secondary sources for one draft of this file, in a few words."""
    parts = []
    if not symbol:
        parts.append("symbol not found")
    if not is_un(url):
        parts.append(f"tally and member votes from a secondary source ({host(url)})")
    return "; ".join(parts) or None


def _code(name: str, on: date, where: str) -> str:
    try:
        return resolve(name, on=on).code
    except UnknownMember as exc:
        raise MalformedData(
            f"{where}: unknown member {name!r} ({exc.remedy or exc.problem})", MEMBER_REMEDY
        ) from None


def parse_failed_draft_votes(path: Path) -> pa.Table:
    """One row per member per draft, members as codes, with the draft's tally and phrase."""
    name = path.name
    raw = read_strings(path)
    require(raw, REQUIRED, name)
    dates = to_date(raw, "date", name)
    check_values(raw, "vote", {"Y", "N", "A"}, name)
    tallies = {c: to_int(raw, f"tally_{c}", name, pa.int16()) for c in ("yes", "no", "abstain")}
    drafts = optional_text(raw, "draft")
    meetings = optional_text(raw, "meeting")
    urls = optional_text(raw, "source_url")
    names = pc.utf8_trim_whitespace(raw.column("member")).to_pylist()
    on = dates.to_pylist()
    codes = [_code(n, d, f"{name}: line {i + 2}, column member") for i, (n, d) in
             enumerate(zip(names, on, strict=True))]  # fmt: skip
    vetoed_by = [
        sorted(
            _code(v.strip(), on[i], f"{name}: line {i + 2}, column vetoed_by")
            for v in cell.split(";")
            if v.strip()
        )
        for i, cell in enumerate(raw.column("vetoed_by").to_pylist())
    ]
    table = pa.table(
        {
            "line": pa.array(range(2, raw.num_rows + 2), pa.int32()),
            "date": dates,
            "draft": drafts,
            "meeting": meetings,
            "member": pa.array(codes, pa.string()),
            "name": pa.array(names, pa.string()),
            "vote": raw.column("vote"),
            "yes": tallies["yes"],
            "no": tallies["no"],
            "abstain": tallies["abstain"],
            "vetoed_by": pa.array(vetoed_by, pa.list_(pa.string())),
            "source_url": urls,
        }
    )
    _check_drafts(table, name)
    phrases = [
        verification_phrase(d, u) for d, u in zip(drafts.to_pylist(), urls.to_pylist(), strict=True)
    ]
    return table.append_column("verification", pa.array(phrases, pa.string()))


def draft_key(row: dict) -> tuple:
    """Rows of one draft share date, symbol, meeting and tally."""
    return (row["date"], row["draft"], row["meeting"], row["yes"], row["no"], row["abstain"])


def _check_drafts(table: pa.Table, name: str) -> None:
    """Each draft: one vote per member, and the votes add up to the published tally."""
    groups: dict[tuple, list[dict]] = {}
    for row in table.to_pylist():
        groups.setdefault(draft_key(row), []).append(row)
    for rows in groups.values():
        first = rows[0]
        what = first["draft"] or f"the draft without a symbol of {first['date']}"
        seen: set[str] = set()
        for r in rows:
            if r["member"] in seen:
                raise MalformedData(
                    f"{name}: line {r['line']}, column member: {r['name']!r} votes twice on {what}",
                    REMEDY,
                )
            seen.add(r["member"])
        counted = tuple(sum(r["vote"] == v for r in rows) for v in ("Y", "N", "A"))
        if counted != (first["yes"], first["no"], first["abstain"]):
            raise MalformedData(
                f"{name}: line {first['line']}, column tally_yes: {what} has member votes "
                f"{'-'.join(map(str, counted))} but tally "
                f"{first['yes']}-{first['no']}-{first['abstain']}",
                REMEDY,
            )


def parse(key: str, path: Path) -> pa.Table:
    return parse_failed_draft_votes(path)


SOURCE = Source(
    name="failed_draft_votes",
    title="Member votes on failed and vetoed Security Council drafts, 2020-2025",
    publisher="UN press releases and meeting records, compiled for the mirror; some rows from "
    "news reports (each row cites its source)",
    terms="Facts from UN sources (attribute the UN); secondary reports cited per row",
    files=(SourceFile(key="failed_draft_votes", url=None, mirror_path=MIRROR_PATH),),
    parse=parse,
)
