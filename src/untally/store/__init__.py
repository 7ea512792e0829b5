"""The DuckDB file that holds the record: built whole by :func:`build`, read by :class:`Store`."""

from untally.store.build import SyncReport, build
from untally.store.db import Store

__all__ = ["Store", "SyncReport", "build"]
