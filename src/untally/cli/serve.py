"""``untally serve``: the HTTP API and the web explorer on one local address."""

from __future__ import annotations

from typing import Annotated

import typer

from untally.cli.common import DbOption, err


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (loopback by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(min=1, max=32, help="Server processes, each with the record open read-only."),
    ] = 1,
    db: DbOption = None,
) -> None:
    """Serve the read-only HTTP API (/api, with OpenAPI at /api/docs) and the web explorer.

    Example: untally serve --host 127.0.0.1 --port 8000 --workers 2
    """
    import os

    import uvicorn

    from untally import config
    from untally.api import create_server_app
    from untally.record import Record

    address = f"untally explorer: http://{host}:{port}/  (API: http://{host}:{port}/api/docs)"
    if workers == 1:
        app = create_server_app(db)
        err.print(address)
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    Record.locked(db).close()  # a bad --db fails here, in one line, before any worker starts
    err.print(address)
    # Each worker process builds its own app (and its own answer cache) from the factory;
    # UNTALLY_DB tells it which file, as --db told this one.
    os.environ["UNTALLY_DB"] = str(config.db_path(db).resolve())
    uvicorn.run(
        "untally.api:create_server_app", factory=True, workers=workers,
        host=host, port=port, log_level="warning",
    )  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command()(serve)
