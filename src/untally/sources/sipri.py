"""SIPRI Arms Transfers Database: trend-indicator values (TIV) by supplier, recipient and
calendar year.

SIPRI publishes per-supplier tables ("TIV of arms exports from <supplier>, 1950-2021") that
its web tool generates on request; there is no stable file to download, so an online sync
skips this file (``url`` is ``None``) and :data:`DATABASE_URL` names where the tables come
from. The mirror's file is those tables reshaped to one row per supplier, recipient and year
(``supplier, supplier_sipri_code, recipient, year, tiv_musd``), blank cells left out.

**TIV is not money.** It is SIPRI's volume index of deliveries of major conventional arms
(millions of TIV at constant prices), comparable across suppliers and years but not a sale
price; untally only ever prints it as TIV and as shares of a total. A 0 means deliveries of
less than 0.5 million TIV. Years are **calendar years of delivery**.

Names carry SIPRI's markers: ``*`` a non-state actor, ``**`` an international
organisation; the parser strips them into ``supplier_kind``/``recipient_kind``.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from untally.sources.base import Source, SourceFile
from untally.sources.csvread import read_strings, require, to_int, to_number

DATABASE_URL = "https://www.sipri.org/databases/armstransfers"
MIRROR_PATH = "us_support/sipri_tiv_exports_dyad_year_1950_2021.csv"
TIV_NOTE = "SIPRI trend-indicator values (TIV): a volume index of deliveries, not dollars"
REQUIRED = ["supplier", "supplier_sipri_code", "recipient", "year", "tiv_musd"]


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


def parse(key: str, path: Path) -> pa.Table:
    return parse_tiv(path)


SOURCE = Source(
    name="sipri",
    title="SIPRI Arms Transfers Database: TIV by supplier, recipient and year",
    publisher=f"Stockholm International Peace Research Institute ({DATABASE_URL})",
    terms="Cite 'SIPRI Arms Transfers Database'; SIPRI's data-use terms apply",
    files=(SourceFile(key="tiv", url=None, mirror_path=MIRROR_PATH, optional=True, note=TIV_NOTE),),
    parse=parse,
)
