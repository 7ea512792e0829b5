"""``untally doctor``: what is beside the database, what is wrong with it, and the safe fixes.

It finds the leftovers of syncs that were killed (``.building-<pid>`` files and their WAL),
removes them when no sync is running, says whether the database opens read-only, and shows
the last sync attempts. It never deletes or rewrites the database itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from untally import config
from untally.store.files import leftovers, read_attempts, remove_leftovers, running_sync, sync_lock


@dataclass(frozen=True)
class Finding:
    level: str  # ok | fixed | warning | problem
    message: str


@dataclass
class Checkup:
    path: Path
    findings: list[Finding] = field(default_factory=list)
    attempts: list[dict] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not any(f.level == "problem" for f in self.findings)


def checkup(db: str | Path | None = None, *, fix: bool = True) -> Checkup:
    """Inspect the database at ``db`` and the files beside it; with ``fix``, remove leftovers."""
    path = config.db_path(db)
    result = Checkup(path, attempts=read_attempts(path)[-5:])
    add = result.findings.append
    running = running_sync(path)
    stale = leftovers(path)
    if running is not None:
        add(Finding("warning", f"a sync is running (pid {running}); its temp files are left alone"))
    elif stale and fix:
        with sync_lock(path):
            removed = remove_leftovers(path)
        size = sum(_size(p) for p in removed)
        add(
            Finding(
                "fixed",
                f"removed {len(removed)} file(s) left by interrupted syncs ({size / 1e6:.1f} MB): "
                + ", ".join(p.name for p in removed),
            )
        )
    elif stale:
        add(
            Finding(
                "warning",
                f"{len(stale)} file(s) left by interrupted syncs: "
                + ", ".join(p.name for p in stale)
                + " (run `untally doctor` without --no-fix, or sync, to remove them)",
            )
        )
    else:
        add(Finding("ok", "no files left by interrupted syncs"))
    if not path.is_file():
        add(Finding("problem", f"no database at {path}; run `untally sync`"))
        return result
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            names = con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
            tables = {r[0] for r in names}
            missing = {"decisions", "votes", "vetoes", "provenance"} - tables
            if missing:
                add(
                    Finding(
                        "problem",
                        f"{path} opens but lacks {', '.join(sorted(missing))}: "
                        "run `untally sync` to rebuild it",
                    )
                )
            else:
                loaded = con.execute("SELECT max(loaded_at) FROM provenance").fetchall()[0][0]
                add(Finding("ok", f"{path} opens read-only; loaded {loaded:%Y-%m-%d %H:%M} UTC"))
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        if "lock" in first.lower():
            add(Finding("warning", f"{path} is open for writing by another process ({first})"))
        else:
            add(Finding("problem", f"{path} does not open ({first}): run `untally sync`"))
    failed = [a for a in result.attempts if a.get("status") not in ("ok", "dry-run")]
    if result.attempts and result.attempts[-1].get("status") != "ok":
        last = result.attempts[-1]
        add(
            Finding(
                "warning",
                f"the last sync ({last.get('started_at', '?')[:16]}) was {last.get('status')}: "
                f"{last.get('detail') or 'no detail'}",
            )
        )
    elif failed:
        add(Finding("ok", f"{len(failed)} of the last {len(result.attempts)} syncs did not finish"))
    return result


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0
