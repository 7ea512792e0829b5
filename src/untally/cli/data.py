"""The record itself: ``sync`` (build it), ``info`` (what is loaded), ``sql`` (read-only
queries on it) and ``doctor`` (the database and the files beside it)."""

from __future__ import annotations

from typing import Annotated

import typer

from untally.cli.common import DbOption, Format, FormatOption, err, out, render


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
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Build and compare with the current database; change nothing."
        ),
    ] = False,
    accept_removals: Annotated[
        bool,
        typer.Option(
            "--accept-removals",
            help="Swap in the new database even if it holds fewer rows than the current one.",
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars.")] = False,
) -> None:
    """Download every source, build a new database, validate it, compare it with the current
    one, and swap it in atomically.

    A new database that would lose rows (a source file cut short, a missing file) is refused
    unless --accept-removals; --dry-run prints what would change. Ctrl-C (or SIGTERM) stops
    it with the current database unchanged.
    Example: untally sync --from ../shared/data
    """
    from rich.table import Table

    from untally import config
    from untally.answers.council import sync as build
    from untally.errors import SyncInterrupted, WouldLoseData

    path = config.db_path(db)
    if if_missing and path.is_file():
        err.print(f"[dim]database present at {path}; skipping sync[/dim]")
        return
    mirror = config.mirror(source)
    what = "comparing (dry run)" if dry_run else "syncing"
    err.print(f"{what} from {mirror or 'the official upstream URLs'} into {path}")
    try:
        report = build(
            path, mirror=mirror, quiet=quiet, dry_run=dry_run, accept_removals=accept_removals
        )
    except SyncInterrupted as exc:
        err.print(exc.message, highlight=False, soft_wrap=True)
        raise typer.Exit(exc.exit_status) from None
    except WouldLoseData as exc:
        if exc.diff is not None:
            err.print("\n".join(exc.diff.lines()), highlight=False, soft_wrap=True)
        raise
    for note in report.notes:
        err.print(f"note: {note}", highlight=False, soft_wrap=True)
    if dry_run:
        out.print("\n".join(report.diff.lines()), highlight=False, soft_wrap=True)
        verdict = (
            "would be refused (it loses data; --accept-removals swaps it in)"
            if report.diff.loses_data
            else "would be swapped in"
        )
        out.print(f"dry run: nothing changed; the new database {verdict}", highlight=False)
        return
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
    if report.diff is not None and report.diff.previous is not None:
        changes = [line.strip() for line in report.diff.lines()[1:]]
        err.print("changes: " + ("; ".join(changes[:10]) or "none"), highlight=False)


def doctor(
    db: DbOption = None,
    fix: Annotated[
        bool, typer.Option(help="Remove files left by interrupted syncs (never the database).")
    ] = True,
) -> None:
    """Check the database and the files beside it; remove what killed syncs left behind.

    Example: untally doctor
    """
    from untally.answers.council import doctor as checkup

    result = checkup(db, fix=fix)
    for f in result.findings:
        out.print(f"{f.level}: {f.message}", highlight=False, soft_wrap=True)
    for a in result.attempts:
        detail = f" — {a['detail']}" if a.get("detail") else ""
        out.print(
            f"  sync {str(a.get('started_at', '?'))[:19]} {a.get('status')}{detail}",
            highlight=False,
            soft_wrap=True,
        )
    if not result.healthy:
        raise typer.Exit(2)


def audit(
    check: Annotated[
        list[str] | None,
        typer.Option("--check", help="tally, veto_vote, membership or rules (repeatable)."),
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Check the record's invariants and list every violation with the row it comes from.

    Tallies equal member votes; every veto has a negative vote by the named member where
    member votes exist; no member votes before admission or after a code ceased; the
    Charter rules reproduce the recorded outcomes.
    Example: untally audit --check membership
    """
    from untally.audit import CHECKS
    from untally.audit import audit as run_audit
    from untally.errors import UntallyError

    checks = tuple(dict.fromkeys(check or CHECKS))
    unknown = [c for c in checks if c not in CHECKS]
    if unknown:
        raise UntallyError(f"unknown check {unknown[0]!r}", f"use one of {', '.join(CHECKS)}")
    result = run_audit(db, checks)
    rows = [v.__dict__ for v in result.violations]
    render(rows, fmt, ["check", "subject", "detail", "source"], title=f"audit of {result.path}")
    if fmt is Format.table:
        out.print(
            f"{len(rows)} violations; checked: "
            + ", ".join(f"{c} {n:,} rows" for c, n in result.checked.items()),
            highlight=False,
        )


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


def sql(
    query: Annotated[str, typer.Argument(help="A SQL query on the record (read-only).")],
    db: DbOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Run one read-only query on the record (SELECT, WITH, SHOW, DESCRIBE, SUMMARIZE, EXPLAIN).

    Files, the network, extensions and settings are out of reach: COPY, EXPORT, ATTACH,
    INSTALL/LOAD, SET/PRAGMA and file-reading functions (read_csv, read_text, glob...) are
    refused with the reason.

    Tables: members, meetings, decisions, votes, vetoes, decision_topics, ga_resolutions,
    ga_votes, provenance, issues.
    Example: untally sql "SELECT outcome, count(*) FROM decisions GROUP BY 1"
    """
    from untally.record import Record

    with Record(db) as record:
        rows = record.sql(query)
    render(rows, fmt, list(rows[0]) if rows else [])


def register(app: typer.Typer) -> None:
    """Add ``sync``, ``info`` and ``sql`` to ``app``."""
    for command in (sync, info, sql, doctor, audit):
        app.command()(command)
