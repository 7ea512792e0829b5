"""Where untally keeps its database and where sync reads from.

One place for the environment settings, so the CLI, the API and the tests agree:

* ``UNTALLY_HOME``: folder of the database (default: the user's data directory).
* ``UNTALLY_DB``: the database file itself (overrides ``UNTALLY_HOME``).
* ``UNTALLY_MIRROR``: a folder or an http(s) URL laid out like ``../shared/data``; when set,
  ``untally sync`` reads it instead of the official upstream URLs.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

DB_NAME = "untally.duckdb"


def home() -> Path:
    """The folder that holds the database and the download cache."""
    env = os.environ.get("UNTALLY_HOME")
    return Path(env).expanduser() if env else Path(user_data_dir("untally", appauthor=False))


def db_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The database file: ``--db`` beats ``UNTALLY_DB`` beats ``UNTALLY_HOME``."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get("UNTALLY_DB")
    return Path(env).expanduser() if env else home() / DB_NAME


def cache_dir() -> Path:
    """Downloads land here (``*.part`` while incomplete, so an interrupted sync resumes)."""
    return home() / "downloads"


def mirror(override: str | None = None) -> str | None:
    """The mirror to sync from, if any: ``--from`` beats ``UNTALLY_MIRROR``."""
    return override or os.environ.get("UNTALLY_MIRROR") or None
