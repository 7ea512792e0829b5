"""General Assembly commands: ``agreement``, ``isolation`` and ``idealpoints``.

Each parses its arguments, asks :class:`untally.record.Record` one question and renders the
answer through :func:`untally.cli.common.render`, so table, CSV and JSON hold the same rows.
Every listing names its convention (or model) in its caption and its JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from untally.cli.common import (
    DbOption,
    Format,
    FormatOption,
    SinceOption,
    UntilOption,
    out,
    parse_when,
    pct,
    render,
    within,
)

YearOption = Annotated[int | None, typer.Option("--year", help="One calendar year.")]
SessionOption = Annotated[
    int | None, typer.Option("--session", help="One regular session (75 = 2020–21).")
]
TopicOption = Annotated[
    str | None, typer.Option(help="Only votes whose title, agenda or subjects contain this.")
]
SeatOption = Annotated[
    bool, typer.Option("--seat", help="Join a seat's holders (RUS with SUN, SRB with YUG).")
]
PlotOption = Annotated[Path | None, typer.Option("--plot", help="Write a figure (.png/.svg).")]


def scope_of(
    since: str | None, until: str | None, year: int | None, session: int | None, topic: str | None
) -> Any:
    from untally.answers.assembly import AssemblyScope

    return AssemblyScope(
        since=parse_when(since, "--since"),
        until=parse_when(until, "--until", end=True),
        year=year,
        session=session,
        topic=topic,
    )


def used(answer: Any) -> dict[str, Any]:
    """The JSON twin of a caption's coverage line: the data used per source and its notes."""
    return {
        "data_used": [d.model_dump(mode="json") for d in answer.data_used],
        "notes": answer.notes,
    }


def figures(items: list[Any]) -> list[dict[str, Any]]:
    return [c.model_dump(exclude={"name"}) for c in items]


def agreement(
    members: Annotated[list[str], typer.Argument(help="Two or more states; one to rank.")],
    convention: Annotated[
        str,
        typer.Option(
            "--convention",
            "-c",
            help="state-dept, state-dept-2017, state-dept-2021, state-dept-report (the method "
            "of each year's report), all-votes, agreement-index.",
        ),
    ] = "state-dept",
    since: SinceOption = None,
    until: UntilOption = None,
    year: YearOption = None,
    session: SessionOption = None,
    by: Annotated[str, typer.Option(help="Period: year, session or all.")] = "year",
    topic: TopicOption = None,
    top: Annotated[
        int,
        typer.Option(
            callback=within(0, 1000, "0 shows all"), help="With one state: show the N closest."
        ),
    ] = 0,
    least: Annotated[
        bool, typer.Option("--least", help="With one state: rank the least in agreement.")
    ] = False,
    seat: SeatOption = False,
    plot: PlotOption = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """How often states voted the same way in the General Assembly, under a named convention.

    Two states: one row per year (or session) and a sparkline. More: every pair. One
    state: every other state ranked over the period.
    Example: untally agreement USA ISR --since 2000 --convention state-dept
    Example: untally agreement USA --year 2020 --top 10
    Example: untally agreement USA ISR --since 2013 -c state-dept-report
    """
    from untally.answers.assembly import check_figure_path, plot_agreement
    from untally.errors import UntallyError
    from untally.record import Record

    scope = scope_of(since, until, year, session, topic)
    if plot and len(members) == 1:
        raise UntallyError("--plot draws agreement over time", "give two or more states")
    if plot:
        check_figure_path(plot)
    with Record(db) as record:
        a = record.agreement(
            members, convention, scope, by=by, top=top or None, least=least, seat=seat
        )
    if a.by == "rank":
        rows = [
            {**c.model_dump(), "member": c.b, "percent": c.percent} for c in a.results
        ]  # fmt: skip
        printed = ["printed"] if a.convention == "state-dept-report" else []
        render(
            rows,
            fmt,
            ["member", "name", "percent", *printed, "points", "n_votes", "n_both"]
            if fmt is Format.table
            else ["a", "member", "name", "convention", "value", "points", "n_votes", "n_both"],
            title=f"Agreement with {a.members[0]}: {a.scope}",
            caption=f"convention {a.convention}: {a.description}. n_votes = votes counted; "
            f"n_both = recorded votes with both members.\n{a.coverage}",
            json_payload={
                "convention": a.convention,
                "description": a.description,
                "member": a.members[0],
                "scope": a.scope,
                **used(a),
                "results": figures(a.results),
            },
        )
        return
    pair_names = [f"{c.a}–{c.b}" for c in a.overall]
    title = f"Agreement {', '.join(pair_names)}: {a.scope}"
    caption = (
        f"convention {a.convention}: {a.description}. Overall: "
        + "; ".join(f"{c.a}–{c.b} {pct(c.value)} of {c.n_votes} votes" for c in a.overall)
        + f".\n{a.coverage}"
    )
    rows = [{**c.model_dump(exclude={"name"}), "percent": c.percent} for c in a.results]
    if len(members) == 2 and fmt is Format.table:
        printed = ["printed"] if a.convention == "state-dept-report" and by == "year" else []
        render(
            rows,
            fmt,
            ["period", "percent", *printed, "points", "n_votes", "n_both"],
            title=title,
            caption=caption,
        )
    elif fmt is Format.table:
        wide: dict[str, dict[str, Any]] = {}
        for c in a.results:
            wide.setdefault(c.period, {"period": c.period})[f"{c.a}–{c.b}"] = c.percent
        render(list(wide.values()), fmt, ["period", *pair_names], title=title, caption=caption)
    else:
        payload = {
            "convention": a.convention,
            "description": a.description,
            "scope": a.scope,
            "by": by,
            **used(a),
            "results": figures(a.results),
            "overall": figures(a.overall),
        }
        columns = ["period", "a", "b", "convention", "value", "points", "n_votes", "n_both"]
        render(rows, fmt, columns, json_payload=payload)
    if fmt is Format.table and by != "all":
        sparks = "; ".join(f"{name} {line}" for name, line in a.sparklines.items())
        out.print(f"trend by {by}, scale 0–100%: {sparks}")
    if plot:
        written = plot_agreement(a, plot)
        if fmt is Format.table:
            out.print(f"figure: {written}")


def isolation(
    member: Annotated[str, typer.Argument(help="A state: USA, Israel, Russia...")],
    max_with: Annotated[
        int, typer.Option("--max-with", help="At most this many others cast the same vote.")
    ] = 3,
    vote: Annotated[
        list[str] | None, typer.Option("--vote", help="Y, N or A (repeatable); default N.")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    year: YearOption = None,
    session: SessionOption = None,
    topic: TopicOption = None,
    seat: SeatOption = False,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Recorded votes where a state voted alone or nearly alone, with the tally and who
    joined it.

    Example: untally isolation USA --max-with 3 --since 2015
    """
    from untally.record import Record

    scope = scope_of(since, until, year, session, topic)
    with Record(db) as record:
        r = record.isolation(
            member, max_with=max_with, positions=tuple(vote or ["N"]), scope=scope, seat=seat
        )
    rows = [{**v.model_dump(), "tally": v.tally} for v in r.votes]
    caption = (
        f"{len(rows)} of {r.n_considered} votes in scope where {r.definition}. "
        "Tally = yes-no-abstain (adopted resolutions with a recorded vote only).\n" + r.coverage
    )
    render(
        rows,
        fmt,
        ["date", "resolution", "vote", "tally", "n_with", "joined", "title"]
        if fmt is Format.table
        else [c for c in rows[0] if c != "tally"]
        if rows
        else ["vote_id"],
        title=f"Isolation of {r.member}: {r.scope}",
        caption=caption,
        json_payload={
            "member": r.member,
            "definition": r.definition,
            "max_with": max_with,
            "positions": r.positions,
            "scope": r.scope,
            "n_considered": r.n_considered,
            **used(r),
            "votes": rows,
        },
    )


def idealpoints(
    members: Annotated[
        list[str] | None, typer.Argument(help="States to show (default: all).")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    seed: Annotated[
        int,
        typer.Option(
            callback=within(0, 2**32 - 1, "any whole number from 0"),
            help="Seed of the start's jitter.",
        ),
    ] = 0,
    omega: Annotated[
        float,
        typer.Option(callback=within(0.001, 10.0, "e.g. 0.1"), help="Random-walk sd per session."),
    ] = 0.1,
    bridge: Annotated[
        bool, typer.Option(help="Bridge repeated resolutions across sessions.")
    ] = True,
    max_iter: Annotated[
        int, typer.Option(callback=within(1, 100_000, "e.g. 1000"), help="Iteration cap of the EM.")
    ] = 1000,
    published: Annotated[
        Path | None,
        typer.Option(help="Compare with a published file (iso3, year, ideal), e.g. BSV's."),
    ] = None,
    plot: PlotOption = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """One-dimensional ideal points per state and session (dynamic ordered IRT, fitted on
    the whole Assembly record in scope: 5–7 s for 1946–2025 on a shared 2-core machine).

    Example: untally idealpoints USA ISR RUS CHN --since 1991 --plot ideal.png
    """
    from untally.answers.assembly import check_figure_path, plot_ideal_points
    from untally.record import Record

    scope = scope_of(since, until, None, None, None)
    if plot:
        check_figure_path(plot)
    with Record(db) as record:
        fit = record.idealpoints(
            members, scope, seed=seed, omega=omega, bridge=bridge, max_iter=max_iter,
            published=published,
        )  # fmt: skip
    rows = [p.model_dump(exclude=None if published else {"published"}) for p in fit.points]
    comparison = fit.comparison
    fit_note = (
        f"model: {fit.model}; seed {fit.seed}, omega {fit.omega}, {fit.iterations} "
        f"iterations ({'converged' if fit.converged else 'NOT converged'}), "
        f"{fit.n_votes} votes, {fit.n_items} items ({fit.n_bridged} votes bridged), "
        f"{fit.seconds:.1f} s. Sign: USA positive; scale: the model's, not BSV's."
    )
    if comparison:
        fit_note += (
            f" Correlation with {comparison.release}: overall r = {comparison.overall_r:.3f} "
            f"over {comparison.n} state-sessions; median per session "
            f"{comparison.median_session:.3f}."
        )
    fit_note += "\n" + fit.coverage
    columns = ["member", "session", "year", "ideal", "sd", "n_votes"]
    render(
        rows,
        fmt,
        [*columns, "published"] if published else columns,
        title=f"Ideal points: {fit.scope}",
        caption=fit_note,
        json_payload={
            "model": fit.model,
            "seed": fit.seed,
            "omega": fit.omega,
            "iterations": fit.iterations,
            "converged": fit.converged,
            "n_votes": fit.n_votes,
            "n_items": fit.n_items,
            "n_bridged": fit.n_bridged,
            "scope": fit.scope,
            **used(fit),
            "comparison": None
            if comparison is None
            else comparison.model_dump(exclude={"median_session"}),
            "points": rows,
        },
    )
    if plot:
        written = plot_ideal_points(fit, fit.members, plot)
        if fmt is Format.table:
            out.print(f"figure: {written}")


def register(app: typer.Typer) -> None:
    """Add the General Assembly commands to ``app``."""
    for command in (agreement, isolation, idealpoints):
        app.command()(command)
