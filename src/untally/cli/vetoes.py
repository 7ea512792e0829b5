"""``untally vetoes`` (list, count, held), ``vetoes stats`` and ``vetoes ga-debates``."""

from __future__ import annotations

from typing import Annotated

import typer

from untally.cli.common import DbOption, Format, FormatOption, out, parse_date, render
from untally.errors import UntallyError

VETO_COLUMNS = [
    "date", "draft", "vetoed_by", "yes", "no", "abstain", "also_no", "lone", "meeting", "title",
    "verification",
]  # fmt: skip
HELD_COLUMNS = [
    "value", "convention", "held_from", "held_until", "record_ends", "made_by", "ended_on",
    "ended_by", "filter",
]  # fmt: skip

vetoes_app = typer.Typer(
    help="Vetoed drafts: lists, counts under named conventions, and statistics.",
    invoke_without_command=True,
    no_args_is_help=False,
)

ConventionOption = Annotated[
    str,
    typer.Option(
        "--convention",
        "-c",
        help="Counting unit: drafts, member-votes, paragraph-votes or drafts-and-amendments.",
    ),
]


def veto_query(
    member: str | None,
    topic: str | None,
    since: str | None,
    until: str | None,
    seat: bool = False,
    lone: bool = False,
    joint: bool = False,
):
    from untally.answers.vetoes import VetoQuery

    if lone and joint:
        raise UntallyError("--lone and --joint exclude each other", "give one of them")
    return VetoQuery(
        member=member,
        topic=topic,
        since=parse_date(since, "--since"),
        until=parse_date(until, "--until", end=True),
        seat=seat,
        lone=True if lone else False if joint else None,
    )


@vetoes_app.callback()
def vetoes(
    ctx: typer.Context,
    member: Annotated[
        str | None, typer.Option("--member", "-m", help="USA, UK, Russia, USSR, China, France...")
    ] = None,
    topic: Annotated[
        str | None, typer.Option("--topic", "-t", help="A topic or group, e.g. israel-related.")
    ] = None,
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date (the cut-off), YYYY-MM-DD.")] = None,
    seat: Annotated[
        bool, typer.Option("--seat", help="Join a seat's holders (USSR + Russian Federation).")
    ] = False,
    lone: Annotated[
        bool, typer.Option("--lone", help="Only vetoes that were the sole no.")
    ] = False,
    joint: Annotated[
        bool, typer.Option("--joint", help="Only vetoes with other negative votes.")
    ] = False,
    count: Annotated[
        bool, typer.Option("--count", help="Print the count (and its convention), not the list.")
    ] = False,
    convention: ConventionOption = "drafts",
    held_value: Annotated[
        int | None,
        typer.Option("--held", help="Between which dates did the count equal this number?"),
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Vetoed drafts from the Library's veto list, with tallies and who else voted no.

    Example: untally vetoes --member USA --until 2021-05-31
    Example: untally vetoes --member USA --topic israel-related --until 2021-05-31 --count
    Example: untally vetoes --member USA --count --held 82
    """
    if ctx.invoked_subcommand is not None:
        return
    from untally.record import Record

    q = veto_query(member, topic, since, until, seat, lone, joint)
    with Record(db) as record:
        if held_value is not None:
            report_held(record.veto_held(q, held_value, convention), fmt)
            return
        if count:
            c = record.veto_count(q, convention)
            if fmt is Format.table:
                out.print(
                    f"[bold]{c.value}[/bold] vetoes ({c.convention}) — {c.filter}; "
                    f"the veto list ends {c.record_ends}"
                )
            else:
                payload = c.model_dump(mode="json")
                render([payload], fmt, list(payload), json_payload=payload)
            return
        answer = record.veto_list(q)
    data = [r.model_dump(mode="json") for r in answer.vetoes]
    render(
        data,
        fmt,
        VETO_COLUMNS if fmt is Format.table else list(data[0]) if data else VETO_COLUMNS,
        title=f"Vetoed drafts: {answer.filter}",
        caption=f"{len(data)} vetoed drafts (convention: drafts; cut-off: "
        f"{q.until or 'end of record'}). Tally = yes-no-abstain; '—' where the sources give none. "
        "verification: what rests on secondary sources.",
    )


def report_held(answer, fmt: Format) -> None:
    rows = [
        {**p.model_dump(mode="json"), "convention": answer.convention, "filter": answer.filter}
        for p in answer.periods
    ]
    if fmt is not Format.table:
        render(rows, fmt, HELD_COLUMNS)
        return
    if not answer.periods:
        out.print(
            f"The count ({answer.convention}) of {answer.filter} never equalled {answer.value}."
        )
        return
    for p in answer.periods:
        until = (
            f"{p.ended_on} (veto of {p.ended_by})"
            if p.ended_on
            else f"at least {p.record_ends} (the end of the loaded veto list)"
        )
        out.print(
            f"The count ({answer.convention}) of vetoes — {answer.filter} — was {answer.value} "
            f"from {p.held_from} (veto of {p.made_by}) until {until}."
        )


@vetoes_app.command("stats")
def vetoes_stats(
    by: Annotated[str, typer.Option("--by", help="member, year, decade or topic.")] = "member",
    member: Annotated[str | None, typer.Option("--member", "-m")] = None,
    topic: Annotated[str | None, typer.Option("--topic", "-t")] = None,
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Cut-off date, YYYY-MM-DD.")] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Vetoes grouped by member, year, decade or topic, under every convention at once.

    Example: untally vetoes stats --by member --until 2021-05-31
    """
    from untally.record import Record

    with Record(db) as record:
        s = record.veto_stats(by, veto_query(member, topic, since, until))
    if fmt is Format.json:
        payload = {
            "by": s.by,
            "filter": s.filter,
            "cutoff": str(s.cutoff),
            "conventions": s.conventions,
            "rows": s.rows,
        }
        render(s.rows, fmt, s.columns, json_payload=payload)
        return
    render(
        s.rows,
        fmt,
        s.columns,
        title=f"Vetoes by {by}: {s.filter}",
        caption=f"Conventions: drafts (one per vetoed draft), member_votes (one per permanent "
        f"member's negative vote), paragraph_votes (drafts + separately vetoed parts and "
        f"amendments), drafts_and_amendments (drafts + amendments); cut-off {s.cutoff}. "
        "lone = the only negative vote; joint = with another permanent member.",
    )


@vetoes_app.command("ga-debates")
def vetoes_ga_debates(db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    """Vetoes since A/RES/76/262 (26 April 2022) and the General Assembly debate that follows.

    Example: untally vetoes ga-debates
    """
    from untally.record import Record

    with Record(db) as record:
        rows = [d.model_dump(mode="json") for d in record.ga_debates()]
    render(
        rows,
        fmt,
        ["date", "draft", "kind", "vetoed_by", "deadline", "debate", "status"],
        title="The veto initiative (A/RES/76/262): a GA debate within 10 working days of a veto",
        caption="Deadlines count Monday-Friday only. GA debates are meetings, not recorded votes: "
        "the voting files cannot show them.",
    )


def register(app: typer.Typer) -> None:
    """Add ``vetoes`` and its subcommands to ``app``."""
    app.add_typer(vetoes_app, name="vetoes")
