"""The Assembly from 2022 on: the mirror's third-party scrape in the official layout, loaded as a
source of its own, its member codes mapped and its names joined, its rows giving way to the
Library's file, and every answer that uses it saying so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from untally.errors import BeyondRecord, MalformedData
from untally.sources.fetch import Fetcher
from untally.sources.registry import SOURCES
from untally.sources.undl_ga import GA_2022ON_SOURCE, SCRAPE_NOTE, parse_ga_file
from untally.store import assemble
from untally.store.build import schema_sql
from untally.store.ga import (
    GA_2022ON_TABLE,
    GA_SCHEMA,
    GA_TABLE,
    check_within_record,
    ga_spans,
    ga_symbol_keys,
    load_ga,
    validate_ga,
)

HEADER = (
    "undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,meeting,"
    "title,agenda_title,subjects,vote_note,total_yes,total_no,total_abstentions,"
    "total_non_voting,total_ms,undl_link\n"
)


def row(uid: int, code: str, vote: str, when: str, symbol: str, tally: str) -> str:
    session = symbol.split("/")[2]
    return (
        f"{uid},{code},,{vote},{when},{session},{symbol},,,,Title {uid},,,,{tally},"
        f"https://digitallibrary.un.org/record/{uid}\n"
    )


# Two votes in the scrape's shape: ms_name empty, symbols as scraped.
SCRAPE = (
    HEADER
    + row(900, "USA", "N", "2023-10-27", "A/RES/ES-10/21", "1,2,0,0,3")
    + row(900, "ISR", "N", "2023-10-27", "A/RES/ES-10/21", "1,2,0,0,3")
    + row(900, "FRA", "Y", "2023-10-27", "A/RES/ES-10/21", "1,2,0,0,3")
    + row(901, "USA", "Y", "2023-12-19", "A/RES/78/183 A/B", "2,0,1,0,3")
    + row(901, "ISR", "A", "2023-12-19", "A/RES/78/183 A/B", "2,0,1,0,3")
    + row(901, "ZAR", "Y", "2023-12-19", "A/RES/78/183 A/B", "2,0,1,0,3")
)
OFFICIAL = (
    HEADER + "800,USA,UNITED STATES,Y,2021-12-24,76,A/RES/76/1,,,,Old,,,,1,0,0,0,1,"
    "https://digitallibrary.un.org/record/800\n"
    + "901,USA,UNITED STATES,N,2023-12-19,78,A/RES/78/183 A/B,,,,Official,,,,0,1,0,0,1,"
    "https://digitallibrary.un.org/record/901\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def connection(tables: dict) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(schema_sql())
    con.execute(GA_SCHEMA)
    assemble.load_members(con, {})
    load_ga(con, tables)
    return con


def scrape_table(tmp_path: Path):
    path = write(tmp_path, "ga_voting_2022on.csv", SCRAPE)
    return GA_2022ON_SOURCE.parse("ga_voting_2022on", path)


# --------------------------------------------------------------------------- the source


def test_the_scrape_is_a_mirror_only_source_of_its_own_with_its_note():
    (file,) = GA_2022ON_SOURCE.files
    assert GA_2022ON_SOURCE in SOURCES
    assert file.url is None and file.optional
    assert file.mirror_path == "ga_2022on/ga_voting_2022on.csv.gz"
    assert file.note == SCRAPE_NOTE and "third-party scrape" in SCRAPE_NOTE
    assert not Fetcher(Path("/nonexistent"), None).wanted(file)  # online: the official file
    assert Fetcher(Path("/nonexistent"), "/mirror").wanted(file)


def test_the_scrape_parses_with_empty_names(tmp_path):
    t = scrape_table(tmp_path)
    assert t.num_rows == 6
    assert set(t.column("ms_name").to_pylist()) == {""}
    assert t.column("session").to_pylist()[:1] == ["ES-10"]


def test_a_malformed_row_stops_the_parse_in_one_line(tmp_path):
    bad = SCRAPE.replace("901,ISR,,A,", "901,ISR,,ABSTAIN,")
    path = write(tmp_path, "ga_voting_2022on.csv", bad)
    with pytest.raises(MalformedData) as caught:
        parse_ga_file(path)
    message = str(caught.value)
    assert "\n" not in message
    assert "line 6, column ms_vote: 'ABSTAIN'" in message


# --------------------------------------------------------------------------- loading


def test_codes_are_mapped_names_left_to_the_members_table_and_the_source_kept(tmp_path):
    con = connection({GA_2022ON_TABLE: scrape_table(tmp_path)})
    assert validate_ga(con) == []
    votes = con.execute(
        "SELECT member, name_as_recorded, m.name FROM ga_votes v JOIN members m "
        "ON m.code = v.member WHERE vote_id = 901 ORDER BY member"
    ).fetchall()
    assert [v[0] for v in votes] == ["COD", "ISR", "USA"]  # ZAR (Zaire) is COD
    assert {v[1] for v in votes} == {None}
    assert dict((v[0], v[2]) for v in votes)["USA"] == "United States"
    assert con.execute("SELECT DISTINCT source FROM ga_resolutions").fetchall() == [
        (GA_2022ON_TABLE,)
    ]


def test_scraped_symbols_are_found_in_every_form():
    assert ga_symbol_keys("A/RES/78/183 A/B") == [
        "A/RES/78/183A/B", "A/RES/78/183", "A/RES/78/183A", "A/RES/78/183B",
    ]  # fmt: skip
    assert ga_symbol_keys("A/RES/77/263A") == ["A/RES/77/263A", "A/RES/77/263"]
    assert ga_symbol_keys("A/DEC/80/506") == ["A/DEC/80/506"]
    assert ga_symbol_keys("a/res/es-11/1 ") == ["A/RES/ES-11/1"]


def test_a_tally_that_disagrees_with_the_member_votes_is_listed(tmp_path):
    text = SCRAPE.replace("1,2,0,0,3", "2,1,0,0,3")
    con = connection({GA_2022ON_TABLE: parse_ga_file(write(tmp_path, "x.csv", text))})
    assert [i[0] for i in validate_ga(con)] == ["ga_tally_vs_member_votes"]


def test_the_librarys_file_wins_where_both_hold_a_vote(tmp_path):
    official = parse_ga_file(write(tmp_path, "official.csv", OFFICIAL))
    con = connection({GA_TABLE: official, GA_2022ON_TABLE: scrape_table(tmp_path)})
    got = con.execute(
        "SELECT vote_id, title, source FROM ga_resolutions ORDER BY vote_id"
    ).fetchall()
    assert got == [
        (800, "Old", GA_TABLE),
        (900, "Title 900", GA_2022ON_TABLE),
        (901, "Official", GA_TABLE),
    ]
    assert con.execute("SELECT count(*) FROM ga_votes WHERE vote_id = 901").fetchall() == [(1,)]


def test_spans_name_each_sources_end_and_the_scrape_note(tmp_path):
    official = parse_ga_file(write(tmp_path, "official.csv", OFFICIAL))
    con = connection({GA_TABLE: official, GA_2022ON_TABLE: scrape_table(tmp_path)})
    spans = ga_spans(con)
    assert [(s.source, s.last, s.votes) for s in spans] == [
        (GA_TABLE, dt.date(2023, 12, 19), 2),
        (GA_2022ON_TABLE, dt.date(2023, 10, 27), 1),
    ]
    assert spans[0].note is None
    assert spans[1].note == f"2023 {SCRAPE_NOTE}"
    (only_old,) = ga_spans(con, "date < ?", [dt.date(2022, 1, 1)])
    assert only_old.note is None


def test_a_question_after_the_end_of_the_record_is_refused(tmp_path):
    con = connection({GA_2022ON_TABLE: scrape_table(tmp_path)})
    check_within_record(con, dt.date(2023, 12, 19))
    with pytest.raises(BeyondRecord, match="record ends 2023-12-19"):
        check_within_record(con, dt.date(2024, 1, 1))


# --------------------------------------------------------------------------- the mirror


@pytest.mark.parametrize(
    ("symbol", "when", "tally"),
    [
        ("A/RES/ES-11/1", dt.date(2022, 3, 2), (141, 5, 35)),
        ("A/RES/ES-10/21", dt.date(2023, 10, 27), (120, 14, 45)),
    ],
)
def test_known_tallies_from_the_built_mirror(built_db, symbol, when, tally):
    with duckdb.connect(str(built_db), read_only=True) as con:
        rows = con.execute(
            "SELECT date, yes, no, abstain, source, (SELECT count(*) FROM ga_votes v "
            "WHERE v.vote_id = r.vote_id) FROM ga_resolutions r "
            "WHERE list_contains(symbols, ?)",
            [symbol],
        ).fetchall()
    assert rows == [(when, *tally, GA_2022ON_TABLE, 193)]


def test_the_mirror_record_runs_to_december_2025_with_its_note(built_db):
    with duckdb.connect(str(built_db), read_only=True) as con:
        spans = ga_spans(con)
        assert validate_ga(con) == []
    assert [s.source for s in spans] == [GA_TABLE, GA_2022ON_TABLE]
    assert spans[-1].last == dt.date(2025, 12, 18)
    assert spans[-1].note == f"2022–2025 {SCRAPE_NOTE}"
