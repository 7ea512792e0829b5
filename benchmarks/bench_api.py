"""Bounded load test of the HTTP API on loopback: N requests from C concurrent httpx clients
over mixed endpoints; p50/p95 of /api/vetoes, a decision page and /api/agreement, and a
plain pandas baseline for the veto list.

Run: .venv/bin/python benchmarks/bench_api.py [--requests 5000] [--clients 50] [--markdown]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import socket
import statistics
import subprocess
import sys
import time

import httpx

from untally import config

MIX = {
    "/api/vetoes": "/api/vetoes?member=USA&since=2000-01-01",
    "decision page": "/decisions/S/2018/516",
    "/api/agreement": "/api/agreement?members=USA&members=ISR&year=2020",
    "/api/vetoes/count": "/api/vetoes/count?member=RUS&convention=member-votes",
    "/api/decisions": "/api/decisions/S/2020/852",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] * 1000


async def load(base: str, n: int, clients: int) -> tuple[dict[str, list[float]], int, float]:
    times: dict[str, list[float]] = {k: [] for k in MIX}
    errors = 0
    jobs = itertools.islice(itertools.cycle(MIX.items()), n)
    lock = asyncio.Lock()

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while True:
            async with lock:
                job = next(jobs, None)
            if job is None:
                return
            name, url = job
            t = time.perf_counter()
            try:
                r = await client.get(url)
                errors += r.status_code != 200
            except httpx.TransportError:
                errors += 1
            times[name].append(time.perf_counter() - t)

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        await client.get(MIX["/api/agreement"])  # warm the caches once
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        return times, errors, time.perf_counter() - started


def pandas_baseline(runs: int = 50) -> float:
    """The veto list for USA since 2000 with tallies, in plain pandas over the same tables."""
    import duckdb

    con = duckdb.connect(str(config.db_path()), read_only=True)
    vetoes = con.execute("SELECT * FROM vetoes").df()
    decisions = con.execute("SELECT decision_id, yes, no, abstain, title FROM decisions").df()
    con.close()
    t = []
    for _ in range(runs):
        s = time.perf_counter()
        v = vetoes[vetoes["vetoed_by"].apply(lambda x: "USA" in list(x))]
        v = v[v["date"] >= "2000-01-01"].merge(decisions, on="decision_id")
        v.sort_values("date").to_json(orient="records")
        t.append(time.perf_counter() - s)
    return statistics.median(t) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    base = pandas_baseline()  # before the server: DuckDB opens a file with one configuration
    port = free_port()
    # The server in its own process, as `untally serve` runs it (one uvicorn worker).
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from untally.cli import main; main()",
            "serve",
            "--port",
            str(port),
        ],
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/provenance", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        times, errors, wall = asyncio.run(
            load(f"http://127.0.0.1:{port}", args.requests, args.clients)
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
    total = sum(len(v) for v in times.values())
    print(f"{total} requests, {args.clients} clients, {wall:.1f} s ({total / wall:.0f} req/s), "
          f"{errors} errors")  # fmt: skip
    print("| endpoint | requests | p50 (ms) | p95 (ms) |\n|---|---:|---:|---:|")
    for name, values in times.items():
        print(f"| {name} | {len(values)} | {pct(values, 50):.1f} | {pct(values, 95):.1f} |")
    print(f"\npandas baseline, USA veto list since 2000 as JSON, in process: {base:.2f} ms")


if __name__ == "__main__":
    main()
