"""Negative votes of permanent members on amendments, 2023-2025 (mirror only).

Official source: the meeting records and press releases of the meetings (22 December 2023 on
Gaza; 24 February 2025 on Ukraine), and the UN's own yearly counts
("vetoes on five draft resolutions and one amendment", GA/12610 and the *Highlights of
Security Council Practice 2023*). The Library's veto list covers whole drafts only, so the
mirror keeps these in ``vetoes/amendment_negative_votes_2023_2025.csv``: ``date``,
``parent_draft_adopted_as`` (the resolution the amended draft became), ``amendment_by``,
``negative_vote_by``, the tally where known (``yes``, ``no``, ``abstain``, ``abstaining``),
``source`` and ``verification``.

A row may stand for several amendments voted separately ("partly: two amendments; ..."):
the parser gives one row per amendment voted on (``number`` 1..n), reading the count from
the ``verification`` text ("one"/"two"/a digit before "amendments"), 1 if none is named. The
file has no ``url`` (``None``): an online sync skips it.
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
    optional_text,
    read_strings,
    require,
    to_date,
)

MIRROR_PATH = "vetoes/amendment_negative_votes_2023_2025.csv"
REQUIRED = [
    "date", "parent_draft_adopted_as", "amendment_by", "negative_vote_by", "yes", "no",
    "abstain", "source", "verification",
]  # fmt: skip
_RESOLUTION = re.compile(r"^S/RES/(\d+)\s*\((\d{4})\)$")
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def amendment_count(verification: str | None) -> int:
    """>>> amendment_count("partly: two amendments; symbols and tallies not found")
    2
    """
    m = re.search(r"\b(\d+|one|two|three|four|five) amendments\b", verification or "", re.I)
    if not m:
        return 1
    word = m.group(1).lower()
    return int(word) if word.isdigit() else _NUMBERS[word]


def _member(name: str, on: date, where: str) -> str:
    try:
        return resolve(name, on=on).code
    except UnknownMember as exc:
        raise MalformedData(
            f"{where}: unknown member {name!r} ({exc.remedy or exc.problem})",
            "add the spelling as an alias in untally/data/members.csv or fix the row",
        ) from None


def _count(raw: pa.Table, column: str, i: int, name: str) -> int | None:
    value = raw.column(column)[i].as_py().strip()
    if value == "":
        return None
    if not value.isdigit():
        raise MalformedData(f"{name}: line {i + 2}, column {column}: {value!r} is not a count",
                            REMEDY)  # fmt: skip
    return int(value)


def parse_amendment_votes(path: Path) -> pa.Table:
    """One row per amendment voted on, with the permanent member that voted no."""
    name = path.name
    raw = read_strings(path)
    require(raw, REQUIRED, name)
    dates = to_date(raw, "date", name).to_pylist()
    verification = optional_text(raw, "verification").to_pylist()
    sources = optional_text(raw, "source").to_pylist()
    rows = []
    for i in range(raw.num_rows):
        where = f"{name}: line {i + 2}"
        parent = re.sub(r"\s+", " ", raw.column("parent_draft_adopted_as")[i].as_py().strip())
        m = _RESOLUTION.match(parent)
        if not m:
            raise MalformedData(
                f"{where}, column parent_draft_adopted_as: {parent!r} is not a resolution "
                "symbol like 'S/RES/2720 (2023)'",
                REMEDY,
            )
        negative = raw.column("negative_vote_by")[i].as_py().strip()
        if not negative:
            raise MalformedData(f"{where}, column negative_vote_by: empty", REMEDY)
        tally = [_count(raw, c, i, name) for c in ("yes", "no", "abstain")]
        by = [s.strip() for s in raw.column("amendment_by")[i].as_py().split(",") if s.strip()]
        n = amendment_count(verification[i])
        for number in range(1, n + 1):
            rows.append(
                {
                    "line": i + 2,
                    "date": dates[i],
                    "parent_resolution": f"S/RES/{m.group(1)}({m.group(2)})",
                    "number": number,
                    "of": n,
                    "amendment_by": [
                        _member(b, dates[i], f"{where}, column amendment_by") for b in by
                    ],
                    "negative_vote_by": sorted(
                        _member(v.strip(), dates[i], f"{where}, column negative_vote_by")
                        for v in negative.split(";")
                    ),
                    "yes": tally[0],
                    "no": tally[1],
                    "abstain": tally[2],
                    "source": sources[i],
                    "verification": verification[i],
                }
            )
    schema = pa.schema(
        [
            ("line", pa.int32()), ("date", pa.date32()), ("parent_resolution", pa.string()),
            ("number", pa.int16()), ("of", pa.int16()),
            ("amendment_by", pa.list_(pa.string())), ("negative_vote_by", pa.list_(pa.string())),
            ("yes", pa.int16()), ("no", pa.int16()), ("abstain", pa.int16()),
            ("source", pa.string()), ("verification", pa.string()),
        ]
    )  # fmt: skip
    table = pa.Table.from_pylist(rows, schema=schema)
    if table.num_rows and pc.any(pc.is_null(table.column("date"))).as_py():
        raise MalformedData(f"{name}: a row has no date", REMEDY)
    return table


def short_phrase(verification: str | None) -> str | None:
    """The ``partly:`` clause without its prefix: already a short phrase in this file."""
    if not verification:
        return None
    text = verification.strip()
    return text[len("partly:") :].strip() if text.lower().startswith("partly:") else text


def parse(key: str, path: Path) -> pa.Table:
    return parse_amendment_votes(path)


SOURCE = Source(
    name="amendment_votes",
    title="Permanent members' negative votes on amendments, 2023-2025",
    publisher="UN press releases, UN News and the Highlights of Security Council Practice, "
    "compiled for the mirror; tallies partly from news agencies",
    terms="Facts from UN sources (attribute the UN); secondary reports cited per row",
    files=(SourceFile(key="amendment_votes", url=None, mirror_path=MIRROR_PATH),),
    parse=parse,
)
