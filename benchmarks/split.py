"""Benchmark the bulletin splitter (issue 14): its judgement on our labelled items and its cost.

Judgement: every item of tests/data/bulletins (bulletins of each shape and the look-alikes that
must stay whole, in fr/en/uk/ru, written for the project) through `split_bulletin`, counted as
split correctly (exactly its parts, headlines in order), split wrongly, left whole correctly,
left whole wrongly.

Cost: CPU µs per item of `normalise_item` (normalise, decide, split) against the baseline in the
same process, `normalise_entry` alone (what ingest did before), for a normal item and a
bulletin. Times are process CPU time, best of 5 runs of N items.

    .venv/bin/python benchmarks/split.py
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.ingest.normalise import normalise_entry, normalise_item  # noqa: E402
from bot.ingest.parse import Entry  # noqa: E402
from tests.support.bulletins import load_cases, render_table, score  # noqa: E402

NOW = datetime(2026, 3, 1, tzinfo=UTC)
FEED = "https://bench.example/rss"
N = 2_000


def per_item_us(work: Callable[[Entry], object], entry: Entry) -> float:
    """Best of 5 runs of N calls, in CPU µs per call."""
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        for _ in range(N):
            work(entry)
        best = min(best, time.process_time() - started)
    return best / N * 1e6


def main() -> None:
    cases = {case.name: case for case in load_cases()}
    print(render_table(score(list(cases.values()))))
    print()
    print("| item | normalise only (µs) | normalise + decide + split (µs) | ratio |")
    print("|---|---|---|---|")
    for label, name in (("normal item", "en_single"), ("bulletin", "fr_headline_paragraphs")):
        case = cases[name]
        entry = Entry("g-1", "https://bench.example/a", case.title, case.html, NOW)
        base = per_item_us(lambda e: normalise_entry(e, FEED, "Bench", "en", NOW), entry)
        full = per_item_us(lambda e: normalise_item(e, FEED, "Bench", "en", NOW), entry)
        print(f"| {label} | {base:.0f} | {full:.0f} | {full / base:.1f}x |")


if __name__ == "__main__":
    main()
