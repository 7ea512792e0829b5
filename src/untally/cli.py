"""The ``untally`` command: a thin Typer layer that parses arguments and renders answers.

All facts come from :mod:`untally.record` (the library); this module only formats them as a
Rich table, CSV or JSON, and turns an :class:`~untally.errors.UntallyError` into one line on
stderr with exit status 2 instead of a traceback.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from untally import charter, config
from untally.errors import InvalidVote, UntallyError
from untally.members import permanent_members, resolve

app = typer.Typer(
    help="The UN Security Council voting record, with every number traced to an official record.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
# Piped output is read by people and scripts alike: do not squeeze it to 80 columns.
out = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 220)
err = Console(stderr=True)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


DbOption = Annotated[
    Path | None, typer.Option("--db", help="Database file (default: UNTALLY_DB / UNTALLY_HOME).")
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]


def parse_date(text: str | None, what: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UntallyError(f"{what} {text!r} is not a date", "write it as YYYY-MM-DD") from None


def cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) if value else "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


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


# ---------------------------------------------------------------------------- sync


@app.command()
def sync(
    source: Annotated[
        str | None,
        typer.Option(
            "--from", help="Mirror folder or URL laid out like shared/data (or UNTALLY_MIRROR)."
        ),
    ] = None,
    db: DbOption = None,
    if_missing: Annotated[
        bool, typer.Option(help="Only sync when there is no database yet.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
) -> None:
    """Download every source, build a new database, validate it, and swap it in atomically.

    Example: untally sync --from ../shared/data
    """
    from untally.store import build

    path = config.db_path(db)
    if if_missing and path.is_file():
        err.print(f"[dim]database present at {path}; skipping sync[/dim]")
        return
    mirror = config.mirror(source)
    err.print(f"syncing from {mirror or 'the official upstream URLs'} into {path}")
    report = build(path, mirror=mirror, quiet=quiet)
    table = Table(title=f"untally sync: {report.seconds:.1f} s")
    table.add_column("file")
    table.add_column("sha256")
    table.add_column("bytes", justify="right")
    for f in report.files:
        table.add_row(f.url.rsplit("/", 1)[-1], f.sha256[:16] + "…", f"{f.size:,}")
    err.print(table)
    err.print(
        ", ".join(f"{n:,} {t}" for t, n in report.tables.items())
        + f"; {report.issues} issues listed (untally info)"
    )


# ---------------------------------------------------------------------------- info


@app.command()
def info(db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    """What is loaded: coverage, row counts and the provenance of every file."""
    from untally.record import Record

    with Record(db) as record:
        i = record.info()
    if fmt is Format.json:
        out.print_json(i.model_dump_json())
        return
    if fmt is Format.csv:
        render([p.model_dump() for p in i.provenance], fmt, list(i.provenance[0].model_dump()))
        return
    coverage = [c.model_dump() for c in i.coverage]
    render(coverage, fmt, ["what", "count", "first", "last"], title=f"untally record: {i.path}")
    prov = [
        {
            **p.model_dump(),
            "sha256": p.sha256[:16] + "…",
            "retrieved_at": p.retrieved_at.strftime("%Y-%m-%d %H:%M"),
        }
        for p in i.provenance
    ]
    render(
        prov, fmt, ["source", "file", "rows", "sha256", "retrieved_at", "url"], title="provenance"
    )
    if i.missing_resolutions:
        gaps = i.missing_resolutions
        shown = ", ".join(gaps[:8]) + (", …" if len(gaps) > 8 else "")
        out.print(f"gaps: {len(gaps)} resolution numbers are not in the sources ({shown})")
    if i.issues:
        out.print(
            "validation issues kept for review: "
            + ", ".join(f"{k} {v}" for k, v in i.issues.items())
            + '  (untally sql "SELECT * FROM issues")'
        )


# ---------------------------------------------------------------------------- show


@app.command()
def show(
    symbol: Annotated[str, typer.Argument(help="S/RES/242(1967), S/2020/852, S/PV.49...")],
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The whole vote on a resolution or draft: each member's vote, the outcome, the links.

    Example: untally show S/2018/516
    """
    from untally.record import Record

    with Record(db) as record:
        decisions = [record.decision(i) for i in record.find(symbol)]
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
                "  member votes: not in the sources (the tally comes from the meeting tables)"
            )
        for label, url in (("record", d.url), ("meeting", d.meeting_url)):
            if url:
                out.print(f"  {label}: {url}")
        out.print(f"  sources: {', '.join(d.sources)}")


# ---------------------------------------------------------------------------- vetoes

VETO_COLUMNS = ["date", "draft", "vetoed_by", "yes", "no", "abstain", "also_no", "meeting", "title"]


@app.command()
def vetoes(
    member: Annotated[
        str | None, typer.Option("--member", "-m", help="USA, UK, Russia, USSR, China, France...")
    ] = None,
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    seat: Annotated[
        bool, typer.Option("--seat", help="Join a seat's holders (USSR + Russian Federation).")
    ] = False,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Vetoed drafts from the Library's veto list, with tallies and who else voted no.

    Counting unit: vetoed drafts (a draft vetoed by two members is one row).
    Example: untally vetoes --member USA --until 2021-05-31
    """
    from untally.record import Record

    start, end = parse_date(since, "--since"), parse_date(until, "--until")
    with Record(db) as record:
        rows = record.vetoes(member, start, end, seat=seat)
    data = [r.model_dump(mode="json") for r in rows]
    who = resolve(member).name if member else "all permanent members"
    span = f"{start or 'start of record'} to {end or 'end of record'}"
    render(
        data,
        fmt,
        VETO_COLUMNS if fmt is Format.table else list(data[0]) if data else VETO_COLUMNS,
        title=f"Vetoed drafts: {who}, {span}",
        caption=f"{len(rows)} vetoed drafts (convention: drafts). Tally = yes-no-abstain; "
        "'—' where the meeting tables give none.",
    )


# ---------------------------------------------------------------------------- outcome


@app.command()
def outcome(
    yes: Annotated[int, typer.Option("--yes", help="Votes in favour.")],
    no: Annotated[int, typer.Option("--no", help="Votes against.")] = 0,
    abstain: Annotated[int, typer.Option("--abstain", help="Abstentions.")] = 0,
    no_from: Annotated[
        list[str] | None,
        typer.Option("--no-from", help="A permanent member voting no (repeatable)."),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="Date of the vote (era rules), YYYY-MM-DD.")
    ] = None,
    procedural: Annotated[bool, typer.Option(help="A procedural matter: no veto applies.")] = False,
    rule: Annotated[
        str, typer.Option(help=f"Decision rule: {', '.join(charter.RULES)}.")
    ] = "charter",
    fmt: FormatOption = Format.table,
) -> None:
    """The Charter's rules on a hypothetical vote.

    Example: untally outcome --yes 14 --no 1 --no-from USA --date 2020-08-31
    """
    when = parse_date(on, "--date") or date.today()
    permanent = permanent_members(when)
    codes = []
    for name in no_from or []:
        code = resolve(name, on=when).code
        if code not in permanent:
            raise InvalidVote(
                f"{code} did not hold a permanent seat on {when}",
                f"permanent members then: {', '.join(permanent)}",
            )
        codes.append(code)
    if rule not in charter.RULES:
        raise UntallyError(f"unknown rule {rule!r}", f"choose one of {', '.join(charter.RULES)}")
    seats = charter.era(when).seats
    vote = charter.CouncilVote(
        date=when,
        yes=yes,
        no=max(no, len(codes)),
        abstain=abstain,
        non_voting=max(0, seats - yes - max(no, len(codes)) - abstain),
        permanent_no=tuple(sorted(codes)),
        procedural=procedural,
    )
    result = charter.decide(vote, charter.RULES[rule])
    if fmt is Format.table:
        colour = "green" if result.adopted else "red"
        out.print(f"[bold {colour}]{result.kind.replace('_', ' ')}[/]: {result.reason}")
        for note in result.notes:
            out.print(f"  note: {note}")
        out.print(f"  rule: {result.rule}; {result.seats} seats, {result.required} votes required")
    else:
        payload = {
            "adopted": result.adopted, "kind": result.kind, "vetoed_by": list(result.vetoed_by),
            "required": result.required, "seats": result.seats, "rule": result.rule,
            "reason": result.reason, "notes": list(result.notes),
        }  # fmt: skip
        render([payload], fmt, list(payload))


# ---------------------------------------------------------------------------- rules


@app.command()
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
    from untally.reproduce import summary

    with Record(db) as record:
        results = record.reproduce_all()
    s = summary(results)
    shown = [r for r in results if all_decisions or r.status != "reproduced" or r.category]
    rows = [r.__dict__ for r in shown]
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


# ---------------------------------------------------------------------------- sql


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="A SQL query on the record (read-only).")],
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Run read-only SQL on the record.

    Tables: members, meetings, decisions, votes, vetoes, provenance, issues.
    Example: untally sql "SELECT outcome, count(*) FROM decisions GROUP BY 1"
    """
    import duckdb

    from untally.store import Store

    with Store(db) as store:
        try:
            rows = store.dicts(query)
        except duckdb.Error as exc:
            raise UntallyError(
                f"SQL error: {str(exc).splitlines()[0]}",
                'check the query; `untally sql "SHOW TABLES"` lists the tables',
            ) from None
        columns = list(rows[0]) if rows else []
    render(rows, fmt, columns)


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


if __name__ == "__main__":
    main()
