"""Benchmark: exporting the whole record to Parquet, untally (DuckDB COPY) vs pandas.

Both sides write the same tables (``untally.exports.TABLES``, the Assembly topics included) to
Parquet with zstd compression, in the same run, on the same database file:

* untally: ``Record.export(dir, "parquet")``, which also writes the data package descriptor;
* pandas: each table's query fetched as a DataFrame, then ``DataFrame.to_parquet`` (pyarrow
  engine, zstd); timed with and without the fetch.

Each side runs N times (alternating); medians are reported. The row counts of both sides'
files are checked equal first.

Run: .venv/bin/python benchmarks/bench_export.py [--runs 5] [--db PATH] [--markdown]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

from untally import Record
from untally.exports import TABLES

HERE = Path(__file__).resolve()
MIRROR = Path(os.environ.get("UNTALLY_MIRROR") or HERE.parents[2] / "shared" / "data")


def pandas_export(record: Record, out: Path) -> tuple[float, float, dict[str, int]]:
    """(seconds fetching DataFrames, seconds in to_parquet, rows per table)."""
    con = record.store.con
    fetch = write = 0.0
    rows = {}
    for table in TABLES:
        t0 = time.perf_counter()
        frame = con.execute(table.query).df()
        t1 = time.perf_counter()
        frame.to_parquet(out / f"{table.name}.parquet", engine="pyarrow", compression="zstd")
        t2 = time.perf_counter()
        fetch, write = fetch + t1 - t0, write + t2 - t1
        rows[table.name] = len(frame)
    return fetch, write, rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from untally.store import build

            db = Path(tmp) / "untally.duckdb"
            build(db, mirror=str(MIRROR), quiet=True)
        with Record(db) as record:
            record.ensure_topics()
            record.ensure_ga_topics()  # classified once, outside the timings
            ours, fetches, writes, sizes = [], [], [], {}
            for run in range(args.runs):
                a, b = Path(tmp) / f"untally-{run}", Path(tmp) / f"pandas-{run}"
                b.mkdir()
                t0 = time.perf_counter()
                report = record.export(a, "parquet")
                ours.append(time.perf_counter() - t0)
                fetch, write, rows = pandas_export(record, b)
                fetches.append(fetch)
                writes.append(write)
                written = {w.name: w.rows for w in report.tables}
                assert written == rows, (written, rows)
                for w in report.tables:
                    assert pq.read_metadata(w.path).num_rows == rows[w.name]
                sizes = {
                    "untally": sum(p.stat().st_size for p in a.glob("*.parquet")),
                    "pandas": sum(p.stat().st_size for p in b.glob("*.parquet")),
                }
    u, f, w = (statistics.median(x) for x in (ours, fetches, writes))
    n = sum(rows.values())
    lines = [
        f"Exporting every table ({len(rows)} tables, {n:,} rows) to Parquet (zstd), "
        f"median of {args.runs} runs:",
        "",
        "| side | seconds | bytes written |",
        "|---|---:|---:|",
        f"| untally `export` (DuckDB COPY, + datapackage.json) | {u:.2f} | {sizes['untally']:,} |",
        f"| pandas: fetch DataFrames + `to_parquet` | {f + w:.2f} | {sizes['pandas']:,} |",
        f"| pandas: `to_parquet` alone (DataFrames in memory) | {w:.2f} | |",
        "",
        f"From the database to files, untally is {(f + w) / u:.1f}x faster than pandas; "
        f"against to_parquet alone (the DataFrames already in memory) it takes {u / w:.1f}x "
        "the time.",
    ]
    print("\n".join(lines) if args.markdown else "\n".join(lines).replace("|", " "))


if __name__ == "__main__":
    main()
