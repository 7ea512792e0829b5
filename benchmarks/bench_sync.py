"""Benchmark: a full Security Council sync from the mirror, against a plain pandas load.

untally's sync = read + verify (sha256) + parse + assemble + validate + atomic swap of a new
DuckDB file. The pandas baseline does the central part of the same job the plain way: read the
same SC voting files and the veto list with ``pandas.read_csv``, the three meeting sheets with
``pandas.read_excel``, group the member votes into one row per resolution, and write
decisions and votes to a DuckDB file. Both run in this process, same machine, same files;
the median of several runs is reported.

Run: .venv/bin/python benchmarks/bench_sync.py [--runs 5] [--markdown]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

from untally.sources.registry import SOURCES
from untally.store import build

MIRROR = Path(
    os.environ.get("UNTALLY_MIRROR") or Path(__file__).resolve().parents[2] / "shared/data"
)


# The Security Council record only: the General Assembly load has its own benchmark (bench_ga.py).
SC_SOURCES = tuple(s for s in SOURCES if s.name != "undl_ga")


def untally_sync(tmp: Path) -> int:
    report = build(tmp / "untally.duckdb", mirror=str(MIRROR), sources=SC_SOURCES)
    return report.tables["votes"]


def pandas_load(tmp: Path) -> int:
    sc = pd.concat(
        [
            pd.read_csv(MIRROR / "undl/sc_voting.csv.gz", dtype=str, keep_default_na=False),
            pd.read_csv(
                MIRROR / "undl/official_sc_voting_2026_02_06_2022on.csv",
                dtype=str,
                keep_default_na=False,
            ),
        ]
    )
    sc = sc.drop_duplicates(["resolution", "ms_code"], keep="last")
    for col in ["total_yes", "total_no", "total_abstentions", "total_non_voting", "total_ms"]:
        sc[col] = sc[col].astype(int)
    sc["date"] = pd.to_datetime(sc["date"])
    decisions = sc.groupby("resolution", as_index=False).agg(
        date=("date", "min"),
        title=("description", "first"),
        yes=("total_yes", "first"),
        no=("total_no", "first"),
        abstain=("total_abstentions", "first"),
        url=("undl_link", "first"),
    )
    votes = sc[["resolution", "ms_code", "ms_vote"]]
    vetoes = pd.read_csv(MIRROR / "vetoes/unsc_vetoes_1946_sept2022.csv", dtype=str)
    vetoes["date"] = pd.to_datetime(vetoes["date"], format="%m/%d/%Y")
    sheets = [
        pd.read_excel(MIRROR / f"unsc_for_us/{n}.xlsx", engine="calamine")
        for n in ("sample_1946_2019", "sample_2000_2019", "cleaned_data_unsc")
    ]
    con = duckdb.connect(str(tmp / "pandas.duckdb"))
    con.register("d", decisions)
    con.register("v", votes)
    con.register("x", vetoes)
    con.register("m", pd.concat(sheets[:2]))
    con.execute("CREATE TABLE decisions AS SELECT * FROM d")
    con.execute("CREATE TABLE votes AS SELECT * FROM v")
    con.execute("CREATE TABLE vetoes AS SELECT * FROM x")
    con.execute("CREATE TABLE meetings AS SELECT * FROM m")
    con.close()
    return len(votes)


def timed(fn, runs: int) -> tuple[float, int]:
    times = []
    result = 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as d:
            start = time.perf_counter()
            result = fn(Path(d))
            times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    timed(untally_sync, 1)  # warm the import caches and the OS file cache for both
    ours, votes = timed(untally_sync, args.runs)
    base, base_votes = timed(pandas_load, args.runs)
    rows = [
        ("untally sync (full: verify, parse, assemble, validate, swap)", ours, votes),
        ("pandas baseline (read, group, write)", base, base_votes),
    ]
    if args.markdown:
        print("| job | median seconds | member votes |\n|---|---:|---:|")
        for name, t, n in rows:
            print(f"| {name} | {t:.3f} | {n:,} |")
        cores = os.cpu_count()
        print(f"\nratio pandas / untally: {base / ours:.2f}x  (runs: {args.runs}, cores: {cores})")
    else:
        for name, t, n in rows:
            print(f"{name:65s} {t:8.3f} s  {n:,} votes")
        print(f"ratio pandas / untally: {base / ours:.2f}x")


if __name__ == "__main__":
    main()
