"""The record under other decision rules, and the SQL twin of the Charter engine."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from untally import charter
from untally.analytics import counterfactual as cf
from untally.analytics.topics import atrocity_topics
from untally.errors import UntallyError
from untally.record import Record
from untally.reproduce import council_vote


@pytest.fixture(scope="module")
def con(built_db):
    with duckdb.connect(str(built_db), read_only=True) as c:
        yield c


def test_sql_rules_equal_the_charter_engine_on_every_decision_with_a_tally(con, built_db):
    rows = {r["decision_id"]: r for r in cf.run(con, "no-veto", changed_only=False).to_pylist()}
    with Record(built_db) as record:
        decisions = record.store.dicts(
            "SELECT d.*, v.vetoed_by FROM decisions d LEFT JOIN vetoes v USING (decision_id) "
            "WHERE d.yes IS NOT NULL AND d.modality = 'vote'"
        )
        votes = record.store.rows("SELECT decision_id, member, vote FROM votes")
    by_decision: dict[str, dict[str, str]] = {}
    for decision_id, member, vote in votes:
        by_decision.setdefault(decision_id, {})[member] = vote
    checked = 0
    for d in decisions:
        vote = council_vote(d, by_decision.get(d["decision_id"], {}))
        assert rows[d["decision_id"]]["charter"] == charter.decide(vote).kind, d["decision_id"]
        checked += 1
    assert checked > 3000


def test_no_veto_adopts_every_vetoed_draft(con):
    changed = cf.run(con, "no-veto").to_pylist()
    assert {r["decision_id"] for r in changed} == {
        r[0] for r in con.execute("SELECT decision_id FROM vetoes").fetchall()
    }
    assert all(r["counterfactual"] == "adopted" for r in changed)


def test_two_veto_rule_saves_only_single_vetoes(con):
    changed = cf.run(con, "two-veto", since=date(1990, 1, 1)).to_pylist()
    assert changed and all(len(r["permanent_no"]) == 1 for r in changed)
    assert "S/2018/516" in {r["decision_id"] for r in changed}
    assert "S/2019/961" not in {r["decision_id"] for r in changed}  # China and Russia


def test_restraint_lifts_vetoes_only_on_atrocity_topics(con):
    changed = cf.run(con, "restraint", atrocity_topics=atrocity_topics()).to_pylist()
    assert changed and all(r["atrocity"] for r in changed)
    assert "S/2020/852" not in {r["decision_id"] for r in changed}  # counter-terrorism


def test_a_seven_vote_threshold_would_have_adopted_s_2014_916_but_for_the_us_veto(con):
    r = {r["decision_id"]: r for r in cf.run(con, "seven-votes").to_pylist()}["S/2014/916"]
    assert (r["charter"], r["counterfactual"]) == ("insufficient_votes", "vetoed")


def test_unknown_counterfactual_names_the_choices(con):
    with pytest.raises(UntallyError, match="choose one of no-veto, two-veto"):
        cf.run(con, "one-veto")
