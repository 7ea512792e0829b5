"""Benchmark: the General Assembly record, from the mirror file to ideal points.

1. Load: parse ``undl/ga_voting.csv.gz`` (PyArrow), insert it into a new DuckDB file (members,
   ``ga_resolutions``, ``ga_votes`` with their primary and foreign keys) and validate it.
2. Coincidence: the matrix of every pair of states in every session under ``state-dept``,
   untally (NumPy matrix products over a vote matrix read in one query) against a plain pandas
   implementation (a self-merge of the yes/no votes per session, then a group-by per pair),
   in the same run on the same database; the results are compared on a random sample of cells.
3. Ideal points: the full fit over every session on the record the mirror gives (1946-2025
   with ``ga_2022on``), the previous fit (``idealpoints_previous.py``) on the same database in
   the same run, and each one's correlation with the published estimates (Bailey, Strezhnev
   and Voeten, July 2023 release), overall and per session, with where the overall
   correlation is lost (each session's location and scale; the states furthest off).

The median of ``--runs`` runs is reported for 1 and 2 (one run for pandas and the fit).

Run: .venv/bin/python benchmarks/bench_ga.py [--runs 3] [--sample 2000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

import idealpoints_previous as previous
from _timing import timed_result
from untally.analytics import coincidence as co
from untally.analytics import idealpoints as ip
from untally.sources import unvotes
from untally.sources.undl_ga import parse_ga_file
from untally.store import assemble
from untally.store.build import schema_sql
from untally.store.ga import GA_2022ON_TABLE, GA_SCHEMA, GA_TABLE, load_ga, validate_ga
from untally.store.ga_separate import ROLL_CALLS, SEPARATE_SCHEMA, VOTES, load_separate

MIRROR = Path(
    os.environ.get("UNTALLY_MIRROR") or Path(__file__).resolve().parents[2] / "shared/data"
)
GA_FILE = MIRROR / "undl/ga_voting.csv.gz"
GA_2022ON = MIRROR / "ga_2022on/ga_voting_2022on.csv.gz"
PUBLISHED = MIRROR / "voeten/ideal_points_all_jul2023_by_iso3_year.csv"
UNVOTES = MIRROR / "unvotes"


def full_record(db: Path) -> duckdb.DuckDBPyConnection:
    """The record 1946-2025 (the Library's file and the 2022-2025 scrape) and Voeten's
    paragraph and amendment votes 1946-2019, untimed."""
    con = duckdb.connect(str(db))
    con.execute(schema_sql())
    if not con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ga_votes'"
    ).fetchall()[0][0]:
        con.execute(GA_SCHEMA)
    assemble.load_members(con, {})
    tables = {GA_TABLE: parse_ga_file(GA_FILE)}
    if GA_2022ON.is_file():
        tables[GA_2022ON_TABLE] = parse_ga_file(GA_2022ON)
    load_ga(con, tables)
    con.execute(SEPARATE_SCHEMA)
    load_separate(
        con,
        {
            ROLL_CALLS: unvotes.parse("roll_calls", UNVOTES / "un_roll_calls.csv"),
            VOTES: unvotes.parse("votes", UNVOTES / "un_votes.csv.gz"),
        },
    )
    return con


def load(db: Path) -> tuple[int, dict[str, float]]:
    """Parse, load, index and validate; returns member votes and seconds per step."""
    steps: dict[str, float] = {}
    t = time.perf_counter()
    table = parse_ga_file(GA_FILE)
    steps["parse"] = time.perf_counter() - t
    t = time.perf_counter()
    con = duckdb.connect(str(db))
    con.execute(schema_sql())
    if not con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ga_votes'"
    ).fetchall()[0][0]:
        con.execute(GA_SCHEMA)
    assemble.load_members(con, {})
    load_ga(con, {GA_TABLE: table})
    steps["insert + index"] = time.perf_counter() - t
    t = time.perf_counter()
    validate_ga(con)
    con.execute("CHECKPOINT")
    con.close()
    steps["validate + checkpoint"] = time.perf_counter() - t
    return table.num_rows, steps


def untally_matrix(con: duckdb.DuckDBPyConnection) -> co.CoincidenceMatrix:
    return co.matrix(con, "state-dept", by="session")


def pandas_matrix(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The plain way: per session, pair every yes/no vote with every other on the same vote."""
    votes = con.execute(
        "SELECT v.vote_id, v.member, v.vote, r.session_no FROM ga_votes v "
        "JOIN ga_resolutions r USING (vote_id) WHERE v.vote IN ('Y', 'N')"
    ).df()
    parts = []
    for session, part in votes.groupby("session_no"):
        pairs = part.merge(part, on="vote_id", suffixes=("_a", "_b"))
        pairs = pairs[pairs["member_a"] < pairs["member_b"]]
        pairs = pairs.assign(same=pairs["vote_a"] == pairs["vote_b"])
        counts = pairs.groupby(["member_a", "member_b"])["same"].agg(["sum", "size"])
        parts.append(counts.assign(session=int(session)).reset_index())
    out = pd.concat(parts, ignore_index=True)
    out["value"] = out["sum"] / out["size"]
    return out


def compare_sample(mat: co.CoincidenceMatrix, baseline: pd.DataFrame, n: int) -> tuple[int, int]:
    """Cells (session, pair) equal in both, of a random sample of the baseline's cells."""
    rng = np.random.default_rng(0)
    rows = baseline.iloc[rng.choice(len(baseline), size=min(n, len(baseline)), replace=False)]
    index = {m: i for i, m in enumerate(mat.members)}
    period = {p: g for g, p in enumerate(mat.periods)}
    equal = 0
    for r in rows.itertuples():
        g, i, j = period[str(r.session)], index[r.member_a], index[r.member_b]
        if mat.counted[g, i, j] == r.size and mat.points[g, i, j] == r.sum:
            equal += 1
    # and no cell counted by untally is missing from the baseline
    assert int((np.triu(mat.counted, k=1) > 0).sum()) == len(baseline)
    return equal, len(rows)


def fit_report(con: duckdb.DuckDBPyConnection) -> None:
    """Old and new fit in one run (old first), their correlations, and the loss analysis."""
    published = ip.read_published(PUBLISHED)
    fits = {"previous fit (title bridges, plain EM)": previous.fit(con), "untally": ip.fit(con)}
    print("## Ideal points: every session, previous and current fit in one run\n")
    print("| fit | seconds | updates | items (votes bridged) | r overall | median r | min r |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    results = {}
    for name, fit in fits.items():
        c = ip.compare(fit, published)
        results[name] = c
        r = c.per_session.column("r").to_numpy()
        print(
            f"| {name} | {fit.seconds:.1f} | {fit.iterations} "
            f"({'converged' if fit.converged else 'not converged'}) | {fit.n_items:,} "
            f"({fit.n_bridged:,}) | {c.overall:.3f} | {np.nanmedian(r):.3f} | {np.nanmin(r):.3f} |"
        )
    old, new = fits.values()
    c = results["untally"]
    print(
        f"\nratio previous / current fit time: **{old.seconds / new.seconds:.1f}x**; "
        f"{new.n_votes:,} votes, {new.n_observations:,} yes/no/abstain votes used; "
        f"compared with {c.release} over {c.n:,} state-sessions\n"
    )
    per = c.per_session.to_pandas()
    print("r per session (current fit), ten sessions a row:\n")
    print("| sessions | r |\n|---|---|")
    for lo in range(1, int(per["session"].max()) + 1, 10):
        part = per[(per["session"] >= lo) & (per["session"] < lo + 10)]
        if len(part):
            cells = " ".join(
                f"{int(s)}: {r:.3f}" for s, r in zip(part["session"], part["r"], strict=True)
            )
            print(f"| {lo}–{lo + 9} | {cells} |")
    pairs = c.pairs.to_pandas()
    z = pairs.groupby("session")[["ours", "theirs"]].transform(lambda v: (v - v.mean()) / v.std())
    print(
        f"\nWhere the overall r is lost: with each session's estimates mapped onto the "
        f"published ones by a linear fit, pooled r = **{c.within_sessions:.3f}** (standardised "
        f"within sessions: {np.corrcoef(z['ours'], z['theirs'])[0, 1]:.3f}); the rest of "
        f"the gap from {c.overall:.3f} is each session's location and scale. Spread of ours / "
        "published (sd ratio) by decade of sessions:\n"
    )
    print("| sessions | sd ratio, min–max | mean ours − mean published (after one global fit) |")
    print("|---|---|---|")
    slope, icept = np.polyfit(pairs["ours"], pairs["theirs"], 1)
    pairs["fitted"] = slope * pairs["ours"] + icept
    pairs["residual"] = pairs["theirs"] - pairs["fitted"]
    shift = pairs.groupby("session")["residual"].mean()
    for lo in range(1, int(per["session"].max()) + 1, 10):
        part = per[(per["session"] >= lo) & (per["session"] < lo + 10)]
        if len(part):
            sh = -shift[(shift.index >= lo) & (shift.index < lo + 10)]
            print(
                f"| {lo}–{lo + 9} | {part['sd_ratio'].min():.2f}–{part['sd_ratio'].max():.2f} "
                f"| {sh.min():+.2f} to {sh.max():+.2f} |"
            )
    # states furthest off once session offsets are removed: the ordering, not the scale
    pairs["within"] = pairs["residual"] - pairs.groupby("session")["residual"].transform("mean")
    worst = (
        pairs.groupby("code")["within"]
        .agg(ss=lambda v: float((v**2).sum()), mean="mean", n="size")
        .sort_values("ss", ascending=False)
        .head(8)
    )
    share = worst["ss"].sum() / float((pairs["within"] ** 2).sum())
    print(
        "\nStates furthest off within their sessions (after one global linear fit and each "
        f"session's offset; these 8 hold {share:.0%} of the squared residual):\n"
    )
    print("| state (as published) | sessions | mean residual (published scale) |\n|---|---:|---:|")
    for code, row in worst.iterrows():
        print(f"| {code} | {int(row['n'])} | {row['mean']:+.2f} |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--skip-fit", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        loads = []
        for k in range(args.runs):
            db = Path(tmp) / f"ga{k}.duckdb"
            t = time.perf_counter()
            rows, steps = load(db)
            loads.append((time.perf_counter() - t, steps))
        total = statistics.median(x[0] for x in loads)
        step_medians = {k: statistics.median(s[k] for _, s in loads) for k in loads[0][1]}
        print("## General Assembly load (mirror file -> DuckDB, validated)\n")
        print("| step | median seconds |\n|---|---:|")
        for k, v in step_medians.items():
            print(f"| {k} | {v:.2f} |")
        print(f"| **total** | **{total:.2f}** |\n")
        print(f"{rows:,} member votes, {rows / total:,.0f} rows/s (median of {args.runs} runs)\n")

        con = duckdb.connect(str(Path(tmp) / "ga0.duckdb"), read_only=True)
        untally_matrix(con)  # warm-up
        ours, mat = timed_result(lambda: untally_matrix(con), args.runs)
        t = time.perf_counter()
        baseline = pandas_matrix(con)
        theirs = time.perf_counter() - t
        equal, sampled = compare_sample(mat, baseline, args.sample)
        cells = int((np.triu(mat.counted, k=1) > 0).sum())
        report, _ = timed_result(
            lambda: co.matrix(con, "state-dept-report", by="session"), args.runs
        )
        print("## Coincidence matrix: every pair of states, every session, state-dept\n")
        print("| job | seconds |\n|---|---:|")
        print(f"| untally (`coincidence.matrix`, median of {args.runs}) | {ours:.3f} |")
        print(
            f"| untally, `state-dept-report` (each vote under its year's report method, "
            f"median of {args.runs}) | {report:.3f} |"
        )
        print(f"| pandas baseline (self-merge + group-by per session) | {theirs:.2f} |\n")
        print(
            f"ratio pandas / untally: **{theirs / ours:.0f}x**; {len(mat.members)} states, "
            f"{len(mat.periods)} sessions, {cells:,} (session, pair) cells with a counted vote; "
            f"sample of {sampled:,} cells equal in both: {equal:,}\n"
        )
        con.close()
        if not args.skip_fit:
            with full_record(Path(tmp) / "full.duckdb") as full:
                fit_report(full)


if __name__ == "__main__":
    main()
