"""USAID Greenbook, *U.S. Overseas Loans and Grants*: obligations by country, fiscal year,
category (economic or military), agency and account, FY1946 on.

The Greenbook is the official source that splits US aid into economic and military
assistance; its amounts are **obligations** in current and constant US dollars, by **fiscal
year** (the 1976 transition quarter folded into 1976).

**Online** a sync reads the official workbook (:data:`GREENBOOK_URL`, read with
:func:`parse_official`; a CSV saved from it in the same layout reads too): a few title
lines, then the header ``Fiscal Year, Region, Country, Assistance Category, Publication Row,
Funding Agency, Funding Account Name, Obligations (Historical Dollars), Obligations
(Constant Dollars)`` and one row per country, year and account. Its amounts are exact.
Columns are read by name (extra ones are ignored); a fiscal year written ``1976.9`` or
``1976tq`` (the transition quarter) is folded into 1976, as the mirror's copy does. The file
names countries only; the store gives them the members table's codes
(:mod:`untally.store.us`), and a name no member matches (a region) keeps a null code.
The URL is the one public code downloads (the R package's build script
``meflynn/greenbook`` ``data-raw/usaid-data.R``, on the host of the ForeignAssistance.gov
downloads); public notes also name ForeignAssistance.gov's data page offering the same
workbook as ``/static/us_foreignaid_greenbook.xlsx``. It was not checked online here (no
internet on the machine that wrote this), so it is uncertain: if it stops answering, sync
the Greenbook from a mirror.

**The mirror's copy is rounded**: it is the R package ``greenbook`` (M. E. Flynn, v0.1.0),
whose build rounded every amount of $10,000,000 or more to two significant figures (smaller
amounts are exact). Every answer resting on it says so (:data:`ROUNDED_NOTE`); answers
resting on the official file do not. Its layout (``country, ccode, iso3c, year, region,
category, pubrow, agency, account, constant, current``) is the package's, so it is a
mirror-only file (``url`` is ``None``).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from python_calamine import CalamineError, CalamineWorkbook

from untally.errors import MalformedData
from untally.sources.base import Source, SourceFile
from untally.sources.csvread import (
    REMEDY,
    check_values,
    optional_text,
    read_strings,
    require,
    to_amount,
    to_int,
)

GREENBOOK_URL = (
    "https://s3.amazonaws.com/files.explorer.devtechlab.com/us_foreignaid_greenbook.xlsx"
)
OFFICIAL_PATH = "us_support/us_foreignaid_greenbook.xlsx"  # where a download is cached
SITE = "https://foreignassistance.gov/data"
MIRROR_PATH = "us_support/greenbook_overseas_loans_grants_1946_2019_rounded.csv.gz"
ROUNDED_NOTE = (
    "Greenbook copy of the mirror: amounts of $10M or more rounded to two significant figures"
)
REQUIRED = [
    "country", "iso3c", "year", "region", "category", "agency", "account", "constant",
    "current",
]  # fmt: skip
CATEGORIES = {"Economic", "Military"}
# The official header -> the names the parser gives them.
OFFICIAL_COLUMNS = {
    "Fiscal Year": "year", "Region": "region", "Country": "country",
    "Assistance Category": "category", "Publication Row": "pubrow",
    "Funding Agency": "agency", "Funding Account Name": "account",
    "Obligations (Historical Dollars)": "current", "Obligations (Constant Dollars)": "constant",
}  # fmt: skip
OFFICIAL_REQUIRED = [
    "Fiscal Year", "Country", "Assistance Category", "Obligations (Historical Dollars)",
    "Obligations (Constant Dollars)",
]  # fmt: skip


def parse_greenbook(path: Path) -> pa.Table:
    """The Greenbook's long table -> one typed row per country, year, category and account
    (``line`` is the row's line in the file: rows repeat otherwise)."""
    name = path.name
    raw = read_strings(path)
    require(raw, REQUIRED, name)
    check_values(raw, "category", CATEGORIES, name)
    return pa.table(
        {
            "line": pa.array(range(2, raw.num_rows + 2), pa.int32()),
            "country": pc.utf8_trim_whitespace(raw.column("country")),
            "iso3": optional_text(raw, "iso3c"),
            "fiscal_year": to_int(raw, "year", name, pa.int16()),
            "region": optional_text(raw, "region"),
            "kind": pc.utf8_lower(raw.column("category")),
            "pubrow": optional_text(raw, "pubrow"),
            "agency": optional_text(raw, "agency"),
            "account": optional_text(raw, "account"),
            "current_usd": to_amount(raw, "current", name),
            "constant_usd": to_amount(raw, "constant", name),
        }
    )


def _cell(value: Any) -> str:
    """A workbook cell as the text a CSV would hold (whole numbers without ``.0``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _whole(text: str) -> str:
    """``'1234.56'`` -> ``'1235'``: an amount in whole dollars (anything else unchanged)."""
    try:
        return str(round(float(text))) if "." in text else text
    except ValueError:
        return text


def _official_rows(path: Path) -> list[list[str]]:
    try:
        if path.read_bytes()[:2] == b"PK":  # a workbook (zip), else a CSV saved from one
            sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
            return [[_cell(v) for v in row] for row in sheet]
        with path.open(newline="", encoding="utf-8-sig") as f:
            return [[c.strip() for c in row] for row in csv.reader(f)]
    except (OSError, CalamineError, ValueError, IndexError, csv.Error) as exc:
        raise MalformedData(f"{path.name}: cannot be read ({exc})", REMEDY) from None


def parse_official(path: Path) -> pa.Table:
    """The official Greenbook (workbook or CSV) -> the rows of :func:`parse_greenbook`, with
    exact amounts and no codes (the store matches the names)."""
    name = path.name
    rows = _official_rows(path)
    header = next((i for i, r in enumerate(rows) if r and r[0] == "Fiscal Year"), None)
    if header is None:
        raise MalformedData(
            f"{name}: no header row starting with 'Fiscal Year'",
            "the file is not the Greenbook's 'U.S. Overseas Loans and Grants' download; "
            "download it again or sync from a mirror",
        )
    columns = rows[header]
    missing = [c for c in OFFICIAL_REQUIRED if c not in columns]
    if missing:
        raise MalformedData(f"{name}: missing column(s) {', '.join(missing)}", REMEDY)
    body = [r for r in rows[header + 1 :] if any(r)]
    width = len(columns)
    for i, r in enumerate(body):
        if len(r) > width and any(r[width:]):
            raise MalformedData(
                f"{name}: row {i + 1} after the header has {len(r)} fields, expected {width}",
                REMEDY,
            )
    raw = pa.table(
        {
            OFFICIAL_COLUMNS.get(c, c): pa.array(
                [r[j] if j < len(r) else "" for r in body], pa.string()
            )
            for j, c in enumerate(columns)
            if c in OFFICIAL_COLUMNS
        }
    )
    check_values(raw, "category", CATEGORIES, name)
    years = pc.utf8_lower(raw.column("year"))
    ok = pc.match_substring_regex(years, r"^\d{4}(\.\d+|tq)?$")
    if not pc.all(ok).as_py():
        i = pc.index(ok, False).as_py()
        raise MalformedData(
            f"{name}: row {i + 1} after the header, column Fiscal Year: "
            f"{years[i].as_py()!r} is not a fiscal year",
            REMEDY,
        )
    raw = raw.set_column(
        raw.column_names.index("year"), "year", pc.utf8_slice_codeunits(years, 0, 4)
    )
    for column in ("current", "constant"):  # cents, where a release has them: whole dollars
        raw = raw.set_column(
            raw.column_names.index(column), column,
            pa.array([_whole(v) for v in raw.column(column).to_pylist()], pa.string()),
        )  # fmt: skip
    return pa.table(
        {
            "line": pa.array(range(header + 2, header + 2 + raw.num_rows), pa.int32()),
            "country": pc.utf8_trim_whitespace(raw.column("country")),
            "iso3": pa.nulls(raw.num_rows, pa.string()),
            "fiscal_year": to_int(raw, "year", name, pa.int16()),
            "region": optional_text(raw, "region"),
            "kind": pc.utf8_lower(raw.column("category")),
            "pubrow": optional_text(raw, "pubrow"),
            "agency": optional_text(raw, "agency"),
            "account": optional_text(raw, "account"),
            "current_usd": to_amount(raw, "current", name),
            "constant_usd": to_amount(raw, "constant", name),
        }
    )


def parse(key: str, path: Path) -> pa.Table:
    return parse_official(path) if key == "official" else parse_greenbook(path)


SOURCE = Source(
    name="greenbook",
    title="USAID Greenbook: U.S. Overseas Loans and Grants (economic and military)",
    publisher=f"USAID ({SITE}); mirror copy via the R package greenbook (rounded)",
    terms="US government work, public domain (17 U.S.C. 105); package MIT",
    files=(
        SourceFile(
            key="loans_grants",
            url=None,
            mirror_path=MIRROR_PATH,
            optional=True,
            note=ROUNDED_NOTE,
        ),
        SourceFile(
            key="official",
            url=GREENBOOK_URL,
            mirror_path=OFFICIAL_PATH,
            optional=True,
        ),
    ),
    parse=parse,
)
