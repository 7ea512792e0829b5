"""``untally sql``: the user's SQL on the record, and on nothing else.

Read-only is not enough: a read-only DuckDB connection can still ``COPY ... TO`` any file,
``EXPORT DATABASE`` into a folder, ``ATTACH`` another file, read the disk with ``read_text``
or ``glob`` and ``INSTALL`` extensions from the network. So the user's SQL runs on a
connection of its own with DuckDB's file and network access disabled, extension loading off
and the configuration locked (no ``SET`` can undo it), and before it runs, it must be one
``SELECT``-like statement (``SELECT``, ``WITH``, ``SHOW``, ``DESCRIBE``, ``SUMMARIZE``,
``EXPLAIN``) that names no file-reading function. Each refusal is one line saying why.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import duckdb

from untally.errors import NoDatabase, StoreError, UntallyError
from untally.store.db import LOCK_WAIT, busy_error, is_lock_error

SANDBOX_SETTINGS = {
    "enable_external_access": False,  # no files, no network: COPY, EXPORT, ATTACH, read_*
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,  # last: SET and PRAGMA cannot turn any of this back on
}

MAX_QUERY_CHARS = 20_000
ALLOWED = {"SELECT", "EXPLAIN"}  # SHOW, DESCRIBE and SUMMARIZE parse as SELECT

REFUSED = {
    "COPY": "COPY reads or writes files",
    "EXPORT": "EXPORT DATABASE writes files",
    "ATTACH": "ATTACH opens other databases",
    "DETACH": "DETACH changes the attached databases",
    "LOAD": "INSTALL and LOAD fetch or load extensions",
    "SET": "SET and RESET change settings",
    "VARIABLE_SET": "SET VARIABLE changes settings",
    "PRAGMA": "PRAGMA changes or reads settings",
    "CALL": "CALL runs table functions outside a SELECT",
}

# Table functions that read files or the network (blocked by the settings too: this names them)
FILE_FUNCTIONS = re.compile(
    r"\b(read_\w+|glob|sniff_csv|parquet_\w+|iceberg_\w+|delta_scan|\w+_scan|"
    r"sqlite_\w+|postgres_\w+|mysql_\w+|load_aws_credentials|httpfs\w*)\s*\(",
    re.IGNORECASE,
)
FILE_IN_FROM = re.compile(r"\bFROM\s+'[^']*'", re.IGNORECASE)  # SELECT * FROM 'x.csv'


def refuse(problem: str) -> UntallyError:
    return UntallyError(
        f"untally sql: {problem}",
        "untally sql runs one read-only query on the record's tables "
        '(`untally sql "SHOW TABLES"` lists them)',
    )


def check(query: str) -> str:
    """The query if it may run; otherwise an :class:`UntallyError` saying why not."""
    if len(query) > MAX_QUERY_CHARS:
        raise refuse(f"the query is {len(query):,} characters; the limit is {MAX_QUERY_CHARS:,}")
    if not query.strip().strip(";").strip():
        raise refuse("the query is empty")
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise UntallyError(
            f"SQL error: {str(exc).splitlines()[0]}",
            'check the query; `untally sql "SHOW TABLES"` lists the tables',
        ) from None
    if not statements:
        raise refuse("the query is empty")
    if len(statements) > 1:
        raise refuse(f"the query holds {len(statements)} statements; give one at a time")
    kind = statements[0].type.name
    if kind not in ALLOWED:
        reason = REFUSED.get(kind, f"{kind} statements change the database or its settings")
        raise refuse(f"{reason}; only SELECT-like queries are allowed")
    if m := FILE_FUNCTIONS.search(query):
        raise refuse(f"{m.group(1)}() reads files or the network, which is disabled")
    if FILE_IN_FROM.search(query):
        raise refuse("reading a file named in FROM is disabled")
    return query


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """A connection that sees the record at ``path`` (read-only, as the default catalog) and
    cannot reach files, the network or extensions, nor change that.

    The record is attached to an in-memory database, so this works beside the process's other
    (ordinary) connection to the same file, which DuckDB would refuse to open twice with
    different settings; file access is turned off only after the attach, then locked.
    """
    if not path.is_file():
        raise NoDatabase(f"no database at {path}", "run `untally sync` first")
    con = duckdb.connect(":memory:", config={k: v for k, v in SANDBOX_SETTINGS.items()
                                             if k not in ("enable_external_access",
                                                          "lock_configuration")})  # fmt: skip
    try:
        attach(con, path)
        con.execute("USE record")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def attach(con: duckdb.DuckDBPyConnection, path: Path, wait: float = LOCK_WAIT) -> None:
    """Attach ``path`` read-only as ``record``, waiting briefly while another process writes."""
    deadline = time.monotonic() + wait
    quoted = str(path).replace("'", "''")
    while True:
        try:
            con.execute(f"ATTACH '{quoted}' AS record (READ_ONLY)")
            return
        except duckdb.Error as exc:
            if not is_lock_error(exc):
                raise StoreError(
                    f"{path} is not a readable untally database ({str(exc).splitlines()[0]})",
                    "run `untally sync` to build a new one (`untally doctor` says more)",
                ) from None
            if time.monotonic() >= deadline:
                raise busy_error(path, exc) from None
            time.sleep(0.1)


def run(path: Path, query: str) -> list[dict[str, Any]]:
    """Check ``query``, run it on a sandboxed connection, return its rows as dicts."""
    check(query)
    con = connect(path)
    try:
        cursor = con.execute(query)
        names = [c[0] for c in cursor.description or []]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    except duckdb.PermissionException as exc:
        raise refuse(
            f"file, network and extension access is disabled ({str(exc).splitlines()[0]})"
        ) from None
    except duckdb.Error as exc:
        raise UntallyError(
            f"SQL error: {str(exc).splitlines()[0]}",
            'check the query; `untally sql "SHOW TABLES"` lists the tables',
        ) from None
    finally:
        con.close()
