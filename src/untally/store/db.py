"""Read access to a built database."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import duckdb

from untally import config
from untally.errors import DatabaseBusy, NoDatabase, StoreError

LOCK_WAIT = 3.0  # seconds a read waits for another process's write lock to go


def is_lock_error(exc: Exception) -> bool:
    return "could not set lock" in str(exc).lower() or "conflicting lock" in str(exc).lower()


def busy_error(path: Path, exc: Exception) -> DatabaseBusy:
    """A plain sentence for a database another process holds: never advice to delete it."""
    from untally.store.files import running_sync

    sync = running_sync(path)
    if sync is not None:
        return DatabaseBusy(
            f"a sync (pid {sync}) is running on {path}",
            "try again when it has finished; the database is not damaged",
        )
    holder = re.search(r"PID (\d+)", str(exc))
    who = f"another process (pid {holder.group(1)})" if holder else "another process"
    return DatabaseBusy(
        f"{path} is open for writing by {who}",
        "close that program or wait for it, then try again; the database is not damaged",
    )


def connect_read_only(path: Path, wait: float = LOCK_WAIT) -> duckdb.DuckDBPyConnection:
    """Open ``path`` read-only, waiting up to ``wait`` seconds while another process writes."""
    deadline = time.monotonic() + wait
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=True)
        except duckdb.Error as exc:
            if "different configuration" in str(exc):
                # this process already holds the file with other settings (a locked server
                # connection): a separate in-memory instance can still attach it read-only
                return attach_read_only(path)
            if not is_lock_error(exc):
                raise StoreError(
                    f"{path} is not a readable untally database ({str(exc).splitlines()[0]})",
                    "run `untally sync` to build a new one (`untally doctor` says more)",
                ) from None
            if time.monotonic() >= deadline:
                raise busy_error(path, exc) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def attach_read_only(path: Path) -> duckdb.DuckDBPyConnection:
    """``path`` attached read-only to a new in-memory database, and made the default."""
    con = duckdb.connect(":memory:")
    try:
        quoted = str(path).replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS record (READ_ONLY)")
        con.execute("USE record")
    except BaseException:
        con.close()
        raise
    return con


class Store:
    """A read-only connection to the record; ``untally sql`` and the analytics run on it."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = config.db_path(path)
        if not self.path.is_file():
            raise NoDatabase(
                f"no database at {self.path}",
                "run `untally sync` (or `untally sync --from DIR` with a mirror) first",
            )
        self.con = connect_read_only(self.path)

    def rows(self, query: str, params: list | dict | None = None) -> list[tuple]:
        return self.con.execute(query, params).fetchall()

    def one(self, query: str, params: list | dict | None = None) -> tuple | None:
        rows = self.con.execute(query, params).fetchall()  # fetchall completes the result
        return rows[0] if rows else None

    def scalar(self, query: str, params: list | dict | None = None) -> Any:
        """The one value of an aggregate query (``count(*)``, ``max(date)``): one row, always."""
        row = self.one(query, params)
        if row is None:
            raise ValueError(f"no row from a query expected to return one: {query}")
        return row[0]

    def dicts(self, query: str, params: list | dict | None = None) -> list[dict]:
        cursor = self.con.execute(query, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
