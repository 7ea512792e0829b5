"""The HTTP API and the web explorer: one FastAPI app over one locked, read-only record.

``create_app(db)`` opens the record with :meth:`untally.record.Record.locked` (read-only,
DuckDB's file and network access off, configuration locked); each request asks it one
question on its own cursor and returns the answer's Pydantic model as JSON (the pages in
:mod:`untally.web` render the same answers as HTML). There is no SQL endpoint.

Limits (:class:`Guard`, which ``untally serve`` runs in front of the app): page size
(``limit`` ≤ 500), request body (``MAX_BODY`` bytes, else 413), request time (``TIMEOUT``
seconds, then 503). Answers to GET requests are cached by URL (the record cannot change
while served). Errors are JSON ``{"error": ..., "remedy": ..., "status": ...}``:
400 for input the record cannot read, 404 for what it does not hold, 413, 422, 503.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from untally.errors import NotFound, UnknownMember, UntallyError
from untally.record import Record

MAX_BODY = 256_000  # bytes of a request body (a pasted article and its JSON wrapping)
TIMEOUT = float(os.environ.get("UNTALLY_API_TIMEOUT", "20"))  # seconds per request
MAX_LIMIT = 500  # rows per page


def error(status: int, message: str, remedy: str | None = None) -> JSONResponse:
    return JSONResponse({"error": message, "remedy": remedy, "status": status}, status_code=status)


def status_of(exc: UntallyError) -> int:
    return 404 if isinstance(exc, NotFound | UnknownMember) else 400


def create_app(db: str | Path | None = None) -> FastAPI:
    """The API under ``/api`` (OpenAPI at ``/api/openapi.json``, docs at ``/api/docs``) and
    the explorer's pages at ``/``."""
    from untally.api.routes import router
    from untally.web import mount

    app = FastAPI(
        title="untally",
        summary="The UN voting record as answers anyone can verify.",
        description="Read-only answers from the UN Security Council and General Assembly "
        "voting records. Every count names its convention and cut-off; every row links to "
        "the record.",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.record = Record.locked(db)
    app.state.opened = file_identity(app.state.record.store.path)  # which file, for caches

    @app.exception_handler(UntallyError)
    async def untally_error(request: Request, exc: UntallyError) -> JSONResponse:
        return error(status_of(exc), exc.problem, exc.remedy)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}"
            for e in exc.errors()
        )
        return error(422, problems, "see /api/docs for the parameters")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail))

    app.include_router(router, prefix="/api")
    mount(app)
    return app


def create_server_app(db: str | Path | None = None) -> Guard:
    """:func:`create_app` behind :class:`Guard` (limits and the answer cache), warmed up:
    what ``untally serve`` runs."""
    app = create_app(db)
    warm(app)
    return Guard(app)


def warm(app: FastAPI) -> None:
    """Ask the app the common questions once (API and pages), without caching the answers,
    so that a new server's first requests do not pay for imports, the member index, FastAPI
    building its routes and Jinja2 compiling templates (0.1-0.6 s on each first request)."""
    import threading

    import httpx

    from untally.answers.vetoes import VetoQuery

    symbol = "S/2018/516"
    with contextlib.suppress(UntallyError, IndexError):  # a record without vetoes
        symbol = app.state.record.cursor().veto_list(VetoQuery()).vetoes[-1].draft
    urls = [
        "/", "/api/provenance", "/api/vetoes?member=USA", "/vetoes?member=USA",
        "/api/vetoes/count?member=USA", "/api/vetoes/stats", f"/api/decisions/{symbol}",
        f"/decisions/{symbol}", "/api/members/FRA", "/members/FRA",
        "/api/agreement?members=USA&members=GBR&year=2000", "/api/agreement?members=USA",
    ]  # fmt: skip

    async def ask() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://warm") as client:
            for url in urls:
                await client.get(url)  # an error is an answer too: nothing to stop for

    # In a thread with its own event loop: uvicorn builds a worker's app inside its loop.
    thread = threading.Thread(target=asyncio.run, args=(ask(),), name="untally-warm")
    thread.start()
    thread.join()


def file_identity(path: Path) -> tuple[int, ...] | None:
    """What changes when ``untally sync`` replaces the database file (it renames a new one
    over it): inode, size and modification time."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


class Guard:
    """ASGI wrapper: body and time limits, and a cache of answers.

    The record is read-only while served, so a GET's answer depends on its URL alone: a
    successful response is kept (least recently used first out, at most ``CACHE_ENTRIES``
    answers of up to ``CACHE_BODY`` bytes each and ``CACHE_BYTES`` in all) under its path
    and query (parameters in name order), served again without asking the record, with an
    ``ETag`` so a browser can revalidate (``304 Not Modified``). Concurrent requests for a
    URL not yet cached wait for the first one's answer instead of computing it again. When
    ``untally sync`` replaces the database file (checked at most every ``RECHECK`` seconds)
    the record is reopened and the cache emptied.
    """

    CACHE_ENTRIES = 4096
    CACHE_BODY = 2_000_000
    CACHE_BYTES = 256_000_000
    RECHECK = 1.0

    def __init__(self, app: Any) -> None:
        from collections import OrderedDict

        self.app = app
        self.cache: OrderedDict[tuple[str, str], tuple[list, bytes, bytes]] = OrderedDict()
        self.cached_bytes = 0  # bodies in the cache
        self.pending: dict[tuple[str, str], asyncio.Future] = {}
        self.path = Path(app.state.record.store.path)
        self.identity = app.state.opened
        self.checked = time.monotonic()
        self.reopening: asyncio.Future | None = None  # the record being reopened
        self.active = 0  # requests the app is answering
        self.failure: UntallyError | None = None  # why the replaced file could not be opened

    def __getattr__(self, name: str) -> Any:  # state, routes, openapi(): the wrapped app's
        return getattr(self.app, name)

    def replaced(self) -> bool:
        """Whether the database file is not the one opened (``untally sync`` renamed a new
        one over it); looked at most every ``RECHECK`` seconds."""
        now = time.monotonic()
        if now - self.checked < self.RECHECK:
            return False
        self.checked = now
        return file_identity(self.path) not in (None, self.identity)

    async def reopen(self) -> None:
        """Open the new file once the answers in flight on the old one are done (DuckDB
        hands a second connection to a path the database it already has open, so the old
        connection is closed first), and empty the cache."""
        while self.active:
            await asyncio.sleep(0.005)
        identity = file_identity(self.path)
        self.app.state.record.close()
        self.cache.clear()
        self.cached_bytes = 0
        try:
            self.app.state.record = Record.locked(self.path)
            self.failure = None
        except UntallyError as exc:  # answered with 503 until a good file replaces it
            self.failure, identity = exc, None
        self.app.state.opened = self.identity = identity

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length", b"0")
        if not length.isdigit() or int(length) > MAX_BODY:
            await error(413, f"request body over {MAX_BODY:,} bytes", "send a shorter text")(
                scope, receive, send
            )
            return
        if self.reopening is None and self.replaced():
            self.reopening = asyncio.ensure_future(self.reopen())
            self.reopening.add_done_callback(lambda _: setattr(self, "reopening", None))
        if scope["method"] != "GET":
            await self.answer(scope, receive, send)
            return
        key = (scope["path"], normal_query(scope.get("query_string", b"")))
        if key not in self.cache and key in self.pending:  # the same question in flight
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self.pending[key]), TIMEOUT)
        if key in self.cache:
            self.cache.move_to_end(key)
            status, (response_headers, etag, body) = 200, self.cache[key]
            if headers.get(b"if-none-match") == etag:  # the client holds this answer
                status, response_headers, body = 304, [(b"etag", etag), CACHE_CONTROL], b""
            await send({"type": "http.response.start", "status": status,
                        "headers": response_headers})  # fmt: skip
            await send({"type": "http.response.body", "body": body})
            return
        done = self.pending[key] = asyncio.get_running_loop().create_future()
        try:
            await self.answer(scope, receive, send, key)
        finally:
            if self.pending.get(key) is done:
                del self.pending[key]
            done.set_result(None)

    async def answer(
        self, scope: dict, receive: Any, send: Any, key: tuple[str, str] | None = None
    ) -> None:
        """Ask the app, within ``TIMEOUT``. A GET's 200 answer (``key`` given) is held back
        whole, given its ETag, sent and cached; anything else, or an answer over
        ``CACHE_BODY`` bytes, goes out as the app sends it."""
        start: dict[str, Any] = {}
        held: list[bytes] = []
        passing = key is None  # sending each message as it comes
        sent = False

        async def capture(message: dict) -> None:
            nonlocal passing, sent
            if message["type"] == "http.response.start":
                start.update(message)
                passing = passing or message["status"] != 200
            elif not passing:
                held.append(message.get("body", b""))
                if not message.get("more_body"):
                    await self.keep(key, start, b"".join(held), send)
                    sent = True
                    return
                if sum(map(len, held)) <= self.CACHE_BODY:
                    return
                passing, message = True, {**message, "body": b"".join(held)}
                sent = True
                await send(start)
            if passing:
                sent = True
                await send(message)

        if self.reopening is not None:  # the database file was replaced: wait for the new one
            await asyncio.shield(self.reopening)
        if self.failure is not None:
            problem = f"the record could not be reopened after a sync: {self.failure.problem}"
            await error(503, problem, self.failure.remedy)(scope, receive, send)
            return
        self.active += 1
        try:
            await asyncio.wait_for(self.app(scope, receive, capture), TIMEOUT)
        except TimeoutError:
            if not sent:
                await error(503, f"the answer took longer than {TIMEOUT:.0f} s",
                            "narrow the query")(scope, receive, send)  # fmt: skip
        finally:
            self.active -= 1

    async def keep(self, key: Any, start: dict, body: bytes, send: Any) -> None:
        """Send a whole 200 answer with an ETag (the app's, else a hash of the body) and
        cache it."""
        response_headers = list(start.get("headers", []))
        names = {name.lower() for name, _ in response_headers}
        if b"etag" in names:
            etag = next(v for n, v in response_headers if n.lower() == b"etag")
        else:
            etag = b'"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'
            response_headers.append((b"etag", etag))
        if b"cache-control" not in names:
            response_headers.append(CACHE_CONTROL)
        await send({"type": "http.response.start", "status": 200, "headers": response_headers})
        await send({"type": "http.response.body", "body": body})
        self.cache[key] = (response_headers, etag, body)
        self.cached_bytes += len(body)
        while len(self.cache) > self.CACHE_ENTRIES or self.cached_bytes > self.CACHE_BYTES:
            self.cached_bytes -= len(self.cache.popitem(last=False)[1][2])


CACHE_CONTROL = (b"cache-control", b"no-cache")  # keep, but ask again: a sync changes answers


def normal_query(query: bytes) -> str:
    """The query string with its parameters in name order (repeated names keep theirs), so
    that ``?a=1&b=2`` and ``?b=2&a=1`` are one cache entry."""
    if b"&" not in query:  # nothing to reorder
        return query.decode("latin-1")
    pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
    return urlencode(sorted(pairs, key=lambda kv: kv[0]))


def record_for(request: Request) -> Record:
    """The app's record on a new cursor (a DuckDB connection is not shared across threads)."""
    return request.app.state.record.cursor()
