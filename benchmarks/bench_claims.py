"""Benchmark: ``untally check`` on a 1,000-word article, against a naive baseline.

untally: spaCy-based extraction and verification of every claim on the DuckDB record.
Baseline: regular expressions for two claim shapes ("X has vetoed N ..." and "resolution N
... by Y votes to Z") answered with pandas on DataFrames of the same tables. Both run in one
process after a warm-up, on the same article; the CLI is also timed cold (a new process:
Python start-up, imports, spaCy's blank pipeline, the database opened), which is what a user
waits for. The baseline's recall on the test corpus is printed beside its speed, so the ratio
can be read against what each side finds.

Run: .venv/bin/python benchmarks/bench_claims.py [--runs 20] [--markdown] [--db FILE]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import duckdb
import pandas as pd

from untally.claims import check
from untally.claims.inputs import read_source
from untally.record import Record
from untally.store import build

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]
MIRROR = Path(os.environ.get("UNTALLY_MIRROR") or HERE.parents[2] / "shared" / "data")
CORPUS = ROOT / "tests" / "claims_corpus"
WORDS = 1000


def article(words: int = WORDS) -> str:
    """About ``words`` words of the corpus's articles (headline and dateline of the first)."""
    parts, n = [], 0
    for path in sorted(CORPUS.glob("*.txt")):
        text, _ = read_source(str(path), None)
        body = text if not parts else "\n".join(text.splitlines()[2:])
        parts.append(body.strip())
        n += len(body.split())
        if n >= words:
            break
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------- the baseline

NAMES = {
    "united states": "USA", "us": "USA", "washington": "USA", "russia": "RUS",
    "moscow": "RUS", "china": "CHN", "beijing": "CHN", "britain": "GBR", "uk": "GBR",
    "france": "FRA", "soviet union": "SUN",
}  # fmt: skip
COUNT = re.compile(
    r"(United States|US|Washington|Russia|Moscow|China|Beijing|Britain|UK|France|Soviet Union)"
    r"[^.]{0,40}?(?:vetoed|used its veto|cast)\D{0,12}(\d+)",
    re.I,
)
TALLY = re.compile(r"[Rr]esolution (\d+)[^.]*?(\d+) votes? to (\d+|none)")


class Baseline:
    """Regex extraction + pandas lookups: the simplest tool that answers two claim shapes."""

    def __init__(self, db: Path) -> None:
        with duckdb.connect(str(db), read_only=True) as con:
            vetoes: pd.DataFrame = con.sql("SELECT date, draft, vetoed_by FROM vetoes").df()
            self.decisions: pd.DataFrame = con.sql(
                "SELECT resolution, yes, no, abstain FROM decisions"
            ).df()
        self.vetoes = vetoes.explode("vetoed_by")

    def check(self, text: str) -> list[tuple[str, str, bool]]:
        out = []
        for m in COUNT.finditer(text):
            code = NAMES[m.group(1).lower()]
            found = int((self.vetoes["vetoed_by"] == code).sum())
            out.append(("veto-count", m.group(0), found == int(m.group(2))))
        for m in TALLY.finditer(text):
            rows = self.decisions[
                self.decisions["resolution"].fillna("").str.startswith(f"S/RES/{m.group(1)}(")
            ]
            no = 0 if m.group(3) == "none" else int(m.group(3))
            ok = not rows.empty and int(rows.iloc[0]["yes"]) == int(m.group(2))
            out.append(("resolution-vote", m.group(0), ok and int(rows.iloc[0]["no"]) == no))
        return out


def baseline_recall(baseline: Baseline) -> tuple[int, int]:
    """Expected corpus claims whose quote overlaps a baseline match of the same kind."""
    hit = total = 0
    for path in sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html")):
        text, _ = read_source(str(path), None)
        spec = tomllib.loads(path.with_suffix(".toml").read_text(encoding="utf-8"))
        spans = [
            (kind, text.find(match), text.find(match) + len(match))
            for kind, match, _ in baseline.check(text)
        ]
        for want in spec["claim"]:
            total += 1
            s = text.find(want["quote"])
            e = s + len(want["quote"])
            hit += any(k == want["kind"] and a < e and s < b for k, a, b in spans)
    return hit, total


# --------------------------------------------------------------------------- timing


def median_seconds(job, runs: int) -> float:
    job()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_cli(path: Path, db: Path, runs: int) -> float:
    code = "import untally.cli as c; c.main()"
    cmd = [sys.executable, "-c", code, "check", str(path), "--db", str(db), "-f", "json"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--db", type=Path, help="an existing database (default: build one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "untally.duckdb"
            build(db, mirror=str(MIRROR), quiet=True)
        text = article()
        path = Path(tmp) / "article.txt"
        path.write_text(text, encoding="utf-8")
        words = len(text.split())
        with Record(db) as record:
            report = check(text, record)
            warm = median_seconds(lambda: check(text, record), args.runs)
        baseline = Baseline(db)
        base = median_seconds(lambda: baseline.check(text), args.runs)
        base_found = len(baseline.check(text))
        hit, total = baseline_recall(baseline)
        cold = cold_cli(path, db, args.cold_runs)
    rows = [
        ("untally check, in process (after imports)", warm, len(report.findings)),
        ("untally check, cold CLI (new process, JSON out)", cold, len(report.findings)),
        ("baseline: regex + pandas, in process", base, base_found),
    ]
    if args.markdown:
        print(f"Article: {words} words. Median of {args.runs} warm runs, {args.cold_runs} cold.\n")
        print("| job | median seconds | claims found |\n|---|---:|---:|")
        for name, seconds, n in rows:
            print(f"| {name} | {seconds:.3f} | {n} |")
    else:
        print(f"article: {words} words")
        for name, seconds, n in rows:
            print(f"{name:52} {seconds:8.3f} s  {n:3d} claims")
    print(
        f"\nratio untally / baseline (in process): {warm / base:.0f}x slower; "
        f"baseline recall on the corpus: {hit}/{total} = {hit / total:.0%}"
    )
    print(f"target: cold CLI under 2 s — {'met' if cold < 2 else 'NOT met'} ({cold:.2f} s)")


if __name__ == "__main__":
    main()
