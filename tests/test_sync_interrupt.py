"""Real sync processes signalled at each stage: the previous database survives byte for byte.

SIGINT and SIGTERM end the sync with one line and exit status 130 / 143, leaving no temp file;
a SIGKILL leaves its ``.building-<pid>`` file (and WAL), which the next sync and
``untally doctor`` remove. Each run syncs the Council sources only (tests/sync_harness.py).
"""

from __future__ import annotations

import hashlib
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import council_sources
from untally.store import build
from untally.store.doctor import checkup
from untally.store.files import leftovers, read_attempts

HARNESS = Path(__file__).with_name("sync_harness.py")
SC_SOURCES = council_sources()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(sc_db: Path) -> Path:
    return sc_db


def signalled_sync(db: Path, mirror: Path, stage: str, sig: int) -> subprocess.CompletedProcess:
    """Start a sync, wait until it reaches ``stage``, send ``sig``, wait for the end."""
    cmd = [sys.executable, str(HARNESS), stage, "--"]
    cmd += ["sync", "--db", str(db), "--from", str(mirror), "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    line = proc.stdout.readline()
    while line and not line.startswith("STAGE"):
        assert time.monotonic() < deadline
        line = proc.stdout.readline()
    assert line.strip() == f"STAGE {stage}", proc.communicate()
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


STAGES = ["fetch", "parse", "build", "swap"]


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize(
    ("sig", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"]
)
def test_an_interrupted_sync_says_one_line_and_leaves_nothing(db, mirror, stage, sig, status):
    before = sha(db)
    result = signalled_sync(db, mirror, stage, sig)
    assert result.returncode == status, result.stderr
    lines = [x for x in result.stderr.splitlines() if x.strip()]
    assert lines[-1].startswith("sync interrupted; the database from "), result.stderr
    assert lines[-1].endswith(" is unchanged")
    assert "Traceback" not in result.stderr
    assert sha(db) == before
    assert leftovers(db) == []
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(".")) == [
        ".untally.duckdb.kept"
    ]
    assert read_attempts(db)[-1]["status"] == "interrupted"


@pytest.mark.parametrize("stage", ["build", "swap"])
def test_a_killed_sync_leaves_the_database_and_the_next_sync_cleans_up(db, mirror, stage):
    before = sha(db)
    result = signalled_sync(db, mirror, stage, signal.SIGKILL)
    assert result.returncode == -signal.SIGKILL
    assert sha(db) == before
    stale = leftovers(db)
    assert stale, "a SIGKILL during the build leaves the building file"
    report = build(db, mirror=str(mirror), sources=SC_SOURCES)
    assert report.swapped and report.diff.unchanged
    assert set(report.removed_leftovers) == set(stale)
    assert leftovers(db) == []


def test_doctor_removes_what_a_killed_sync_left(db, mirror):
    signalled_sync(db, mirror, "build", signal.SIGKILL)
    assert leftovers(db)
    result = checkup(db)
    assert any(f.level == "fixed" and ".building-" in f.message for f in result.findings)
    assert leftovers(db) == []
    assert result.healthy


def test_a_signal_after_the_swap_finishes_the_sync_first(db, mirror):
    result = signalled_sync(db, mirror, "swapped", signal.SIGTERM)
    assert result.returncode == 143
    assert "sync interrupted after the new database was swapped in" in result.stderr
    assert leftovers(db) == []
    assert build(db, mirror=str(mirror), sources=SC_SOURCES).diff.unchanged
