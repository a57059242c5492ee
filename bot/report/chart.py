"""A trend drawn as a PNG line chart, with matplotlib's Agg backend (no display needed).

matplotlib is imported on the first chart, not at start: it costs more to import than the
rest of Vigie (README, "Limits measured"). Figures are built with the object API, never
pyplot, so no global state is shared and a chart can be drawn in a worker thread.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from bot.core.config import CHART_SIZE
from bot.report.trend import Trend

if TYPE_CHECKING:
    from matplotlib.axes import Axes

DPI = 100


@dataclass(frozen=True, slots=True)
class ChartWords:
    """The chart's words, in the chat's language (plain text)."""

    title: str
    peak: str  # "most: {count}"
    months: str  # twelve names separated by spaces
    labels: dict[str, str]  # series key -> legend label


def day_label(day: date, months: str) -> str:
    """"6 Dec", with the chat's month names."""
    return f"{day.day} {months.split()[day.month - 1]}"


def draw(trend: Trend, words: ChartWords, size: tuple[int, int] = CHART_SIZE) -> bytes:
    """The chart as PNG bytes, `size` pixels: one line a series, the peak day marked."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(size[0] / DPI, size[1] / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    xs = list(range(len(trend.days)))
    for key, counts in trend.series.items():
        axes.plot(xs, counts, marker="o", linewidth=2, label=words.labels.get(key, key))
    mark_peak(axes, trend, words)
    axes.set_title(words.title)
    axes.set_xticks(xs, [day_label(day, words.months) for day in trend.days],
                    rotation=45 if len(xs) > 7 else 0, ha="right" if len(xs) > 7 else "center")
    thin_ticks(axes, len(xs))
    axes.set_ylim(bottom=0)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.grid(alpha=0.3)
    if len(trend.series) > 1:
        axes.legend()
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def mark_peak(axes: Axes, trend: Trend, words: ChartWords) -> None:
    """A dashed line on the day of the most coverage, labelled with its count."""
    index, count = trend.peak
    axes.axvline(index, color="crimson", linestyle="--", alpha=0.6)
    axes.annotate(words.peak.format(count=count), (index, count), textcoords="offset points",
                  xytext=(0, 8), ha="center", color="crimson")


def thin_ticks(axes: Axes, count: int) -> None:
    """At most about 15 day labels, so 90 days stay readable."""
    step = max(1, -(-count // 15))
    for n, label in enumerate(axes.get_xticklabels()):
        label.set_visible(n % step == 0)
