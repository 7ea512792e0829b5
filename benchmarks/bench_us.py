"""Benchmark: US aid and arms queries, untally (DuckDB) vs pandas, same data, same run.

Both sides start from data in memory: untally from an open DuckDB connection on a database
synced from the mirror, pandas from DataFrames of the same tables loaded before timing. The
two sides' results are checked equal first; medians of N runs are reported.

Run: .venv/bin/python benchmarks/bench_us.py [--runs 50] [--markdown]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from _timing import timed
from untally.analytics.us_support import aid_ranking, aid_series, arms_shares
from untally.store import build

HERE = Path(__file__).resolve()
MIRROR = Path(os.environ.get("UNTALLY_MIRROR") or HERE.parents[2] / "shared" / "data")


def pandas_series(aid: pd.DataFrame) -> pd.DataFrame:
    df = aid[(aid["country_code"] == "ISR") & (aid["measure"] == "obligations")]
    df = df[df["fiscal_year"] >= 2000]
    return df.groupby("fiscal_year", as_index=False)["current_usd"].sum()


def pandas_split(gb: pd.DataFrame) -> pd.DataFrame:
    df = gb[(gb["iso3"] == "ISR") & (gb["fiscal_year"] >= 2000)]
    return df.pivot_table(
        index="fiscal_year", columns="kind", values="current_usd", aggfunc="sum", fill_value=0
    ).reset_index()


def pandas_ranking(aid: pd.DataFrame) -> pd.DataFrame:
    df = aid[(aid["fiscal_year"] == 2020) & (aid["measure"] == "obligations")]
    df = df[~df["aggregate"] & df["country_code"].notna()]
    out = df.groupby("country_code", as_index=False)["current_usd"].sum()
    return out.sort_values(["current_usd", "country_code"], ascending=[False, True]).head(10)


def pandas_arms(arms: pd.DataFrame) -> pd.DataFrame:
    df = arms[(arms["recipient"] == "Israel") & (arms["year"] >= 2000)]
    out = df.groupby("supplier", as_index=False)["tiv"].sum()
    out["share"] = out["tiv"] / out["tiv"].sum()
    return out.sort_values(["tiv", "supplier"], ascending=[False, True])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "untally.duckdb"
        build(db, mirror=str(MIRROR))
        con = duckdb.connect(str(db), read_only=True)
        aid = con.sql("SELECT * FROM us_aid").df()
        gb = con.sql("SELECT * FROM us_aid_greenbook").df()
        arms = con.sql("SELECT * FROM arms_transfers").df()

        def ours_series():
            return aid_series(con, "ISR", since=2000, until=None, kind="total",
                              measure="obligations", dollars="current")  # fmt: skip

        def ours_split():
            return aid_series(con, "ISR", since=2000, until=None, kind="military",
                              measure="obligations", dollars="current")  # fmt: skip

        def ours_ranking():
            return aid_ranking(con, 2020, kind="total", measure="obligations",
                               dollars="current", top=10)  # fmt: skip

        def ours_arms():
            return arms_shares(con, ["Israel"], since=2000, until=None, by="supplier")

        assert (
            ours_series().column("amount").to_pylist() == pandas_series(aid)["current_usd"].tolist()
        )
        assert ours_split().column("military").to_pylist() == pandas_split(gb)["military"].tolist()
        assert (
            ours_ranking().column("code").to_pylist()
            == pandas_ranking(aid)["country_code"].tolist()
        )
        assert ours_arms().column("label").to_pylist() == pandas_arms(arms)["supplier"].tolist()

        jobs = [
            ("aid to ISR per fiscal year since 2000 (22,356 rows)", ours_series,
             lambda: pandas_series(aid)),
            ("military/economic split since 2000 (Greenbook, 72,351 rows)", ours_split,
             lambda: pandas_split(gb)),
            ("top 10 recipients FY2020", ours_ranking, lambda: pandas_ranking(aid)),
            ("arms suppliers of ISR since 2000, shares (22,225 rows)", ours_arms,
             lambda: pandas_arms(arms)),
        ]  # fmt: skip
        rows = []
        for name, ours, theirs in jobs:
            ours()
            theirs()
            rows.append((name, timed(ours, args.runs), timed(theirs, args.runs)))
    print("| job | untally (ms) | pandas (ms) | pandas / untally |\n|---|---:|---:|---:|")
    for name, a, b in rows:
        print(f"| {name} | {a * 1000:.2f} | {b * 1000:.2f} | {b / a:.2f}x |")
    print(f"\nmedian of {args.runs} runs each; cores: {os.cpu_count()}")


if __name__ == "__main__":
    main()
