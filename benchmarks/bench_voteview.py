"""Benchmark: reading Voteview's official per-congress files, untally vs pandas, same run.

An online sync reads every roll call of the configured congresses (default: House and
Senate, 113th to 119th). This generates files of that size in Voteview's own layout (per
congress: a House of 435 members and 1,000 roll calls, a Senate of 100 and 600; the
President's positions on every tenth roll call; random cast codes) and times turning them
into the store's two tables: untally's parse + :func:`untally.sources.voteview.combine`
against a plain pandas read + merge + group-by giving the same rows (checked equal first).
It then loads the tables into a database with the store's schema, and reports its size and
the time of one roll call's answer (`Record.congress`).

Run: .venv/bin/python benchmarks/bench_voteview.py [--congresses 7] [--runs 3] [--markdown]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from _timing import timed
from untally.sources import voteview

SIZES = {"H": ("House", 435, 1000), "S": ("Senate", 100, 600)}
PRESIDENT = 99912


def write_congress(folder: Path, congress: int, chamber: str, rng: np.random.Generator) -> None:
    """One congress and chamber's three files, in Voteview's columns and order."""
    name, seats, rolls = SIZES[chamber]
    prefix = f"{chamber}{congress}"
    icpsr = np.arange(1, seats + 1) + (0 if chamber == "H" else 50_000)
    members = pa.table(
        {
            "congress": [congress] * (seats + 1),
            "chamber": ["President"] + [name] * seats,
            "icpsr": np.concatenate([[PRESIDENT], icpsr]),
            "state_icpsr": [99] + [41] * seats,
            "district_code": [0] + ([int(i % 53) + 1 for i in range(seats)] if chamber == "H"
                                   else [0] * seats),
            "state_abbrev": ["USA"] + [f"S{i % 50:02d}" for i in range(seats)],
            "party_code": [100, *rng.choice([100, 200, 328], seats, p=[0.5, 0.49, 0.01])],
            "occupancy": [None] * (seats + 1),
            "last_means": [None] * (seats + 1),
            "bioname": ["PRESIDENT, The"] + [f"MEMBER, Number {i}" for i in range(seats)],
            "bioguide_id": [None] + [f"M{i:06d}" for i in range(seats)],
            "born": [1940] * (seats + 1),
            "died": [None] * (seats + 1),
            "nominate_dim1": rng.uniform(-1, 1, seats + 1),
            "nominate_dim2": rng.uniform(-1, 1, seats + 1),
        }
    )  # fmt: skip
    roll = np.repeat(np.arange(1, rolls + 1), seats)
    who = np.tile(icpsr, rolls)
    cast = rng.choice([1, 6, 7, 9, 0], roll.size, p=[0.55, 0.38, 0.01, 0.05, 0.01])
    pres = np.arange(1, rolls + 1, 10)
    votes = pa.table(
        {
            "congress": np.full(roll.size + pres.size, congress),
            "chamber": [name] * (roll.size + pres.size),
            "rollnumber": np.concatenate([roll, pres]),
            "icpsr": np.concatenate([who, np.full(pres.size, PRESIDENT)]),
            "cast_code": np.concatenate([cast, np.ones(pres.size, int)]),
            "prob": rng.uniform(50, 100, roll.size + pres.size).round(1),
        }
    )
    counts = pd.DataFrame({"roll": roll, "cast": cast})
    yea = counts[counts.cast.between(1, 3)].groupby("roll").size().reindex(range(1, rolls + 1))
    nay = counts[counts.cast.between(4, 6)].groupby("roll").size().reindex(range(1, rolls + 1))
    rollcalls = pa.table(
        {
            "congress": [congress] * rolls,
            "chamber": [name] * rolls,
            "rollnumber": np.arange(1, rolls + 1),
            "date": [f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(rolls)],
            "session": [1 + i * 2 // rolls for i in range(rolls)],
            "clerk_rollnumber": np.arange(1, rolls + 1),
            "yea_count": yea.fillna(0).astype(int).to_numpy(),
            "nay_count": nay.fillna(0).astype(int).to_numpy(),
            "nominate_mid_1": rng.uniform(-1, 1, rolls),
            "bill_number": [f"HR{i}" if i % 3 else "" for i in range(rolls)],
            "vote_result": ["Passed"] * rolls,
            "vote_desc": ["A generated roll call"] * rolls,
            "vote_question": ["On Passage"] * rolls,
            "dtl_desc": [None] * rolls,
        }
    )
    for kind, table in (("rollcalls", rollcalls), ("votes", votes), ("members", members)):
        pacsv.write_csv(table, folder / f"{prefix}_{kind}.csv")


def ours(files: dict[str, Path]) -> dict[str, pa.Table]:
    return voteview.combine({k: voteview.parse(k, p) for k, p in files.items()})


def theirs(files: dict[str, Path]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The plain pandas way: read, drop the President, merge, count."""
    frames: dict[str, list[pd.DataFrame]] = {"rollcalls": [], "votes": [], "members": []}
    for key, path in files.items():
        frames[key.partition("_")[2]].append(pd.read_csv(path))
    rc, v, m = (pd.concat(frames[k]) for k in ("rollcalls", "votes", "members"))
    m = m[m.chamber != "President"]
    mv = v.merge(m[["congress", "chamber", "icpsr", "bioname", "party_code", "state_abbrev",
                    "district_code"]], on=["congress", "chamber", "icpsr"])  # fmt: skip
    mv["party"] = mv.party_code.map(voteview.PARTIES).fillna("party code")
    c = mv.cast_code
    mv["position"] = np.select(
        [c.between(1, 3), c.between(4, 6), c.isin([7, 8]), c == 9],
        ["yea", "nay", "present", "not voting"],
        "not a member",
    )
    keys = ["congress", "chamber", "rollnumber"]
    counts = mv.assign(present=mv.position == "present", not_voting=mv.position == "not voting")
    counts = counts.groupby(keys, as_index=False)[["present", "not_voting"]].sum()
    return rc.merge(counts, on=keys, how="left"), mv


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--congresses", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    rng = np.random.default_rng(13)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files: dict[str, Path] = {}
        for congress in range(113, 113 + args.congresses):
            for chamber in ("H", "S"):
                write_congress(folder, congress, chamber, rng)
                for kind in ("rollcalls", "votes", "members"):
                    key = f"{chamber}{congress}_{kind}"
                    files[key] = folder / f"{key}.csv"
        size = sum(p.stat().st_size for p in files.values())
        tables = ours(files)
        rc, mv = theirs(files)
        assert tables["member_votes"].num_rows == len(mv)
        assert tables["rollcalls"].num_rows == len(rc)
        got = {(r["congress"], r["chamber"], r["rollnumber"]): r["present"]
               for r in tables["rollcalls"].select(["congress", "chamber", "rollnumber",
                                                     "present"]).to_pylist()}  # fmt: skip
        want = {(r.congress, r.chamber, r.rollnumber): r.present for r in rc.itertuples()}
        assert got == want
        t_ours = timed(lambda: ours(files), args.runs)
        t_theirs = timed(lambda: theirs(files), args.runs)

        from untally.members import members_table
        from untally.record import Record
        from untally.store.build import schema_sql
        from untally.store.diff import compare
        from untally.store.ga import GA_SCHEMA
        from untally.store.us import US_SCHEMA, load_us, validate_us

        def load(db: Path) -> duckdb.DuckDBPyConnection:
            con = duckdb.connect(str(db))
            con.execute(schema_sql())
            con.execute(GA_SCHEMA)
            con.execute(US_SCHEMA)
            con.register("m", members_table())
            con.execute("INSERT INTO members BY NAME SELECT code, name, iso3, kind, valid_from, "
                        "valid_until, successor, permanent, aliases FROM m")  # fmt: skip
            load_us(con, {f"voteview.{k}": t for k, t in tables.items()})
            return con

        db = folder / "untally.duckdb"
        start = time.perf_counter()
        con = load(db)
        con.execute("CHECKPOINT")
        con.close()
        t_load = time.perf_counter() - start
        # a second sync of the same files: validation and the comparison with the first
        again = load(folder / "again.duckdb")
        start = time.perf_counter()
        validate_us(again)
        diff = compare(again, db)
        t_check = time.perf_counter() - start
        again.close()
        assert diff.unchanged
        with Record(db) as record:
            record.congress("H.R. 5", 113)
            t_query = timed(lambda: record.congress("H.R. 5", 113), 20)
        db_size = db.stat().st_size
    n_votes = tables["member_votes"].num_rows
    n_rolls = tables["rollcalls"].num_rows
    print(f"{args.congresses} congresses x (House 435 x 1,000 + Senate 100 x 600): {n_rolls:,} "
          f"roll calls, {n_votes:,} member votes; CSV {size / 1e6:.1f} MB")  # fmt: skip
    print("| job | untally (s) | pandas (s) | pandas / untally |\n|---|---:|---:|---:|")
    print(f"| parse + join into the store's two tables | {t_ours:.2f} | {t_theirs:.2f} | "
          f"{t_theirs / t_ours:.2f}x |")  # fmt: skip
    print(f"\nload into a database: {t_load:.2f} s; database file {db_size / 1e6:.1f} MB "
          f"(members table and these two tables only)")  # fmt: skip
    print(f"re-sync checks on these tables (validation + comparison with the previous "
          f"database): {t_check:.2f} s")  # fmt: skip
    print(f"one roll call's answer (Record.congress, median of 20): {t_query * 1000:.1f} ms")
    print(f"median of {args.runs} runs each; cores: {os.cpu_count()}; "
          f"load average {os.getloadavg()[0]:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
