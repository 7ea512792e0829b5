"""Benchmark: a full sync of both records (Security Council and General Assembly) from the
mirror, against a plain pandas read of the same voting files (issue 12, item 7).

Each job runs in a fresh Python process, so its peak resident memory (``VmHWM`` of that
process, imports included) is its own. The sync is ``untally.store.build`` with every source,
exactly what ``untally sync`` runs, twice: into an empty folder (``sync``), and over a copy of
a database built before the runs (``resync``: the comparison with the previous database and
the loss guard run too, as in every later sync). The baseline is ``pandas.read_csv(...,
dtype=str, keep_default_na=False)`` of the five voting files the sync reads (the two Assembly
files, the two Council files and Voeten's member votes, read for the separate votes; the
other sources are small). The wall time is the job's
own, after the imports (pandas' too on both sides: PyArrow imports it on its first array when
it is installed), with ``time.perf_counter``. The jobs alternate, after one warm-up run
of each (the OS file cache), and the median of the runs is reported.

Run: .venv/bin/python benchmarks/bench_sync_both.py [--runs 5] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MIRROR = Path(
    os.environ.get("UNTALLY_MIRROR") or Path(__file__).resolve().parents[2] / "shared/data"
)
VOTING_FILES = (
    "undl/ga_voting.csv.gz",
    "ga_2022on/ga_voting_2022on.csv.gz",
    "undl/sc_voting.csv.gz",
    "undl/official_sc_voting_2026_02_06_2022on.csv",
    "unvotes/un_votes.csv.gz",
)


def sync_job(previous: Path | None = None) -> tuple[float, int]:
    import pandas  # noqa: F401  PyArrow imports it on its first array; an import, as for the baseline

    from untally.store import build

    with tempfile.TemporaryDirectory() as d:
        db = Path(d) / "untally.duckdb"
        if previous is not None:
            shutil.copyfile(previous, db)
        start = time.perf_counter()
        report = build(db, mirror=str(MIRROR))
        seconds = time.perf_counter() - start
    assert report.swapped and (previous is None or not report.diff.loses_data)
    return seconds, report.tables["ga_votes"] + report.tables["votes"]


def resync_job() -> tuple[float, int]:
    return sync_job(Path(os.environ["BENCH_PREVIOUS_DB"]))


def previous_job() -> tuple[float, int]:
    """The database the re-syncs start from (run once, not measured)."""
    from untally.store import build

    report = build(Path(os.environ["BENCH_PREVIOUS_DB"]), mirror=str(MIRROR))
    return report.seconds, report.tables["ga_votes"] + report.tables["votes"]


def pandas_job() -> tuple[float, int]:
    import pandas as pd

    start = time.perf_counter()
    frames = [pd.read_csv(MIRROR / f, dtype=str, keep_default_na=False) for f in VOTING_FILES]
    seconds = time.perf_counter() - start
    return seconds, sum(len(f) for f in frames)


JOBS = {"sync": sync_job, "resync": resync_job, "pandas": pandas_job}
SETUP = {"previous": previous_job}


def child(job: str) -> None:
    cpu = time.process_time()
    seconds, rows = (JOBS | SETUP)[job]()
    cpu = time.process_time() - cpu  # every thread's CPU time: less sensitive to other load
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rows": rows, "peak_mb": peak_mb()}))


def peak_mb() -> float:
    """This process's peak resident memory: ``VmHWM`` of its own address space. Linux carries
    ``ru_maxrss`` over from the parent across fork and exec, so that one would report at least
    the parent's size at the fork."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run(job: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", job], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--child", choices=sorted(JOBS | SETUP), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    results: dict[str, list[dict]] = {job: [] for job in JOBS}
    with tempfile.TemporaryDirectory() as d:
        os.environ["BENCH_PREVIOUS_DB"] = str(Path(d) / "previous.duckdb")
        run("previous")  # in a child too: this process stays small
        for job in JOBS:
            run(job)  # warm-up: the OS file cache, the byte-code cache
        for _ in range(args.runs):
            for job in JOBS:
                results[job].append(run(job))
    med = {
        job: (
            statistics.median(r["seconds"] for r in rs),
            statistics.median(r["peak_mb"] for r in rs),
            rs[-1]["rows"],
            statistics.median(r["cpu"] for r in rs),
        )
        for job, rs in results.items()
    }
    names = {
        "sync": "untally sync, both records, no database yet (verify, parse, load, validate, swap)",
        "resync": "the same over the previous database (+ compare with it, loss guard)",
        "pandas": "plain read: pandas.read_csv of the five voting files, as strings",
    }
    ratio = max(med["sync"][0], med["resync"][0]) / med["pandas"][0]
    memory = max(med["sync"][1], med["resync"][1]) / med["pandas"][1]
    load = os.getloadavg()[0]
    if args.markdown:
        print(
            "| job | median seconds | median CPU seconds | median peak RSS (MB) | rows |\n"
            "|---|---:|---:|---:|---:|"
        )
        for job, (t, peak, rows, cpu) in med.items():
            print(f"| {names[job]} | {t:.2f} | {cpu:.2f} | {peak:,.0f} | {rows:,} |")
        print(
            f"\nsync / plain read (the slower sync): {ratio:.2f}x the time, {memory:.2f}x"
            f" the peak memory (runs: {args.runs}, cores: {os.cpu_count()}, "
            f"load average at the end: {load:.1f})"
        )
        spread = {job: [round(r["seconds"], 2) for r in rs] for job, rs in results.items()}
        peaks = {job: [round(r["peak_mb"]) for r in rs] for job, rs in results.items()}
        print(f"\nevery run (s): {spread}\nevery run (MB): {peaks}")
    else:
        for job, (t, peak, rows, cpu) in med.items():
            print(f"{names[job]:82s} {t:6.2f} s (CPU {cpu:5.2f} s) {peak:7.0f} MB  {rows:,} rows")
        print(f"sync / plain read: {ratio:.2f}x (load average {load:.1f})")


if __name__ == "__main__":
    main()
