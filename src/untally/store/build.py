"""Building the record: fetch every source, assemble, validate, swap in atomically.

A sync writes a new DuckDB file beside the current one, loads and validates it there, and only
then renames it over the old file (an atomic ``os.replace`` on the same filesystem). Any
failure (network, checksum, a malformed row, a failed check) deletes the new file and leaves
the previous database exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import duckdb
import pyarrow as pa

from untally import __version__, config
from untally.errors import StoreError, UntallyError
from untally.sources.base import Source
from untally.sources.fetch import Fetched, Fetcher, progress_bar
from untally.sources.registry import SOURCES
from untally.store.assemble import assemble
from untally.store.ga import GA_SCHEMA, validate_ga
from untally.store.validate import expected_counts, validate


@dataclass
class SyncReport:
    """What a sync loaded, for the CLI to print and the tests to check."""

    path: Path
    tables: dict[str, int] = field(default_factory=dict)
    files: list[Fetched] = field(default_factory=list)
    issues: int = 0
    seconds: float = 0.0


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
    """Tables named ``<source>.<file key>``, one per fetched file."""
    return {
        f"{source.name}.{key}": source.parse(key, f.path)
        for source in sources
        for key, f in fetched[source.name].items()
    }


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


def build(
    db: Path | None = None,
    *,
    mirror: str | None = None,
    fetcher: Fetcher | None = None,
    sources: tuple[Source, ...] = SOURCES,
    quiet: bool = True,
) -> SyncReport:
    """Sync: fetch, parse, assemble, validate into a new file, then swap it in."""
    started = datetime.now(UTC)
    db = config.db_path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(config.cache_dir(), config.mirror(mirror), quiet=quiet)
    tmp = db.with_name(f".{db.name}.building-{os.getpid()}")
    try:
        fetched = fetch_all(sources, fetcher, quiet)
        tables = parse_all(sources, fetched)
        tmp.unlink(missing_ok=True)
        con = duckdb.connect(str(tmp))
        try:
            con.execute(schema_sql())
            con.execute(GA_SCHEMA)
            assemble(con, tables)
            classify_topics(con)
            con.register("provenance_in", provenance_rows(sources, fetched, tables))
            con.execute("INSERT INTO provenance SELECT * FROM provenance_in")
            con.unregister("provenance_in")
            ga_issues = validate_ga(con)
            if ga_issues:
                con.executemany("INSERT INTO issues VALUES (?, ?, ?)", ga_issues)
            issues = validate(con, expected_counts(tables))
            report = SyncReport(db, files=[f for s in fetched.values() for f in s.values()])
            for table in (
                "members", "meetings", "decisions", "votes", "vetoes", "decision_topics",
                "ga_resolutions", "ga_votes", "provenance",
            ):  # fmt: skip
                report.tables[table] = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
            report.issues = issues
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, db)
    except UntallyError:
        raise
    except duckdb.Error as exc:
        raise StoreError(
            f"building the database failed ({exc})",
            "the previous database is unchanged; report this with the sync output",
        ) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        with contextlib.suppress(FileNotFoundError):
            tmp.with_name(tmp.name + ".wal").unlink()
        if own_fetcher:
            fetcher.close()
    report.seconds = (datetime.now(UTC) - started).total_seconds()
    return report
