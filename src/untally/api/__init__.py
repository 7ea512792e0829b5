"""The HTTP API and the web explorer: one FastAPI app over one locked, read-only record.

``create_app(db)`` opens the record with :meth:`untally.record.Record.locked` (read-only,
DuckDB's file and network access off, configuration locked); each request asks it one
question on its own cursor and returns the answer's Pydantic model as JSON (the pages in
:mod:`untally.web` render the same answers as HTML). There is no SQL endpoint.

Limits: page size (``limit`` ≤ 500), request body (``MAX_BODY`` bytes), request time
(``TIMEOUT`` seconds, then 503). Errors are JSON ``{"error": ..., "remedy": ..., "status": ...}``:
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

    @app.middleware("http")
    async def limits(request: Request, call_next: Any) -> Any:
        length = request.headers.get("content-length")
        if length and (not length.isdigit() or int(length) > MAX_BODY):
            return error(413, f"request body over {MAX_BODY:,} bytes", "send a shorter text")
        try:
            return await asyncio.wait_for(call_next(request), TIMEOUT)
        except TimeoutError:
            return error(503, f"the answer took longer than {TIMEOUT:.0f} s", "narrow the query")

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


def record_for(request: Request) -> Record:
    """The app's record on a new cursor (a DuckDB connection is not shared across threads)."""
    return request.app.state.record.cursor()
