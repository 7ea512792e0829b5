"""SIPRI Arms Transfers Database: trend-indicator values (TIV) by supplier, recipient and
calendar year.

SIPRI publishes per-supplier tables ("TIV of arms exports from <supplier>, 1950-2021") that
its web tool generates on request. **SIPRI's own layout** (:func:`parse_tiv_table`) is a few
title lines (the supplier's name is in the first), a header row of years ending in
``Total``, one row per recipient, and a ``Total`` row; a blank cell means no deliveries.

**Online there is no dependable URL.** The tables used to come from a form POST to
``armstrade.sipri.org/armstrade/html/export_values.php`` (public scripts send
``import_or_export``, ``country_code``, ``low_year``, ``high_year``, ``summarize=country``,
``filetype=csv``); by public accounts from 2026 that address now redirects to an
information page, and the new portal (``armstransfers.sipri.org``) calls an undocumented JSON
backend. untally does not depend on either: an online sync reads the exported tables from
a folder or URL the user names (:func:`untally.config.sipri_tables`,
``UNTALLY_SIPRI_TABLES``), one file per supplier code of
:func:`untally.config.sipri_suppliers`, and without that setting it has no SIPRI data.

The mirror's file is those tables already reshaped to one row per supplier, recipient and
year (``supplier, supplier_sipri_code, recipient, year, tiv_musd``), blank cells left out.

**TIV is not money.** It is SIPRI's volume index of deliveries of major conventional arms
(millions of TIV at constant prices), comparable across suppliers and years but not a sale
price; untally only ever prints it as TIV and as shares of a total. A 0 means deliveries of
less than 0.5 million TIV. Years are **calendar years of delivery**.

Names carry SIPRI's markers: ``*`` a non-state actor, ``**`` an international
organisation; the parser strips them into ``supplier_kind``/``recipient_kind``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from untally.errors import MalformedData
from untally.sources.base import Source, SourceFile
from untally.sources.csvread import REMEDY, read_strings, require, to_int, to_number

DATABASE_URL = "https://www.sipri.org/databases/armstransfers"
MIRROR_PATH = "us_support/sipri_tiv_exports_dyad_year_1950_2021.csv"
TIV_NOTE = "SIPRI trend-indicator values (TIV): a volume index of deliveries, not dollars"
REQUIRED = ["supplier", "supplier_sipri_code", "recipient", "year", "tiv_musd"]
TABLE_NAME = "TIV-Export-{supplier}.csv"  # a table's file name in the folder of the setting
TITLE = re.compile(r"^TIV of arms exports from (?P<supplier>.+?), \d{4}-\d{4}$")
NUMBER = re.compile(r"^\d+(\.\d+)?$")


def _kind(names: pa.ChunkedArray) -> pa.Array:
    return pc.if_else(
        pc.ends_with(names, "**"),
        "organisation",
        pc.if_else(pc.ends_with(names, "*"), "non-state", "state"),
    )


def _bare(names: pa.ChunkedArray) -> pa.Array:
    return pc.utf8_trim_whitespace(pc.utf8_rtrim(names, characters="*"))


def parse_tiv(path: Path) -> pa.Table:
    """The dyad-year table -> typed rows; a bad year or value names its line."""
    name = path.name
    raw = read_strings(path)
    require(raw, REQUIRED, name)
    supplier = pc.utf8_trim_whitespace(raw.column("supplier"))
    recipient = pc.utf8_trim_whitespace(raw.column("recipient"))
    return pa.table(
        {
            "supplier": _bare(supplier),
            "supplier_kind": _kind(supplier),
            "supplier_sipri_code": pc.utf8_trim_whitespace(raw.column("supplier_sipri_code")),
            "recipient": _bare(recipient),
            "recipient_kind": _kind(recipient),
            "year": to_int(raw, "year", name, pa.int16()),
            "tiv": to_number(raw, "tiv_musd", name),
        }
    )


def _table_error(name: str, line: int, problem: str) -> MalformedData:
    return MalformedData(
        f"{name}: line {line}: {problem}",
        "the file is not a SIPRI 'TIV of arms exports' table as exported; export it again "
        "(CSV, one supplier, summarised by country)",
    )


def parse_tiv_table(path: Path, code: str) -> pa.Table:
    """One supplier's table in SIPRI's export layout -> the long rows of :func:`parse_tiv`.

    The supplier is named by the title line, its code by the setting that asked for it;
    blank cells, the ``Total`` column and the ``Total`` row are left out; a ``0`` (deliveries
    under 0.5 million TIV) is kept as 0.
    """
    name = path.name
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise MalformedData(f"{name}: cannot be read as CSV ({exc})", REMEDY) from None
    title = TITLE.match(rows[0][0].strip()) if rows and rows[0] else None
    if title is None:
        raise _table_error(name, 1, "no title 'TIV of arms exports from <supplier>, <years>'")
    supplier = title["supplier"].strip()
    header = next((i for i, r in enumerate(rows) if r and not r[0].strip() and
                   len(r) > 1 and r[1].strip().isdigit()), None)  # fmt: skip
    if header is None:
        raise _table_error(name, 1, "no header row of years")
    columns = [c.strip() for c in rows[header]]
    years = {j: int(c) for j, c in enumerate(columns) if j and c.isdigit()}
    if any(c not in ("", "Total") and j not in years for j, c in enumerate(columns) if j):
        bad = next(c for j, c in enumerate(columns) if j and c not in ("", "Total") and
                   j not in years)  # fmt: skip
        raise _table_error(name, header + 1, f"header cell {bad!r} is not a year or Total")
    recipients, out_years, values = [], [], []
    for i in range(header + 1, len(rows)):
        row = [c.strip() for c in rows[i]]
        if not any(row):
            continue
        if row[0] == "Total":
            break
        if not row[0]:
            raise _table_error(name, i + 1, "a row without a recipient")
        for j, year in years.items():
            cell = row[j] if j < len(row) else ""
            if not cell:
                continue
            if not NUMBER.match(cell):
                raise _table_error(name, i + 1, f"{row[0]}, {year}: {cell!r} is not a TIV value")
            recipients.append(row[0])
            out_years.append(year)
            values.append(float(cell))
    if not recipients:
        raise _table_error(name, header + 1, "no recipient rows")
    recipient = pa.array(recipients, pa.string())
    supplier_col = pa.array([supplier] * len(recipients), pa.string())
    return pa.table(
        {
            "supplier": _bare(supplier_col),
            "supplier_kind": _kind(supplier_col),
            "supplier_sipri_code": pa.array([code] * len(recipients), pa.string()),
            "recipient": _bare(recipient),
            "recipient_kind": _kind(recipient),
            "year": pa.array(out_years, pa.int16()),
            "tiv": pa.array(values, pa.float64()),
        }
    )


def parse(key: str, path: Path) -> pa.Table:
    if key == "tiv":
        return parse_tiv(path)
    return parse_tiv_table(path, key.removeprefix("tiv_"))


def combine(parts: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """The mirror's long file as it is, or the per-supplier tables as one long table."""
    if "tiv" in parts:
        return {"tiv": parts["tiv"]}
    return {"tiv": pa.concat_tables(parts.values())} if parts else {}


def table_url(location: str, code: str) -> str:
    """Where the setting says a supplier's table is: a template with ``{supplier}``, or a
    folder / base URL holding ``TIV-Export-<CODE>.csv``."""
    if "{supplier}" not in location:
        location = location.rstrip("/") + "/" + TABLE_NAME
    url = location.replace("{supplier}", code)
    if url.startswith(("http://", "https://", "file://")):
        return url
    return Path(url).expanduser().resolve().as_uri()


def source(suppliers: Iterable[str] = (), location: str | None = None) -> Source:
    """The SIPRI source: the mirror's long file, and the tables of ``suppliers`` at
    ``location`` for an online sync (none without a location)."""
    tables = tuple(
        SourceFile(
            key=f"tiv_{code}",
            url=table_url(location, code),
            mirror_path=f"sipri/{TABLE_NAME.format(supplier=code)}",
            optional=False,  # asked for by name: a missing table is an error, not a gap
            note=TIV_NOTE,
            in_mirror=False,
        )
        for code in suppliers
        if location
    )
    return Source(
        name="sipri",
        title="SIPRI Arms Transfers Database: TIV by supplier, recipient and year",
        publisher=f"Stockholm International Peace Research Institute ({DATABASE_URL})",
        terms="Cite 'SIPRI Arms Transfers Database'; SIPRI's data-use terms apply",
        files=(
            SourceFile(key="tiv", url=None, mirror_path=MIRROR_PATH, optional=True, note=TIV_NOTE),
            *tables,
        ),
        parse=parse,
        combine=combine,
    )


SOURCE = source()
