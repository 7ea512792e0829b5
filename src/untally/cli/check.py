"""``untally check``: the claim checker (:meth:`untally.record.Record.check`) on a file, stdin
or a saved web page, rendered as a table, JSON, Markdown or HTML."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from untally.cli.common import DbOption, err, out, parse_date


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    html = "html"
    markdown = "markdown"


def check(
    file: Annotated[
        str | None, typer.Argument(help="A text or HTML file of the article; '-' reads stdin.")
    ] = None,
    url: Annotated[
        str | None,
        typer.Option("--url", help="A saved web page (HTML file), read as the article."),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="The article's date, YYYY-MM-DD (default: from its dateline, else unknown).",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    db: DbOption = None,
    fmt: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="table, json, html or markdown.")
    ] = CheckFormat.table,
) -> None:
    """Find the checkable claims about UN votes in an article and give each a verdict.

    Verdicts: supported, contradicted, partly supported (it holds under one convention only, or for
    part of the scope), unverifiable (the record cannot say). Each comes with the values
    found, the convention, the period in which the claimed value held and the evidence.
    Example: untally check article.txt
    Example: untally check --url saved-page.html --format html -o report.html
    Example: pbpaste | untally check - --as-of 2021-06-14 --format json
    """
    from untally.claims.inputs import InputError, read_source
    from untally.claims.report import render_html, render_json, render_markdown, render_table
    from untally.cli.common import writable
    from untally.record import Record

    if file is not None and url is not None:
        raise InputError("give either FILE or --url, not both", "pick one")
    if output is not None:  # before the work, not after it
        writable(output, "--output")
    text, label = read_source(file, url)
    when = parse_date(as_of, "--as-of")
    with Record(db) as record:
        report = record.check(text, when, source=label)
    if fmt is CheckFormat.table and output is None:
        render_table(report, out)
        return
    rendered = {
        CheckFormat.json: render_json,
        CheckFormat.html: render_html,
        CheckFormat.markdown: render_markdown,
        CheckFormat.table: render_markdown,
    }[fmt](report)
    if output is not None:
        output.write_text(rendered, encoding="utf-8")
        err.print(f"wrote {output} ({len(report.findings)} claims)")
    else:
        sys.stdout.write(rendered + "\n")


def register(app: typer.Typer) -> None:
    """Add ``check`` to ``app``."""
    app.command()(check)
