"""Coverage everywhere: every answer names the end of the data it used, per source; a question
about dates after that end is refused in one line; `untally info` lists each source's span;
and every Assembly answer that uses the 2022-2025 scrape says so."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from untally.analytics import coincidence as co
from untally.analytics.isolation import isolation
from untally.record import Record
from untally.sources.undl_ga import SCRAPE_NOTE
from untally.store.ga import GA_2022ON_TABLE

runner = CliRunner()


def run(*args: str) -> str:
    from untally.cli import app

    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def untally(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-c", "from untally.cli import main; main()", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_agreement_in_2024_answers_from_the_2024_votes_and_names_the_scrape(built_db):
    payload = json.loads(
        run("agreement", "USA", "ISR", "--year", "2024", "-f", "json", "--db", str(built_db))
    )
    (result,) = payload["results"]
    assert result["period"] == "2024" and result["n_both"] > 50
    assert result["note"] == f"2024 {SCRAPE_NOTE}"
    assert payload["notes"] == [f"2024 {SCRAPE_NOTE}"]
    (span,) = payload["data_used"]
    assert span["source"] == GA_2022ON_TABLE and span["last"].startswith("2024-12")


def test_an_older_period_carries_no_scrape_note(built_db):
    with Record(built_db) as r:
        (c,) = co.pair(r.store.con, "USA", "ISR", by=None, where=co.VoteFilter(sessions=(75, 75)))
        spans = co.data_used(r.store.con, co.VoteFilter(sessions=(75, 75)))
    assert c.note is None
    assert [s.note for s in spans] == [None]


@pytest.mark.parametrize(
    "args",
    [
        ("agreement", "USA", "ISR", "--year", "2027"),
        ("agreement", "USA", "ISR", "--since", "2026-06"),
        ("isolation", "USA", "--since", "2026"),
        ("idealpoints", "USA", "--since", "2026"),
    ],
)
def test_an_assembly_question_after_the_record_ends_is_one_line_exit_2(built_db, args):
    result = untally(*args, "--db", str(built_db))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "General Assembly record ends 2025-12-18" in result.stderr


def test_a_veto_question_after_the_list_ends_is_one_line_exit_2(built_db):
    for extra in ((), ("--count",)):
        result = untally("vetoes", "--since", "2030-01-01", *extra, "--db", str(built_db))
        assert result.returncode == 2
        assert "veto list ends" in result.stderr and result.stderr.count("\n") == 1


def test_isolation_and_ideal_points_name_the_data_they_used(built_db):
    with Record(built_db) as r:
        iso = isolation(r.store.con, "USA", max_with=0, where=co.VoteFilter(sessions=(79, 80)))
    assert iso.notes == [f"2024–2025 {SCRAPE_NOTE}"]
    assert iso.data_used[-1].last.isoformat() == "2025-12-18"


def test_info_lists_each_sources_span_and_the_scrape_note(built_db):
    info = json.loads(run("info", "-f", "json", "--db", str(built_db)))
    by_file = {(s["source"], s["file"]): s for s in info["sources"]}
    ga = by_file["undl_ga", "ga_voting"]
    scrape = by_file["undl_ga_2022on", "ga_voting_2022on"]
    assert (ga["last"], ga["note"]) == ("2021-12-24", None)
    assert (scrape["first"], scrape["last"]) == ("2022-03-02", "2025-12-18")
    assert scrape["rows"] == 89552 and scrape["note"] == f"2022–2025 {SCRAPE_NOTE}"
    text = run("info", "--db", str(built_db))
    assert "coverage per source" in text and "third-party scrape" in text


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("A/RES/ES-11/1", ["A/RES/ES-11/1"]),
        ("a/res/77/263 a", ["A/RES/77/263A"]),
        ("A/RES/78/183", ["A/RES/78/183 A", "A/RES/78/183 B"]),
        ("A/RES/78/183B", ["A/RES/78/183 B"]),
        ("A/DEC/80/506", ["A/DEC/80/506"]),
    ],
)
def test_scraped_assembly_symbols_are_found_in_every_form(built_db, query, found):
    with Record(built_db) as r:
        votes = r.assembly_vote(query)
    assert sorted(v.resolution for v in votes) == found
    assert all(v.note and SCRAPE_NOTE in v.note for v in votes)
    assert all(len(v.votes) == 193 and v.votes[0].name for v in votes)


def test_show_prints_an_assembly_vote_with_its_note(built_db):
    text = run("show", "A/RES/ES-10/21", "--db", str(built_db))
    assert "120-14-45" in text and "third-party scrape" in text and "United States" in text
