"""Benchmark: veto statistics and a whole-record counterfactual, untally (DuckDB) vs pandas.

Both sides start from data already in memory: untally from an open DuckDB connection on the
synced file, pandas from DataFrames of the same tables loaded before timing starts. Each job is
run N times; medians are reported, and the two sides' results are checked equal first.

Run: .venv/bin/python benchmarks/bench_vetoes.py [--runs 50] [--markdown]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from _timing import timed
from untally.analytics import counterfactual as cf
from untally.analytics import topics as taxonomy
from untally.analytics.vetoes import veto_stats
from untally.store import build

HERE = Path(__file__).resolve()
MIRROR = Path(os.environ.get("UNTALLY_MIRROR") or HERE.parents[2] / "shared" / "data")


def pandas_stats(vetoes: pd.DataFrame, decisions: pd.DataFrame, topics: pd.DataFrame, by: str):
    df = vetoes.merge(decisions[["decision_id", "no", "kind"]], on="decision_id")
    df = df[df["kind"] != "amendment"]  # as analytics.vetoes: amendments only when asked for
    df["n_vetoers"] = df["vetoed_by"].map(len)
    if by == "member":
        df = df.explode("vetoed_by").rename(columns={"vetoed_by": "key"})
        df["mv"] = 1
    else:
        df = df.merge(topics.rename(columns={"topic": "key"}), on="decision_id")
        df["mv"] = df["n_vetoers"]
    df["is_draft"] = df["kind"] != "part"
    df["lone"] = (df["no"] == 1) & (df["n_vetoers"] == 1)
    df["joint"] = df["n_vetoers"] > 1
    df["with_others"] = df["no"] > df["n_vetoers"]
    df["unknown"] = df["no"].isna() & (df["n_vetoers"] == 1)
    out = df.groupby("key").agg(
        drafts=("is_draft", "sum"),
        member_votes=("mv", "sum"),
        paragraph_votes=("draft", "size"),
        lone=("lone", "sum"),
        joint=("joint", "sum"),
        with_others=("with_others", "sum"),
        tally_unknown=("unknown", "sum"),
    )
    return out.reset_index().sort_values(["drafts", "key"], ascending=[False, True])


def as_list(value) -> list:
    return list(value) if isinstance(value, list | tuple | np.ndarray) else []


def pandas_two_veto(decisions: pd.DataFrame, vetoes: pd.DataFrame, pno: pd.DataFrame):
    df = decisions[(decisions["modality"] == "vote")].merge(
        vetoes[["decision_id", "vetoed_by"]], on="decision_id", how="left"
    )
    df = df[df["yes"].notna() | df["vetoed_by"].notna()].copy()
    df = df.merge(pno, on="decision_id", how="left")
    df["permanent_no"] = [
        as_list(v) or as_list(p) for v, p in zip(df["vetoed_by"], df["pno"], strict=True)
    ]
    df["date"] = df["date"].fillna(pd.to_datetime(df["year"].astype(str) + "-07-01"))
    df["yes_"] = df["yes"].fillna(99)
    threshold = (pd.to_datetime(df["date"]) >= "1966-01-01").map({True: 9, False: 7})
    n = df["permanent_no"].map(len)
    charter = pd.Series("adopted", index=df.index)
    charter[(~df["procedural"]) & (n >= 1)] = "vetoed"
    charter[df["yes_"] < threshold] = "insufficient_votes"
    two = pd.Series("adopted", index=df.index)
    two[(~df["procedural"]) & (n >= 2)] = "vetoed"
    two[df["yes_"] < threshold] = "insufficient_votes"
    return df[charter != two]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "untally.duckdb"
        build(db, mirror=str(MIRROR))
        con = duckdb.connect(str(db), read_only=True)
        vetoes = con.sql("SELECT * FROM vetoes").df()
        vetoes["vetoed_by"] = vetoes["vetoed_by"].map(list)
        decisions = con.sql("SELECT * FROM decisions").df()
        topics = con.sql("SELECT decision_id, topic FROM decision_topics").df()
        pno = con.sql(
            "SELECT decision_id, list(member ORDER BY member) AS pno FROM votes "
            "WHERE vote = 'N' AND member IN (SELECT code FROM members WHERE permanent) GROUP BY 1"
        ).df()
        atrocity = frozenset(taxonomy.atrocity_topics())

        ours_member = veto_stats(con, "member").to_pandas()
        theirs_member = pandas_stats(vetoes, decisions, topics, "member")
        assert ours_member["drafts"].tolist() == theirs_member["drafts"].astype(int).tolist()
        assert ours_member["lone"].tolist() == theirs_member["lone"].astype(int).tolist()
        ours_cf = cf.run(con, "two-veto", atrocity_topics=atrocity).to_pandas()
        theirs_cf = pandas_two_veto(decisions, vetoes, pno)
        assert sorted(ours_cf["decision_id"]) == sorted(theirs_cf["decision_id"])

        jobs = [
            (
                "stats table: all members + all topics",
                lambda: (veto_stats(con, "member"), veto_stats(con, "topic")),
                lambda: (
                    pandas_stats(vetoes, decisions, topics, "member"),
                    pandas_stats(vetoes, decisions, topics, "topic"),
                ),
            ),
            (
                "counterfactual two-veto over the whole record",
                lambda: cf.run(con, "two-veto", atrocity_topics=atrocity),
                lambda: pandas_two_veto(decisions, vetoes, pno),
            ),
        ]
        rows = []
        for name, ours, theirs in jobs:
            ours()
            theirs()
            rows.append((name, timed(ours, args.runs), timed(theirs, args.runs)))
    print("| job | untally (ms) | pandas (ms) | pandas / untally |\n|---|---:|---:|---:|")
    for name, a, b in rows:
        print(f"| {name} | {a * 1000:.1f} | {b * 1000:.1f} | {b / a:.2f}x |")
    print(f"\nmedian of {args.runs} runs each; cores: {os.cpu_count()}")


if __name__ == "__main__":
    main()
