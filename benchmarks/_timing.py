"""The one timing helper the benchmarks share: the median of repeated wall-clock runs.

The median, not the mean: on a shared machine single runs vary by up to 2x, and the median
of several runs is what every table in docs/performance.md reports.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def timed_result(fn: Callable[[], T], runs: int) -> tuple[float, T]:
    """Median seconds of ``runs`` calls of ``fn``, and what the last call returned."""
    times: list[float] = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result  # type: ignore[return-value]


def timed(fn: Callable[[], object], runs: int) -> float:
    """Median seconds of ``runs`` calls of ``fn``."""
    return timed_result(fn, runs)[0]
