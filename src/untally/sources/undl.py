"""UN Digital Library voting data (Dag Hammarskjöld Library).

*Security Council voting data* (record 4055387): one row per member state per adopted
resolution voted on, Y/N/A/X. Failed and vetoed drafts are not in it; they come from the veto
list and the meeting tables. Column names changed between releases, so every released header
is accepted and renamed to the current one.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from untally.sources.base import Source, SourceFile
from untally.sources.csvread import (
    check_values,
    optional_text,
    read_strings,
    require,
    to_date,
    to_int,
)

SC_RECORD = "https://digitallibrary.un.org/record/4055387"
TERMS = (
    "Copyright, United Nations; non-commercial use with attribution "
    "(https://digitallibrary.un.org/pages/?ln=en&page=tos)"
)

# Header variants seen across releases (plural forms, "NV"), renamed to Version 6's names.
ALIASES = {
    "total_abstention": "total_abstentions",
    "total_abstain": "total_abstentions",
    "total_nv": "total_non_voting",
    "total_non_votings": "total_non_voting",
    "total_nonvoting": "total_non_voting",
    "ms_votes": "ms_vote",
    "total_yeses": "total_yes",
    "total_nos": "total_no",
    "resolutions": "resolution",
    "drafts": "draft",
    "permanent_members": "permanent_member",
}

SC_REQUIRED = [
    "undl_id", "ms_code", "ms_name", "permanent_member", "ms_vote", "date", "resolution",
    "description", "total_yes", "total_no", "total_abstentions", "total_non_voting",
    "total_ms", "undl_link",
]  # fmt: skip
SC_OPTIONAL = ["draft", "meeting", "agenda", "subjects", "vote_note", "modality"]
VOTES = {"Y", "N", "A", "X"}
COUNTS = ["total_yes", "total_no", "total_abstentions", "total_non_voting", "total_ms"]


def parse_sc_file(path: Path, name: str | None = None) -> pa.Table:
    """One UNDL SC voting CSV -> typed Arrow table in Version 6 column order."""
    name = name or path.name
    raw = read_strings(path, aliases=ALIASES)
    require(raw, SC_REQUIRED, name)
    check_values(raw, "ms_vote", VOTES, name)
    columns: dict[str, pa.Array] = {
        "undl_id": to_int(raw, "undl_id", name, pa.int64()),
        "ms_code": pc.utf8_upper(pc.utf8_trim_whitespace(raw.column("ms_code"))),
        "ms_name": pc.utf8_trim_whitespace(raw.column("ms_name")),
        "permanent_member": pc.equal(pc.utf8_lower(raw.column("permanent_member")), "true"),
        "ms_vote": raw.column("ms_vote"),
        "date": to_date(raw, "date", name),
        "resolution": pc.utf8_trim_whitespace(raw.column("resolution")),
    }
    for col in ["draft", "meeting", "description", "agenda", "subjects", "vote_note"]:
        columns[col] = optional_text(raw, col)
    for col in COUNTS:
        columns[col] = to_int(raw, col, name, pa.int16())
    columns["modality"] = optional_text(raw, "modality")
    columns["undl_link"] = raw.column("undl_link")
    return pa.table(columns)


def parse_sc(key: str, path: Path) -> pa.Table:
    return parse_sc_file(path)


SC_SOURCE = Source(
    name="undl_sc",
    title="UN Digital Library: Security Council voting data",
    publisher="UN Dag Hammarskjöld Library",
    terms=TERMS,
    files=(
        SourceFile(
            key="sc_voting",
            url=f"{SC_RECORD}/files/2026_02_06_sc_voting.csv",
            mirror_path="undl/sc_voting.csv.gz",
        ),
        # Official Version 6 rows from 2022 on; the official file above already holds them.
        SourceFile(
            key="sc_voting_2022on",
            url=None,
            mirror_path="undl/official_sc_voting_2026_02_06_2022on.csv",
            optional=True,
        ),
    ),
    parse=parse_sc,
)
