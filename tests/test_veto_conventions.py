"""Veto counts under named conventions, lone/joint, and the periods a count held."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from untally.analytics.vetoes import Convention, VetoFilter, count_vetoes, held, veto_stats
from untally.errors import UntallyError

UNTIL = date(2021, 5, 31)


@pytest.fixture(scope="module")
def con(built_db):
    with duckdb.connect(str(built_db), read_only=True) as c:
        yield c


def test_a_count_carries_its_convention_cutoff_and_evidence(con):
    c = count_vetoes(con, VetoFilter(member="USA", until=UNTIL))
    assert c.value == 82 == len(c.drafts)
    assert c.convention is Convention.drafts
    assert c.cutoff == UNTIL
    assert "USA" in c.filter


def test_all_vetoes_as_member_votes_count_each_vetoing_member(con):
    drafts = count_vetoes(con, VetoFilter(), Convention.drafts).value
    votes = count_vetoes(con, VetoFilter(), Convention.member_votes).value
    joint_extra = con.execute("SELECT sum(len(vetoed_by) - 1) FROM vetoes").fetchall()[0][0]
    assert votes == drafts + joint_extra
    assert votes > drafts


def test_for_one_member_drafts_and_member_votes_agree(con):
    f = VetoFilter(member="GBR")
    assert (
        count_vetoes(con, f, Convention.drafts).value
        == count_vetoes(con, f, Convention.member_votes).value
    )


def test_paragraph_votes_add_separately_vetoed_parts_and_amendments(con):
    parts = con.execute(
        "SELECT count(*) FROM vetoes JOIN decisions USING (decision_id) "
        "WHERE kind IN ('part', 'amendment') AND list_contains(vetoed_by, 'USA')"
    ).fetchall()[0][0]
    f = VetoFilter(member="USA")
    assert (
        count_vetoes(con, f, Convention.paragraph_votes).value
        == count_vetoes(con, f, Convention.drafts).value + parts
    )


def test_lone_and_joint_partition_the_vetoes_with_a_known_tally(con):
    f = VetoFilter(member="USA", until=UNTIL)
    lone = count_vetoes(con, f.model_copy(update={"lone": True})).value
    joint = count_vetoes(con, f.model_copy(update={"lone": False})).value
    unknown = con.execute(
        "SELECT count(*) FROM vetoes v JOIN decisions d USING (decision_id) "
        "WHERE list_contains(v.vetoed_by, 'USA') AND v.date <= ? AND d.no IS NULL "
        "AND len(v.vetoed_by) = 1",
        [UNTIL],
    ).fetchall()[0][0]
    assert lone + joint + unknown == 82
    assert lone > joint > 0


def test_count_of_82_held_from_the_82nd_veto_until_the_veto_of_s_2023_773(con):
    periods = held(con, VetoFilter(member="USA"), 82)
    assert len(periods) == 1
    p = periods[0]
    assert p.held_from == date(2020, 8, 31) and p.made_by == "S/2020/852"
    assert p.held_until == date(2023, 10, 17)  # the last day it was 82
    assert (p.ended_on, p.ended_by) == (date(2023, 10, 18), "S/2023/773")
    assert p.record_ends == date(2025, 9, 18)


def test_a_count_still_standing_at_the_end_of_the_record_has_an_open_period(con):
    (p,) = held(con, VetoFilter(member="USA"), 89)
    assert p.held_from == date(2025, 9, 18) and p.made_by == "S/2025/583"
    assert p.held_until is None and p.ended_on is None


def test_a_count_that_was_passed_has_a_closed_period(con):
    (p,) = held(con, VetoFilter(member="USA"), 81)
    assert p.held_from == date(2018, 6, 1)
    assert p.held_until == date(2020, 8, 30)


def test_a_count_never_reached_has_no_period(con):
    assert held(con, VetoFilter(member="FRA"), 500) == []


def test_stats_by_member_give_every_convention(con):
    rows = {r["key"]: r for r in veto_stats(con, "member").to_pylist()}
    assert set(rows) == {"CHN", "FRA", "GBR", "RUS", "SUN", "USA"}
    assert (
        sum(r["member_votes"] for r in rows.values())
        == count_vetoes(con, VetoFilter(), Convention.member_votes).value
    )
    assert rows["USA"]["lone"] + rows["USA"]["joint"] <= rows["USA"]["drafts"]


def test_stats_by_decade_sum_to_the_total(con):
    rows = veto_stats(con, "decade").to_pylist()
    assert sum(r["drafts"] for r in rows) == count_vetoes(con, VetoFilter()).value
    assert all(r["key"].endswith("0s") for r in rows)


def test_stats_by_an_unknown_key_is_refused(con):
    with pytest.raises(UntallyError, match="cannot group vetoes by 'colour'"):
        veto_stats(con, "colour")
