"""What every command shares: the consoles, the output formats, the ``--db``/``--format``
options, date parsing, and the one renderer (so table, CSV and JSON hold the same rows)."""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from untally.dates import parse_date
from untally.errors import UntallyError

if TYPE_CHECKING:
    from rich.console import Console


class _LazyConsole:
    """A Rich console created on first use: importing Rich costs time a count does not need."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return getattr(self._console, name)


# Piped output is read by people and scripts alike: do not squeeze it to 80 columns.
out: Any = _LazyConsole(soft_wrap=False, width=None if sys.stdout.isatty() else 220)
err: Any = _LazyConsole(stderr=True)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


DbOption = Annotated[
    Path | None, typer.Option("--db", help="Database file (default: UNTALLY_DB / UNTALLY_HOME).")
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
SinceOption = Annotated[str | None, typer.Option(help="First year or date (YYYY[-MM-DD]).")]
UntilOption = Annotated[str | None, typer.Option(help="Last year or date (YYYY[-MM-DD]).")]


def within(lo: float, hi: float, remedy: str) -> Any:
    """A Typer callback: the option's value must lie in [lo, hi]; else one line, exit 2."""

    def check(ctx: Any, param: Any, value: Any) -> Any:
        if value is not None and not lo <= value <= hi:
            name = param.opts[0] if getattr(param, "opts", None) else param.name
            raise UntallyError(f"{name} {value} is out of range ({lo:g} to {hi:g})", remedy)
        return value

    return check


def writable(path: Path, what: str) -> Path:
    """A file path the command may write: its folder exists and it is not a folder itself."""
    if path.is_dir():
        raise UntallyError(f"{what} {path} is a folder", "give a file name, e.g. report.html")
    if not path.parent.is_dir():
        raise UntallyError(
            f"{what} {path}: the folder {path.parent} does not exist", "create it or pick another"
        )
    return path


# A year (its first day, or its last with ``end``) or a date: the Assembly commands' spelling.
parse_when = parse_date


def cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) if value else "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def pct(value: float | None) -> str | None:
    return None if value is None else f"{100 * value:.1f}%"


def render(
    rows: list[dict[str, Any]],
    fmt: Format,
    columns: list[str],
    *,
    title: str | None = None,
    caption: str | None = None,
    json_payload: Any = None,
) -> None:
    """One renderer for every listing, so table, CSV and JSON always hold the same rows."""
    if fmt is Format.json:
        out.print_json(json.dumps(rows if json_payload is None else json_payload, default=str))
    elif fmt is Format.csv:
        buffer = io.StringIO()
        writer = csv.DictWriter(
            buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: ";".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()}
            )
        sys.stdout.write(buffer.getvalue())
    else:
        from rich.table import Table

        table = Table(title=title, caption=caption, caption_justify="left")
        for c in columns:
            wide = c in ("title", "agenda", "reason", "url", "detail")
            table.add_column(
                c,
                overflow="ellipsis" if wide else "fold",
                no_wrap=wide,
                max_width=60 if wide else None,
            )
        for row in rows:
            table.add_row(*(cell(row.get(c)) for c in columns))
        out.print(table)
