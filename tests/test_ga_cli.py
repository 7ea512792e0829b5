"""`untally agreement`, `isolation` and `idealpoints`: tables, CSV, JSON, figures, errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from test_ga_store import FIXTURES, ga_database
from untally.cli import assembly as cli_ga

runner = CliRunner()

# The real entry point.
MAIN = "import untally.cli as c\nc.main()\n"


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer(pretty_exceptions_enable=False)
    cli_ga.register(app)
    return app


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return ga_database(FIXTURES / "votes.csv", tmp_path_factory.mktemp("cli") / "ga.duckdb")


def run(app: typer.Typer, db: Path, *args: str) -> str:
    result = runner.invoke(app, [*args, "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def untally(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", MAIN, *args], capture_output=True, text=True, timeout=120
    )


def test_agreement_of_a_pair_prints_years_the_convention_and_a_sparkline(app, db):
    text = run(app, db, "agreement", "USA", "ISR", "--since", "2019", "-c", "state-dept")
    assert "2019" in text and "66.7%" in text and "2021" in text
    assert "convention state-dept" in text
    assert "USA–ISR 75.0% of 4 votes" in text.replace("\n", " ").replace("  ", " ")
    assert "trend by year" in text and any(ch in text for ch in "▁▂▃▄▅▆▇█")


def test_agreement_json_carries_the_convention_with_every_value(app, db):
    payload = json.loads(run(app, db, "agreement", "USA", "ISR", "-c", "all-votes", "-f", "json"))
    assert payload["convention"] == "all-votes"
    assert {r["convention"] for r in payload["results"]} == {"all-votes"}
    (overall,) = payload["overall"]
    assert (overall["points"], overall["n_votes"]) == (4, 6)


def test_agreement_csv_has_one_row_per_pair_and_period(app, db):
    rows = list(
        csv.DictReader(io.StringIO(run(app, db, "agreement", "USA", "ISR", "GBR", "-f", "csv")))
    )
    assert {(r["a"], r["b"]) for r in rows} == {("USA", "ISR"), ("USA", "GBR"), ("ISR", "GBR")}
    assert {r["convention"] for r in rows} == {"state-dept"}


def test_agreement_of_one_state_ranks_the_others(app, db):
    payload = json.loads(run(app, db, "agreement", "USA", "--year", "2020", "--top", "2",
                             "-c", "agreement-index", "-f", "json"))  # fmt: skip
    assert payload["member"] == "USA" and len(payload["results"]) == 2
    values = [r["value"] for r in payload["results"]]
    assert values == sorted(values, reverse=True)


def test_agreement_by_session_and_with_the_seat(app, db):
    text = run(app, db, "agreement", "RUS", "USA", "--by", "session", "--seat")
    assert "45" in text and "76" in text  # the USSR's 1990 vote joins Russia's seat


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_agreement_plot_is_written(app, db, tmp_path, suffix):
    figure = tmp_path / f"agree{suffix}"
    run(app, db, "agreement", "USA", "ISR", "--plot", str(figure))
    assert figure.stat().st_size > 1000


def test_isolation_lists_votes_with_who_joined(app, db):
    text = run(app, db, "isolation", "USA", "--max-with", "1")
    assert "A/RES/74/2" in text and "A/RES/75/4" in text and "A/RES/76/1" not in text
    assert "ISR" in text and "3-2-0" in text
    payload = json.loads(run(app, db, "isolation", "USA", "--max-with", "3", "-f", "json"))
    assert payload["definition"].startswith("USA voted no with at most 3")
    assert [v["resolution"] for v in payload["votes"]] == ["A/RES/74/2", "A/RES/75/4", "A/RES/76/1"]


def test_idealpoints_prints_points_and_the_model(app, db, tmp_path):
    figure = tmp_path / "ideal.png"
    text = run(app, db, "idealpoints", "USA", "CUB", "--max-iter", "20", "--plot", str(figure))
    assert "dynamic ordered probit" in text and "seed 0" in text
    assert figure.stat().st_size > 1000
    payload = json.loads(run(app, db, "idealpoints", "USA", "--max-iter", "5", "-f", "json"))
    assert {p["member"] for p in payload["points"]} == {"USA"}
    assert payload["iterations"] <= 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["agreement", "USA", "Untied States"], "did you mean USA"),
        (["agreement", "USA", "ISR", "-c", "un-official"], "unknown convention"),
        (["agreement", "USA", "ISR", "--since", "last year"], "is not a date"),
        (["agreement", "USA", "ISR", "--plot", "chart.gif"], "name the file .png or .svg"),
        (["agreement", "USA", "--plot", "x.png"], "give two or more states"),
        (["isolation", "USA", "--vote", "X"], "unknown vote position"),
        (["idealpoints", "DEU", "--max-iter", "3"], "no ideal point for DEU"),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_exit_2(db, args, message):
    result = untally(*args, "--db", str(db))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert message in lines[0]


def test_year_arguments_cover_the_whole_year():
    assert cli_ga.parse_when("2000", "--since").isoformat() == "2000-01-01"
    assert cli_ga.parse_when("2000", "--until", end=True).isoformat() == "2000-12-31"
    assert cli_ga.parse_when("2000-06-30", "--until", end=True).isoformat() == "2000-06-30"
