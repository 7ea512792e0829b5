"""A full sync stores the Assembly files' rows as the files give them.

The sync reads the General Assembly files dictionary-encoded and loads them in slices
(issue 12, faster sync); here the same files are read again with Python's ``csv`` module,
independently of that reader, and the synced record must hold exactly their member votes
and, per recorded vote, their symbol, date and tally.
"""

from __future__ import annotations

import csv
import gzip
import re
from datetime import date
from pathlib import Path

import duckdb
import pytest

OFFICIAL = ("undl/ga_voting.csv.gz", "undl_ga.ga_voting")
SCRAPE = ("ga_2022on/ga_voting_2022on.csv.gz", "undl_ga_2022on.ga_voting_2022on")


def file_rows(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def count(text: str) -> int:
    return int(float(text))


def vote_fields(row: dict[str, str]) -> tuple:
    """What ``ga_resolutions`` holds of a row: symbol, date (null when only a year), tally."""
    day = row["date"].strip()
    return (
        row["resolution"].strip(),
        date.fromisoformat(day[:10]) if len(day) >= 10 else None,
        *(count(row[c]) for c in ("total_yes", "total_no", "total_abstentions")),
        count(row["total_non_voting"]),
        count(row["total_ms"]),
    )


def symbol(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


@pytest.fixture(scope="module")
def files(mirror: Path) -> dict[str, list[dict[str, str]]]:
    return {source: file_rows(mirror / path) for path, source in (OFFICIAL, SCRAPE)}


@pytest.fixture(scope="module")
def con(built_db: Path):
    with duckdb.connect(str(built_db), read_only=True) as con:
        yield con


def test_every_member_vote_of_the_librarys_file_is_stored_as_given(files, con):
    given = {
        (int(r["undl_id"]), r["ms_code"].strip().upper(), r["ms_vote"]) for r in files[OFFICIAL[1]]
    }
    stored = con.execute(
        "SELECT vote_id, member, vote FROM ga_votes JOIN ga_resolutions USING (vote_id) "
        "WHERE source = ?",
        [OFFICIAL[1]],
    ).fetchall()
    assert len(stored) == len(given) == len(files[OFFICIAL[1]])
    assert set(stored) == given


def test_every_recorded_vote_keeps_its_symbol_date_and_tally(files, con):
    given = {int(r["undl_id"]): vote_fields(r) for r in files[OFFICIAL[1]]}
    stored = con.execute(
        "SELECT vote_id, resolution, date, yes, no, abstain, non_voting, total_ms "
        "FROM ga_resolutions WHERE source = ?",
        [OFFICIAL[1]],
    ).fetchall()
    assert {r[0]: tuple(r[1:]) for r in stored} == given


def test_the_scrape_adds_exactly_its_votes_the_librarys_file_lacks(files, con):
    official = files[OFFICIAL[1]]
    ids = {int(r["undl_id"]) for r in official}
    symbols = {symbol(r["resolution"]) for r in official}
    kept = [
        r
        for r in files[SCRAPE[1]]
        if int(r["undl_id"]) not in ids and symbol(r["resolution"]) not in symbols
    ]
    stored = con.execute(
        "SELECT vote_id, member, vote FROM ga_votes JOIN ga_resolutions USING (vote_id) "
        "WHERE source = ?",
        [SCRAPE[1]],
    ).fetchall()
    assert kept
    assert len(stored) == len(kept)
    assert {v[0] for v in stored} == {int(r["undl_id"]) for r in kept}
