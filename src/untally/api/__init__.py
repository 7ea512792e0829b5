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
import os
from pathlib import Path
from typing import Any

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
    """:func:`create_app` behind :class:`Guard` (limits and the answer cache): what
    ``untally serve`` runs."""
    return Guard(create_app(db))


class Guard:
    """ASGI wrapper: body and time limits, and a cache of answers.

    The record is read-only while served, so a GET's answer depends on its URL alone: a
    successful response is kept (least recently used first out, at most ``CACHE_ENTRIES``
    answers of up to ``CACHE_BODY`` bytes each) and served again without asking the record.
    """

    CACHE_ENTRIES = 4096
    CACHE_BODY = 2_000_000

    def __init__(self, app: Any) -> None:
        from collections import OrderedDict

        self.app = app
        self.cache: OrderedDict[tuple[bytes, bytes], tuple[int, list, bytes]] = OrderedDict()

    def __getattr__(self, name: str) -> Any:  # state, routes, openapi(): the wrapped app's
        return getattr(self.app, name)

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
        key = (scope["path"].encode(), scope.get("query_string", b""))
        cacheable = scope["method"] == "GET"
        if cacheable and key in self.cache:
            self.cache.move_to_end(key)
            status, response_headers, body = self.cache[key]
            await send({"type": "http.response.start", "status": status,
                        "headers": response_headers})  # fmt: skip
            await send({"type": "http.response.body", "body": body})
            return
        started: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: dict) -> None:
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, capture), TIMEOUT)
        except TimeoutError:
            if not started:
                await error(503, f"the answer took longer than {TIMEOUT:.0f} s",
                            "narrow the query")(scope, receive, send)  # fmt: skip
            return
        body = b"".join(chunks)
        if cacheable and started.get("status") == 200 and len(body) <= self.CACHE_BODY:
            self.cache[key] = (200, list(started.get("headers", [])), body)
            if len(self.cache) > self.CACHE_ENTRIES:
                self.cache.popitem(last=False)


def record_for(request: Request) -> Record:
    """The app's record on a new cursor (a DuckDB connection is not shared across threads)."""
    return request.app.state.record.cursor()
