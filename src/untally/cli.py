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

import duckdb
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


def parse_date(text: str | None, what: str, *, end: bool = False) -> date | None:
    """YYYY-MM-DD, or YYYY-MM / YYYY meaning the first day (``end``: the last day) of it."""
    if text is None:
        return None
    text = text.strip()
    try:
        if len(text) == 4:
            return date(int(text), 12, 31) if end else date(int(text), 1, 1)
        if len(text) == 7:
            first = date.fromisoformat(text + "-01")
            if not end:
                return first
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        return date.fromisoformat(text)
    except ValueError:
        raise UntallyError(
            f"{what} {text!r} is not a date", "write it as YYYY-MM-DD (or YYYY-MM, YYYY)"
        ) from None


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
    render(
        [c.model_dump() for c in i.sources],
        fmt,
        ["source", "file", "rows", "first", "last", "note"],
        title="coverage per source (answers name these ends; later dates are refused)",
    )
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

    if symbol.strip().upper().startswith("A/"):
        show_assembly(symbol, db, fmt)
        return
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


# ---------------------------------------------------------------------------- vetoes

VETO_COLUMNS = [
    "date", "draft", "vetoed_by", "yes", "no", "abstain", "also_no", "lone", "meeting", "title",
    "verification",
]  # fmt: skip
vetoes_app = typer.Typer(
    help="Vetoed drafts: lists, counts under named conventions, and statistics.",
    invoke_without_command=True,
    no_args_is_help=False,
)
app.add_typer(vetoes_app, name="vetoes")

ConventionOption = Annotated[
    str,
    typer.Option(
        "--convention",
        "-c",
        help="Counting unit: drafts, member-votes, paragraph-votes or drafts-and-amendments.",
    ),
]


def veto_filter(
    member: str | None,
    topic: str | None,
    since: str | None,
    until: str | None,
    seat: bool,
    lone: bool,
    joint: bool,
):
    from untally.analytics import topics
    from untally.analytics.vetoes import VetoFilter

    if lone and joint:
        raise UntallyError("--lone and --joint exclude each other", "give one of them")
    return VetoFilter(
        member=resolve(member).code if member else None,
        seat=seat,
        topics=tuple(sorted(topics.expand(topic))) if topic else None,
        topic_label=topic,
        since=parse_date(since, "--since"),
        until=parse_date(until, "--until", end=True),
        lone=True if lone else False if joint else None,
    )


def convention_of(name: str):
    from untally.analytics.vetoes import Convention

    try:
        return Convention(name)
    except ValueError:
        raise UntallyError(
            f"unknown convention {name!r}", f"use one of {', '.join(c.value for c in Convention)}"
        ) from None


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
    from untally.analytics import vetoes as analytics
    from untally.record import Record

    f = veto_filter(member, topic, since, until, seat, lone, joint)
    conv = convention_of(convention)
    with Record(db) as record:
        record.ensure_topics()
        if held_value is not None:
            periods = analytics.held(record.store.con, f, held_value, conv)
            report_held(periods, held_value, f, conv, fmt)
            return
        if count:
            c = analytics.count_vetoes(record.store.con, f, conv)
            if fmt is Format.table:
                out.print(
                    f"[bold]{c.value}[/bold] vetoes ({c.convention.value}) — {c.filter}; "
                    f"the veto list ends {c.record_ends}"
                )
            else:
                payload = c.model_dump(mode="json")
                render([payload], fmt, list(payload), json_payload=payload)
            return
        rows = record.vetoes(f.member, f.since, f.until, seat=f.seat, topics=f.topics, lone=f.lone)
    data = [r.model_dump(mode="json") for r in rows]
    render(
        data,
        fmt,
        VETO_COLUMNS if fmt is Format.table else list(data[0]) if data else VETO_COLUMNS,
        title=f"Vetoed drafts: {f.describe()}",
        caption=f"{len(rows)} vetoed drafts (convention: drafts; cut-off: "
        f"{f.until or 'end of record'}). Tally = yes-no-abstain; '—' where the sources give none. "
        "verification: what rests on secondary sources.",
    )


def report_held(periods, value: int, f, conv, fmt: Format) -> None:
    rows = [
        {**p.model_dump(mode="json"), "convention": conv.value, "filter": f.describe()}
        for p in periods
    ]
    if fmt is not Format.table:
        columns = [
            "value", "convention", "held_from", "held_until", "record_ends", "made_by",
            "ended_on", "ended_by",
        ]  # fmt: skip
        render(rows, fmt, [*columns, "filter"])
        return
    if not periods:
        out.print(f"The count ({conv.value}) of {f.describe()} never equalled {value}.")
        return
    for p in periods:
        until = (
            f"{p.ended_on} (veto of {p.ended_by})"
            if p.ended_on
            else f"at least {p.record_ends} (the end of the loaded veto list)"
        )
        out.print(
            f"The count ({conv.value}) of vetoes — {f.describe()} — was {value} "
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
    from untally.analytics import vetoes as analytics
    from untally.record import Record

    f = veto_filter(member, topic, since, until, False, False, False)
    with Record(db) as record:
        record.ensure_topics()
        table = analytics.veto_stats(record.store.con, by, f)
        end = analytics.record_end(record.store.con)
    rows = table.to_pylist()
    cut = f"cut-off {f.until or end}"
    if fmt is Format.json:
        payload = {
            "by": by,
            "filter": f.describe(),
            "cutoff": str(f.until or end),
            "conventions": ["drafts", "member-votes", "paragraph-votes", "drafts-and-amendments"],
            "rows": rows,
        }
        render(rows, fmt, table.column_names, json_payload=payload)
        return
    render(
        rows,
        fmt,
        table.column_names,
        title=f"Vetoes by {by}: {f.describe()}",
        caption=f"Conventions: drafts (one per vetoed draft), member_votes (one per permanent "
        f"member's negative vote), paragraph_votes (drafts + separately vetoed parts and "
        f"amendments), drafts_and_amendments (drafts + amendments); {cut}. "
        "lone = the only negative vote; joint = with another permanent member.",
    )


@vetoes_app.command("ga-debates")
def vetoes_ga_debates(db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    """Vetoes since A/RES/76/262 (26 April 2022) and the General Assembly debate that follows.

    Example: untally vetoes ga-debates
    """
    from untally.analytics.vetoes import ga_debates
    from untally.record import Record

    with Record(db) as record:
        rows = [d.model_dump(mode="json") for d in ga_debates(record.store.con)]
    render(
        rows,
        fmt,
        ["date", "draft", "kind", "vetoed_by", "deadline", "debate", "status"],
        title="The veto initiative (A/RES/76/262): a GA debate within 10 working days of a veto",
        caption="Deadlines count Monday-Friday only. GA debates are meetings, not recorded votes: "
        "the voting files cannot show them.",
    )


# ---------------------------------------------------------------------------- topics


@app.command()
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
    from untally.analytics import topics as taxonomy

    tax = taxonomy.taxonomy()
    if symbol is None:
        rows = [
            {"topic": t.id, "label": t.label, "groups": list(t.groups), "atrocity": t.atrocity,
             "rules": len(t.rules), "description": t.description}
            for t in tax.topics.values()
        ]  # fmt: skip
        render(rows, fmt, list(rows[0]), title="Topic taxonomy (src/untally/data/topics.toml)")
        return
    from untally.record import Record

    with Record(db) as record:
        record.ensure_topics()
        ids = record.find(symbol)
        rows = record.store.dicts(
            """
            SELECT d.decision_id, coalesce(d.date::VARCHAR, d.year::VARCHAR) AS date, t.topic,
                   t.reason
            FROM decisions d LEFT JOIN decision_topics t USING (decision_id)
            WHERE d.decision_id IN (SELECT unnest($ids)) ORDER BY d.decision_id, t.topic
            """,
            {"ids": ids},
        )
    for row in rows:
        topic = tax.topics.get(row["topic"] or "")
        row["groups"] = list(topic.groups) if topic else []
    render(
        rows, fmt, ["decision_id", "date", "topic", "groups", "reason"], title=f"Topics of {symbol}"
    )


# ---------------------------------------------------------------------------- counterfactual


@app.command()
def counterfactual(
    name: Annotated[
        str, typer.Argument(help="no-veto, two-veto, restraint, seven-votes or nine-votes.")
    ],
    since: Annotated[str | None, typer.Option(help="First date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, YYYY-MM-DD.")] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The record under another decision rule: every vote whose outcome would change.

    Example: untally counterfactual two-veto --since 1990
    """
    from untally.analytics import counterfactual as cf
    from untally.analytics import topics as taxonomy
    from untally.record import Record

    with Record(db) as record:
        record.ensure_topics()
        table = cf.run(
            record.store.con,
            name,
            parse_date(since, "--since"),
            parse_date(until, "--until", end=True),
            atrocity_topics=frozenset(taxonomy.atrocity_topics()),
        )
    rows = table.to_pylist()
    c = cf.COUNTERFACTUALS[name]
    columns = [
        "decision_id",
        "date",
        "tally",
        "permanent_no",
        "recorded",
        "charter",
        "counterfactual",
        "title",
    ]
    if fmt is Format.json:
        payload = {"counterfactual": name, "description": c.description,
                   "since": since, "until": until, "changes": rows}  # fmt: skip
        render(rows, fmt, columns, json_payload=payload)
        return
    assumed = sum(1 for r in rows if r["assumed"])
    render(
        rows,
        fmt,
        columns,
        title=f"Counterfactual {name}: {c.description}",
        caption=f"{len(rows)} outcomes would change ({since or 'start'} to {until or 'end'}); "
        f"{assumed} vetoes without a tally are taken to have had the required votes (as listed).",
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

    Tables: members, meetings, decisions, votes, vetoes, decision_topics, ga_resolutions,
    ga_votes, provenance, issues.
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


from untally import cli_ga  # noqa: E402 - the GA commands use the helpers defined above

cli_ga.register(app)

from untally.claims import cli as claims_cli  # noqa: E402 - same: the check command

claims_cli.register(app)


def main() -> None:
    """Entry point: bad input ends in one line naming the problem and the remedy."""
    try:
        app()
    except UntallyError as exc:
        err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except duckdb.Error as exc:  # a query untally built failed: a bug, but still one line
        first = str(exc).splitlines()[0]
        err.print(
            f"[bold red]error:[/] database query failed ({first}) — please report it",
            highlight=False,
            soft_wrap=True,
        )
        sys.exit(3)
    except KeyboardInterrupt:
        err.print("interrupted; the current database is unchanged")
        sys.exit(130)


if __name__ == "__main__":
    main()
