"""Separate votes (on a paragraph or an amendment) from Voeten's data: read from the R
package's files or their CSV conversion, stored beside the Library's final votes under the
code that held each seat that day, and counted only by the conventions that count them (the
State Department's reports before 2017). Fixtures in tests/fixtures/unvotes are hand-made."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

from test_ga_store import FIXTURES as GA_FIXTURES
from test_ga_store import ga_connection
from untally.analytics import coincidence as co
from untally.analytics import statedept as sd
from untally.errors import MalformedData
from untally.sources import unvotes
from untally.sources.base import SourceFile
from untally.sources.fetch import Fetcher
from untally.sources.undl_ga import parse_ga_file
from untally.store.ga_separate import (
    ROLL_CALLS,
    SEPARATE_SCHEMA,
    SEPARATE_SOURCE,
    VOTES,
    has_separate,
    load_separate,
)

FIXTURES = Path(__file__).parent / "fixtures" / "unvotes"
CALLS = FIXTURES / "separate_roll_calls.csv"
VOTES_CSV = FIXTURES / "separate_member_votes.csv"

# By construction (separate_roll_calls.csv / separate_member_votes.csv, written by hand in
# the layout of the R package's tables):
#   901 (1950, amendment): US yes, Russia (the Soviet seat) no, Taiwan (the China seat) abstain
#   902 (1950): a final vote, not read
#   903 (2010, paragraph): US no, Yugoslavia (Serbia's seat by then) yes
#   904 (2016, paragraph) on R/71/1: US no, Israel no, France no row (absent)
#   905 (2017, amendment): US yes, Israel no


def tables(calls: Path = CALLS, votes: Path = VOTES_CSV) -> dict[str, pa.Table]:
    return {
        ROLL_CALLS: unvotes.parse("roll_calls", calls),
        VOTES: unvotes.parse("votes", votes),
    }


@pytest.fixture(scope="module")
def con(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    db = tmp_path_factory.mktemp("sep") / "ga.duckdb"
    connection = ga_connection(parse_ga_file(GA_FIXTURES / "report_eras.csv"), db)
    connection.execute(SEPARATE_SCHEMA)
    load_separate(connection, tables())
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def final_only(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    db = tmp_path_factory.mktemp("final") / "ga.duckdb"
    connection = ga_connection(parse_ga_file(GA_FIXTURES / "report_eras.csv"), db)
    yield connection
    connection.close()


def votes_of(con: duckdb.DuckDBPyConnection, rcid: int) -> dict[str, str]:
    return dict(
        con.execute(
            "SELECT member, vote FROM ga_separate_member_votes WHERE rcid = ?", [rcid]
        ).fetchall()
    )


def year(y: int) -> co.VoteFilter:
    return co.VoteFilter(since=dt.date(y, 1, 1), until=dt.date(y, 12, 31))


# --------------------------------------------------------------------------- the source


def test_only_paragraph_and_amendment_roll_calls_are_read():
    calls = unvotes.parse("roll_calls", CALLS).to_pylist()
    assert [(c["rcid"], c["kind"]) for c in calls] == [
        (901, "amendment"), (903, "paragraph"), (904, "paragraph"), (905, "amendment"),
    ]  # fmt: skip


def test_the_r_data_file_reads_like_its_csv_conversion(tmp_path):
    import pyreadr

    rda = tmp_path / "un_roll_calls.csv"  # the cache keeps the official file under this name
    frame = pd.read_csv(CALLS, dtype=str, keep_default_na=False)
    frame["rcid"] = frame["rcid"].astype(float)  # R stores the ids as doubles
    pyreadr.write_rdata(str(rda), frame, df_name="un_roll_calls", compress="gzip")
    assert unvotes.is_rdata(rda) and not unvotes.is_rdata(CALLS)
    assert unvotes.parse("roll_calls", rda).equals(unvotes.parse("roll_calls", CALLS))


def test_a_flag_that_is_neither_0_nor_1_names_its_line(tmp_path):
    bad = tmp_path / "roll_calls.csv"
    bad.write_text(CALLS.read_text().replace("R/65/10,,1", "R/65/10,,yes"))
    with pytest.raises(MalformedData, match=r"line 4, column para"):
        unvotes.parse("roll_calls", bad)


def test_the_official_file_is_downloaded_and_read_from_an_http_server(httpserver, tmp_path):
    import pyreadr

    frame = pd.read_csv(VOTES_CSV, dtype=str, keep_default_na=False)
    rda = tmp_path / "un_votes.rda"
    pyreadr.write_rdata(str(rda), frame, df_name="un_votes", compress="gzip")
    httpserver.expect_request("/data/un_votes.rda").respond_with_data(rda.read_bytes())
    official = SourceFile(
        key="votes", url=httpserver.url_for("/data/un_votes.rda"), mirror_path="unvotes/x.csv.gz"
    )
    fetched = Fetcher(tmp_path / "cache").fetch(official)
    assert fetched is not None and fetched.url.endswith("/data/un_votes.rda")
    assert unvotes.parse("votes", fetched.path).equals(unvotes.parse("votes", VOTES_CSV))


def test_the_source_names_pinned_official_files_and_is_optional():
    assert all(f.optional and f.url and unvotes.PACKAGE_COMMIT in f.url for f in
               unvotes.SOURCE.files)  # fmt: skip
    assert all(f.note == unvotes.NOTE for f in unvotes.SOURCE.files)


# --------------------------------------------------------------------------- the store


def test_a_vote_is_kept_under_the_code_that_held_the_seat_that_day(con):
    assert votes_of(con, 901)["SUN"] == "N"  # written as Russia's in the data
    assert votes_of(con, 901)["CHN"] == "A"  # Taiwan in 1950: the China seat
    assert votes_of(con, 903)["SRB"] == "Y"  # written as Yugoslavia's in 2010


def test_a_member_without_a_row_that_day_is_absent(con):
    assert votes_of(con, 904)["FRA"] == "X"
    assert "RUS" not in votes_of(con, 901)  # not the Russian Federation's seat in 1950


def test_a_separate_vote_names_the_record_resolution_it_belongs_to(con):
    found = con.execute(
        "SELECT resolution, yes, no, abstain FROM ga_separate_votes WHERE rcid = 904"
    ).fetchall()
    assert found == [("A/RES/71/1", 0, 2, 0)]


def test_a_country_no_member_answers_to_stops_the_load(tmp_path):
    bad = tmp_path / "member_votes.csv"
    bad.write_text(VOTES_CSV.read_text() + "904,Atlantis,QQ,yes\n")
    con = ga_connection(parse_ga_file(GA_FIXTURES / "report_eras.csv"))
    con.execute(SEPARATE_SCHEMA)
    with pytest.raises(MalformedData, match="Atlantis"):
        load_separate(con, tables(votes=bad))


def test_without_the_source_the_tables_stay_empty():
    con = ga_connection(parse_ga_file(GA_FIXTURES / "report_eras.csv"))
    con.execute(SEPARATE_SCHEMA)
    load_separate(con, {})
    assert con.execute("SELECT count(*) FROM ga_separate_votes").fetchall() == [(0,)]


# --------------------------------------------------------------------------- the conventions


def test_reports_before_2017_count_separate_votes(con, final_only):
    mine = next(r for r in sd.table(con, 2016).to_pylist() if r["member"] == "ISR")
    theirs = next(r for r in sd.table(final_only, 2016).to_pylist() if r["member"] == "ISR")
    assert mine["identical"] == theirs["identical"] + 1  # 904: both voted no
    assert sd.votes_counted(con, 2016) == sd.votes_counted(final_only, 2016) + 1


def test_the_2017_report_counts_final_votes_only(con, final_only):
    assert sd.votes_counted(con, 2017) == sd.votes_counted(final_only, 2017)


def test_other_conventions_never_count_separate_votes(con, final_only):
    for conv in ("state-dept", "agreement-index"):
        (a,) = co.pair(con, "USA", "ISR", conv, by=None, where=year(2016))
        (b,) = co.pair(final_only, "USA", "ISR", conv, by=None, where=year(2016))
        assert (a.points, a.n_votes) == (b.points, b.n_votes)


def test_a_report_answer_names_voetens_data_when_it_counts_separate_votes(con):
    spans = co.data_used(con, year(2016), separate_until=sd.separate_until())
    (separate,) = [s for s in spans if s.source == SEPARATE_SOURCE]
    assert separate.votes == 1 and separate.note and "Voeten" in separate.note
    assert all(s.source != SEPARATE_SOURCE for s in co.data_used(con, year(2017),
               separate_until=sd.separate_until()))  # fmt: skip


def test_a_database_synced_before_separate_votes_existed_counts_final_votes(final_only):
    assert not has_separate(final_only)
    assert sd.votes_counted(final_only, 2016) == 5
