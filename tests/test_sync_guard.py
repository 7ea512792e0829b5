"""Every sync compares the new database with the previous one and refuses to lose data.

Faults that look like valid data (a veto list with only its header, one cut at a line
boundary, a missing optional file) must leave the previous database answering 82 US vetoes to
2021-05-31 unless the user passes ``accept_removals``. The Council sources alone are enough
here (a second or so per sync); the mirror files are copied or linked into tmp dirs.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import council_sources
from untally.errors import WouldLoseData
from untally.record import Record
from untally.store import build
from untally.store.files import attempts_path, read_attempts

SC_SOURCES = council_sources()
VETOES = "vetoes/unsc_vetoes_1946_sept2022.csv"
SC_2022ON = "undl/official_sc_voting_2026_02_06_2022on.csv"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def faulty_mirror(mirror: Path, tmp: Path, replace: dict[str, bytes | None]) -> Path:
    """A mirror of links to the real files; ``replace`` swaps in bytes, or drops a file (None)."""
    root = tmp / "mirror"
    for src in mirror.rglob("*"):
        rel = str(src.relative_to(mirror))
        if not src.is_file() or (rel in replace and replace[rel] is None):
            continue
        dst = root / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        if rel in replace:
            dst.write_bytes(replace[rel])  # type: ignore[arg-type]
        else:
            dst.symlink_to(src.resolve())  # a relative mirror path would dangle from tmp
    return root


@pytest.fixture
def db(sc_db: Path) -> Path:
    return sc_db


def us_vetoes_to_2021(db: Path) -> int:
    with Record(db) as record:
        return len(record.vetoes("USA", until=date(2021, 5, 31)))


def sync(db: Path, mirror: Path, **kw):
    return build(db, mirror=str(mirror), sources=SC_SOURCES, **kw)


def veto_list_lines(mirror: Path) -> list[bytes]:
    return (mirror / VETOES).read_bytes().splitlines(keepends=True)


def test_a_database_named_prev_syncs_and_resyncs(mirror, tmp_path):
    # the comparison attaches the previous file under a name of its own, never the new one's
    first = sync(tmp_path / "prev.duckdb", mirror)
    again = sync(tmp_path / "prev.duckdb", mirror)
    assert first.swapped and again.diff is not None and again.diff.unchanged


def test_a_resync_of_the_same_files_changes_nothing(db, mirror):
    report = sync(db, mirror)
    assert report.diff is not None and report.diff.unchanged
    assert not report.diff.loses_data


@pytest.mark.parametrize(
    "cut", [1, 100], ids=["header-only veto list", "veto list cut at a line (99 of 214 rows)"]
)
def test_a_shrunken_veto_list_is_refused_and_the_database_kept(db, mirror, tmp_path, cut):
    before = sha(db)
    bad = faulty_mirror(mirror, tmp_path, {VETOES: b"".join(veto_list_lines(mirror)[:cut])})
    with pytest.raises(WouldLoseData, match=r"rows of vetoes removed.*--accept-removals"):
        sync(db, bad)
    assert sha(db) == before
    assert us_vetoes_to_2021(db) == 82
    assert read_attempts(db)[-1]["status"] == "refused"


def test_accept_removals_swaps_the_smaller_database_in(db, mirror, tmp_path):
    bad = faulty_mirror(mirror, tmp_path, {VETOES: b"".join(veto_list_lines(mirror)[:100])})
    report = sync(db, bad, accept_removals=True)
    assert report.swapped and report.diff.loses_data
    assert us_vetoes_to_2021(db) < 82


def test_dry_run_reports_the_diff_and_changes_nothing(db, mirror, tmp_path):
    before = sha(db)
    log = attempts_path(db).read_bytes()
    bad = faulty_mirror(mirror, tmp_path, {VETOES: b"".join(veto_list_lines(mirror)[:100])})
    report = sync(db, bad, dry_run=True)
    assert not report.swapped and report.diff.loses_data
    text = "\n".join(report.diff.lines())
    assert "vetoes: 232 -> " in text and "source veto_list/veto_list: 214 rows -> 99 rows" in text
    assert sha(db) == before
    assert attempts_path(db).read_bytes() == log
    assert not list(db.parent.glob(".untally.duckdb.building-*"))


def test_a_missing_optional_file_keeps_the_previous_rows_and_says_so(db, mirror, tmp_path):
    with Record(db) as record:
        decisions = record.store.one("SELECT count(*) FROM decisions")[0]
    bad = faulty_mirror(mirror, tmp_path, {SC_2022ON: None})
    report = sync(db, bad)
    assert report.swapped
    assert any("is missing from the source; kept its 2,445 rows" in n for n in report.kept)
    assert not report.diff.loses_data
    with Record(db) as record:
        assert record.store.one("SELECT count(*) FROM decisions")[0] == decisions
    assert us_vetoes_to_2021(db) == 82


def test_a_missing_optional_file_without_a_kept_copy_is_refused(db, mirror, tmp_path):
    shutil.rmtree(db.with_name(".untally.duckdb.kept"))
    before = sha(db)
    bad = faulty_mirror(mirror, tmp_path, {SC_2022ON: None})
    with pytest.raises(WouldLoseData, match="sc_voting_2022on gives 0 rows, was 2,445"):
        sync(db, bad)
    assert sha(db) == before
    assert us_vetoes_to_2021(db) == 82


def test_every_attempt_is_logged_and_the_log_travels_into_the_database(db, mirror, tmp_path):
    bad = faulty_mirror(mirror, tmp_path, {VETOES: b"not,a,veto,list\n"})
    with pytest.raises(Exception):  # noqa: B017 - any failure: we check the log, not the error
        sync(db, bad)
    assert read_attempts(db)[-1]["status"] == "failed"
    sync(db, mirror)
    with Record(db) as record:
        statuses = [r[0] for r in record.store.rows("SELECT status FROM sync_attempts")]
    assert statuses[-2:] == ["failed", "ok"]


@pytest.fixture
def council_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """`untally sync` on the Council sources only, to keep the CLI tests quick."""
    import importlib

    module = importlib.import_module("untally.store.build")
    monkeypatch.setitem(module.build.__kwdefaults__, "sources", SC_SOURCES)


def test_cli_refuses_with_the_diff_and_one_error_line(db, mirror, tmp_path, council_only):
    from typer.testing import CliRunner

    from untally.cli import app

    bad = faulty_mirror(mirror, tmp_path, {VETOES: b"".join(veto_list_lines(mirror)[:1])})
    before = sha(db)
    args = ["sync", "--db", str(db), "--from", str(bad), "-q"]
    dry = CliRunner().invoke(app, [*args, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "dry run: nothing changed; the new database would be refused" in dry.stdout
    assert "vetoes: 232 -> " in dry.stdout
    refused = CliRunner().invoke(app, args)
    assert isinstance(refused.exception, WouldLoseData)  # main() prints it as one line, exit 2
    assert "removed:" in refused.stderr
    assert sha(db) == before
    accepted = CliRunner().invoke(app, [*args, "--accept-removals"])
    assert accepted.exit_code == 0, accepted.output
    assert us_vetoes_to_2021(db) == 0


@pytest.mark.parametrize(
    "content",
    [
        b"<!DOCTYPE html><html><body>Service unavailable</body></html>\n",
        b"",
        b"draft_symbol,when,who\nS/1,1946-02-16,USSR\n",
    ],
    ids=["an HTML page instead of the CSV", "an empty file", "a changed header"],
)
def test_a_veto_list_that_is_not_one_fails_in_one_line(db, mirror, tmp_path, content):
    from untally.errors import UntallyError

    before = sha(db)
    bad = faulty_mirror(mirror, tmp_path, {VETOES: content})
    with pytest.raises(UntallyError) as info:
        sync(db, bad)
    assert "unsc_vetoes_1946_sept2022.csv" in str(info.value)
    assert "\n" not in str(info.value)
    assert sha(db) == before
    assert us_vetoes_to_2021(db) == 82
