"""``untally export``: the record as tidy open data (Parquet or CSV with a Frictionless
``datapackage.json``), or as the three tables of R's ``unvotes`` package."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from untally.cli.common import DbOption, out


class FileFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"


class Organ(StrEnum):
    sc = "sc"
    ga = "ga"


def export(
    directory: Annotated[Path, typer.Argument(help="Folder to write into (created if missing).")],
    file_format: Annotated[
        FileFormat | None,
        typer.Option("--format", "-f", help="parquet or csv (default parquet; --unvotes: csv)."),
    ] = None,
    organ: Annotated[
        Organ | None, typer.Option(help="Only the Security Council (sc) or the Assembly (ga).")
    ] = None,
    unvotes: Annotated[
        bool,
        typer.Option(
            "--unvotes",
            help="Write R unvotes' un_votes, un_roll_calls and un_roll_call_issues instead.",
        ),
    ] = False,
    db: DbOption = None,
) -> None:
    """Write the record as open data: tidy tables (votes, decisions and roll calls, topics,
    vetoes, members, provenance) with a Frictionless datapackage.json naming each source's
    terms and the dates covered; or, with --unvotes, the three tables of R's unvotes package
    in its exact column layout (docs/exports.md).

    Example: untally export data/ --format csv --organ sc
    """
    from rich.table import Table

    from untally.errors import UntallyError
    from untally.record import Record

    if unvotes and organ is not None:
        raise UntallyError("--unvotes holds the General Assembly only", "leave --organ out")
    fmt = (file_format or (FileFormat.csv if unvotes else FileFormat.parquet)).value
    with Record(db) as record:
        if unvotes:
            report = record.export_unvotes(directory, fmt)
        else:
            report = record.export(directory, fmt, organ.value if organ else None)
    table = Table(
        title=f"Exported to {report.directory} ({report.format})",
        caption=(f"Described in {report.descriptor}. " if report.descriptor else "")
        + f"{report.seconds:.2f} s.",
        caption_justify="left",
    )
    for column in ("table", "file", "rows", "bytes"):
        table.add_column(column, justify="right" if column in ("rows", "bytes") else "left")
    for w in report.tables:
        table.add_row(w.name, Path(w.path).name, f"{w.rows:,}", f"{w.bytes:,}")
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command()(export)
