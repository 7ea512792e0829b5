"""General Assembly commands: ``agreement``, ``isolation`` and ``idealpoints``.

A thin layer like :mod:`untally.cli`: it parses arguments, calls :mod:`untally.analytics`,
and renders through the same ``render`` helper, so table, CSV and JSON hold the same rows.
Every listing names its convention (or model) in its caption and its JSON.

No ``from __future__ import annotations`` here: the commands are defined inside
:func:`register` (so ``untally.cli`` can call it at its end without a circular import), and
Typer must see their annotations as objects, not as strings naming local aliases.
"""

import re
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from untally.errors import UntallyError

YEAR = re.compile(r"^\d{4}$")


def parse_when(text: str | None, what: str, *, end: bool = False) -> date | None:
    """A year (``2000``: its first day, or its last with ``end``) or a date, YYYY-MM-DD."""
    from untally.cli import parse_date

    if text is None:
        return None
    if YEAR.match(text.strip()):
        year = int(text)
        return date(year, 12, 31) if end else date(year, 1, 1)
    return parse_date(text, what)


def vote_filter(
    since: str | None,
    until: str | None,
    year: int | None,
    session: int | None,
    topic: str | None,
) -> Any:
    from untally.analytics.coincidence import VoteFilter

    start, stop = parse_when(since, "--since"), parse_when(until, "--until", end=True)
    if year is not None:
        if since or until:
            raise UntallyError("--year cannot be combined with --since/--until", "use one")
        start, stop = date(year, 1, 1), date(year, 12, 31)
    return VoteFilter(
        since=start,
        until=stop,
        sessions=(session, session) if session is not None else None,
        topic=topic,
    )


def used(spans: list[Any]) -> dict[str, Any]:
    """The JSON twin of a caption's coverage line: the data used per source and its notes."""
    return {
        "data_used": [asdict(s) for s in spans],
        "notes": [s.note for s in spans if s.note],
    }


def pct(value: float | None) -> str | None:
    return None if value is None else f"{100 * value:.1f}%"


def register(app: typer.Typer) -> None:
    """Add the General Assembly commands to ``app`` (called at the end of untally.cli)."""
    from untally.cli import DbOption, Format, FormatOption, out, render
    from untally.members import resolve

    SinceOption = Annotated[str | None, typer.Option(help="First year or date (YYYY[-MM-DD]).")]
    UntilOption = Annotated[str | None, typer.Option(help="Last year or date (YYYY[-MM-DD]).")]
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

    @app.command()
    def agreement(
        members: Annotated[list[str], typer.Argument(help="Two or more states; one to rank.")],
        convention: Annotated[
            str,
            typer.Option(
                "--convention",
                "-c",
                help="state-dept, state-dept-2017, state-dept-2021, all-votes, agreement-index.",
            ),
        ] = "state-dept",
        since: SinceOption = None,
        until: UntilOption = None,
        year: YearOption = None,
        session: SessionOption = None,
        by: Annotated[str, typer.Option(help="Period: year, session or all.")] = "year",
        topic: TopicOption = None,
        top: Annotated[int, typer.Option(help="With one state: show the N closest.")] = 0,
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
        """
        from untally.analytics import coincidence as co
        from untally.analytics.plots import figure_path, plot_agreement, sparkline
        from untally.store import Store
        from untally.store.ga import describe_spans

        conv = co.convention_of(convention)
        where = vote_filter(since, until, year, session, topic)
        about = co.DESCRIPTIONS[conv]
        if plot and len(members) == 1:
            raise UntallyError("--plot draws agreement over time", "give two or more states")
        if plot:
            figure_path(plot)
        with Store(db) as store:
            spans = co.data_used(store.con, where)
            coverage = describe_spans(spans)
            if len(members) == 1:
                results = co.rank(
                    store.con,
                    members[0],
                    conv,
                    where=where,
                    top=top or None,
                    least=least,
                    seat=seat,
                )
                rows = [
                    {**asdict(c), "member": c.b, "name": resolve(c.b).name, "percent": pct(c.value)}
                    for c in results
                ]
                code = co.member_code(members[0])
                render(
                    rows,
                    fmt,
                    ["member", "name", "percent", "points", "n_votes", "n_both"]
                    if fmt is Format.table
                    else [
                        "a",
                        "member",
                        "name",
                        "convention",
                        "value",
                        "points",
                        "n_votes",
                        "n_both",
                    ],
                    title=f"Agreement with {code}: {where.describe()}",
                    caption=f"convention {conv.value}: {about}. n_votes = votes counted; "
                    f"n_both = recorded votes with both members.\n{coverage}",
                    json_payload={
                        "convention": conv.value,
                        "description": about,
                        "member": code,
                        "scope": where.describe(),
                        **used(spans),
                        "results": [asdict(c) for c in results],
                    },
                )
                return
            period = None if by == "all" else by
            results = co.pairs(store.con, members, conv, by=period, where=where, seat=seat)
            overall = co.pairs(store.con, members, conv, by=None, where=where, seat=seat)
        pair_names = list(dict.fromkeys(f"{c.a}–{c.b}" for c in overall))
        lines: dict[str, list[tuple[int, float | None]]] = {p: [] for p in pair_names}
        if by != "all":
            for c in results:
                lines[f"{c.a}–{c.b}"].append((int(c.period), c.value))
        sparks = "; ".join(
            f"{name} {sparkline([v for _, v in pts])}" for name, pts in lines.items()
        )
        title = f"Agreement {', '.join(pair_names)}: {where.describe()}"
        caption = (
            f"convention {conv.value}: {about}. Overall: "
            + "; ".join(f"{c.a}–{c.b} {pct(c.value)} of {c.n_votes} votes" for c in overall)
            + f".\n{coverage}"
        )
        payload = {
            "convention": conv.value,
            "description": about,
            "scope": where.describe(),
            "by": by,
            **used(spans),
            "results": [asdict(c) for c in results],
            "overall": [asdict(c) for c in overall],
        }
        if len(members) == 2 and fmt is Format.table:
            rows = [{**asdict(c), "percent": pct(c.value)} for c in results]
            render(
                rows,
                fmt,
                ["period", "percent", "points", "n_votes", "n_both"],
                title=title,
                caption=caption,
            )
        elif fmt is Format.table:
            wide: dict[str, dict[str, Any]] = {}
            for c in results:
                wide.setdefault(c.period, {"period": c.period})[f"{c.a}–{c.b}"] = pct(c.value)
            render(list(wide.values()), fmt, ["period", *pair_names], title=title, caption=caption)
        else:
            rows = [{**asdict(c), "percent": pct(c.value)} for c in results]
            columns = ["period", "a", "b", "convention", "value", "points", "n_votes", "n_both"]
            render(rows, fmt, columns, json_payload=payload)
        if fmt is Format.table and by != "all":
            out.print(f"trend by {by}, scale 0–100%: {sparks}")
        if plot:
            written = plot_agreement(
                lines,
                plot,
                title=f"General Assembly agreement {', '.join(pair_names)}, {where.describe()}",
                convention=f"{conv.value} ({about})",
                by=by,
            )
            if fmt is Format.table:
                out.print(f"figure: {written}")

    @app.command()
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
        from untally.analytics.isolation import isolation as find
        from untally.store import Store
        from untally.store.ga import describe_spans

        where = vote_filter(since, until, year, session, topic)
        positions = tuple(v.strip().upper() for v in (vote or ["N"]))
        with Store(db) as store:
            result = find(
                store.con, member, max_with=max_with, positions=positions, where=where, seat=seat
            )
        rows = result.votes.to_pylist()
        for r in rows:
            r["tally"] = f"{r['yes']}-{r['no']}-{r['abstain']}"
        caption = (
            f"{len(rows)} of {result.n_considered} votes in scope where {result.definition}. "
            "Tally = yes-no-abstain (adopted resolutions with a recorded vote only).\n"
            + describe_spans(list(result.data_used))
        )
        render(
            rows,
            fmt,
            ["date", "resolution", "vote", "tally", "n_with", "joined", "title"]
            if fmt is Format.table
            else [c for c in rows[0] if c != "tally"]
            if rows
            else ["vote_id"],
            title=f"Isolation of {result.member}: {result.scope}",
            caption=caption,
            json_payload={
                "member": result.member,
                "definition": result.definition,
                "max_with": max_with,
                "positions": list(positions),
                "scope": result.scope,
                "n_considered": result.n_considered,
                **used(list(result.data_used)),
                "votes": rows,
            },
        )

    @app.command()
    def idealpoints(
        members: Annotated[
            list[str] | None, typer.Argument(help="States to show (default: all).")
        ] = None,
        since: SinceOption = None,
        until: UntilOption = None,
        seed: Annotated[int, typer.Option(help="Seed of the start's jitter.")] = 0,
        omega: Annotated[float, typer.Option(help="Random-walk sd per session.")] = 0.1,
        bridge: Annotated[
            bool, typer.Option(help="Bridge repeated resolutions across sessions.")
        ] = True,
        max_iter: Annotated[int, typer.Option(help="Iteration cap of the EM.")] = 1000,
        published: Annotated[
            Path | None,
            typer.Option(help="Compare with a published file (iso3, year, ideal), e.g. BSV's."),
        ] = None,
        plot: PlotOption = None,
        db: DbOption = None,
        fmt: FormatOption = Format.table,
    ) -> None:
        """One-dimensional ideal points per state and session (dynamic ordered IRT, fitted on
        the whole Assembly record in scope: about 30 s for 1946–2021).

        Example: untally idealpoints USA ISR RUS CHN --since 1991 --plot ideal.png
        """
        import pyarrow.compute as pc

        from untally.analytics import idealpoints as ip
        from untally.analytics.coincidence import VoteFilter, load_matrix, member_code
        from untally.analytics.plots import figure_path, plot_ideal_points
        from untally.store import Store
        from untally.store.ga import describe_spans

        where = VoteFilter(
            since=parse_when(since, "--since"), until=parse_when(until, "--until", end=True)
        )
        codes = [member_code(m) for m in members or []]
        if plot:
            figure_path(plot)
        with Store(db) as store:
            voted = set(load_matrix(store.con, where).members)
            missing = [c for c in codes if c not in voted]
            if missing:
                raise UntallyError(
                    f"no ideal point for {', '.join(missing)}: no vote in {where.describe()}",
                    "check the states and the period",
                )
            fit = ip.fit(
                store.con, where=where, seed=seed, omega=omega, bridge=bridge, max_iter=max_iter
            )
        table = fit.table
        if codes:
            missing = [c for c in codes if c not in set(table.column("member").to_pylist())]
            if missing:
                raise UntallyError(
                    f"no ideal point for {', '.join(missing)} in {where.describe()}",
                    "check the states and the period",
                )
            table = table.filter(pc.is_in(table.column("member"), pa_array(codes)))
        comparison = None
        theirs: dict[tuple[str, int], float] = {}
        if published:
            pub = ip.read_published(published)
            comparison = ip.compare(fit, pub)
            theirs = {
                (c, s): v
                for c, s, v in zip(
                    pub.column("iso3").to_pylist(),
                    pub.column("session").to_pylist(),
                    pub.column("ideal").to_pylist(),
                    strict=True,
                )
            }
        rows = table.to_pylist()
        for r in rows:
            r["ideal"] = round(r["ideal"], 3)
            r["sd"] = round(r["sd"], 3)
            if published:
                r["published"] = theirs.get(
                    (ip.published_code(r["member"], r["session"]), r["session"])
                )
        fit_note = (
            f"model: {fit.model}; seed {fit.seed}, omega {fit.omega}, {fit.iterations} "
            f"iterations ({'converged' if fit.converged else 'NOT converged'}), "
            f"{fit.n_votes} votes, {fit.n_items} items ({fit.n_bridged} votes bridged), "
            f"{fit.seconds:.1f} s. Sign: USA positive; scale: the model's, not BSV's."
        )
        if comparison:
            fit_note += (
                f" Correlation with {comparison.release}: overall r = {comparison.overall:.3f} "
                f"over {comparison.n} state-sessions; median per session "
                f"{comparison.median_session:.3f}."
            )
        fit_note += "\n" + describe_spans(list(fit.data_used))
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
                **used(list(fit.data_used)),
                "comparison": None
                if comparison is None
                else {
                    "release": comparison.release,
                    "overall_r": comparison.overall,
                    "n": comparison.n,
                    "per_session": comparison.per_session.to_pylist(),
                },
                "points": rows,
            },
        )
        if plot:
            shown = codes or ["USA", "RUS", "CHN"]
            series = {
                c: [(r["year"], r["ideal"], r["sd"]) for r in rows if r["member"] == c]
                for c in shown
            }
            pub_series = (
                {
                    c: [
                        (r["year"], r["published"])
                        for r in rows
                        if r["member"] == c and r.get("published") is not None
                    ]
                    for c in shown
                }
                if published
                else None
            )
            written = plot_ideal_points(
                series,
                plot,
                title=f"General Assembly ideal points: {', '.join(shown)}",
                model=fit.model,
                published=pub_series,
                release="Bailey, Strezhnev & Voeten, July 2023 release",
            )
            if fmt is Format.table:
                out.print(f"figure: {written}")


def pa_array(values: list[str]) -> Any:
    import pyarrow as pa

    return pa.array(values, pa.string())
