"""The State Department's report methods (``state-dept-report``): each era's universe, scoring
and rounding on a hand-made record whose answers are known by construction, and the printed
tables 2013–2020 of the mirror against the record."""

from __future__ import annotations

import datetime as dt
import re

import duckdb
import pytest

from test_ga_store import FIXTURES, ga_database
from untally.analytics import coincidence as co
from untally.analytics import statedept as sd
from untally.errors import BeyondRecord, NotFound
from untally.record import Record
from untally.sources.statedept import PRINTED_TABLES, read_printed


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return ga_database(FIXTURES / "report_eras.csv", tmp_path_factory.mktemp("sd") / "ga.duckdb")


@pytest.fixture(scope="module")
def con(db) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(str(db), read_only=True)
    yield connection
    connection.close()


def year(y: int) -> co.VoteFilter:
    return co.VoteFilter(since=dt.date(y, 1, 1), until=dt.date(y, 12, 31))


def israel(con: duckdb.DuckDBPyConnection, y: int) -> dict[str, object]:
    return next(r for r in sd.table(con, y).to_pylist() if r["member"] == "ISR")


# tests/fixtures/ga/report_eras.csv, USA and ISR, by construction (FRA: absent 2016 and 2022):
#   2016: Y/Y, N/N, Y/N, Y/A, A/A (the US abstains: outside the table), N/X
#   2017: Y/Y, and Y/N on A/RES/72/245, the vote the 2017 report left out
#   2019 and 2020: Y/Y, A/A, Y/A, N/Y, A/X, Y/X
#   2022: Y/Y, N/Y, Y/A, Y/X, A/X


def test_before_2017_only_us_yes_no_votes_count_and_the_other_states_abstention_is_its_own_column(
    con,
):
    row = israel(con, 2016)
    assert (row["identical"], row["opposite"], row["partial"], row["absences"]) == (2, 1, 1, 1)
    assert sd.votes_counted(con, 2016) == 5


def test_before_2017_the_figure_is_identical_over_identical_plus_opposite_to_a_tenth(con):
    (c,) = co.pair(con, "USA", "ISR", "state-dept-report", by=None, where=year(2016))
    assert (c.points, c.n_votes) == (2, 3)
    assert c.printed == "66.7%"
    assert "before 2017" in c.method


def test_a_vote_the_report_left_out_is_not_counted(con):
    (c,) = co.pair(con, "USA", "ISR", "state-dept-report", by=None, where=year(2017))
    (plain,) = co.pair(con, "USA", "ISR", "state-dept-2017", by=None, where=year(2017))
    assert (c.points, c.n_votes) == (1, 1)
    assert plain.n_votes == 2


def test_2017_to_2019_partial_scores_half_absences_are_left_out_and_62_5_prints_as_63(con):
    row = israel(con, 2019)
    assert (row["identical"], row["opposite"], row["partial"], row["absences"]) == (2, 1, 1, 2)
    assert row["value"] == pytest.approx(2.5 / 4)
    assert row["printed"] == "63%"  # half up, as the reports round (Python's round gives 62)


def test_in_2020_an_absence_when_the_us_abstained_is_partial(con):
    row = israel(con, 2020)
    assert (row["identical"], row["opposite"], row["partial"], row["absences"]) == (2, 1, 2, 1)
    assert row["value"] == pytest.approx(3 / 5)
    (c,) = co.pair(con, "USA", "ISR", "state-dept-report", by=None, where=year(2020))
    assert (c.points, c.n_votes) == (3, 5)


def test_from_2021_absences_count_half_and_stay_in_the_denominator(con):
    row = israel(con, 2022)
    assert (row["identical"], row["opposite"], row["partial"], row["absences"]) == (1, 1, 1, 2)
    assert row["value"] == pytest.approx((1 + 0.5 * 1 + 0.5 * 2) / 5)
    assert row["printed"] == "50%"


def test_from_2021_a_state_absent_all_year_scores_fifty_percent(con):
    row = next(r for r in sd.table(con, 2022).to_pylist() if r["member"] == "FRA")
    assert (row["absences"], row["printed"]) == (5, "50%")


def test_a_span_of_years_scores_each_vote_under_its_own_years_method(con):
    (c,) = co.pair(con, "USA", "ISR", "state-dept-report", by=None)
    by_year = co.pair(con, "USA", "ISR", "state-dept-report", by="year")
    assert c.points == pytest.approx(sum(x.points for x in by_year))
    assert c.n_votes == sum(x.n_votes for x in by_year)
    assert c.printed is None  # no single report prints a figure for several years
    assert "before 2017" in c.method and "from 2021" in c.method


def test_the_ranking_and_the_pair_give_the_same_report_figure(con):
    ranked = co.rank(con, "USA", "state-dept-report", where=year(2020))
    (c,) = co.pair(con, "USA", "ISR", "state-dept-report", by=None, where=year(2020))
    isr = next(r for r in ranked if r.b == "ISR")
    assert (isr.points, isr.n_votes, isr.printed) == (c.points, c.n_votes, c.printed)


def test_the_report_figure_names_its_method_and_counts_the_reports_universe(db):
    with Record(db) as record:
        f = record.report_agreement("Israel", 2020)
    assert (f.member, f.partner, f.year, f.convention) == ("ISR", "USA", 2020, "state-dept-report")
    assert f.method == sd.era_of(2020).label()
    assert f.printed == "60%" and f.n_votes == 6


def test_the_report_figure_refuses_a_year_after_the_record(db):
    with Record(db) as record, pytest.raises(BeyondRecord):
        record.report_agreement("ISR", 2030)


def test_the_report_figure_refuses_a_state_without_votes_that_year(db):
    with Record(db) as record, pytest.raises(NotFound):
        record.report_agreement("GBR", 2020)


# --------------------------------------------------------------------------- the mirror


@pytest.fixture(scope="module")
def printed(mirror):
    return read_printed(mirror / PRINTED_TABLES.mirror_path)


def test_every_printed_country_name_maps_to_a_member(printed):
    rows = printed.to_pylist()
    assert all(r["member"] for r in rows)
    for y in {r["year"] for r in rows}:
        assert len({r["member"] for r in rows if r["year"] == y}) == 192  # every other member
    # From 2018 the note names the ISO code: it agrees with the name, except one typo.
    typos = {(2018, "Greece"): "GRO"}
    for r in rows:
        iso = re.search(r"ISO ([A-Z]{3})", r["note"])
        if iso and (r["year"], r["country"]) not in typos:
            assert iso[1] == r["member"], (r["year"], r["country"])


def test_the_2017_and_2020_tables_are_reproduced_row_for_row(built_db, printed):
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        rows = sd.reproduce(con, printed)
    finally:
        con.close()
    for y in (2017, 2020):
        mine = [r for r in rows if r.year == y]
        assert mine and all(r.counts_equal and r.printed == r.ours for r in mine)
