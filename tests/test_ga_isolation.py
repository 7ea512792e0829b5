"""Isolated votes: a state alone or nearly alone, with the tally and who joined it."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from test_ga_store import FIXTURES, ga_database
from untally.analytics.coincidence import VoteFilter
from untally.analytics.isolation import isolation
from untally.errors import UntallyError


@pytest.fixture(scope="module")
def con(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    db = ga_database(FIXTURES / "votes.csv", tmp_path_factory.mktemp("iso") / "ga.duckdb")
    connection = duckdb.connect(str(db), read_only=True)
    yield connection
    connection.close()


def ids(result) -> list[int]:
    return result.votes.column("vote_id").to_pylist()


# The US voted no on 102 (with Israel), 107 (alone) and 108 (with Israel, the UK, France).
@pytest.mark.parametrize(
    ("max_with", "expected"), [(0, [107]), (1, [102, 107]), (3, [102, 107, 108])]
)
def test_votes_where_the_state_had_at_most_n_others_with_it(con, max_with, expected):
    assert ids(isolation(con, "USA", max_with=max_with)) == expected


def test_each_vote_names_who_joined_and_the_tally(con):
    rows = {r["vote_id"]: r for r in isolation(con, "USA", max_with=3).votes.to_pylist()}
    assert rows[107]["joined"] == [] and rows[107]["n_with"] == 0
    assert rows[108]["joined"] == ["FRA", "GBR", "ISR"]
    assert (rows[108]["yes"], rows[108]["no"], rows[108]["abstain"]) == (2, 4, 0)
    assert rows[102]["resolution"] == "A/RES/74/2" and rows[102]["vote"] == "N"


def test_abstentions_can_be_the_isolated_position(con):
    result = isolation(con, "USA", max_with=1, positions=("A",))
    assert ids(result) == [105]
    assert result.votes.column("joined").to_pylist() == [["ISR"]]


def test_the_definition_and_the_votes_considered_are_reported(con):
    result = isolation(con, "USA", max_with=0, where=VoteFilter(since=dt.date(2020, 1, 1)))
    assert result.definition == ("USA voted no alone casting the same vote")
    assert result.n_considered == 2  # the US voted no on 107 and 108 in 2020-21
    assert ids(result) == [107]


def test_a_topic_filter_applies(con):
    assert ids(isolation(con, "USA", max_with=3, where=VoteFilter(topic="beta"))) == [102, 107]


def test_bad_arguments_are_refused(con):
    with pytest.raises(UntallyError, match="negative"):
        isolation(con, "USA", max_with=-1)
    with pytest.raises(UntallyError, match="unknown vote position"):
        isolation(con, "USA", positions=("X",))
