"""The one small interface every upstream implements.

A :class:`Source` names its files (official URL, where a mirror keeps them, the pinned
checksum when one is published) and a pure ``parse`` from local paths to typed Arrow
tables. Fetching is shared (:mod:`untally.sources.fetch`), so every source gets the same
streaming, resume, retry and checksum behaviour, and the store never sees a half file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa


@dataclass(frozen=True)
class SourceFile:
    """One upstream file.

    ``url`` is the official location; ``None`` marks a file that only a mirror carries
    (a supplement whose rows the official file already holds), skipped by an online sync.
    ``mirror_path`` is where a mirror laid out like ``../shared/data`` keeps it.
    ``note`` is the one short phrase every answer resting on the file's rows must carry
    (a secondary or third-party source), or ``None`` for an official file.
    ``in_mirror`` is false for an official file a mirror does not carry (Voteview's full
    per-congress files): a sync from a mirror skips it, as an online sync skips ``url=None``.
    """

    key: str
    url: str | None
    mirror_path: str
    sha256: str | None = None
    optional: bool = False
    note: str | None = None
    in_mirror: bool = True


@dataclass(frozen=True)
class Source:
    """An upstream: who publishes it, under which terms, and how to read it."""

    name: str
    title: str
    publisher: str
    terms: str
    files: tuple[SourceFile, ...]
    parse: Callable[[str, Path], pa.Table]  # (file key, local path) -> typed rows of that file
    # Files that only make sense together (Voteview's roll calls, votes and members of each
    # congress; SIPRI's one table per supplier) -> the tables the store loads, by key.
    combine: Callable[[dict[str, pa.Table]], dict[str, pa.Table]] | None = None
