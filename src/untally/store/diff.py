"""What a sync would change: the new database compared with the previous one.

Every sync compares the database it just built with the one it is about to replace, per
table (rows added, changed and removed, by each table's key), per source file (rows the file
gave) and per year (decisions and Assembly votes). A new database that *loses* data (a row
removed from any table, a source file giving fewer rows) is not swapped in unless the user
says so (``untally sync --accept-removals``): a veto list cut at a line boundary or with only
its header parses as valid data, and only the comparison with the previous record shows it.

The comparison runs in the new database's connection with the previous file attached
read-only, so it never writes to the previous file.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from untally.store.ga_separate import SEPARATE_TABLE_KEYS
from untally.store.us import US_TABLE_KEYS

# Each compared table and its key; a row is "changed" when its key is kept but a value moved.
TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "members": ("code",),
    "meetings": ("meeting_id",),
    "decisions": ("decision_id",),
    "votes": ("decision_id", "member"),
    "vetoes": ("decision_id",),
    "decision_topics": ("decision_id", "topic"),
    "ga_resolutions": ("vote_id",),
    "ga_votes": ("vote_id", "member"),
    **SEPARATE_TABLE_KEYS,
    **US_TABLE_KEYS,
}

# Rows per year: the two series a reader of the record counts in.
YEAR_QUERIES = {
    "Council decisions": ("decisions", 'SELECT year, count(*) FROM "{db}".decisions GROUP BY 1'),
    "Assembly votes": (
        "ga_resolutions",
        'SELECT year, count(*) FROM "{db}".ga_resolutions GROUP BY 1',
    ),
}

EXAMPLES = 5  # removed keys shown per table


@dataclass(frozen=True)
class TableDiff:
    table: str
    before: int
    after: int
    added: int
    changed: int
    removed: int
    removed_examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceDiff:
    """Rows one source file gave, before and after (``None``: not loaded that time)."""

    source: str
    file: str
    before: int | None
    after: int | None
    sha256_before: str | None = None
    sha256_after: str | None = None

    @property
    def shrank(self) -> bool:
        return self.before is not None and (self.after or 0) < self.before


@dataclass(frozen=True)
class YearDiff:
    series: str
    year: int
    before: int
    after: int


@dataclass
class Diff:
    """The new database against the previous one; ``previous`` is ``None`` on a first sync."""

    previous: Path | None
    previous_loaded_at: datetime | None = None
    tables: list[TableDiff] = field(default_factory=list)
    sources: list[SourceDiff] = field(default_factory=list)
    years: list[YearDiff] = field(default_factory=list)

    @property
    def losses(self) -> list[str]:
        """One phrase per loss: what a swap would remove from the record."""
        out = [
            f"{t.removed:,} of {t.before:,} rows of {t.table} removed"
            + (f" (e.g. {', '.join(t.removed_examples)})" if t.removed_examples else "")
            for t in self.tables
            if t.removed
        ]
        out += [
            f"{s.source}/{s.file} gives {s.after or 0:,} rows, was {s.before:,}"
            + ("" if s.after is not None else " (not loaded this time)")
            for s in self.sources
            if s.shrank
        ]
        return out

    @property
    def loses_data(self) -> bool:
        return bool(self.losses)

    @property
    def unchanged(self) -> bool:
        return self.previous is not None and not any(
            t.added or t.changed or t.removed for t in self.tables
        )

    def lines(self) -> list[str]:
        """The diff as plain text lines (what ``sync --dry-run`` prints)."""
        if self.previous is None:
            head = "no previous database: every row is new"
        else:
            when = (
                f" (loaded {self.previous_loaded_at:%Y-%m-%d %H:%M} UTC)"
                if (self.previous_loaded_at)
                else ""
            )
            head = f"compared with {self.previous}{when}"
        out = [head]
        for t in self.tables:
            if t.added or t.changed or t.removed or self.previous is None:
                out.append(
                    f"  {t.table}: {t.before:,} -> {t.after:,} rows "
                    f"(+{t.added:,} added, ~{t.changed:,} changed, -{t.removed:,} removed)"
                )
                if t.removed_examples:
                    out.append(f"    removed: {', '.join(t.removed_examples)}")
        for s in self.sources:
            if (s.before, s.sha256_before) != (s.after, s.sha256_after):
                before = "not loaded" if s.before is None else f"{s.before:,} rows"
                after = "not loaded" if s.after is None else f"{s.after:,} rows"
                same = " (same file)" if s.sha256_before == s.sha256_after else ""
                out.append(f"  source {s.source}/{s.file}: {before} -> {after}{same}")
        for y in self.years:
            out.append(f"  {y.series} in {y.year}: {y.before:,} -> {y.after:,}")
        if self.unchanged:
            out.append("  no rows added, changed or removed")
        return out


def _columns(con: duckdb.DuckDBPyConnection, catalog: str, table: str) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = ? "
            "AND schema_name = 'main' AND table_name = ? ORDER BY column_index",
            [catalog, table],
        ).fetchall()
    ]


# A table of more rows than this is compared slice by slice, on ranges of its first key
# column: one join over the Assembly's 949k member votes held some 120 MB at the sync's peak.
ROWS_PER_SLICE = 200_000


def _slices(con: duckdb.DuckDBPyConnection, table: str, column: str, new: str) -> list[str]:
    """Predicates that split ``table`` into slices of about ``ROWS_PER_SLICE`` rows of the new
    database by ranges of ``column`` (a key column, never null); the first and last ranges are
    open, so every row of either database falls in exactly one slice."""
    rows = con.execute(f'SELECT count(*) FROM "{new}".{table}').fetchall()[0][0]
    n = -(-rows // ROWS_PER_SLICE)
    if n < 2:
        return ["TRUE"]
    points = ", ".join(str(i / n) for i in range(1, n))
    edges = con.execute(
        f'SELECT DISTINCT unnest(quantile_disc("{column}", [{points}])) FROM "{new}".{table} '
        "ORDER BY 1"
    ).fetchall()
    bounds = [e[0] for e in edges]
    col = f'"{column}"'
    return (
        [f"{col} < {_literal(bounds[0])}"]
        + [
            f"{col} >= {_literal(lo)} AND {col} < {_literal(hi)}"
            for lo, hi in itertools.pairwise(bounds)
        ]
        + [f"{col} >= {_literal(bounds[-1])}"]
    )


def _literal(value: object) -> str:
    """A key value as SQL: numbers as they are, anything else quoted."""
    if isinstance(value, int | float):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _table_diff(
    con: duckdb.DuckDBPyConnection, table: str, key: tuple[str, ...], new: str, old: str
) -> TableDiff:
    new_cols = _columns(con, new, table)
    old_cols = _columns(con, old, table)
    if not old_cols and not new_cols:  # neither has it (a database built with fewer tables)
        return TableDiff(table, 0, 0, 0, 0, 0)
    if not old_cols:  # a table the previous database did not have: all rows are new
        n = con.execute(f'SELECT count(*) FROM "{new}".{table}').fetchall()[0][0]
        return TableDiff(table, 0, n, n, 0, 0)
    if not new_cols:
        n = con.execute(f'SELECT count(*) FROM "{old}".{table}').fetchall()[0][0]
        return TableDiff(table, n, 0, 0, 0, n)
    common = [c for c in new_cols if c in old_cols and c not in key]
    keys = ", ".join(f'"{k}"' for k in key)
    on = " AND ".join(f'o."{k}" IS NOT DISTINCT FROM n."{k}"' for k in key)
    row_hash = "hash(" + ", ".join(f'"{c}"' for c in common) + ")" if common else "0"
    label = " || ' ' || ".join(f"coalesce(o.\"{k}\"::VARCHAR, '?')" for k in key)
    counts = [0, 0, 0, 0, 0]
    for where in _slices(con, table, key[0], new):
        part = con.execute(
            f"""
            WITH o AS (SELECT {keys}, {row_hash} AS h FROM "{old}".{table} WHERE {where}),
                 n AS (SELECT {keys}, {row_hash} AS h FROM "{new}".{table} WHERE {where})
            SELECT (SELECT count(*) FROM o), (SELECT count(*) FROM n),
                   count(*) FILTER (o.h IS NULL), count(*) FILTER (o.h <> n.h),
                   count(*) FILTER (n.h IS NULL)
            FROM o FULL OUTER JOIN n ON {on}
            """
        ).fetchall()[0]
        counts = [a + b for a, b in zip(counts, part, strict=True)]
    before, after, added, changed, removed = counts
    examples: tuple[str, ...] = ()
    if removed:
        examples = tuple(
            r[0]
            for r in con.execute(
                f"""
                WITH o AS (SELECT {keys} FROM "{old}".{table}),
                     n AS (SELECT {keys} FROM "{new}".{table})
                SELECT {label} FROM o ANTI JOIN n ON {on} ORDER BY ALL LIMIT {EXAMPLES}
                """
            ).fetchall()
        )
    return TableDiff(table, before, after, added, changed, removed, examples)


def _source_rows(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[tuple[str, str], tuple]:
    if not _columns(con, catalog, "provenance"):
        return {}
    return {
        (s, f): (n, h)
        for s, f, n, h in con.execute(
            f'SELECT source, file, rows, sha256 FROM "{catalog}".provenance'
        ).fetchall()
    }


def _years(con: duckdb.DuckDBPyConnection, new: str, prev: str) -> list[YearDiff]:
    out = []
    for series, (table, query) in YEAR_QUERIES.items():
        old, now = (
            dict(con.execute(query.format(db=c)).fetchall()) if _columns(con, c, table) else {}
            for c in (prev, new)
        )
        out += [
            YearDiff(series, y, old.get(y, 0), now.get(y, 0))
            for y in sorted(set(old) | set(now))
            if old.get(y, 0) != now.get(y, 0)
        ]
    return out


def previous_loaded_at(con: duckdb.DuckDBPyConnection, catalog: str = "prev") -> datetime | None:
    if not _columns(con, catalog, "provenance"):
        return None
    return con.execute(f'SELECT max(loaded_at) FROM "{catalog}".provenance').fetchall()[0][0]


def compare(con: duckdb.DuckDBPyConnection, previous: Path | None) -> Diff:
    """Compare the database of ``con`` (being built) with the file at ``previous``.

    ``con`` must be connected to the new file; the previous file is attached read-only (an
    empty in-memory catalog stands in on a first sync) and detached again before returning.
    """
    new = con.execute("SELECT current_database()").fetchall()[0][0]
    # The new file's catalog is named after the file: a database called prev.duckdb must not
    # meet an attached "prev".
    old = "prev" if new != "prev" else "previous"
    if previous is None:
        con.execute(f"ATTACH ':memory:' AS \"{old}\"")
    else:
        con.execute(f"ATTACH '{_quote(str(previous))}' AS \"{old}\" (READ_ONLY)")
    try:
        diff = Diff(previous, previous_loaded_at(con, old) if previous else None)
        for table, key in TABLE_KEYS.items():
            diff.tables.append(_table_diff(con, table, key, new, old))
        old_rows = _source_rows(con, old)
        new_rows = _source_rows(con, new)
        for s, f in sorted(set(old_rows) | set(new_rows)):
            nb, hb = old_rows.get((s, f), (None, None))
            na, ha = new_rows.get((s, f), (None, None))
            diff.sources.append(SourceDiff(s, f, nb, na, hb, ha))
        diff.years = _years(con, new, old)
    finally:
        con.execute(f'DETACH "{old}"')
    return diff


def _quote(text: str) -> str:
    return text.replace("'", "''")
