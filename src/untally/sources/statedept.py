"""The State Department's printed coincidence tables (*Voting Practices in the United Nations*).

Not loaded into the store: they are what untally's ``state-dept-report`` convention is
checked against (``scripts/statedept_reproduction.py``, docs/general-assembly.md). The mirror
keeps the "overall votes" table of each report 2013–2020 as printed
(``statedept/voting_practices_overall.csv``: year, country, identical, opposite, abstentions,
absences, coincidence_pct, source_url, note; from 2017 ``abstentions`` is the report's
"Partial" column). Country names are printed forms, mapped to members by
:func:`untally.members.resolve`, the one place names are resolved.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from untally.errors import MalformedData
from untally.members import resolve
from untally.sources.base import SourceFile
from untally.sources.csvread import REMEDY, read_strings, require

PRINTED_TABLES = SourceFile(
    key="voting_practices_overall",
    url=None,  # transcribed from the reports' PDFs (index below); no official CSV exists
    mirror_path="statedept/voting_practices_overall.csv",
    note="the State Department's printed tables, transcribed from the reports",
)
REPORTS_INDEX = "https://www.state.gov/voting-practices-in-the-united-nations/"

COUNTS = ("identical", "opposite", "abstentions", "absences")


def read_printed(path: Path) -> pa.Table:
    """One row per report year and country: ``year``, ``country`` as printed, ``member`` (its
    code), the four counts, ``printed`` (the percentage as printed, e.g. ``"40.5%"``),
    ``percent`` (its number) and ``note``."""
    raw = read_strings(path)
    require(raw, ["year", "country", *COUNTS, "coincidence_pct", "note"], path.name)
    try:
        counts = {c: pc.cast(raw.column(c), pa.int64()) for c in ("year", *COUNTS)}
        text = pc.utf8_trim_whitespace(raw.column("coincidence_pct"))
        percent = pc.cast(pc.replace_substring(text, "%", ""), pa.float64())
    except pa.ArrowInvalid as exc:
        raise MalformedData(
            f"{path.name}: a count or percentage is not a number ({exc})", REMEDY
        ) from None
    names = raw.column("country").to_pylist()
    return pa.table(
        {
            "year": counts["year"],
            "country": raw.column("country"),
            "member": pa.array([resolve(n).code for n in names], pa.string()),
            **{c: counts[c] for c in COUNTS},
            "printed": text,
            "percent": percent,
            "note": raw.column("note"),
        }
    )
