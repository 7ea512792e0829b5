"""The DuckDB file that holds the record: built whole by :func:`build`, read by :class:`Store`.

``build`` and ``SyncReport`` are loaded on first use: they bring in every source reader
(PyArrow, httpx), which a read-only question does not need.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from untally.store.db import Store

if TYPE_CHECKING:
    from untally.store.build import SyncReport, build

__all__ = ["Store", "SyncReport", "build"]

_LAZY = ("build", "SyncReport")


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module("untally.store.build"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Package(types.ModuleType):
    """Keep ``untally.store.build`` the function: importing the submodule of the same name
    would otherwise set the package attribute to the module (the eager import hid this)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "build" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
