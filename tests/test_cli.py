"""The `untally` command: every verb, every output format, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from untally.cli import app

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def untally(*args: str, env_db: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The installed entry point in a subprocess: what a user sees, stderr included."""
    cmd = [sys.executable, "-c", "from untally.cli import main; main()", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_vetoes_json_has_the_documented_fields(built_db):
    rows = json.loads(
        run(
            "vetoes",
            "--member",
            "USA",
            "--until",
            "2021-05-31",
            "--db",
            str(built_db),
            "--format",
            "json",
        )
    )
    assert len(rows) == 82
    for key in ("date", "draft", "vetoed_by", "yes", "no", "abstain", "meeting", "title"):
        assert key in rows[0]
    assert rows[0]["date"] == "1970-03-17"


def test_vetoes_csv_has_a_header_and_one_row_per_draft(built_db):
    text = run("vetoes", "--member", "China", "--db", str(built_db), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and all("CHN" in r["vetoed_by"].split(";") for r in rows)


def test_vetoes_table_names_the_counting_convention(built_db):
    assert "convention: drafts" in run("vetoes", "--member", "UK", "--db", str(built_db))


def test_show_resolution_lists_every_member_vote(built_db):
    out = run("show", "S/RES/242(1967)", "--db", str(built_db))
    assert "adopted" in out and "15-0-0" in out
    assert out.count(" yes") >= 15
    assert "digitallibrary.un.org/record/" in out


def test_show_accepts_a_symbol_with_a_space_before_the_year(built_db):
    data = json.loads(run("show", "S/RES/242 (1967)", "--db", str(built_db), "-f", "json"))
    assert data[0]["resolution"] == "S/RES/242(1967)"


def test_show_draft_gives_outcome_rules_and_links(built_db):
    data = json.loads(run("show", "S/2018/516", "--db", str(built_db), "-f", "json"))[0]
    assert data["outcome"] == "vetoed" and data["vetoed_by"] == ["USA"]
    assert data["rules_agree"] is True
    assert data["url"] == "https://undocs.org/en/S/2018/516"
    assert data["meeting_url"] == "https://undocs.org/en/S/PV.8274"


def test_info_reports_provenance_for_every_file(built_db):
    data = json.loads(run("info", "--db", str(built_db), "-f", "json"))
    files = {p["file"] for p in data["provenance"]}
    assert {"sc_voting", "veto_list", "failed_drafts"} <= files
    assert all(len(p["sha256"]) == 64 for p in data["provenance"])


def test_outcome_of_a_hypothetical_us_veto():
    out = run("outcome", "--yes", "14", "--no", "1", "--no-from", "USA", "--date", "2020-08-31")
    assert "vetoed by USA" in out


def test_outcome_before_1966_needs_seven_votes():
    data = json.loads(
        run("outcome", "--yes", "7", "--no", "4", "--date", "1960-01-01", "-f", "json")
    )
    assert data[0]["adopted"] is True and data[0]["seats"] == 11


def test_outcome_under_the_two_veto_rule():
    data = json.loads(
        run(
            "outcome",
            "--yes",
            "14",
            "--no",
            "1",
            "--no-from",
            "RUS",
            "--rule",
            "two-veto",
            "-f",
            "json",
        )
    )
    assert data[0]["adopted"] is True


def test_rules_command_reports_the_reproduced_share(built_db):
    data = json.loads(run("rules", "--db", str(built_db), "-f", "json"))
    assert data["summary"]["share_reproduced"] >= 0.995


def test_sql_runs_a_query(built_db):
    rows = json.loads(
        run("sql", "SELECT count(*) AS n FROM vetoes", "--db", str(built_db), "-f", "json")
    )
    assert rows[0]["n"] > 200


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["vetoes", "--member", "Untied States"], "did you mean USA"),
        (["vetoes", "--since", "last year"], "is not a date"),
        (["show", "S/RES/99999(2090)"], "no Security Council resolution or draft"),
        (
            ["outcome", "--yes", "9", "--no-from", "Germany", "--date", "2020-01-01"],
            "did not hold a permanent seat",
        ),
        (["outcome", "--yes", "20", "--date", "2020-01-01"], ""),
        (["sql", "SELEKT 1"], "SQL error"),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_exit_2(built_db, args, message):
    result = untally(*args, "--db", str(built_db)) if args[0] != "outcome" else untally(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_database_says_to_sync(tmp_path):
    result = untally("vetoes", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 2
    assert "untally sync" in result.stderr


def test_every_command_is_documented_in_docs_cli():
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "scripts"))
    from cli_docs import command_names

    text = (root / "docs" / "cli.md").read_text()
    for name in command_names():
        assert f"## untally {name}\n" in text, f"docs/cli.md does not document `untally {name}`"


def test_count_json_names_convention_and_cutoff(built_db):
    args = ["vetoes", "-m", "USA", "--topic", "israel-related", "--until", "2021-05-31"]
    data = json.loads(run(*args, "--count", "--db", str(built_db), "-f", "json"))
    assert (data["value"], data["convention"], data["cutoff"]) == (44, "drafts", "2021-05-31")


def test_held_json_names_the_convention_and_period(built_db):
    args = ["vetoes", "-m", "USA", "--held", "82", "-c", "member-votes"]
    (period,) = json.loads(run(*args, "--db", str(built_db), "-f", "json"))
    assert period["convention"] == "member-votes"
    assert period["held_from"] == "2020-08-31"


def test_stats_json_names_conventions_and_cutoff(built_db):
    args = ["vetoes", "stats", "--by", "topic", "--until", "2021-05-31"]
    data = json.loads(run(*args, "--db", str(built_db), "-f", "json"))
    assert data["cutoff"] == "2021-05-31"
    assert data["conventions"] == [
        "drafts", "member-votes", "paragraph-votes", "drafts-and-amendments",
    ]  # fmt: skip
    assert any(r["key"] == "palestine" for r in data["rows"])


def test_vetoes_json_objects_carry_convention_and_cutoff(built_db):
    rows = json.loads(run("vetoes", "-m", "France", "--db", str(built_db), "-f", "json"))
    assert {(r["convention"], r["cutoff"]) for r in rows} == {("drafts", "2025-09-18")}


def test_topics_of_a_draft_give_reasons(built_db):
    rows = json.loads(run("topics", "S/2018/516", "--db", str(built_db), "-f", "json"))
    assert {"palestine", "gaza"} <= {r["topic"] for r in rows}
    assert all(r["reason"] for r in rows)
    assert all("israel-related" in r["groups"] for r in rows)


def test_counterfactual_json_lists_changes(built_db):
    args = ["counterfactual", "two-veto", "--since", "1990"]
    data = json.loads(run(*args, "--db", str(built_db), "-f", "json"))
    assert data["counterfactual"] == "two-veto"
    assert data["changes"] and all(c["counterfactual"] == "adopted" for c in data["changes"])


def test_a_counterfactual_after_the_record_ends_is_refused_not_answered_with_zero(built_db):
    from untally.errors import BeyondRecord

    result = runner.invoke(
        app, ["counterfactual", "two-veto", "--since", "3000", "--db", str(built_db)]
    )
    assert isinstance(result.exception, BeyondRecord)  # main() prints it in one line, exit 2
    assert "record ends" in str(result.exception)


def test_year_only_dates_mean_the_whole_year(built_db):
    rows = json.loads(
        run("vetoes", "--since", "2011", "--until", "2011", "--db", str(built_db), "-f", "json")
    )
    assert rows and all(r["date"].startswith("2011-") for r in rows)
