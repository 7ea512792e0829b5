"""Agreement under each named convention: figures known by construction on a hand-made
record, the matrix equal to a plain per-pair count, the seat join, ranking and filters."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import duckdb
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from test_ga_store import FIXTURES, ga_database, mirror_database
from untally.analytics import coincidence as co
from untally.analytics import statedept as sd
from untally.analytics.coincidence import Convention, VoteFilter, VoteMatrix
from untally.errors import NotFound, UntallyError


@pytest.fixture(scope="module")
def con(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    db = ga_database(FIXTURES / "votes.csv", tmp_path_factory.mktemp("co") / "ga.duckdb")
    connection = duckdb.connect(str(db), read_only=True)
    yield connection
    connection.close()


# USA and ISR in tests/fixtures/ga/votes.csv, by construction:
#   101 Y/Y same, 102 N/N same, 103 Y/N opposite, 104 Y/A one abstains, 105 A/A both abstain,
#   106 Y/X Israel absent, 107 Israel not a member (no row), 108 N/N same.
EXPECTED = {
    "state-dept": (3, 4),  # 101, 102, 108 of 101, 102, 103, 108
    "all-votes": (4, 6),  # 101, 102, 105, 108 of everything but 106 and 107
    "agreement-index": (4.5, 6),  # 1 + 1 + 0 + ½ + 1 + 1
    "state-dept-2017": (4.5, 6),
    "state-dept-2021": (5, 7),  # and ½ for the absence on 106
}


@pytest.mark.parametrize("convention", list(EXPECTED))
def test_each_convention_gives_the_figure_known_by_construction(con, convention):
    (c,) = co.pair(con, "USA", "ISR", convention, by=None)
    points, counted = EXPECTED[convention]
    assert (c.points, c.n_votes) == (points, counted)
    assert c.value == pytest.approx(points / counted)
    assert c.convention == convention
    assert c.n_both == 7  # 107 is never counted: Israel has no row


def test_the_state_department_classic_figure_ignores_abstentions_and_absences(con):
    (c,) = co.pair(con, "USA", "ISR", "state-dept", by=None)
    assert c.value == 0.75 and c.percent == 75.0


def test_agreement_is_symmetric(con):
    for convention in Convention:
        (ab,) = co.pair(con, "USA", "ISR", convention, by=None)
        (ba,) = co.pair(con, "ISR", "USA", convention, by=None)
        assert (ab.points, ab.n_votes) == (ba.points, ba.n_votes)


def test_by_year_splits_the_votes_and_says_when_nothing_was_counted(con):
    got = {c.period: (c.points, c.n_votes) for c in co.pair(con, "USA", "ISR", by="year")}
    # 2020: Israel abstained, was absent or was not a member on every vote
    assert got == {"2019": (2, 3), "2020": (0, 0), "2021": (1, 1)}
    by_2021 = {c.period: c.value for c in co.pair(con, "USA", "ISR", "state-dept-2021")}
    assert by_2021["2020"] == pytest.approx((0.5 + 1 + 0.5) / 3)


def test_by_session_uses_the_session_number(con):
    periods = [c.period for c in co.pair(con, "USA", "ISR", by="session")]
    assert periods == ["74", "75", "76"]


def test_a_period_filter_limits_the_votes(con):
    where = VoteFilter(since=dt.date(2021, 1, 1))
    (c,) = co.pair(con, "USA", "ISR", by=None, where=where)
    assert (c.points, c.n_votes) == (1, 1)
    assert "2021-01-01" in c.period


def test_a_topic_filter_matches_title_or_subjects(con):
    (c,) = co.pair(con, "USA", "GBR", "all-votes", by=None, where=VoteFilter(topic="beta"))
    assert (c.points, c.n_votes) == (0, 2)  # 102 and 107: USA no, UK yes
    (c,) = co.pair(con, "USA", "GBR", "all-votes", by=None, where=VoteFilter(topic="BETA REG"))
    assert c.n_votes == 2


def test_names_are_resolved(con):
    (c,) = co.pair(con, "United States", "Israel", by=None)
    assert (c.a, c.b) == ("USA", "ISR")


def test_the_seat_join_adds_the_ussr_to_russia(con):
    (alone,) = co.pair(con, "RUS", "USA", by=None)
    (seat,) = co.pair(con, "RUS", "USA", by=None, seat=True)
    assert (alone.points, alone.n_votes) == (0, 1)  # 108: Russia yes, US no
    assert (seat.points, seat.n_votes) == (1, 2)  # plus 100 (1990): USSR yes, US yes


def test_ranking_orders_states_by_agreement(con):
    ranked = co.rank(con, "USA", "all-votes", where=VoteFilter(since=dt.date(2019, 1, 1)))
    values = [c.value for c in ranked]
    assert values == sorted(values, reverse=True)
    assert {c.b for c in ranked} == {"ISR", "GBR", "CUB", "FRA", "RUS"}
    top = co.rank(con, "USA", "all-votes", where=VoteFilter(since=dt.date(2019, 1, 1)), top=2)
    assert top == ranked[:2]
    assert co.rank(con, "USA", "all-votes", least=True)[0].value == min(values)


def test_ranking_agrees_with_the_pair_figures(con):
    for c in co.rank(con, "USA", "agreement-index"):
        (p,) = co.pair(con, "USA", c.b, "agreement-index", by=None)
        assert (p.points, p.n_votes, p.n_both) == (c.points, c.n_votes, c.n_both)


def test_a_set_of_states_gives_every_pair(con):
    got = co.pairs(con, ["USA", "ISR", "GBR"], by=None)
    assert [(c.a, c.b) for c in got] == [("USA", "ISR"), ("USA", "GBR"), ("ISR", "GBR")]


def test_the_matrix_is_symmetric_with_the_long_form_matching(con):
    mat = co.matrix(con, "all-votes", by="year")
    values = mat.values()
    assert np.allclose(np.nan_to_num(values), np.nan_to_num(values.transpose(0, 2, 1)))
    long = mat.to_arrow().to_pylist()
    row = next(r for r in long if r["period"] == "2019" and {r["a"], r["b"]} == {"ISR", "USA"})
    assert (row["points"], row["n_votes"], row["convention"]) == (2, 3, "all-votes")


def test_unknown_convention_and_grouping_are_refused(con):
    with pytest.raises(UntallyError, match="unknown convention"):
        co.pair(con, "USA", "ISR", "un-official")
    with pytest.raises(UntallyError, match="unknown grouping"):
        co.pair(con, "USA", "ISR", by="decade")
    with pytest.raises(UntallyError, match="two or more different"):
        co.pairs(con, ["USA", "United States"])


def test_a_state_without_votes_in_the_period_is_not_found(con):
    with pytest.raises(NotFound, match="no General Assembly vote"):
        co.pair(con, "USA", "DEU", by=None)


# --------------------------------------------------------------------------- vs a plain count


def naive(a: int, b: int, convention: str, year: int) -> tuple[float, int] | None:
    """One pair of votes (0 no row, 1..4 = Y N A X) scored straight from the definitions."""
    if a == 0 or b == 0:
        return None
    va, vb = "_YNAX"[a], "_YNAX"[b]
    if convention == "state-dept-report":  # the report for the vote's year
        era = sd.era_of(year)
        if era.absent_on_abstention_is_partial and {va, vb} == {"A", "X"}:
            return 0.5, 1
        return naive(a, b, era.scoring, year)
    if convention == "state-dept":
        return (float(va == vb), 1) if va in "YN" and vb in "YN" else None
    if convention == "all-votes":
        return (float(va == vb), 1) if va in "YNA" and vb in "YNA" else None
    if "X" in (va, vb):
        return (0.5, 1) if convention == "state-dept-2021" else None
    scale = {"Y": 1, "A": 2, "N": 3}
    return 1 - abs(scale[va] - scale[vb]) / 2, 1


@settings(max_examples=40, deadline=None)
@given(
    codes=arrays(np.int8, st.tuples(st.integers(1, 30), st.integers(2, 6)),
                 elements=st.integers(0, 4)),
    convention=st.sampled_from([c.value for c in Convention]),
    years=st.lists(st.integers(2015, 2022), min_size=30, max_size=30),
)  # fmt: skip
def test_matrix_equals_a_plain_count_over_every_pair_and_vote(codes, convention, years):
    n_votes, n_members = codes.shape
    year = np.array(years[:n_votes], dtype=np.int16)
    m = VoteMatrix(
        members=tuple(f"M{i}" for i in range(n_members)),
        vote_ids=np.arange(n_votes),
        years=year,
        sessions=year - 1945,
        codes=codes,
    )
    mat = co.coincidence_matrix(m, convention, by="year")
    for g, period in enumerate(mat.periods):
        rows = codes[year == int(period)]
        for i, j in combinations(range(n_members), 2):
            scored = [s for r in rows if (s := naive(r[i], r[j], convention, int(period)))]
            assert mat.counted[g, i, j] == len(scored)
            assert mat.points[g, i, j] == pytest.approx(sum(s[0] for s in scored))


def test_the_mirror_matrix_matches_the_pair_queries(tmp_path_factory, mirror):
    db = mirror_database(tmp_path_factory, mirror)
    with duckdb.connect(str(db), read_only=True) as con:
        where = VoteFilter(since=dt.date(2010, 1, 1))
        mat = co.matrix(con, "state-dept", by="year", where=where)
        pairs = co.pair(con, "USA", "ISR", "state-dept", by="year", where=where)
        for c in pairs:
            g = mat.periods.index(c.period)
            assert mat.get("USA", "ISR", g) == c
        (overall,) = co.pair(con, "USA", "ISR", by=None, where=where)
        # The US and Israel voted the same way on most yes/no votes in the 2010s.
        assert overall.value > 0.9


def test_the_seat_join_works_from_the_earlier_code_too(con):
    (seat,) = co.pair(con, "SUN", "USA", by=None, seat=True)
    assert (seat.points, seat.n_votes) == (1, 2)
    (later,) = co.pair(
        con, "SUN", "USA", by=None, seat=True, where=VoteFilter(since=dt.date(2000, 1, 1))
    )
    assert (later.points, later.n_votes) == (0, 1)  # only Russia's 2021 vote
