"""The Security Council veto list (Dag Hammarskjöld Library).

The Library's list (https://research.un.org/en/docs/sc/quick/veto) gives, per vetoed draft,
the date, draft symbol, meeting record, agenda item and the permanent member(s) voting no. It
is an HTML page; untally reads the World Politics Data Lab's faithful CSV scrape of it, which
keeps one row per vetoed draft. Early drafts without a document symbol are named by their
meeting record (``S/PV.49``), so a symbol can repeat: ``seq`` keeps the list's order.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from untally.sources.base import Source, SourceFile
from untally.sources.csvread import REMEDY, MalformedData, read_strings, require

LIST_PAGE = "https://research.un.org/en/docs/sc/quick/veto"
SCRAPE_URL = (
    "https://raw.githubusercontent.com/world-politics-datalab/vetoes-un-security-council/"
    "661c5246/unsc_vetoes_1946_sept2022.csv"
)
REQUIRED = ["date", "draft", "meeting_record", "agenda_item", "member_veto1"]


def _clean(col: pa.ChunkedArray) -> pa.ChunkedArray:
    col = pc.utf8_trim_whitespace(pc.replace_substring_regex(col, r"\s+", " "))
    return pc.if_else(pc.equal(col, ""), None, col)


def parse_veto_list(path: Path) -> pa.Table:
    """One row per vetoed draft: date, draft, meeting, agenda, vetoing members (as written)."""
    name = path.name
    raw = read_strings(path)
    require(raw, REQUIRED, name)
    dates = pc.strptime(
        pc.utf8_trim_whitespace(raw.column("date")), "%m/%d/%Y", "s", error_is_null=True
    )
    if pc.any(pc.is_null(dates)).as_py():
        i = pc.index(pc.is_null(dates), True).as_py()
        raise MalformedData(
            f"{name}: line {i + 2}, column date: {raw.column('date')[i].as_py()!r} is not M/D/YYYY",
            REMEDY,
        )
    members = [c for c in ("member_veto1", "member_veto2", "member_veto3") if c in raw.column_names]
    rows = raw.num_rows
    vetoed_by = [
        [v for v in (raw.column(c)[i].as_py().strip() for c in members) if v] for i in range(rows)
    ]
    if any(not v for v in vetoed_by):
        i = next(i for i, v in enumerate(vetoed_by) if not v)
        raise MalformedData(f"{name}: line {i + 2} names no vetoing member", REMEDY)
    # The meeting record cell may list several records, one per line.
    meetings = pc.utf8_trim_whitespace(raw.column("meeting_record"))
    return pa.table(
        {
            "seq": pa.array(range(1, rows + 1), pa.int32()),
            "date": pc.cast(dates, pa.date32()),
            "draft": _clean(raw.column("draft")),
            "meeting_record": _clean(meetings),
            "agenda_item": _clean(raw.column("agenda_item")),
            "crisis_topic": _clean(raw.column("crisis_topic"))
            if "crisis_topic" in raw.column_names
            else pa.nulls(rows, pa.string()),
            "vetoed_by": pa.array(vetoed_by, pa.list_(pa.string())),
        }
    )


def parse(key: str, path: Path) -> pa.Table:
    return parse_veto_list(path)


SOURCE = Source(
    name="veto_list",
    title="Security Council veto list (Dag Hammarskjöld Library), via the World Politics Data Lab",
    publisher="UN Dag Hammarskjöld Library; scrape by the World Politics Data Lab (MIT)",
    terms="Facts from the UN Library list (attribute the UN); the CSV scrape is MIT-licensed",
    files=(
        SourceFile(
            key="veto_list",
            url=SCRAPE_URL,
            mirror_path="vetoes/unsc_vetoes_1946_sept2022.csv",
        ),
    ),
    parse=parse,
)
