"""Reading while another process writes: wait briefly, then say so plainly; never 'delete it'."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from untally.errors import DatabaseBusy, StoreError
from untally.store import Store
from untally.store.files import sync_lock


def hold_for_writing(db: Path, seconds: float) -> subprocess.Popen:
    """Another process with the database open for writing, for ``seconds``."""
    code = (
        "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
        "print('held', flush=True); time.sleep(float(sys.argv[2]))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


@pytest.fixture
def db(built_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "untally.duckdb"
    shutil.copy(built_db, copy)
    return copy


def test_a_read_waits_for_a_brief_writer_and_succeeds(db):
    proc = hold_for_writing(db, 1.0)
    started = time.monotonic()
    with Store(db) as store:
        assert store.one("SELECT count(*) FROM vetoes")[0] > 0
    assert time.monotonic() - started < 5
    proc.wait()


def test_a_read_during_a_long_write_says_who_holds_it_and_never_to_delete(db):
    proc = hold_for_writing(db, 10.0)
    try:
        with pytest.raises(DatabaseBusy) as info:
            Store(db)
        text = str(info.value)
        assert f"open for writing by another process (pid {proc.pid})" in text
        assert "not damaged" in text and "delete" not in text
    finally:
        proc.kill()
        proc.wait()


def test_a_read_while_a_sync_holds_the_file_says_a_sync_is_running(db):
    proc = hold_for_writing(db, 10.0)
    try:
        with sync_lock(db), pytest.raises(DatabaseBusy, match=r"a sync \(pid \d+\) is running"):
            Store(db)
    finally:
        proc.kill()
        proc.wait()


def test_a_second_sync_refuses_while_one_runs(db, mirror):
    from untally.store import build

    with sync_lock(db), pytest.raises(DatabaseBusy, match="another sync"):
        build(db, mirror=str(mirror))


def test_a_file_that_is_no_database_says_to_sync_not_to_delete(tmp_path):
    bad = tmp_path / "untally.duckdb"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="untally sync") as info:
        Store(bad)
    assert "delete" not in str(info.value)
