"""Where untally keeps its database and where sync reads from.

One place for the environment settings, so the CLI, the API and the tests agree:

* ``UNTALLY_HOME``: folder of the database (default: the user's data directory).
* ``UNTALLY_DB``: the database file itself (overrides ``UNTALLY_HOME``).
* ``UNTALLY_MIRROR``: a folder or an http(s) URL laid out like ``../shared/data``; when set,
  ``untally sync`` reads it instead of the official upstream URLs.

What an online sync reads of the US sources (docs/data-sources.md, "Online"):

* ``UNTALLY_VOTEVIEW_CONGRESSES`` / ``UNTALLY_VOTEVIEW_CHAMBERS``: Voteview's congresses
  (default ``113-119``) and chambers (default ``H,S``).
* ``UNTALLY_SIPRI_TABLES``: where SIPRI's exported tables are (no default: SIPRI has no
  dependable download URL); ``UNTALLY_SIPRI_SUPPLIERS``: whose tables.
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


# ------------------------------------------------------------------ US support, online

VOTEVIEW_CONGRESSES = "113-119"
VOTEVIEW_CHAMBERS = "H,S"
# SIPRI's own supplier codes (as in its table downloads): the largest exporters and every
# supplier of more than a trace of Israel's imports since 1950. Arms shares are shares of
# what the loaded suppliers delivered, so add a supplier's code to count it.
SIPRI_SUPPLIERS = "USA,RUS,USR,FRA,CHI,FRG,ITA,UK,SPA,ISR,NET,TUR,SWE,SWI,UKR,CAN,AUS,CZR,POL"


def _setting(name: str, default: str) -> str:
    return (os.environ.get(name) or default).strip()


def voteview_congresses() -> tuple[int, ...]:
    """``UNTALLY_VOTEVIEW_CONGRESSES``: the congresses an online sync reads from Voteview,
    as numbers and ranges (``113-119``, ``116,117``); default the 113th to the 119th."""
    from untally.errors import UntallyError

    text = _setting("UNTALLY_VOTEVIEW_CONGRESSES", VOTEVIEW_CONGRESSES)
    out: list[int] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        first, _, last = part.partition("-")
        if not (first.isdigit() and (not last or last.isdigit())):
            raise UntallyError(
                f"UNTALLY_VOTEVIEW_CONGRESSES: {part!r} is not a congress or a range",
                "write congresses as numbers and ranges, e.g. 113-119 or 116,117",
            )
        lo, hi = int(first), int(last or first)
        if not 1 <= lo <= hi <= 200:
            raise UntallyError(
                f"UNTALLY_VOTEVIEW_CONGRESSES: {part!r} is out of range",
                "give congresses from 1 to the current one, e.g. 113-119",
            )
        out.extend(range(lo, hi + 1))
    if not out:
        raise UntallyError("UNTALLY_VOTEVIEW_CONGRESSES is empty", "e.g. 113-119")
    return tuple(sorted(set(out)))


def voteview_chambers() -> tuple[str, ...]:
    """``UNTALLY_VOTEVIEW_CHAMBERS``: ``H``, ``S`` or both (default ``H,S``)."""
    from untally.errors import UntallyError

    text = _setting("UNTALLY_VOTEVIEW_CHAMBERS", VOTEVIEW_CHAMBERS)
    names = {"H": "H", "HOUSE": "H", "S": "S", "SENATE": "S"}
    out = []
    for part in filter(None, (p.strip().upper() for p in text.split(","))):
        if part not in names:
            raise UntallyError(
                f"UNTALLY_VOTEVIEW_CHAMBERS: {part!r} is not a chamber", "use H, S or H,S"
            )
        out.append(names[part])
    if not out:
        raise UntallyError("UNTALLY_VOTEVIEW_CHAMBERS is empty", "use H, S or H,S")
    return tuple(dict.fromkeys(out))


def sipri_suppliers() -> tuple[str, ...]:
    """``UNTALLY_SIPRI_SUPPLIERS``: SIPRI supplier codes whose export tables are read."""
    from untally.errors import UntallyError

    text = _setting("UNTALLY_SIPRI_SUPPLIERS", SIPRI_SUPPLIERS)
    codes = [p.strip().upper() for p in text.split(",") if p.strip()]
    bad = [c for c in codes if not c.isalnum() or len(c) > 6]
    if bad or not codes:
        raise UntallyError(
            f"UNTALLY_SIPRI_SUPPLIERS: {', '.join(bad) or 'empty'} is not a list of SIPRI codes",
            "give SIPRI's supplier codes, comma-separated, e.g. USA,FRG,UK",
        )
    return tuple(dict.fromkeys(codes))


def sipri_tables() -> str | None:
    """``UNTALLY_SIPRI_TABLES``: a folder or http(s) URL holding SIPRI's TIV export tables
    (``TIV-Export-<CODE>.csv``, or a template with ``{supplier}``); unset, an online sync
    has no SIPRI data (SIPRI publishes no stable download URL)."""
    return os.environ.get("UNTALLY_SIPRI_TABLES") or None
