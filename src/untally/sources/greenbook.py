"""USAID Greenbook, *U.S. Overseas Loans and Grants*: obligations by country, fiscal year,
category (economic or military), agency and account, FY1946 on.

The Greenbook is the official source that splits US aid into economic and military
assistance; its amounts are **obligations** in current and constant US dollars, by **fiscal
year** (the 1976 transition quarter folded into 1976).

**The mirror's copy is rounded**: it is the R package ``greenbook`` (M. E. Flynn, v0.1.0),
whose build rounded every amount of $10,000,000 or more to two significant figures (smaller
amounts are exact). Every answer resting on it says so (:data:`ROUNDED_NOTE`). Its layout
(``country, ccode, iso3c, year, region, category, pubrow, agency, account, constant,
current``) is the package's, not the official download's, so an online sync skips this file
(``url`` is ``None``) until the official layout is read; :data:`GREENBOOK_URL` is the
official file.
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
    to_amount,
    to_int,
)

GREENBOOK_URL = (
    "https://s3.amazonaws.com/files.explorer.devtechlab.com/us_foreign_aid_greenbook.csv"
)
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


def parse(key: str, path: Path) -> pa.Table:
    return parse_greenbook(path)


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
    ),
    parse=parse,
)
