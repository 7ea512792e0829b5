"""The comparison with the previous database counts the same, whole or slice by slice.

A large table (the Assembly's member votes) is compared in slices of its first key column to
bound the sync's memory; the slices must neither drop nor double a row, including rows of the
previous database that lie outside the new database's range of keys.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from untally.store import diff

OLD = [(k, m, "Y") for k in range(1, 21) for m in ("FRA", "USA")]  # keys 1-20
NEW = (
    [(k, m, "Y") for k in range(5, 16) for m in ("FRA", "USA") if (k, m) != (9, "USA")]
    + [(k, "CHN", "N") for k in range(10, 26)]  # added, some above the old keys
    + [(7, "ITA", "A")]
)  # 1-4 and 16-20 removed (outside the new keys), (9, USA) removed, and one vote changed:
NEW = [(k, m, "N") if (k, m) == (12, "FRA") else (k, m, v) for k, m, v in NEW]


def database(path: Path, rows: list[tuple]) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE t (vote_id BIGINT NOT NULL, member VARCHAR, vote VARCHAR)")
        for row in rows:
            con.execute("INSERT INTO t VALUES (?, ?, ?)", list(row))
    return path


@pytest.fixture
def new(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """The new database, with the old one attached as ``prev`` (as :func:`diff.compare` does)."""
    old = database(tmp_path / "old.duckdb", OLD)
    con = duckdb.connect(str(database(tmp_path / "new.duckdb", NEW)))
    con.execute(f"ATTACH '{old}' AS prev (READ_ONLY)")
    yield con
    con.close()


def table_diff(con: duckdb.DuckDBPyConnection) -> diff.TableDiff:
    return diff._table_diff(con, "t", ("vote_id", "member"), "new", "prev")


def test_a_table_compared_in_slices_counts_as_one_join(new, monkeypatch):
    whole = table_diff(new)
    monkeypatch.setattr(diff, "ROWS_PER_SLICE", 4)
    assert len(diff._slices(new, "t", "vote_id", "new")) > 3
    assert table_diff(new) == whole


def test_the_counts_are_those_of_the_keys_and_values(new, monkeypatch):
    monkeypatch.setattr(diff, "ROWS_PER_SLICE", 4)
    got = table_diff(new)
    old, now = ({(k, m): v for k, m, v in rows} for rows in (OLD, NEW))
    kept = old.keys() & now.keys()
    assert (got.before, got.after) == (len(OLD), len(NEW))
    assert got.added == len(now.keys() - old.keys())
    assert got.removed == len(old.keys() - now.keys())
    assert got.changed == sum(old[k] != now[k] for k in kept) > 0


@pytest.mark.parametrize("rows", [0, 1])
def test_a_small_table_is_one_slice(tmp_path, rows):
    with duckdb.connect(str(database(tmp_path / "small.duckdb", NEW[:rows]))) as con:
        assert diff._slices(con, "t", "vote_id", "small") == ["TRUE"]


def test_a_table_neither_database_has_counts_as_empty(new):
    got = diff._table_diff(new, "no_such_table", ("vote_id",), "new", "prev")
    assert (got.before, got.after, got.added, got.changed, got.removed) == (0, 0, 0, 0, 0)
