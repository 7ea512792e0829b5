"""The ``untally`` command: thin Typer layers that parse arguments and render answers.

All facts come from :class:`untally.record.Record` (the library, with its questions in
:mod:`untally.answers`); the command modules only turn arguments into one call and render the
result as a Rich table, CSV or JSON. :func:`main` turns an
:class:`~untally.errors.UntallyError` into one line on stderr with exit status 2 instead of a
traceback.

One module per command group, shared options in :mod:`untally.cli.common`:

* :mod:`~untally.cli.data`: ``sync``, ``info``, ``sql``
* :mod:`~untally.cli.council`: ``show``, ``topics``, ``counterfactual``, ``outcome``, ``rules``
* :mod:`~untally.cli.vetoes`: ``vetoes`` (list, count, held), ``vetoes stats``, ``ga-debates``
* :mod:`~untally.cli.assembly`: ``agreement``, ``isolation``, ``idealpoints``
* :mod:`~untally.cli.us`: ``aid``, ``arms``, ``congress`` (US aid, arms transfers, roll calls)
* :mod:`~untally.cli.export`: ``export`` (tidy tables with a data package, or R's unvotes)
* :mod:`~untally.cli.check`: ``check``
* :mod:`~untally.cli.serve`: ``serve`` (the HTTP API and web explorer)

The modules import only Typer and the shared options at the top; each command imports what
it needs when it runs, so ``untally vetoes --count`` does not load NumPy or the claim checker.
"""

from __future__ import annotations

import sys

import typer

from untally.cli import assembly, check, council, data, export, serve, us, vetoes
from untally.cli.common import err
from untally.errors import UntallyError

__all__ = ["app", "main"]

app = typer.Typer(
    help="The UN Security Council voting record, with every number traced to an official record.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# The order of ``untally --help`` (and docs/cli.md): the record, the Council, the Assembly.
for command in (data.sync, data.info, council.show):
    app.command()(command)
vetoes.register(app)
for command in (
    council.topics, council.counterfactual, council.outcome, council.rules, data.sql, data.doctor,
    data.audit,
):  # fmt: skip
    app.command()(command)
for group in (assembly, us, export, check, serve):
    group.register(app)


def _is_duckdb_error(exc: BaseException) -> bool:
    duckdb = sys.modules.get("duckdb")  # only loaded if a command opened the record
    return duckdb is not None and isinstance(exc, duckdb.Error)


def main() -> None:
    """Entry point: bad input ends in one line naming the problem and the remedy."""
    try:
        app()
    except UntallyError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted; the current database is unchanged")
        sys.exit(130)
    except Exception as exc:
        if not _is_duckdb_error(exc):
            raise
        first = str(exc).splitlines()[0]  # a query untally built failed: a bug, but one line
        err.print(
            f"[bold red]error:[/] database query failed ({first}) — please report it",
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(3)


if __name__ == "__main__":
    main()
