"""The General Assembly file: parsed typed, loaded once per vote and once per member vote,
every member code mapped to the members table, problems listed or refused."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from untally import members as mem
from untally.errors import MalformedData, StoreError
from untally.sources.undl_ga import GA_SOURCE, normalise_session, parse_ga_file, roman
from untally.store import assemble, ga
from untally.store.build import schema_sql
from untally.store.ga import GA_SCHEMA, GA_TABLE, load_ga, validate_ga

FIXTURES = Path(__file__).parent / "fixtures" / "ga"
GA_FILE = "undl/ga_voting.csv.gz"


# --------------------------------------------------------------------------- helpers


def ga_connection(table: pa.Table, db: Path | str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A database holding the members table and the GA tables loaded from ``table``."""
    con = duckdb.connect(str(db))
    con.execute(schema_sql())
    has_ga = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ga_votes'"
    ).fetchall()[0][0]
    if not has_ga:  # until store/schema.sql carries the GA tables itself
        con.execute(GA_SCHEMA)
    assemble.load_members(con, {})
    load_ga(con, {GA_TABLE: table})
    return con


def ga_database(csv_path: Path, db: Path) -> Path:
    """Build a GA-only database file from a CSV and validate it (used by every GA test)."""
    con = ga_connection(parse_ga_file(csv_path), db)
    try:
        validate_ga(con)
    finally:
        con.close()
    return db


_BUILT: dict[str, Path] = {}


def mirror_database(factory: pytest.TempPathFactory, mirror: Path) -> Path:
    """The whole mirror GA file in a database, built once per test session."""
    if "db" not in _BUILT:
        _BUILT["db"] = ga_database(mirror / GA_FILE, factory.mktemp("ga") / "ga.duckdb")
    return _BUILT["db"]


@pytest.fixture(scope="session")
def ga_mirror_db(tmp_path_factory, mirror) -> Path:
    return mirror_database(tmp_path_factory, mirror)


@pytest.fixture(scope="session")
def mirror_table(mirror) -> pa.Table:
    return parse_ga_file(mirror / GA_FILE)


def read(db: Path, query: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(query, params).fetchall()


# --------------------------------------------------------------------------- parsing


def test_source_points_at_the_official_record_and_the_mirror_file():
    (file,) = GA_SOURCE.files
    assert GA_SOURCE.name == "undl_ga"
    assert file.key == "ga_voting"
    assert file.url.startswith("https://digitallibrary.un.org/record/4060887/")
    assert file.mirror_path == GA_FILE


def test_parse_types_every_column():
    t = parse_ga_file(FIXTURES / "votes.csv")
    assert t.schema.field("undl_id").type == pa.int64()
    assert t.schema.field("date").type == pa.date32()
    assert t.schema.field("year").type == pa.int16()
    assert t.schema.field("total_yes").type == pa.int16()
    assert t.num_rows == 43
    assert set(t.column("ms_vote").to_pylist()) == {"Y", "N", "A", "X"}


def test_year_only_date_keeps_the_year_and_a_null_date():
    t = parse_ga_file(FIXTURES / "quirks.csv")
    rows = [r for r in t.to_pylist() if r["undl_id"] == 203]
    assert {(r["date"], r["year"]) for r in rows} == {(None, 1977)}


def test_session_is_read_from_the_symbol_when_the_column_is_empty():
    t = parse_ga_file(FIXTURES / "quirks.csv")
    by_id = {r["undl_id"]: r["session"] for r in t.to_pylist()}
    assert by_id[201] == "15"  # A/RES/1514(XV)
    assert by_id[202] == "ES-10"  # A/RES/ES-10/14
    assert by_id[203] == "32"
    assert by_id[204] is None  # MISSING_DATA: unknown
    assert by_id[205] == "S-28"


def test_released_header_variants_and_float_counts_are_accepted():
    t = parse_ga_file(FIXTURES / "quirks.csv")  # agenda, total_abstention, total_nv, "1.0"
    assert "agenda_title" in t.column_names
    assert t.column("total_abstentions").to_pylist()[0] == 1
    assert t.column("agenda_title").to_pylist()[2] == "Agenda item 5"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("75", "75"), ("075", "75"), ("es-10", "ES-10"), ("S 28", "S-28"), ("XV", "15"),
     ("ES-I", "ES-1"), ("", None), (None, None), ("tenth", "TENTH")],
)  # fmt: skip
def test_session_labels_are_normalised(text, expected):
    assert normalise_session(text) == expected


def test_roman_numerals():
    assert [roman(x) for x in ["I", "IV", "XV", "XXIX", "XL", "LXXVI", "IIX?"]] == [
        1, 4, 15, 29, 40, 76, None,
    ]  # fmt: skip


def test_an_unknown_vote_letter_names_the_line(tmp_path):
    text = (FIXTURES / "votes.csv").read_text().replace(",Y,2019-12-01", ",Q,2019-12-01", 1)
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(MalformedData, match=r"line 5, column ms_vote: 'Q'"):
        parse_ga_file(path)


def test_a_missing_column_is_refused(tmp_path):
    lines = (FIXTURES / "votes.csv").read_text().splitlines()
    path = tmp_path / "bad.csv.gz"
    path.write_bytes(gzip.compress("\n".join(lines).replace("total_ms", "members").encode()))
    with pytest.raises(MalformedData, match="missing column"):
        parse_ga_file(path)


# --------------------------------------------------------------------------- loading


def test_one_row_per_vote_and_one_per_member_vote(tmp_path):
    db = ga_database(FIXTURES / "votes.csv", tmp_path / "ga.duckdb")
    assert read(db, "SELECT count(*) FROM ga_resolutions")[0][0] == 9
    assert read(db, "SELECT count(*) FROM ga_votes")[0][0] == 43
    row = read(
        db,
        "SELECT resolution, date, year, session, session_no, yes, no, abstain, non_voting, "
        "total_ms, url FROM ga_resolutions WHERE vote_id = 106",
    )[0]
    assert row == (
        "A/RES/75/3", dt.date(2020, 12, 3), 2020, "75", 75, 4, 0, 0, 1, 5,
        "https://digitallibrary.un.org/record/106",
    )  # fmt: skip


def test_member_votes_inserted_slice_by_slice_are_the_same_rows_in_order(monkeypatch):
    table = parse_ga_file(FIXTURES / "votes.csv")
    query = "SELECT * FROM ga_votes"  # no ORDER BY: the order the store keeps them in
    whole = ga_connection(table).execute(query).fetchall()
    monkeypatch.setattr(ga, "VOTES_PER_INSERT", 2)
    sliced = ga_connection(table).execute(query).fetchall()
    assert sliced == whole == sorted(whole, key=lambda r: (r[0], r[1]))


def test_session_number_of_special_and_unknown_sessions_comes_from_the_date(tmp_path):
    db = ga_database(FIXTURES / "quirks.csv", tmp_path / "ga.duckdb")
    got = dict(read(db, "SELECT vote_id, session_no FROM ga_resolutions"))
    # ES-10 in December 2003: session 58; S-28 in September 2000: 55; MISSING_DATA in
    # December 2018: 73; a year-only date keeps its numbered session.
    assert got == {201: 15, 202: 58, 203: 32, 204: 73, 205: 55}


def test_a_withdrawn_iso_code_is_mapped_to_its_member(tmp_path):
    db = ga_database(FIXTURES / "quirks.csv", tmp_path / "ga.duckdb")
    assert read(db, "SELECT member, name_as_recorded FROM ga_votes WHERE vote_id = 201 "
                    "AND vote = 'A'") == [("COD", "ZAIRE")]  # fmt: skip


def test_an_unknown_member_code_stops_the_load_naming_it(tmp_path):
    text = (FIXTURES / "votes.csv").read_text().replace("103,CUB,CUBA", "103,QQQ,ATLANTIS")
    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(MalformedData, match=r"unknown member code 'QQQ' \(ATLANTIS"):
        ga_connection(parse_ga_file(path))


def test_validation_lists_a_tally_that_disagrees_with_the_member_votes():
    con = ga_connection(parse_ga_file(FIXTURES / "quirks.csv"))
    issues = validate_ga(con)
    assert [(i[0], i[1]) for i in issues] == [
        ("ga_tally_vs_member_votes", "A/RES/S-28/1 (record 205)")
    ]
    assert "published 2-0-0" in issues[0][2] and "give 1-1-0" in issues[0][2]


def test_validation_fails_when_many_tallies_disagree(tmp_path):
    t = parse_ga_file(FIXTURES / "votes.csv")
    t = t.set_column(
        t.column_names.index("total_yes"), "total_yes", pc.add(t.column("total_yes"), 1)
    )
    con = ga_connection(t.cast(t.schema))
    with pytest.raises(StoreError, match="do not add up"):
        validate_ga(con)


@pytest.mark.parametrize(
    ("vote_id", "member"), [(999999, "USA"), (100, "QQQ")], ids=["no vote", "no member"]
)
def test_a_member_vote_pointing_at_no_vote_or_member_fails_validation(vote_id, member):
    # ga_votes declares no foreign keys (DuckDB checks them row by row, ~0.8 s of a sync):
    # validation is what refuses an orphan
    con = ga_connection(parse_ga_file(FIXTURES / "votes.csv"))
    con.execute("INSERT INTO ga_votes VALUES (?, ?, NULL, 'Y')", [vote_id, member])
    with pytest.raises(StoreError, match="1 General Assembly member votes point at no vote"):
        validate_ga(con)


def test_repeated_member_rows_are_kept_once_and_listed():
    t = parse_ga_file(FIXTURES / "votes.csv")
    con = ga_connection(pa.concat_tables([t, t.slice(0, 1)]))
    assert con.execute("SELECT count(*) FROM ga_votes").fetchall()[0][0] == 43
    issues = validate_ga(con)
    assert ("ga_repeated_member_row", "100") in {(i[0], i[1]) for i in issues}


def test_a_code_voting_outside_its_dates_is_listed(tmp_path):
    text = (
        (FIXTURES / "votes.csv").read_text().replace("108,RUS,RUSSIAN FEDERATION", "108,SUN,USSR")
    )
    path = tmp_path / "late.csv"
    path.write_text(text)
    issues = validate_ga(ga_connection(parse_ga_file(path)))
    assert ("ga_member_outside_its_dates", "SUN") in {(i[0], i[1]) for i in issues}


def test_without_the_ga_file_nothing_is_loaded():
    con = duckdb.connect()
    con.execute(schema_sql())
    con.execute(GA_SCHEMA)
    assemble.load_members(con, {})
    load_ga(con, {})
    assert validate_ga(con) == []


# --------------------------------------------------------------------------- the mirror


def test_the_whole_mirror_file_loads_with_every_row(ga_mirror_db, mirror_table):
    assert read(ga_mirror_db, "SELECT count(*) FROM ga_votes")[0][0] == mirror_table.num_rows
    distinct = pc.count_distinct(mirror_table.column("undl_id")).as_py()
    assert read(ga_mirror_db, "SELECT count(*) FROM ga_resolutions")[0][0] == distinct


def test_the_mirror_tallies_agree_with_the_member_votes(ga_mirror_db):
    with duckdb.connect(str(ga_mirror_db), read_only=True) as con:
        issues = validate_ga(con)
    assert [i for i in issues if i[0] == "ga_tally_vs_member_votes"] == []


def test_every_code_in_the_mirror_is_a_member(mirror_table):
    known = set(mem.members_table().column("code").to_pylist())
    codes = set(pc.unique(mirror_table.column("ms_code")).to_pylist())
    assert codes <= known, sorted(codes - known)


# Every code of a former member or an earlier name the mirror uses, with its seat history:
# (code, name in the file, successor in members.csv, the code holding the seat today).
HISTORICAL = [
    ("SUN", "USSR", "RUS", "RUS"),
    ("YUG", "YUGOSLAVIA", "SCG", "SRB"),
    ("SCG", "SERBIA AND MONTENEGRO", "SRB", "SRB"),
    ("CSK", "CZECHOSLOVAKIA", None, "CSK"),
    ("DDR", "GERMAN DEMOCRATIC REPUBLIC", "DEU", "DEU"),
    ("YMD", "DEMOCRATIC YEMEN", "YEM", "YEM"),
    ("ZAN", "ZANZIBAR", "TZA", "TZA"),
]


def test_every_historical_code_in_the_mirror_is_listed_here(mirror_table):
    historical = {
        c
        for c in pc.unique(mirror_table.column("ms_code")).to_pylist()
        if mem.resolve(c).kind == "historical"
    }
    assert historical == {h[0] for h in HISTORICAL}


@pytest.mark.parametrize(("code", "name", "successor", "today"), HISTORICAL)
def test_historical_code_votes_only_while_it_held_its_seat(
    ga_mirror_db, code, name, successor, today
):
    member = mem.resolve(code)
    assert member.successor == successor
    assert mem.lineage(code)[-1] == today
    first, last, names = read(
        ga_mirror_db,
        "SELECT min(r.date), max(r.date), list(DISTINCT v.name_as_recorded) FROM ga_votes v "
        "JOIN ga_resolutions r USING (vote_id) WHERE v.member = ?",
        [code],
    )[0]
    assert name in names
    assert member.held_on(first) and member.held_on(last)
    assert mem.resolve(name, on=first).code == code


# Names the mirror gives current codes for their earlier names.
RENAMED = [
    ("COD", "ZAIRE"),
    ("COD", "CONGO (LEOPOLDVILLE)"),
    ("TZA", "TANGANYIKA"),
    ("EGY", "UNITED ARAB REPUBLIC"),
    ("DEU", "GERMANY, FEDERAL REPUBLIC OF"),
    ("YEM", "YEMEN"),
    ("MMR", "BURMA"),
    ("LKA", "CEYLON"),
]


@pytest.mark.parametrize(("code", "name"), RENAMED)
def test_an_earlier_name_in_the_mirror_resolves_to_its_code(ga_mirror_db, code, name):
    names = read(
        ga_mirror_db,
        "SELECT list(DISTINCT name_as_recorded) FROM ga_votes WHERE member = ?",
        [code],
    )[0][0]
    assert name in names
    assert mem.resolve(name).code == code


def test_russia_and_the_ussr_are_one_seat_in_the_mirror(ga_mirror_db):
    (gap,) = read(
        ga_mirror_db,
        "SELECT count(*) FROM ga_votes a JOIN ga_votes b USING (vote_id) "
        "WHERE a.member = 'SUN' AND b.member = 'RUS'",
    )
    assert gap == (0,)  # never both on one vote: joining the seat double-counts nothing
