"""Beyond the UN record: ``aid``, ``arms`` and ``congress``.

Each parses its arguments, asks :class:`untally.record.Record` one question and renders the
answer; every table's title names the source, and the lines after it the measure, the dollar
basis (or TIV) and the year basis, so no figure is printed without its conventions.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from untally.cli.common import DbOption, Format, FormatOption, out, pct, render

YearArg = Annotated[int | None, typer.Option(help="First fiscal (or calendar) year.")]
UntilArg = Annotated[int | None, typer.Option(help="Last year (inclusive).")]


def usd(value: int | None) -> str | None:
    return None if value is None else f"{'-' if value < 0 else ''}${abs(value):,}"


def show(
    rows: list[dict[str, Any]],
    fmt: Format,
    columns: list[str],
    *,
    title: str,
    notes: list[str],
    payload: Any,
) -> None:
    """Render through the one renderer; in a table the conventions follow as full lines
    (a caption would wrap them to the table's width)."""
    render(rows, fmt, columns, title=title, json_payload=payload)
    if fmt is Format.table:
        out.print("\n".join(notes), highlight=False, soft_wrap=True)


def aid(
    country: Annotated[
        str | None, typer.Argument(help="Recipient: ISO3 code or name (omit with --year).")
    ] = None,
    since: YearArg = None,
    until: UntilArg = None,
    year: Annotated[
        int | None, typer.Option("--year", help="One fiscal year: rank the recipients.")
    ] = None,
    top: Annotated[int, typer.Option(help="With --year: how many recipients.")] = 10,
    kind: Annotated[
        str, typer.Option(help="total (ForeignAssistance.gov), military or economic (Greenbook).")
    ] = "total",
    dollars: Annotated[str, typer.Option(help="current or constant dollars.")] = "current",
    measure: Annotated[
        str, typer.Option(help="obligations, disbursements, appropriations or requests.")
    ] = "obligations",
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """US foreign aid to a country per fiscal year, or the top recipients of one year.

    Example: untally aid ISR --since 2000 --kind military --dollars constant
    Example: untally aid --year 2020 --top 10
    """
    from untally.errors import UntallyError
    from untally.record import Record

    if country is None and year is None:
        raise UntallyError("no country and no --year", "name a country (ISR) or give --year 2020")
    with Record(db) as record:
        if country is None:
            assert year is not None
            ranking = record.aid_top(year, top=top, kind=kind, measure=measure, dollars=dollars)
            rows: list[dict[str, Any]] = [
                {**r.model_dump(), "measure": ranking.measure, "dollars": ranking.dollar_basis,
                 "fiscal_year": ranking.fiscal_year}
                for r in ranking.rows
            ]  # fmt: skip
            shown = [{**r, "amount_usd": usd(r["amount_usd"])} for r in rows]
            show(
                shown if fmt is Format.table else rows,
                fmt,
                ["rank", "code", "name", "amount_usd", "measure", "dollars", "fiscal_year"]
                if fmt is not Format.table
                else ["rank", "code", "name", "amount_usd"],
                title=f"US {ranking.kind} aid, FY{ranking.fiscal_year}: top {len(rows)}",
                notes=[
                    f"source: {ranking.source}",
                    f"{ranking.measure}, {ranking.dollar_basis}, {ranking.year_basis}",
                    *ranking.notes,
                ],
                payload=ranking.model_dump(mode="json"),
            )  # fmt: skip
            return
        if year is not None:
            since = until = year
        series = record.aid(
            country, since=since, until=until, kind=kind, measure=measure, dollars=dollars
        )
    rows = [
        {**r.model_dump(), "measure": series.measure, "dollars": series.dollar_basis}
        for r in series.rows
    ]
    split = series.kind != "total"
    columns = ["fiscal_year", "amount_usd", *(["economic_usd", "military_usd"] if split else [])]
    shown = [{k: usd(v) if k.endswith("_usd") else v for k, v in r.items()} for r in rows]
    period = (
        f"FY{series.first_year}–FY{series.last_year}" if series.first_year else "no fiscal years"
    )
    show(
        shown if fmt is Format.table else rows,
        fmt,
        columns if fmt is Format.table else [*columns, "measure", "dollars"],
        title=f"US {series.kind} aid to {series.name} ({series.country})",
        notes=[
            f"source: {series.source}",
            f"{series.measure}, {series.dollar_basis}, {series.year_basis}",
            f"total {period}: {usd(series.total_usd)}",
            *series.notes,
        ],
        payload=series.model_dump(mode="json"),
    )


def arms(
    to: Annotated[str, typer.Option("--to", help="Recipient: a state's code or SIPRI name.")],
    by: Annotated[str, typer.Option(help="supplier or year.")] = "supplier",
    since: YearArg = None,
    until: UntilArg = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Major arms delivered to a state, by supplier (shares of the total) or by year, in
    SIPRI trend-indicator values (TIV: a volume index, not dollars).

    Example: untally arms --to ISR --by supplier --since 2000
    """
    from untally.record import Record

    with Record(db) as record:
        answer = record.arms(to, since=since, until=until, by=by)
    rows = [{**r.model_dump(), "percent": pct(r.share)} for r in answer.rows]
    if fmt is Format.table:
        rows = [{**r, answer.by: r["label"], "tiv": f"{r['tiv']:,.0f}"} for r in rows]
    period = (
        f"{min(r.first_year for r in answer.rows)}–{max(r.last_year for r in answer.rows)}"
        if answer.rows
        else "no deliveries"
    )
    show(
        rows,
        fmt,
        (["supplier", "code", "tiv", "percent", "first_year", "last_year"]
         if answer.by == "supplier" else ["year", "tiv", "percent"])
        if fmt is Format.table else ["label", "code", "tiv", "share", "first_year", "last_year"],
        title=f"Arms deliveries to {answer.recipient} by {answer.by}",
        notes=[
            f"source: {answer.source}",
            f"{answer.unit} ({answer.year_basis}); total {period}: {answer.total_tiv:,.0f}",
            *answer.notes,
        ],
        payload=answer.model_dump(mode="json"),
    )  # fmt: skip


def congress(
    bill: Annotated[str, typer.Argument(help="Bill or resolution: H.R.5323, H.Res.246.")],
    number: Annotated[
        int | None, typer.Option("--congress", help="Congress number, e.g. 117.")
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """A roll call in Congress: the tally, each party's tally, and who voted no.

    Example: untally congress H.R.5323 --congress 117
    """
    from untally.record import Record

    with Record(db) as record:
        calls = record.congress(bill, number)
    if fmt is not Format.table:
        payload = [c.model_dump(mode="json") for c in calls]
        rows = [
            {"congress": c.congress, "chamber": c.chamber, "rollnumber": c.rollnumber,
             "bill": c.bill, **m.model_dump()}
            for c in calls for m in c.members
        ]  # fmt: skip
        render(rows, fmt, list(rows[0]) if rows else [], json_payload=payload)
        return
    for c in calls:
        clerk = f", Clerk roll {c.clerk_rollnumber}" if c.clerk_rollnumber else ""
        out.print(
            f"[bold]{c.measure or c.bill}[/bold] — {c.chamber}, {c.congress}th Congress, "
            f"{c.date} (Voteview roll {c.rollnumber}{clerk})\n{c.title or ''}\n"
            f"{c.question or ''}: {c.result or ''}, "
            f"[bold]{c.yea}–{c.nay}[/bold] ({c.present} present, {c.not_voting} not voting)",
            highlight=False,
        )
        parties = [p.model_dump() for p in [*c.parties, c.counted]]
        show(
            parties,
            fmt,
            ["party", "yea", "nay", "present", "not_voting"],
            title="By party",
            notes=[
                f"source: {c.source}",
                "'all' counts the member rows; the line above is the published tally",
            ],
            payload=None,
        )
        render(
            [m.model_dump() for m in c.nays],
            fmt,
            ["name", "party", "state", "district"],
            title=f"Voted no ({len(c.nays)})",
        )


def register(app: typer.Typer) -> None:
    """Add the US aid, arms and Congress commands to ``app``."""
    for command in (aid, arms, congress):
        app.command()(command)
