"""Figures for the General Assembly analyses: a text sparkline for terminals and matplotlib
charts (PNG or SVG, chosen by the file's suffix) for agreement and ideal points over time.

matplotlib is imported only when a figure is drawn, with the non-interactive Agg backend, so
the CLI starts fast and works without a display. Every figure names its convention or model
and its source in the caption line, because a chart that travels alone must still say what
it counts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from untally.errors import UntallyError

BARS = "▁▂▃▄▅▆▇█"
FORMATS = {".png", ".svg"}


def sparkline(values: Sequence[float | None], lo: float = 0.0, hi: float = 1.0) -> str:
    """One character per value on a fixed scale (default 0–1, so two lines compare); a
    space where there is no value."""
    span = (hi - lo) or 1.0
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            out.append(" ")
            continue
        k = round((min(max(v, lo), hi) - lo) / span * (len(BARS) - 1))
        out.append(BARS[k])
    return "".join(out)


def figure_path(path: str | Path) -> Path:
    """The figure's path, checked before any work: a known suffix and an existing folder."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS:
        raise UntallyError(
            f"cannot draw {path.name}: unknown figure type", "name the file .png or .svg"
        )
    if not path.parent.exists():
        raise UntallyError(f"folder {path.parent} does not exist", "create it first")
    return path


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _finish(fig: Any, ax: Any, path: Path, note: str) -> Path:
    ax.grid(True, alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    fig.text(0.01, 0.01, note, fontsize=8, color="0.35", ha="left", va="bottom", wrap=True)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    fig.savefig(path, dpi=150)
    _pyplot().close(fig)
    return path


def plot_agreement(
    series: dict[str, list[tuple[int, float | None]]],
    path: str | Path,
    *,
    title: str,
    convention: str,
    by: str = "year",
) -> Path:
    """Agreement (percent) over time, one line per pair: ``series`` maps a label such as
    "USA–ISR" to (period, share 0–1) points."""
    path = figure_path(path)
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 4.8))
    for label, points in series.items():
        xs = [p for p, v in points if v is not None]
        ys = [100 * v for _, v in points if v is not None]
        ax.plot(xs, ys, marker="o", markersize=3, linewidth=1.5, label=label)
    ax.set_ylim(0, 100)
    ax.set_xlabel("session" if by == "session" else "year")
    ax.set_ylabel("agreement (%)")
    ax.set_title(title)
    if len(series) > 1:
        ax.legend(frameon=False, fontsize=9)
    note = (
        f"Convention: {convention}. Source: UN Digital Library, General Assembly voting data "
        "(recorded votes on adopted resolutions)."
    )
    return _finish(fig, ax, path, note)


def plot_ideal_points(
    series: dict[str, list[tuple[int, float, float]]],
    path: str | Path,
    *,
    title: str,
    model: str,
    published: dict[str, list[tuple[int, float]]] | None = None,
    release: str = "published estimates",
) -> Path:
    """Ideal points over time, one line per state with a ±2 sd band: ``series`` maps a code
    to (year, ideal, sd). ``published`` adds a second panel on the published scale (the two
    scales differ, so they are not overlaid)."""
    path = figure_path(path)
    plt = _pyplot()
    panels = 2 if published else 1
    fig, axes = plt.subplots(1, panels, figsize=(9 if panels == 1 else 13, 5), squeeze=False)
    ax = axes[0][0]
    colours = {}
    for code, points in series.items():
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        sd = [p[2] for p in points]
        (line,) = ax.plot(xs, ys, linewidth=1.6, label=code)
        colours[code] = line.get_color()
        ax.fill_between(
            xs,
            [y - 2 * s for y, s in zip(ys, sd, strict=True)],
            [y + 2 * s for y, s in zip(ys, sd, strict=True)],
            color=line.get_color(),
            alpha=0.15,
            linewidth=0,
        )
    ax.set_xlabel("year (session + 1945)")
    ax.set_ylabel("ideal point (untally scale)")
    ax.set_title(title)
    ax.legend(frameon=False, fontsize=9, loc="best")
    if published:
        right = axes[0][1]
        for code, published_points in published.items():
            right.plot(
                [p[0] for p in published_points],
                [p[1] for p in published_points],
                linewidth=1.6,
                color=colours.get(code, "0.5"),
                label=code,
            )
        right.set_xlabel("year (session + 1945)")
        right.set_ylabel("ideal point (published scale)")
        right.set_title(release, fontsize=10)
        right.grid(True, alpha=0.3)
        right.spines[["top", "right"]].set_visible(False)
    note = f"Model: {model}. Band: ±2 posterior sd. Source: UN Digital Library GA voting data."
    return _finish(fig, ax, path, note)
