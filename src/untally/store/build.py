"""Building the record: fetch every source, assemble, validate, compare, swap in atomically.

A sync writes a new DuckDB file beside the current one, loads and validates it there, compares
it with the current database (:mod:`untally.store.diff`), and only then renames it over the
old file (an atomic ``os.replace`` on the same filesystem). Any failure (network, checksum, a
malformed row, a failed check, a new file that loses rows, SIGINT or SIGTERM) deletes the new
file and leaves the previous database exactly as it was; every attempt is logged beside it
(:mod:`untally.store.files`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from types import FrameType
from typing import Any

import duckdb
import pyarrow as pa

from untally import __version__, config
from untally.errors import (
    StoreError,
    SyncInterrupted,
    WouldLoseData,
)
from untally.sources.base import Source
from untally.sources.fetch import Fetched, Fetcher, progress_bar, sha256_of
from untally.sources.registry import SOURCES
from untally.store.assemble import assemble
from untally.store.db import busy_error, is_lock_error
from untally.store.diff import Diff, compare
from untally.store.files import (
    building_path,
    kept_dir,
    log_attempt,
    read_attempts,
    remove_leftovers,
    sync_lock,
)
from untally.store.ga import GA_SCHEMA, validate_ga
from untally.store.ga_separate import SEPARATE_SCHEMA, SEPARATE_TABLE_KEYS, load_separate
from untally.store.us import US_SCHEMA, US_TABLE_KEYS, load_us, validate_us
from untally.store.validate import expected_counts, validate


@dataclass
class SyncReport:
    """What a sync loaded and changed, for the CLI to print and the tests to check."""

    path: Path
    tables: dict[str, int] = field(default_factory=dict)
    files: list[Fetched] = field(default_factory=list)
    issues: int = 0
    seconds: float = 0.0
    diff: Diff | None = None
    kept: list[str] = field(default_factory=list)  # optional files kept from the last sync
    notes: list[str] = field(default_factory=list)  # what the user should know (kept, cleaned)
    dry_run: bool = False
    swapped: bool = False
    removed_leftovers: list[Path] = field(default_factory=list)


def schema_sql() -> str:
    return resources.files("untally.store").joinpath("schema.sql").read_text()


def fetch_all(
    sources: Iterable[Source], fetcher: Fetcher, quiet: bool = True
) -> dict[str, dict[str, Fetched]]:
    """Every wanted file of every source, verified; raises before anything is built."""
    fetched: dict[str, dict[str, Fetched]] = {}
    with progress_bar(quiet) as progress:
        for source in sources:
            got = {}
            for file in source.files:
                if not fetcher.wanted(file):
                    continue
                item = fetcher.fetch(file, progress)
                if item is not None:
                    got[file.key] = item
            fetched[source.name] = got
    return fetched


def parse_all(
    sources: Iterable[Source], fetched: dict[str, dict[str, Fetched]]
) -> dict[str, pa.Table]:
    """Tables named ``<source>.<file key>``, one per fetched file.

    After each file, Arrow's allocator hands the memory of the parse's intermediate columns
    back to the system: kept, it added some 500 MB to a full sync's peak.
    """
    tables = {}
    pool = pa.default_memory_pool()
    for source in sources:
        for key, f in fetched[source.name].items():
            tables[f"{source.name}.{key}"] = source.parse(key, f.path)
            pool.release_unused()
    return tables


def provenance_rows(
    sources: Iterable[Source], fetched: dict[str, dict[str, Fetched]], tables: dict[str, pa.Table]
) -> pa.Table:
    """One row per loaded file: where it came from, its sha256 and how many rows it gave."""
    now = datetime.now(UTC)
    rows = [
        {
            "source": source.name,
            "file": key,
            "url": f.url,
            "sha256": f.sha256,
            "bytes": f.size,
            "retrieved_at": f.retrieved_at,
            "rows": tables[f"{source.name}.{key}"].num_rows,
            "loaded_at": now,
            "untally_version": __version__,
        }
        for source in sources
        for key, f in fetched[source.name].items()
    ]
    return pa.Table.from_pylist(rows)


def classify_topics(con: duckdb.DuckDBPyConnection) -> None:
    """Topics are derived data: classified once per sync so every query is a join."""
    from untally.analytics.topics import topics_table

    con.register("topics_in", topics_table(con))
    con.execute("INSERT INTO decision_topics SELECT decision_id, topic, reason FROM topics_in")
    con.unregister("topics_in")


def database_date(db: Path) -> str | None:
    """When the current database was swapped in, for the messages that say it is unchanged."""
    try:
        stamp = db.stat().st_mtime
    except FileNotFoundError:
        return None
    return datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%d %H:%M UTC")


def unchanged_phrase(db: Path) -> str:
    when = database_date(db)
    return f"the database from {when} is unchanged" if when else "no database was written"


class _Signals:
    """SIGINT/SIGTERM during a sync raise :class:`SyncInterrupted` (after interrupting DuckDB),
    so every ``finally`` runs and the temp files go; around the swap they are held back."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.signum: int | None = None
        self.con: duckdb.DuckDBPyConnection | None = None
        self.deferred = False
        self.previous: dict[int, Callable[[int, FrameType | None], Any] | int | None] = {}

    def error(self, swapped: bool = False) -> SyncInterrupted:
        signum = self.signum or signal.SIGINT
        if swapped:
            return SyncInterrupted(signum, "sync interrupted after the new database was swapped in")
        return SyncInterrupted(signum, f"sync interrupted; {unchanged_phrase(self.db)}")

    def handler(self, signum: int, frame: object) -> None:
        if self.signum is None:
            self.signum = signum
        if self.deferred:
            return
        if self.con is not None:
            with contextlib.suppress(Exception):
                self.con.interrupt()
        raise self.error()

    def __enter__(self) -> _Signals:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.previous[sig] = signal.signal(sig, self.handler)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, old in self.previous.items():
            # None: a handler set outside Python, which cannot be put back; the default can
            signal.signal(sig, signal.SIG_DFL if old is None else old)


def previous_provenance(db: Path) -> dict[tuple[str, str], dict]:
    """The previous database's provenance rows, by (source, file); empty when there is none."""
    if not db.is_file():
        return {}
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            cursor = con.execute("SELECT * FROM provenance")
            names = [c[0] for c in cursor.description]
            return {
                (r["source"], r["file"]): r
                for r in (dict(zip(names, row, strict=True)) for row in cursor.fetchall())
            }
    except duckdb.Error as exc:
        if is_lock_error(exc):
            raise busy_error(db, exc) from None
        return {}  # unreadable: nothing to keep, nothing to compare


def keep_missing_optional(
    sources: Iterable[Source],
    fetcher: Fetcher,
    fetched: dict[str, dict[str, Fetched]],
    db: Path,
    previous: dict[tuple[str, str], dict],
) -> list[str]:
    """An optional file the mirror lacks: load the copy kept from the last sync instead."""
    notes = []
    for source in sources:
        for file in source.files:
            if not file.optional or not fetcher.wanted(file) or file.key in fetched[source.name]:
                continue
            before = previous.get((source.name, file.key))
            if before is None:
                continue  # never loaded: nothing to keep
            kept = kept_dir(db) / file.mirror_path
            if kept.is_file() and sha256_of(kept) == before["sha256"]:
                fetched[source.name][file.key] = Fetched(
                    file.key, kept, before["url"], before["sha256"], before["bytes"],
                    before["retrieved_at"],
                )  # fmt: skip
                notes.append(
                    f"{file.mirror_path} is missing from the source; kept its {before['rows']:,} "
                    f"rows from the sync of {before['loaded_at']:%Y-%m-%d}"
                )
            else:
                notes.append(
                    f"{file.mirror_path} is missing from the source and no copy was kept; "
                    f"its {before['rows']:,} rows would be removed"
                )
    return notes


def save_kept(sources: Iterable[Source], fetched: dict[str, dict[str, Fetched]], db: Path) -> None:
    """After a swap: keep a copy of every optional file just loaded (and only those)."""
    root = kept_dir(db)
    wanted = set()
    for source in sources:
        for file in source.files:
            got = fetched.get(source.name, {}).get(file.key)
            if not file.optional or got is None:
                continue
            dest = root / file.mirror_path
            wanted.add(dest)
            if dest.resolve() == got.path.resolve():
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            part = dest.with_name(dest.name + ".part")
            shutil.copyfile(got.path, part)
            os.replace(part, dest)
    if root.is_dir():
        for path in root.rglob("*"):
            if path.is_file() and path not in wanted:
                path.unlink()


def attempts_table(db: Path, current: dict) -> pa.Table:
    rows = [*read_attempts(db), current]
    cols = ("started_at", "finished_at", "status", "source", "detail", "untally_version")
    return pa.table(
        {
            "started_at": pa.array([r.get("started_at") for r in rows], pa.string()),
            "finished_at": pa.array([r.get("finished_at") for r in rows], pa.string()),
            **{c: pa.array([r.get(c) for r in rows], pa.string()) for c in cols[2:]},
        }
    )


def build(
    db: Path | None = None,
    *,
    mirror: str | None = None,
    fetcher: Fetcher | None = None,
    sources: tuple[Source, ...] = SOURCES,
    quiet: bool = True,
    accept_removals: bool = False,
    dry_run: bool = False,
) -> SyncReport:
    """Sync: fetch, parse, assemble and validate into a new file, compare it with the previous
    database, then swap it in (unless it loses data and ``accept_removals`` is not given).

    ``dry_run`` does everything but the swap and returns the report with its diff.
    """
    started = datetime.now(UTC)
    db = config.db_path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(config.cache_dir(), config.mirror(mirror), quiet=quiet)
    tmp = building_path(db)
    report = SyncReport(db, dry_run=dry_run)
    attempt: dict = {
        "started_at": started.isoformat(),
        "status": "failed",
        "source": fetcher.mirror or "official upstream URLs",
        "detail": "",
        "untally_version": __version__,
    }
    with _Signals(db) as signals:
        try:
            with sync_lock(db):
                report.removed_leftovers = remove_leftovers(db)
                report.notes += [f"removed {p.name}, left by an interrupted sync" for p in
                                 report.removed_leftovers]  # fmt: skip
                try:
                    _build(db, tmp, fetcher, sources, quiet, accept_removals, report, attempt,
                           signals)  # fmt: skip
                    attempt["status"] = "dry-run" if dry_run else "ok"
                except BaseException as exc:
                    if signals.signum is not None and not report.swapped:
                        # DuckDB reports an interrupted query as a RuntimeError; any error
                        # after a signal is the interruption
                        error = exc if isinstance(exc, SyncInterrupted) else signals.error()
                        attempt["status"] = "interrupted"
                        attempt["detail"] = error.message
                        if error is exc:
                            raise
                        raise error from None
                    if isinstance(exc, WouldLoseData):
                        attempt["status"] = "refused"
                    attempt["detail"] = str(exc).splitlines()[0] if str(exc) else repr(exc)
                    if isinstance(exc, duckdb.Error):
                        raise StoreError(
                            f"building the database failed ({attempt['detail']})",
                            "the previous database is unchanged; report this with the sync output",
                        ) from exc
                    raise
                finally:
                    signals.deferred = True  # clean up whole, whatever arrives now
                    for path in (tmp, tmp.with_name(tmp.name + ".wal")):
                        with contextlib.suppress(FileNotFoundError):
                            path.unlink()
                    attempt["finished_at"] = datetime.now(UTC).isoformat()
                    if not dry_run:
                        with contextlib.suppress(OSError):
                            log_attempt(db, attempt)
                    if own_fetcher:
                        fetcher.close()
        except SyncInterrupted:
            raise
        except KeyboardInterrupt:
            raise signals.error(report.swapped) from None
        if signals.signum is not None:  # arrived while the swap was being finished
            raise signals.error(report.swapped)
    report.seconds = (datetime.now(UTC) - started).total_seconds()
    return report


def _build(
    db: Path,
    tmp: Path,
    fetcher: Fetcher,
    sources: tuple[Source, ...],
    quiet: bool,
    accept_removals: bool,
    report: SyncReport,
    attempt: dict,
    signals: _Signals,
) -> None:
    previous = previous_provenance(db)
    fetched = fetch_all(sources, fetcher, quiet)
    report.kept = keep_missing_optional(sources, fetcher, fetched, db, previous)
    report.notes += report.kept
    tables = parse_all(sources, fetched)
    attempt["files"] = [
        {"source": s, "file": k, "sha256": f.sha256, "rows": tables[f"{s}.{k}"].num_rows}
        for s, got in fetched.items()
        for k, f in got.items()
    ]
    tmp.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp))
    signals.con = con
    try:
        con.execute(schema_sql())
        con.execute(GA_SCHEMA)
        con.execute(SEPARATE_SCHEMA)
        con.execute(US_SCHEMA)
        provenance = provenance_rows(sources, fetched, tables)
        expected = expected_counts(tables)
        assemble(con, tables, drop_inputs=True)  # the parsed GA tables go once copied
        classify_topics(con)
        load_separate(con, tables)
        load_us(con, tables)
        con.register("provenance_in", provenance)
        con.execute("INSERT INTO provenance SELECT * FROM provenance_in")
        con.unregister("provenance_in")
        ga_issues = validate_ga(con) + validate_us(con)
        if ga_issues:
            con.executemany("INSERT INTO issues VALUES (?, ?, ?)", ga_issues)
        report.issues = validate(con, expected)
        report.files = [f for s in fetched.values() for f in s.values()]
        for table in (
            "members", "meetings", "decisions", "votes", "vetoes", "decision_topics",
            "ga_resolutions", "ga_votes", *SEPARATE_TABLE_KEYS, *US_TABLE_KEYS, "provenance",
        ):  # fmt: skip
            report.tables[table] = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
        try:
            report.diff = compare(con, db if db.is_file() else None)
        except duckdb.Error as exc:
            if is_lock_error(exc):
                raise busy_error(db, exc) from None
            report.notes.append(f"the previous database could not be read ({exc}); replacing it")
            report.diff = compare(con, None)
        attempt["diff"] = report.diff.losses
        if report.diff.loses_data and not (accept_removals or report.dry_run):
            raise WouldLoseData(
                "the new database would lose data: " + "; ".join(report.diff.losses),
                "the previous database is unchanged; check the source files (`untally sync "
                "--dry-run` shows the whole diff), or run `untally sync --accept-removals` if "
                "the removals are intended",
                diff=report.diff,
            )
        attempt["finished_at"] = datetime.now(UTC).isoformat()
        attempt["status"] = "ok"
        con.register("attempts_in", attempts_table(db, attempt))
        con.execute("INSERT INTO sync_attempts SELECT * FROM attempts_in")
        con.unregister("attempts_in")
        con.execute("CHECKPOINT")
    finally:
        signals.con = None
        con.close()
    if report.dry_run:
        return
    signals.deferred = True  # the swap and what belongs to it run whole
    os.replace(tmp, db)
    report.swapped = True
    save_kept(sources, fetched, db)
