"""Security Council commands: ``show``, ``topics``, ``counterfactual``, ``outcome`` and
``rules``: each one call on :class:`untally.record.Record` (or :mod:`untally.answers`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from untally.answers.council import COUNTERFACTUAL_NAMES, RULE_NAMES
from untally.cli.common import DbOption, Format, FormatOption, out, parse_date, render, within

COMMANDS: list = []


def app_command(fn):
    """Collect a command; :func:`register` adds them to the app in definition order."""
    COMMANDS.append(fn)
    return fn


def show_assembly(symbol: str, db: Path | None, fmt: Format) -> None:
    """``untally show A/RES/...``: a recorded General Assembly vote, member by member."""
    from untally.record import Record

    with Record(db) as record:
        found = record.assembly_vote(symbol)
    if fmt is not Format.table:
        payload = [v.model_dump(mode="json") for v in found]
        rows = [{**p, "votes": [f"{x['member']}:{x['vote']}" for x in p["votes"]]} for p in payload]
        render(rows, fmt, [k for k in rows[0] if k != "votes"] + ["votes"], json_payload=payload)
        return
    for v in found:
        out.print(
            f"[bold]{v.resolution}[/bold]  {v.date}  adopted  ({v.yes}-{v.no}-{v.abstain}, "
            f"{v.non_voting} non-voting)"
        )
        out.print(f"  {v.title}")
        if v.note:
            out.print(f"  [yellow]note:[/yellow] {v.note}")
        render([m.model_dump() for m in v.votes], fmt, ["member", "name", "vote"])
        out.print(f"  record: {v.url}\n  source: {v.source}")


@app_command
def show(
    symbol: Annotated[str, typer.Argument(help="S/RES/242(1967), S/2020/852, S/PV.49...")],
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The whole vote on a resolution or draft: each member's vote, the outcome, the links.

    Example: untally show S/2018/516
    """
    from untally.record import Record

    if symbol.strip().upper().startswith("A/"):
        show_assembly(symbol, db, fmt)
        return
    with Record(db) as record:
        decisions = record.show(symbol)
    if fmt is not Format.table:
        payload = [d.model_dump(mode="json") for d in decisions]
        if fmt is Format.json:
            out.print_json(json.dumps(payload))
        else:
            render(
                [
                    {
                        **d.model_dump(exclude={"votes"}),
                        "votes": [f"{v.member}:{v.vote}" for v in d.votes],
                    }
                    for d in decisions
                ],
                fmt,
                [k for k in payload[0] if k != "votes"] + ["votes"],
            )
        return
    for d in decisions:
        symbol_text = d.resolution or d.decision_id
        tally = "—" if d.yes is None else f"{d.yes}-{d.no}-{d.abstain}"
        out.print(
            f"[bold]{symbol_text}[/bold]  {d.date or d.year}  "
            f"{d.outcome.replace('_', ' ')}  ({tally})"
        )
        if d.title or d.agenda:
            out.print(f"  {d.title or d.agenda}")
        if d.draft and d.resolution:
            out.print(f"  draft {d.draft}")
        if d.kind == "amendment":
            out.print(f"  {d.label}; amends draft {d.draft or '?'} (adopted as {d.amends})")
        if len(d.symbols) > 1:
            out.print(f"  also written {', '.join(s for s in d.symbols if s != d.draft)}")
        if d.verification:
            out.print(f"  [yellow]secondary sources:[/yellow] {d.verification}")
        if d.vetoed_by:
            out.print(f"  vetoed by {', '.join(d.vetoed_by)}")
        if d.modality == "without_vote":
            out.print("  adopted without a vote (no member voted: all recorded as non-voting)")
        if d.procedural:
            out.print(f"  procedural: {d.procedural_reason}")
        if d.rules_outcome:
            mark = "[green]agrees[/green]" if d.rules_agree else "[red]disagrees[/red]"
            out.print(f"  Charter rules: {d.rules_outcome} — {mark} with the record")
        if d.votes:
            from rich.table import Table

            table = Table(show_header=True, box=None, pad_edge=False)
            for col in ("member", "name", "vote"):
                table.add_column(col)
            for v in d.votes:
                name = v.name + (" (P5)" if v.permanent else "")
                table.add_row(
                    v.member,
                    name,
                    {"Y": "yes", "N": "[red]no[/red]", "A": "abstain", "X": "not voting"}[v.vote],
                )
            out.print(table)
        else:
            out.print(
                "  member votes: not in the sources"
                + (f" (tally from {', '.join(d.sources)})" if d.yes is not None else "")
            )
        for label, url in (
            ("record", d.url),
            ("meeting", d.meeting_url),
            ("cited source", d.source_url),
        ):
            if url:
                out.print(f"  {label}: {url}")
        out.print(f"  sources: {', '.join(d.sources)}")


@app_command
def topics(
    symbol: Annotated[
        str | None, typer.Argument(help="A resolution or draft; omit to list the taxonomy.")
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The topics of a decision and why (the rule or override that assigned each).

    Example: untally topics S/2018/516
    """
    if symbol is None:
        from untally.answers.council import taxonomy

        rows = [t.model_dump() for t in taxonomy()]
        render(rows, fmt, list(rows[0]), title="Topic taxonomy (src/untally/data/topics.toml)")
        return
    from untally.record import Record

    with Record(db) as record:
        rows = [t.model_dump() for t in record.topics_of(symbol)]
    render(
        rows, fmt, ["decision_id", "date", "topic", "groups", "reason"], title=f"Topics of {symbol}"
    )


@app_command
def counterfactual(
    name: Annotated[str, typer.Argument(help=f"{', '.join(COUNTERFACTUAL_NAMES)}.")],
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The record under another decision rule: every vote whose outcome would change.

    Example: untally counterfactual two-veto --since 1990
    """
    from untally.record import Record

    with Record(db) as record:
        c = record.counterfactual(
            name, parse_date(since, "--since"), parse_date(until, "--until", end=True)
        )
    rows = [r.model_dump(mode="json") for r in c.changes]
    columns = [
        "decision_id", "date", "tally", "permanent_no", "recorded", "charter", "counterfactual",
        "title",
    ]  # fmt: skip
    if fmt is Format.json:
        payload = {"counterfactual": name, "description": c.description,
                   "since": since, "until": until, "changes": rows}  # fmt: skip
        render(rows, fmt, columns, json_payload=payload)
        return
    render(
        rows,
        fmt,
        columns,
        title=f"Counterfactual {name}: {c.description}",
        caption=f"{len(rows)} outcomes would change ({since or 'start'} to {until or 'end'}); "
        f"{c.assumed} vetoes without a tally are taken to have had the required votes (as listed).",
    )


VOTES = within(0, 15, "a Council vote counts 0 to 15 members")


@app_command
def outcome(
    yes: Annotated[int, typer.Option("--yes", callback=VOTES, help="Votes in favour.")],
    no: Annotated[int, typer.Option("--no", callback=VOTES, help="Votes against.")] = 0,
    abstain: Annotated[int, typer.Option("--abstain", callback=VOTES, help="Abstentions.")] = 0,
    no_from: Annotated[
        list[str] | None,
        typer.Option("--no-from", help="A permanent member voting no (repeatable)."),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="Date of the vote (era rules), YYYY-MM-DD.")
    ] = None,
    procedural: Annotated[bool, typer.Option(help="A procedural matter: no veto applies.")] = False,
    rule: Annotated[str, typer.Option(help=f"Decision rule: {', '.join(RULE_NAMES)}.")] = "charter",
    fmt: FormatOption = Format.table,
) -> None:
    """The Charter's rules on a hypothetical vote.

    Example: untally outcome --yes 14 --no 1 --no-from USA --date 2020-08-31
    """
    from untally.answers.council import outcome as decide

    result = decide(
        yes, no, abstain, no_from=no_from, on=parse_date(on, "--date"), procedural=procedural,
        rule=rule,
    )  # fmt: skip
    if fmt is Format.table:
        colour = "green" if result.adopted else "red"
        out.print(f"[bold {colour}]{result.kind.replace('_', ' ')}[/]: {result.reason}")
        for note in result.notes:
            out.print(f"  note: {note}")
        out.print(f"  rule: {result.rule}; {result.seats} seats, {result.required} votes required")
    else:
        payload = result.model_dump()
        render([payload], fmt, list(payload))


@app_command
def rules(
    all_decisions: Annotated[
        bool, typer.Option("--all", help="List every decision, not only the exceptions.")
    ] = False,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Apply the Charter's rules to every recorded vote and list where they disagree.

    Example: untally rules
    """
    from untally.record import Record

    with Record(db) as record:
        report = record.rules(all_decisions=all_decisions)
    s = report.summary
    rows = [r.model_dump() for r in report.decisions]
    columns = ["decision_id", "date", "tally", "recorded", "rules", "status", "category", "reason"]
    if fmt is Format.json:
        render(rows, fmt, columns, json_payload={"summary": s, "decisions": rows})
        return
    render(
        rows,
        fmt,
        columns,
        title="Charter rules vs the record: exceptions",
        caption=f"{s['reproduced']:,} of {s['checkable']:,} checkable decisions reproduced "
        f"({s['share_reproduced']:.2%}); {s['mismatch']} mismatches; "
        f"{s['not_checkable']} not checkable (no tally).",
    )


def register(app: typer.Typer) -> None:
    """Add the Council commands to ``app``."""
    for command in COMMANDS:
        app.command()(command)
