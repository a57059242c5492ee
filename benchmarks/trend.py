"""Benchmark /trend (issue 17): what matplotlib costs to import, to draw a chart, and what
counting a topic's stories costs per story.

Import: a fresh interpreter importing matplotlib's Figure and Agg canvas, against the same
interpreter importing python-telegram-bot (which every `vigie run` imports anyway), each
the median of 5 runs. Drawing: `draw` of a 14-day and a 90-day chart in 4 languages, after
the first chart of the process, which imports matplotlib (timed apart).
Counting: `coverage` of STORIES stored stories (about 1 KB each, one in ten on the topic)
with the throwaway one-topic matcher /trend builds, against the baseline in the same
process: `tally` of the same stories without matching (reading and bucketing only).
Times are wall-clock on a shared machine: runs vary by about 20 %.

    .venv/bin/python benchmarks/trend.py [--stories 100000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.match.matcher import Matcher  # noqa: E402
from bot.match.topics import builtin_topics  # noqa: E402
from bot.report.chart import ChartWords, draw  # noqa: E402
from bot.report.trend import Stored, coverage, day_span, tally  # noqa: E402

NOW = datetime(2031, 6, 1, 12, 0, tzinfo=UTC)  # any date: nothing here reads the clock
SENTENCE = ("ministers met on Thursday to discuss supplies, air defence, grain corridors, "
            "energy prices and the reconstruction of bridges near the front line")
WORDS = SENTENCE.split(" ")
LANGUAGES = ["en", "fr", "uk", "ru"]


def import_seconds(module_code: str, runs: int = 5) -> float:
    """Median wall time of a fresh interpreter running `module_code`, less an empty one."""
    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    empty = statistics.median(once("pass") for _ in range(runs))
    return statistics.median(once(module_code) for _ in range(runs)) - empty


def stories(count: int) -> list[Stored]:
    """Stored stories over 90 days, one in ten on NATO, about 1 KB of text each."""
    rng = random.Random(17)
    made = []
    for n in range(count):
        title = ("NATO " if n % 10 == 0 else "") + " ".join(rng.choices(WORDS, k=10))
        summary = " ".join(rng.choices(WORDS, k=150))
        published = NOW - timedelta(minutes=rng.randrange(90 * 24 * 60))
        made.append((title, summary, published, LANGUAGES[n % 4]))
    return made


def chart_seconds(days: int) -> float:
    trend = tally(((NOW - timedelta(hours=h), LANGUAGES[h % 4]) for h in range(days * 24)),
                  day_span(NOW, "UTC", days), "UTC")
    words = ChartWords("topic nato: stories per day", "most: {count}",
                       "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
                       {key: key for key in LANGUAGES})
    start = time.perf_counter()
    draw(trend, words)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=100_000)
    args = parser.parse_args()
    figure = "import matplotlib.figure, matplotlib.backends.backend_agg"
    print(f"import matplotlib (Figure + Agg): {import_seconds(figure):.2f} s; "
          f"import telegram.ext (baseline): {import_seconds('import telegram.ext'):.2f} s")
    print(f"first chart of this process (the import included): {chart_seconds(14):.2f} s")
    for days in (14, 90):
        print(f"chart of {days} days, 4 languages: {chart_seconds(days) * 1000:.0f} ms")
    made = stories(args.stories)
    span = day_span(NOW, "UTC", 90)
    matcher = Matcher({"nato": builtin_topics()["nato"]})
    start = time.perf_counter()
    found = coverage(made, matcher, "topic:nato", span, "UTC")
    matched = time.perf_counter() - start
    start = time.perf_counter()
    tally(((published, language or "") for _, _, published, language in made), span, "UTC")
    baseline = time.perf_counter() - start
    per_story = matched / len(made) * 1e6
    print(f"counting {len(made):,} stories (90 days): {matched:.2f} s, {per_story:.0f} µs a "
          f"story, {found.total:,} on the topic; tally alone (baseline) {baseline:.2f} s, "
          f"matching costs {matched / baseline:.0f}x the bucketing")


if __name__ == "__main__":
    main()
