"""ForeignAssistance.gov, *Country Summary*: US foreign aid by country and fiscal year.

Published by USAID and the State Department; the download ``us_foreign_aid_country.csv`` has
one row per country, transaction type and fiscal year with ``current_amount`` (current US
dollars) and ``constant_amount`` (constant dollars). The mirror's copy is byte-identical to
a download of about April 2025.

Conventions the rows carry, kept as values by the parser:

* **Fiscal years** (1 October to 30 September), FY1946 on; ``1976tq`` is the transition
  quarter (July-September 1976), kept as fiscal year 1976 with ``transition_quarter`` true.
* **Transaction types**, renamed to the measures untally names: Obligations
  (``obligations``), Disbursements (``disbursements``), Appropriated and Planned
  (``appropriations``) and President's Budget Requests (``requests``).
* **Constant dollars** have no stated base year in the file; the query layer reads it from
  the data (the year in which constant equals current), because it differs by measure.
* Regional and world pseudo-entities ("Middle East Region", "World") are rows like the
  countries; ``aggregate`` marks them so rankings can leave them out.

There is no military/economic split in this file: that is in the Greenbook
(:mod:`untally.sources.greenbook`).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from untally.sources.base import Source, SourceFile
from untally.sources.csvread import (
    REMEDY,
    MalformedData,
    optional_text,
    read_strings,
    require,
    to_amount,
)

COUNTRY_SUMMARY_URL = (
    "https://s3.amazonaws.com/files.explorer.devtechlab.com/us_foreign_aid_country.csv"
)
SITE = "https://foreignassistance.gov/data"
MIRROR_PATH = "us_support/fa_gov_us_foreign_aid_country.csv"
TERMS = "US government work, public domain (17 U.S.C. 105)"

# Transaction Type Name -> the measure untally names (one place).
MEASURES = {
    "Obligations": "obligations",
    "Disbursements": "disbursements",
    "Appropriated and Planned": "appropriations",
    "President's Budget Requests": "requests",
}
REQUIRED = [
    "Country Code", "Country Name", "Region Name", "Income Group Acronym",
    "Transaction Type Name", "Fiscal Year", "current_amount", "constant_amount",
]  # fmt: skip
SCHEMA = pa.schema(
    [
        ("country_code", pa.string()), ("country_name", pa.string()), ("region", pa.string()),
        ("income_group", pa.string()), ("aggregate", pa.bool_()), ("measure", pa.string()),
        ("fiscal_year", pa.int16()), ("transition_quarter", pa.bool_()),
        ("current_usd", pa.int64()), ("constant_usd", pa.int64()),
    ]
)  # fmt: skip


def parse_country_summary(path: Path) -> pa.Table:
    """The Country Summary CSV -> one typed row per country, measure and fiscal year."""
    name = path.name
    raw = read_strings(path)
    require(raw, REQUIRED, name)
    types = pc.utf8_trim_whitespace(raw.column("Transaction Type Name"))
    known = pc.is_in(types, value_set=pa.array(list(MEASURES)))
    if not pc.all(known).as_py():
        i = pc.index(known, False).as_py()
        raise MalformedData(
            f"{name}: line {i + 2}, column Transaction Type Name: {types[i].as_py()!r} is not "
            f"one of {', '.join(MEASURES)}",
            "the upstream added a transaction type; add it to untally.sources.fa_gov.MEASURES",
        )
    years = pc.utf8_lower(pc.utf8_trim_whitespace(raw.column("Fiscal Year")))
    ok = pc.match_substring_regex(years, r"^\d{4}(tq)?$")
    if not pc.all(ok).as_py():
        i = pc.index(ok, False).as_py()
        raise MalformedData(
            f"{name}: line {i + 2}, column Fiscal Year: {years[i].as_py()!r} is not a fiscal "
            "year (YYYY or YYYYtq)",
            REMEDY,
        )
    code = optional_text(raw, "Country Code")
    code = pc.if_else(pc.equal(code, "NULL"), None, code)
    country = pc.utf8_trim_whitespace(raw.column("Country Name"))
    aggregate = pc.or_(pc.ends_with(country, " Region"), pc.equal(code, "WLD"))
    return pa.table(
        {
            "country_code": code,
            "country_name": country,
            "region": optional_text(raw, "Region Name"),
            "income_group": optional_text(raw, "Income Group Acronym"),
            "aggregate": pc.fill_null(aggregate, False),
            "measure": _renamed(types),
            "fiscal_year": pc.cast(pc.utf8_slice_codeunits(years, 0, 4), pa.int16()),
            "transition_quarter": pc.ends_with(years, "tq"),
            "current_usd": to_amount(raw, "current_amount", name),
            "constant_usd": to_amount(raw, "constant_amount", name),
        },
        schema=SCHEMA,
    )


def _renamed(types: pa.ChunkedArray) -> pa.Array:
    names = list(MEASURES)
    index = pc.index_in(types, value_set=pa.array(names))
    return pc.take(pa.array(list(MEASURES.values())), index).combine_chunks()


def parse(key: str, path: Path) -> pa.Table:
    return parse_country_summary(path)


SOURCE = Source(
    name="fa_gov",
    title="ForeignAssistance.gov: US foreign aid by country (Country Summary)",
    publisher=f"USAID and US Department of State ({SITE})",
    terms=TERMS,
    files=(
        SourceFile(
            key="country_summary",
            url=COUNTRY_SUMMARY_URL,
            mirror_path=MIRROR_PATH,
            optional=True,
        ),
    ),
    parse=parse,
)
