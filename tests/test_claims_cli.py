"""``untally check``: every output format, saved web pages, and input that cannot be checked
(empty, binary, too large, not English) answered with one line, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from test_claims_corpus import CORPUS
from untally.claims.inputs import InputError, check_text, decode, read_source
from untally.cli.check import register

runner = CliRunner()
ARTICLE = CORPUS / "01-us-veto-record.txt"
PAGE = CORPUS / "14-southern-africa.html"


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """untally (test harness)."""

    register(app)
    return app


def run(*args: str) -> str:
    result = runner.invoke(make_app(), ["check", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def untally_check(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The command as a user runs it (``main`` turns errors into one line, exit status 2)."""
    code = "import untally.cli as c; c.main()"
    cmd = [sys.executable, "-c", code, "check", *args]
    return subprocess.run(cmd, capture_output=True, input=stdin, timeout=120)


DOCUMENTED_FIELDS = {
    "text", "span", "kind", "verdict", "value_claimed", "value_found", "convention",
    "held_from", "held_until", "evidence", "frame", "queries",
}  # fmt: skip


def test_json_has_the_documented_fields_per_claim(built_db):
    payload = json.loads(run(str(ARTICLE), "--db", str(built_db), "--format", "json"))
    assert payload["as_of"] == "2021-06-14"
    for claim in payload["claims"]:
        assert set(claim) >= DOCUMENTED_FIELDS
    with_evidence = [c for c in payload["claims"] if c["evidence"]]
    assert with_evidence
    assert set(with_evidence[0]["evidence"][0]) >= {"symbol", "date", "tally", "url"}


def test_json_gives_the_query_behind_each_decided_verdict(built_db):
    payload = json.loads(run(str(ARTICLE), "--db", str(built_db), "--format", "json"))
    decided = [c for c in payload["claims"] if c["verdict"] in ("supported", "contradicted")]
    assert decided
    for claim in decided:
        assert claim["frame"] and claim["queries"]
        # a record query, or a lookup in the project's facts ledger (a cited document)
        assert all(
            "SELECT" in q["sql"] or q["convention"] == "facts ledger" for q in claim["queries"]
        )


def test_the_table_shows_each_verdict_and_the_record_ends(built_db):
    text = run(str(ARTICLE), "--db", str(built_db))
    assert "Record: veto list to " in text
    assert "supported" in text and "unverifiable" in text


def test_markdown_lists_the_evidence(built_db):
    text = run(str(ARTICLE), "--db", str(built_db), "--format", "markdown")
    assert "| evidence | S/9696 |" in text  # the first US veto, 17 March 1970


def test_html_highlights_each_claim_in_its_verdict_colour(built_db, tmp_path):
    out = tmp_path / "report.html"
    runner.invoke(
        make_app(),
        ["check", str(ARTICLE), "--db", str(built_db), "-f", "html", "-o", str(out)],
        catch_exceptions=False,
    )
    html = out.read_text(encoding="utf-8")
    assert '<mark class="supported"' in html
    assert "<details" in html and "https://undocs.org/en/S/9696" in html
    data = json.loads(html.split('id="untally-report">')[1].split("</script>")[0])
    assert data["summary"]["supported"] == sum(c["verdict"] == "supported" for c in data["claims"])


def test_a_saved_web_page_is_read_as_text_without_its_navigation(built_db):
    payload = json.loads(run("--url", str(PAGE), "--db", str(built_db), "-f", "json"))
    assert payload["as_of"] == "1990-02-01"
    texts = " ".join(c["text"] for c in payload["claims"])
    assert "vetoed three drafts" in texts and "Home" not in texts and "analytics" not in texts


def test_standard_input_and_an_explicit_date(built_db):
    result = untally_check(
        "-", "--db", str(built_db), "--as-of", "2021-06-01", "-f", "json",
        stdin=b"China has vetoed 16 drafts.",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["as_of_source"] == "given" and payload["claims"][0]["verdict"] == "supported"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \n\n  ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary data"),
        (
            "Les États-Unis ont opposé leur veto à 82 projets de résolution au Conseil de "
            "sécurité, dont 44 concernaient Israël, et chaque fois ils étaient seuls.".encode(),
            "looks like French",
        ),
    ],
    ids=["empty", "blank", "binary", "french"],
)
def test_unusable_input_gets_one_line_and_status_2(tmp_path, built_db, content, message):
    path = tmp_path / "input"
    path.write_bytes(content)
    result = untally_check(str(path), "--db", str(built_db))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) <= 2


def test_a_10_mb_file_is_refused_before_reading(tmp_path, built_db):
    path = tmp_path / "big.txt"
    path.write_bytes(b"The United States has vetoed 82 resolutions. " * 230_000)  # ~10.6 MB
    result = untally_check(str(path), "--db", str(built_db))
    assert result.returncode == 2
    assert b"more than an article" in result.stderr and b"Traceback" not in result.stderr


def test_a_missing_file_and_a_web_address_are_explained():
    with pytest.raises(InputError, match="no file"):
        read_source("no/such/file.txt", None)
    with pytest.raises(InputError, match="save the page first"):
        read_source("https://example.org/article", None)


def test_windows_1252_text_is_read():
    assert decode("Côte d’Ivoire".encode("cp1252"), "x") == "Côte d’Ivoire"


def test_english_with_a_foreign_quotation_is_accepted():
    text = (
        "The Russian envoy said « nous voterons contre ». Russia has vetoed 31 drafts since 1993."
    )
    assert check_text(text, "x") == text


def test_a_page_given_as_a_file_is_read_as_html():
    text, _ = read_source(str(PAGE), None)
    assert "<p>" not in text and "Apartheid and the Western veto" in text


def test_check_is_documented_with_examples():
    result = runner.invoke(make_app(), ["check", "--help"])
    assert "Example: untally check" in result.stdout and "--as-of" in result.stdout
