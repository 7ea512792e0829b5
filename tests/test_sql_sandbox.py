"""`untally sql` reads the record and nothing else: every way out is refused in one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from untally.errors import UntallyError
from untally.record import Record


@pytest.fixture(scope="module")
def record(built_db):
    with Record(built_db) as r:
        yield r


def test_a_select_still_answers(record):
    assert record.sql("SELECT count(*) AS n FROM vetoes")[0]["n"] > 200
    assert record.sql("SHOW TABLES")
    assert record.sql("DESCRIBE vetoes")


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("COPY vetoes TO '{tmp}/out.csv'", "COPY reads or writes files"),
        ("COPY (SELECT 1) TO '{tmp}/out.csv' (FORMAT csv)", "COPY reads or writes files"),
        ("EXPORT DATABASE '{tmp}/export'", "EXPORT DATABASE writes files"),
        ("ATTACH '{tmp}/other.duckdb' AS other", "ATTACH opens other databases"),
        ("INSTALL httpfs", "INSTALL and LOAD"),
        ("LOAD httpfs", "INSTALL and LOAD"),
        ("SET enable_external_access = true", "SET and RESET change settings"),
        ("RESET lock_configuration", "SET and RESET change settings"),
        ("PRAGMA enable_profiling", "PRAGMA"),
        ("CALL pragma_version()", "CALL runs table functions"),
        ("SELECT * FROM read_text('/etc/passwd')", "read_text() reads files"),
        ("SELECT * FROM read_csv('/etc/passwd')", "read_csv() reads files"),
        ("SELECT * FROM glob('/*')", "glob() reads files"),
        ("select * from READ_BLOB ('/etc/hostname')", "READ_BLOB() reads files"),
        ("SELECT * FROM '/etc/passwd'", "reading a file named in FROM"),
        ("CREATE TEMP TABLE t AS SELECT 1", "CREATE statements"),
        ("DROP TABLE vetoes", "DROP statements"),
        ("SELECT 1; SELECT 2", "2 statements"),
        ("", "the query is empty"),
        (";", "the query is empty"),
        ("  ;  ; ", "the query is empty"),
        ("SELECT '" + "x" * 30_000 + "'", "the limit is 20,000"),
    ],
)
def test_every_way_out_is_refused_with_its_reason(record, tmp_path, query, reason):
    with pytest.raises(UntallyError, match="untally sql: ") as info:
        record.sql(query.format(tmp=tmp_path))
    assert reason in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_the_engine_blocks_file_access_even_past_the_checks(built_db, tmp_path):
    from untally.store.sandbox import connect

    con = connect(Path(built_db))
    for query in (
        f"COPY (SELECT 1) TO '{tmp_path}/x.csv'",
        "SELECT * FROM read_text('/etc/passwd')",
        "SET enable_external_access = true",
    ):
        with pytest.raises(Exception, match=r"disabled|locked"):
            con.execute(query)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("query", ["", ";"])
def test_empty_sql_is_one_line_and_exit_2(built_db, query):
    cmd = [sys.executable, "-c", "from untally.cli import main; main()", "sql", query]
    result = subprocess.run(
        [*cmd, "--db", str(built_db)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "the query is empty" in result.stderr
