"""The server's answer cache (:class:`untally.api.Guard`): answers served again with an
ETag, parameter order ignored, one computation for concurrent requests, and a database
replaced by a sync reopened; and ``untally serve --workers``."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from untally.api import Guard, create_server_app

URL = "/api/vetoes/count?member=USA&convention=member-votes"


@pytest.fixture(scope="module")
def guard(built_db) -> Guard:
    return create_server_app(built_db)


def test_a_repeated_answer_is_the_same_and_revalidates_by_etag(guard):
    client = TestClient(guard)
    first, again = client.get(URL), client.get(URL)
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    unchanged = client.get(URL, headers={"if-none-match": first.headers["etag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""


def test_parameter_order_does_not_make_another_cache_entry(guard):
    client = TestClient(guard)
    client.get("/api/vetoes?member=FRA&since=1990-01-01")
    entries = len(guard.cache)
    assert client.get("/api/vetoes?since=1990-01-01&member=FRA").status_code == 200
    assert len(guard.cache) == entries


def test_errors_are_not_cached(guard):
    client = TestClient(guard)
    entries = len(guard.cache)
    assert client.get("/api/decisions/S/9999/77").status_code == 404
    assert len(guard.cache) == entries


def test_the_cache_holds_at_most_its_bytes_dropping_the_oldest(guard, built_db, monkeypatch):
    urls = ["/api/vetoes?member=RUS", "/api/vetoes?member=USA"]
    sizes = [len(TestClient(guard).get(url).content) for url in urls]
    monkeypatch.setattr(Guard, "CACHE_BYTES", sum(sizes) - 1)  # room for one, not both
    fresh = create_server_app(built_db)
    for url in urls:
        TestClient(fresh).get(url)
    assert list(fresh.cache) == [("/api/vetoes", "member=USA")]
    assert fresh.cached_bytes == sizes[1]


def test_concurrent_requests_for_one_new_url_ask_the_record_once(built_db):
    guard = create_server_app(built_db)
    app, calls = guard.app, []

    async def counting(scope, receive, send):
        calls.append(scope["path"])
        await app(scope, receive, send)

    guard.app = counting

    async def ten_at_once() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=guard)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await asyncio.gather(*(client.get("/decisions/S/2018/516") for _ in range(10)))

    responses = asyncio.run(ten_at_once())
    assert {r.status_code for r in responses} == {200} and len(calls) == 1
    assert len({r.content for r in responses}) == 1


def test_a_database_replaced_by_a_sync_is_reopened(sc_db, built_db, monkeypatch):
    """The Council-only record has no Assembly votes; after the full one is renamed over it
    (as ``untally sync`` does), the same URL answers from the new file."""
    monkeypatch.setattr(Guard, "RECHECK", 0.0)
    client = TestClient(create_server_app(sc_db))
    url = "/api/agreement?members=USA&members=ISR&year=2020"
    assert client.get(url).status_code != 200
    shutil.copy(built_db, sc_db.with_name("new.duckdb"))
    os.replace(sc_db.with_name("new.duckdb"), sc_db)
    assert client.get(url).status_code == 200


def test_serve_with_two_workers_answers(built_db):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-c", "from untally.cli import main; main()", "serve"]
    server = subprocess.Popen(
        [*cmd, "--port", str(port), "--workers", "2", "--db", str(built_db)],
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}{URL}", timeout=30)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["convention"] == "member-votes"
    finally:
        server.terminate()
        server.wait(timeout=30)
