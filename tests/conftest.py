"""Shared fixtures: the mirror in ../shared/data and one database built from it per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

MIRROR = Path(
    os.environ.get("UNTALLY_MIRROR") or Path(__file__).resolve().parents[2] / "shared" / "data"
).resolve()  # UNTALLY_MIRROR may be relative: tests change directories and link to it


def mirror_or_skip() -> Path:
    if not (MIRROR / "undl" / "sc_voting.csv.gz").is_file():
        pytest.skip(f"the data mirror is not at {MIRROR}")
    return MIRROR


@pytest.fixture(scope="session")
def mirror() -> Path:
    return mirror_or_skip()


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory, mirror: Path) -> Path:
    """The full record built once from the mirror; tests must only read it."""
    from untally.store import build

    home = tmp_path_factory.mktemp("untally-home")
    db = home / "untally.duckdb"
    build(db, mirror=str(mirror))
    return db


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real data directory."""
    monkeypatch.setenv("UNTALLY_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("UNTALLY_DB", raising=False)


# Council-only databases for the sync tests that copy and re-sync one (guard, interrupts).
def council_sources():
    from untally.sources.registry import SOURCES

    return tuple(s for s in SOURCES if not s.name.startswith("undl_ga"))


@pytest.fixture(scope="module")
def sc_home(tmp_path_factory: pytest.TempPathFactory, mirror: Path) -> Path:
    """A folder holding a Council-only database synced once from the real mirror."""
    from untally.store import build

    home = tmp_path_factory.mktemp("sc-home")
    build(home / "untally.duckdb", mirror=str(mirror), sources=council_sources())
    return home


@pytest.fixture
def sc_db(sc_home: Path, tmp_path: Path) -> Path:
    """A private copy of that folder (database, kept files, log) for one test to sync over."""
    import shutil

    home = tmp_path / "db-home"
    shutil.copytree(sc_home, home)
    return home / "untally.duckdb"
