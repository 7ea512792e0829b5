"""The Charter rules reproduce the recorded outcome of (almost) every vote in the store."""

from __future__ import annotations

import pytest

from untally.record import Record


@pytest.fixture(scope="module")
def results(built_db):
    with Record(built_db) as record:
        return record.reproduce_all()


def test_rules_reproduce_at_least_99_5_percent_of_checkable_outcomes(results):
    checkable = [r for r in results if r.status != "not checkable"]
    reproduced = [r for r in checkable if r.status == "reproduced"]
    assert len(reproduced) / len(checkable) >= 0.995


def test_every_decision_gets_a_status(results, built_db):
    with Record(built_db) as record:
        total = record.store.one("SELECT count(*) FROM decisions")[0]
    assert len(results) == total
    assert {r.status for r in results} <= {"reproduced", "mismatch", "not checkable"}


def test_every_mismatch_names_its_category_and_reason(results):
    for r in results:
        if r.status == "mismatch":
            assert r.category in {"data error", "paragraph vote", "procedural", "unexplained"}
            assert r.reason


def test_no_mismatch_is_unexplained(results):
    assert [r.decision_id for r in results if r.category == "unexplained"] == []


def test_not_checkable_decisions_say_why(results):
    reasons = {r.category for r in results if r.status == "not checkable"}
    assert reasons <= {"adopted without a vote", "no tally"}


def test_procedural_decisions_adopted_over_a_permanent_no_are_reproduced(results):
    by_id = {r.decision_id: r for r in results}
    for symbol in ("S/RES/119(1956)", "S/RES/462(1980)", "S/RES/2623(2022)"):
        assert by_id[symbol].status == "reproduced"
        assert by_id[symbol].category == "procedural"


def test_s_2014_916_is_not_a_veto_although_the_us_voted_no(results):
    r = {r.decision_id: r for r in results}["S/2014/916"]
    assert r.recorded == "not_adopted"
    assert r.rules == "insufficient_votes"
    assert "conventionally not counted as a veto" in r.reason


def test_every_veto_with_a_tally_is_reproduced_as_a_veto(results):
    vetoes = [r for r in results if r.recorded == "vetoed" and r.status != "not checkable"]
    assert vetoes
    assert all(r.rules == "vetoed" for r in vetoes), [
        r.decision_id for r in vetoes if r.rules != "vetoed"
    ]


def test_every_failed_draft_of_2020_to_2025_is_reproduced(results, built_db):
    """Each draft of the 2020-2025 member votes: the rules give the recorded outcome."""
    with Record(built_db) as record:
        ids = [
            r[0]
            for r in record.store.rows(
                "SELECT decision_id FROM decisions "
                "WHERE list_contains(sources, 'failed_draft_votes')"
            )
        ]
    assert len(ids) == 37
    by_id = {r.decision_id: r for r in results}
    assert [i for i in ids if by_id[i].status != "reproduced"] == []
    # Fewer than 9 yes votes and a permanent member's no: not adopted, never a veto.
    short = [by_id[i] for i in ids if by_id[i].recorded == "not_adopted"]
    assert short and all(r.rules == "insufficient_votes" for r in short)
    vetoed = [by_id[i] for i in ids if by_id[i].recorded == "vetoed"]
    assert len(vetoed) == 22 and all(r.rules == "vetoed" for r in vetoed)
