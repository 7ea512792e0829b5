"""Bounded load test of the HTTP API on loopback: N requests from C concurrent clients over
mixed endpoints; p50/p95 per endpoint, errors, throughput, the CPU the server and the load
generator each spent per request, the machine's load, and a plain pandas baseline.

Run: .venv/bin/python benchmarks/bench_api.py [--requests 5000] [--clients 50] [--workers 1]
     [--cold] [--hey] [--generator raw|httpx]; it prints markdown for docs/performance.md.

The load generator is one asyncio process speaking HTTP/1.1 with keep-alive over raw sockets
(one connection per client): httpx's AsyncClient spent 2.5-2.9 ms of CPU per request, which
on a 2-core machine was itself the bottleneck (``--generator httpx`` measures it again). If
``hey`` is on PATH, ``--hey`` cross-checks one URL with it (a Go load generator, p95 included).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from untally import config

MIX = {
    "/api/vetoes": "/api/vetoes?member=USA&since=2000-01-01",
    "decision page": "/decisions/S/2018/516",
    "/api/agreement": "/api/agreement?members=USA&members=ISR&year=2020",
    "/api/vetoes/count": "/api/vetoes/count?member=RUS&convention=member-votes",
    "/api/decisions": "/api/decisions/S/2020/852",
}
COLD = ("/api/vetoes", "decision page", "/api/agreement")  # --cold: a new URL each time
CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)", re.IGNORECASE)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] * 1000 if len(values) > 1 else 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its children so far (Linux /proc; 0 elsewhere)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.parent.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


async def read_response(reader: asyncio.StreamReader) -> int:
    """One HTTP/1.1 response off a keep-alive connection; its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    found = CONTENT_LENGTH.search(head)
    if found:
        await reader.readexactly(int(found[1]))
    else:  # chunked
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    return int(head[9:12])


async def raw_load(port: int, jobs: Iterator[tuple[str, str]], clients: int, times, errors):
    async def client() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for name, url in jobs:  # one iterator shared by every client: N requests in all
            t = time.perf_counter()
            try:
                writer.write(f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
                status = await read_response(reader)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                status = 0
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            times[name].append(time.perf_counter() - t)
            errors[name] += status != 200
        writer.close()

    await asyncio.gather(*(client() for _ in range(clients)))


async def httpx_load(port: int, jobs: Iterator[tuple[str, str]], clients: int, times, errors):
    import httpx

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits) as c:

        async def client() -> None:
            for name, url in jobs:
                t = time.perf_counter()
                try:
                    status = (await c.get(url)).status_code
                except httpx.TransportError:
                    status = 0
                times[name].append(time.perf_counter() - t)
                errors[name] += status != 200

        await asyncio.gather(*(client() for _ in range(clients)))


def cold_urls() -> Iterator[tuple[str, str]]:
    """URLs none of which repeats, so that every answer is computed (``--cold``): the veto
    lists since each day from 1960, every Council decision's page, and the agreement of the
    United States with each state admitted by 1989 in each year 1992-2020."""
    import duckdb

    con = duckdb.connect(str(config.db_path()), read_only=True)
    symbols = [r[0] for r in con.execute(
        "SELECT coalesce(resolution, draft) FROM decisions WHERE coalesce(resolution, draft) "
        "IS NOT NULL ORDER BY random()").fetchall()]  # fmt: skip
    others = [r[0] for r in con.execute(
        "SELECT code FROM members WHERE admitted <= DATE '1989-12-31' AND valid_until IS NULL "
        "AND code <> 'USA' ORDER BY code").fetchall()]  # fmt: skip
    con.close()
    days = (date(1960, 1, 1) + timedelta(days=i) for i in range(20000))
    vetoes = (f"/api/vetoes?member={m}&since={d}" for d in days for m in ("USA", "RUS"))
    pages = (f"/decisions/{s}" for s in symbols)
    pairs = (f"/api/agreement?members=USA&members={o}&year={y}"
             for y in range(1992, 2021) for o in others)  # fmt: skip
    for urls in zip(vetoes, pages, pairs, strict=False):
        yield from zip(COLD, urls, strict=True)


def load(
    port: int, n: int, clients: int, generator: str, server_pid: int, cold: bool = False
) -> dict:
    """Send ``n`` requests cycling over MIX (or new URLs) from ``clients`` connections."""
    names = COLD if cold else MIX
    times: dict[str, list[float]] = {k: [] for k in names}
    errors = dict.fromkeys(names, 0)
    jobs = itertools.islice(cold_urls() if cold else itertools.cycle(MIX.items()), n)
    run = raw_load if generator == "raw" else httpx_load
    try:
        import uvloop

        loop_factory = uvloop.new_event_loop
    except ImportError:
        loop_factory = None
    server_cpu, own_cpu, load_before = cpu_seconds(server_pid), time.process_time(), os.getloadavg()
    started = time.perf_counter()
    with asyncio.Runner(loop_factory=loop_factory) as runner:
        runner.run(run(port, jobs, clients, times, errors))
    wall = time.perf_counter() - started
    return {
        "times": times,
        "errors": errors,
        "wall": wall,
        "server_cpu": cpu_seconds(server_pid) - server_cpu,
        "own_cpu": time.process_time() - own_cpu,
        "load": (load_before[0], os.getloadavg()[0]),
    }


def first_answers(port: int) -> dict[str, float]:
    """Each URL of the mix asked once on a fresh server: the answer computed, not cached."""
    times: dict[str, list[float]] = {k: [] for k in MIX}
    errors = dict.fromkeys(MIX, 0)
    asyncio.run(raw_load(port, iter(MIX.items()), 1, times, errors))
    if any(errors.values()):
        raise SystemExit(f"the server did not answer: {errors}")
    return {name: t[0] * 1000 for name, t in times.items()}


def hey(port: int, n: int, clients: int) -> str:
    """p50/p95 of the agreement URL from ``hey`` (Go), as a check on our own generator."""
    url = f"http://127.0.0.1:{port}{MIX['/api/agreement']}"
    out = subprocess.run(["hey", "-n", str(n), "-c", str(clients), url], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    got = dict(re.findall(r"(\d+)%% in ([\d.]+) secs".replace("%%", "%"), out))
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    return (f"hey, {n} requests of `{MIX['/api/agreement']}` from {clients} clients: "
            f"p50 {float(got['50']) * 1000:.1f} ms, p95 {float(got['95']) * 1000:.1f} ms, "
            f"{float(rps[1]) if rps else 0:.0f} requests/s")  # fmt: skip


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
        v.sort_values("date").to_json(orient="records", date_format="iso")
        t.append(time.perf_counter() - s)
    return statistics.median(t) * 1000


EMPTY_APP = """
import sys, uvicorn
async def app(scope, receive, send):  # every URL: 200 "ok"
    if scope["type"] == "http":
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-length", b"2")]})
        await send({"type": "http.response.body", "body": b"ok"})
uvicorn.run(app, port=int(sys.argv[1]), log_level="warning")
"""


def start_server(port: int, workers: int, empty: bool = False) -> subprocess.Popen:
    """``untally serve`` in its own process, as a user runs it (or, ``empty``, an ASGI app
    that answers "ok" on the same uvicorn: the floor the generator and the server loop set)."""
    cmd = [sys.executable, "-c", "from untally.cli import main; main()", "serve"]
    cmd += ["--port", str(port), "--workers", str(workers)]
    if empty:
        cmd = [sys.executable, "-c", EMPTY_APP, str(port)]
    server = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not start")


def report(args: argparse.Namespace, r: dict, first: dict[str, float], base: float) -> None:
    total = sum(len(v) for v in r["times"].values())
    errors = sum(r["errors"].values())
    print(f"{total} requests, {args.clients} concurrent clients ({args.generator} generator), "
          f"`untally serve --workers {args.workers}`: {r['wall']:.1f} s, "
          f"{total / r['wall']:.0f} requests/s, {errors} errors")  # fmt: skip
    before, after = r["load"]
    print(f"CPU per request: server {r['server_cpu'] / total * 1e6:.0f} µs, load generator "
          f"{r['own_cpu'] / total * 1e6:.0f} µs; 1-minute load average "
          f"{before:.2f} before, {after:.2f} after ({os.cpu_count()} cores)\n")  # fmt: skip
    print("| endpoint | requests | errors | p50 (ms) | p95 (ms) | first answer (ms) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, values in r["times"].items():
        label = f"{name}, a new URL each time" if args.cold else f"`{MIX[name]}`"
        once = f"{first[name]:.1f}" if name in first else ""
        print(f"| {label} | {len(values)} | {r['errors'][name]} | {pct(values, 50):.1f} "
              f"| {pct(values, 95):.1f} | {once} |")  # fmt: skip
    every = [t for v in r["times"].values() for t in v]
    print(f"| all | {total} | {errors} | {pct(every, 50):.1f} | {pct(every, 95):.1f} | |")
    veto = first["/api/vetoes"]
    print(f"\npandas baseline, USA veto list since 2000 as JSON, in process on loaded frames: "
          f"{base:.2f} ms; untally's first answer to `/api/vetoes` over HTTP {veto:.2f} ms "
          f"(ratio pandas / untally {base / veto:.2f}x)")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    ap.add_argument("--generator", choices=["raw", "httpx"], default="raw")
    ap.add_argument("--hey", action="store_true", help="also measure one URL with hey")
    ap.add_argument("--cold", action="store_true", help="a new URL for every request")
    ap.add_argument("--markdown", action="store_true", help="(the output is always markdown)")
    args = ap.parse_args()
    base = pandas_baseline()  # before the server: DuckDB opens a file with one configuration
    port = free_port()
    empty = start_server(port, 1, empty=True)
    try:
        floor = load(port, args.requests, args.clients, args.generator, empty.pid)
    finally:
        empty.terminate()
        empty.wait(timeout=10)
    server = start_server(port, args.workers)
    try:
        first = first_answers(port)
        if args.workers > 1:  # another worker may hold none of them yet: ask each worker once
            load(port, len(MIX) * args.workers * 4, args.workers * 4, "raw", server.pid)
        result = load(port, args.requests, args.clients, args.generator, server.pid, cold=args.cold)
        check = hey(port, args.requests, args.clients) if args.hey and shutil.which("hey") else ""
    finally:
        server.terminate()
        server.wait(timeout=10)
    report(args, result, first, base)
    every = [t for v in floor["times"].values() for t in v]
    print(f"\nFloor, the same load against an empty ASGI app on the same uvicorn (one worker): "
          f"p50 {pct(every, 50):.1f} ms, p95 {pct(every, 95):.1f} ms, "
          f"{len(every) / floor['wall']:.0f} requests/s, "
          f"{sum(floor['errors'].values())} errors")  # fmt: skip
    if check:
        print(check)


if __name__ == "__main__":
    main()
