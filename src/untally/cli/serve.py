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
    db: DbOption = None,
) -> None:
    """Serve the read-only HTTP API (/api, with OpenAPI at /api/docs) and the web explorer.

    Example: untally serve --host 127.0.0.1 --port 8000
    """
    import uvicorn

    from untally.api import create_server_app

    app = create_server_app(db)
    err.print(f"untally explorer: http://{host}:{port}/  (API: http://{host}:{port}/api/docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add ``serve`` to ``app``."""
    app.command()(serve)
