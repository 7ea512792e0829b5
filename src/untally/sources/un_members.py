"""UN member states and their admission dates.

The UN's list (https://www.un.org/en/about-us/member-states) as tabulated on Wikipedia's
"Member states of the United Nations"; untally reads a CSV copy of that table and maps each
name to its code through :mod:`untally.members`, the one place names are resolved.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from untally.errors import MalformedData, UnknownMember
from untally.members import resolve
from untally.sources.base import Source, SourceFile
from untally.sources.csvread import REMEDY, read_strings, require

TABLE_URL = (
    "https://raw.githubusercontent.com/virgilus/data-science/e58741267a29cd03668b869c94ef1fa81de2796c/"
    "data/un_members.csv"
)


def parse_members(path: Path) -> pa.Table:
    """Columns ``iso3``, ``name``, ``admission_date``; footnote markers like ``[a]`` removed."""
    raw = read_strings(path)
    require(raw, ["Member state", "Date of admission"], path.name)
    names = pc.utf8_trim_whitespace(
        pc.replace_substring_regex(raw.column("Member state"), r"\[\w+\]", "")
    )
    texts = pc.utf8_trim_whitespace(
        pc.replace_substring_regex(raw.column("Date of admission"), r"\[\w+\]", "")
    )
    dates = pc.strptime(texts, format="%d %B %Y", unit="s", error_is_null=True)
    codes = []
    for i, name in enumerate(names.to_pylist()):
        if not dates[i].is_valid:
            raise MalformedData(
                f"{path.name}: line {i + 2}: admission date {texts[i].as_py()!r} "
                "is not like '24 October 1945'",
                REMEDY,
            )
        try:
            codes.append(resolve(name).code)
        except UnknownMember as exc:
            raise MalformedData(f"{path.name}: line {i + 2}: {exc}", REMEDY) from None
    return pa.table({"iso3": codes, "name": names, "admission_date": pc.cast(dates, pa.date32())})


SOURCE = Source(
    name="un_members",
    title="UN member states and admission dates",
    publisher="United Nations (member-states page), tabulated by Wikipedia",
    terms="UN website terms; the Wikipedia table is CC BY-SA 4.0",
    files=(
        SourceFile(
            key="members", url=TABLE_URL, mirror_path="members/un_members_wikipedia_raw.csv"
        ),
    ),
    parse=lambda key, path: parse_members(path),
)
