"""`untally audit`: every invariant violation listed with the row it comes from."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from untally.audit import audit
from untally.cli import app


@pytest.fixture(scope="module")
def result(built_db):
    return audit(built_db)


def test_the_known_upstream_tally_quirks_are_listed_with_their_source_row(result):
    tally = {v.subject: v for v in result.of("tally")}
    assert "S/RES/1966(2010)" in tally  # the scrape dropped one member's vote
    assert "undl_id 695490" in tally["S/RES/1966(2010)"].source
    assert "published 14-0-1" in tally["S/RES/1966(2010)"].detail


def test_a_vote_by_a_code_after_it_ceased_is_listed(result):
    (sun,) = [v for v in result.of("membership") if v.subject == "S/RES/725(1991)"]
    assert "by SUN on 1991-12-31, after its code ceased (1991-12-24)" in sun.detail
    assert "digitallibrary.un.org/record/" in sun.source


def test_votes_before_admission_are_listed(result):
    assert any("by JPN" in v.detail and "before its admission" in v.detail
               for v in result.of("membership"))  # fmt: skip


def test_every_check_ran_over_the_whole_record(result):
    assert set(result.checked) == {"tally", "veto_vote", "membership", "rules"}
    assert result.checked["membership"] > 900_000
    assert result.of("veto_vote") == []  # the record as synced is consistent here
    assert [v.subject for v in result.of("rules")] == ["S/5095"]  # see docs/rules-exceptions.md


def test_a_veto_without_the_members_no_is_found(built_db, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copy(built_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute(
            "UPDATE votes SET vote = 'Y' WHERE decision_id = 'S/2018/516' AND member = 'USA'"
        )
    found = audit(db, ("veto_vote",)).of("veto_vote")
    assert [(v.subject, v.detail) for v in found] == [
        ("S/2018/516", "vetoed by USA, whose recorded vote is Y")
    ]
    assert "veto_list" in found[0].source


def test_the_cli_renders_the_library_answer(built_db):
    out = CliRunner().invoke(app, ["audit", "--check", "membership", "--db", str(built_db),
                                   "-f", "csv"])  # fmt: skip
    assert out.exit_code == 0, out.output
    assert "membership,S/RES/725(1991)" in out.stdout
    assert "tally" not in out.stdout.split("\n", 1)[1]


def test_the_audit_module_is_library_not_face():
    text = (Path(__file__).resolve().parents[1] / "src/untally/audit.py").read_text()
    assert "typer" not in text and "rich" not in text
