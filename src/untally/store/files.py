"""The files a sync keeps beside the database, and the lock that keeps two syncs apart.

Beside ``untally.duckdb`` a sync writes:

* ``.untally.duckdb.building-<pid>`` (and its ``.wal``): the new database while it is built;
  removed by the sync that made it, or, after a SIGKILL, by the next sync or ``untally doctor``.
* ``.untally.duckdb.lock``: held (``flock``) for the whole sync, with the sync's pid in it, so
  a second sync refuses to start and a reader can say that a sync is running; removed at the
  end (a SIGKILL leaves it, unlocked and harmless).
* ``.untally.duckdb.kept/``: the last loaded copy of each *optional* source file, so a sync
  whose mirror lacks one keeps the previous rows instead of dropping them.
* ``untally.duckdb.syncs.jsonl``: one line per sync attempt (ok, failed, refused,
  interrupted), copied into the ``sync_attempts`` table of each new database.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from untally.errors import DatabaseBusy


def building_path(db: Path, pid: int | None = None) -> Path:
    return db.with_name(f".{db.name}.building-{pid if pid is not None else os.getpid()}")


def lock_path(db: Path) -> Path:
    return db.with_name(f".{db.name}.lock")


def kept_dir(db: Path) -> Path:
    return db.with_name(f".{db.name}.kept")


def attempts_path(db: Path) -> Path:
    return db.with_name(f"{db.name}.syncs.jsonl")


def leftovers(db: Path) -> list[Path]:
    """Temp files of syncs that did not finish (a building file, its WAL, a DuckDB tmp dir)."""
    if not db.parent.is_dir():
        return []
    return sorted(db.parent.glob(f".{db.name}.building-*"))


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True


def remove_leftovers(db: Path) -> list[Path]:
    """Delete what interrupted syncs left; call only while holding the sync lock."""
    removed = []
    for path in leftovers(db):
        with contextlib.suppress(FileNotFoundError):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
    return removed


def running_sync(db: Path) -> int | None:
    """The pid of a sync holding this database's lock, or ``None``."""
    path = lock_path(db)
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            text = os.read(fd, 32).decode(errors="replace").strip()
            return int(text) if text.isdigit() else -1
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


@contextlib.contextmanager
def sync_lock(db: Path, wait: float = 2.0) -> Iterator[None]:
    """Hold the database's sync lock; a second sync gets :class:`DatabaseBusy`.

    The lock file exists only while a sync holds it: it is removed on release, and a sync that
    locked a file another one just removed tries again (its inode is no longer the path's).
    """
    path = lock_path(db)
    deadline = time.monotonic() + wait  # a reader's brief probe must not fail a sync
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            text = os.read(fd, 32).decode(errors="replace").strip()
            os.close(fd)
            if time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            raise DatabaseBusy(
                f"another sync (pid {text or '?'}) is updating {db}",
                "wait for it to finish; the database it replaces stays readable meanwhile",
            ) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # locked a file the previous holder had just removed
    try:
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


# ------------------------------------------------------------------ attempts


def log_attempt(db: Path, attempt: dict) -> None:
    """Append one sync attempt to the log beside the database (never to the database)."""
    path = attempts_path(db)
    line = json.dumps(attempt, default=str, ensure_ascii=False)
    with path.open("a", encoding="utf-8") as f:
        f.write(line + "\n")


def read_attempts(db: Path) -> list[dict]:
    path = attempts_path(db)
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(ValueError):
            item = json.loads(line)
            if isinstance(item, dict):
                out.append(item)
    return out


def now() -> datetime:
    return datetime.now(UTC)
