"""The veto list continued after 8 July 2022: a hand-checked supplement (mirror only).

Official source: the Dag Hammarskjöld Library's veto list,
https://research.un.org/en/docs/sc/quick/veto, an HTML page with no machine-readable file.
The scrape :mod:`untally.sources.vetoes` reads stops at 2022-07-08; the mirror's
``vetoes/veto_list_2022_2025_supplement.csv`` continues it (2022-09-30 to 2025-09-18) with
exactly the scrape's columns, plus ``source_url`` and ``verification``.

Mapping to the official page: one supplement row is one row of the page's table (date,
draft symbol, meeting record, agenda item, permanent member(s) casting the negative vote);
the dummies (``single_veto``, ``russia_china``...) are derived from the members and ignored
here. ``source_url`` is the press release or report the row was checked against;
``verification`` says what rests on secondary sources ("partly: draft symbol ... from leads
only. Verified in UN press release ...").

Because no official file exists to download, the file's ``url`` is ``None``: an online sync
skips it (:meth:`untally.sources.fetch.Fetcher.wanted`) and the record then ends where the
official scrape ends; only a mirror supplies it. Once the Library's list is re-scraped past
2022, that scrape replaces this file row for row (union by date and draft symbol).

Each row keeps its ``verification`` text and a short phrase derived from it
(:func:`secondary_phrase`, e.g. "symbol and meeting from secondary sources"), which every
face that shows the decision prints.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from untally.sources.base import Source, SourceFile
from untally.sources.csvread import REMEDY, MalformedData, optional_text, read_strings, require
from untally.sources.vetoes import LIST_PAGE, parse_veto_list

MIRROR_PATH = "vetoes/veto_list_2022_2025_supplement.csv"

# What a "partly:" clause can name as secondary, in the order the phrase lists them.
_FACTS = (
    ("symbol", r"symbol"),
    ("meeting", r"meeting"),
    ("date", r"\bdate\b"),
    ("tally", r"\btall(?:y|ies)\b"),
    ("vetoing member", r"\b(?:US|USA|Russian|Chinese|China|UK|British|French|France) veto\b"),
    ("agenda title", r"agenda"),
)


def secondary_phrase(verification: str | None) -> str | None:
    """A short phrase naming what the ``partly:`` clause says rests on secondary sources.

    >>> secondary_phrase("partly: draft symbol and meeting number from leads only. Verified in X")
    'symbol and meeting from secondary sources'
    >>> secondary_phrase(None) is None
    True
    """
    if not verification:
        return None
    text = verification.strip()
    if not text.lower().startswith("partly:"):
        return None
    clause = re.split(r"\.\s+Verified|\bVerified\b", text[len("partly:") :], maxsplit=1)[0]
    named = [fact for fact, pattern in _FACTS if re.search(pattern, clause, re.I)]
    if not named:
        return "partly from secondary sources"
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return f"{listed} from secondary sources"


def parse_supplement(path: Path) -> pa.Table:
    """The veto list's columns (:func:`parse_veto_list`) plus source_url, verification, phrase."""
    table = parse_veto_list(path)
    raw = read_strings(path)
    require(raw, ["source_url", "verification"], path.name)
    urls = optional_text(raw, "source_url")
    if pc.any(pc.is_null(urls)).as_py():
        i = pc.index(pc.is_null(urls), True).as_py()
        raise MalformedData(
            f"{path.name}: line {i + 2}, column source_url: empty; every supplement row must "
            "cite the source it was checked against",
            REMEDY,
        )
    verification = optional_text(raw, "verification")
    phrases = [secondary_phrase(v) for v in verification.to_pylist()]
    return (
        table.append_column("source_url", urls)
        .append_column("verification", verification)
        .append_column("secondary", pa.array(phrases, pa.string()))
    )


def parse(key: str, path: Path) -> pa.Table:
    return parse_supplement(path)


SOURCE = Source(
    name="veto_list_supplement",
    title="Security Council veto list continued 2022-2025 (hand-checked supplement)",
    publisher=f"UN Dag Hammarskjöld Library ({LIST_PAGE}); rows checked against UN press "
    "releases, UN News and secondary reports",
    terms="Facts from UN sources (attribute the UN); each row cites its source",
    files=(SourceFile(key="supplement", url=None, mirror_path=MIRROR_PATH),),
    parse=parse,
)
