"""Benchmark: ``untally check`` on a large text (about 2 MB), time and peak memory.

The issue's bound: a 2 MB article is checked in under 30 s and under 500 MB, or meets a
clear limit. The text is our own test corpus repeated (a real 2 MB article would have
fewer repeated sentences, so fewer cache hits: the limit of judged claims bounds it too).
The baseline in the same run is a plain pandas pass over the same text (split into
sentences with a regular expression and scanned for vote words), to show the cost of the
reading itself.

Run: .venv/bin/python benchmarks/bench_claims_large.py [--mb 2] [--db FILE] [--markdown]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
MIRROR = Path(os.environ.get("UNTALLY_MIRROR") or ROOT.parent / "shared" / "data")
CORPUS = ROOT / "tests" / "claims_corpus"


def big_text(megabytes: float) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    unit = "\n\n".join(parts)
    n = int(megabytes * 1_000_000 / len(unit)) + 1
    return ("\n\n".join([unit] * n))[: int(megabytes * 1_000_000)]


def baseline(text: str) -> int:
    """pandas: sentences with a vote word, the simplest scan of the same text."""
    s = pd.Series(re.split(r"(?<=[.!?])\s+", text))
    return int(s.str.contains(r"\bveto|\bvoted?\b|\babstain", case=False, regex=True).sum())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--db", type=Path)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    from untally.claims import check
    from untally.record import Record
    from untally.store import build

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "untally.duckdb"
            build(db, mirror=str(MIRROR))
        text = big_text(args.mb)
        t = time.perf_counter()
        sentences = baseline(text)
        base = time.perf_counter() - t
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        with Record(db) as record:
            t = time.perf_counter()
            report = check(text, record)
            took = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    judged = sum(
        1 for f in report.findings if not any("not checked: the text" in n for n in f.notes)
    )
    rows = [
        ("text", f"{len(text) / 1e6:.1f} MB, {len(text.split()):,} words"),
        ("untally check", f"{took:.1f} s, {len(report.findings):,} claims ({judged:,} judged)"),
        ("pandas scan (baseline)", f"{base:.2f} s, {sentences:,} sentences with a vote word"),
        ("ratio", f"{took / base:.0f}x the baseline"),
        ("peak memory (process)", f"{peak:.0f} MB (before the check: {before / 1024:.0f} MB)"),
    ]
    for k, v in rows:
        print(f"| {k} | {v} |" if args.markdown else f"{k:<26} {v}")


if __name__ == "__main__":
    main()
