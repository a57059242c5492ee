"""Cross-language folding: merged that should, merged that should not, per language pair.

Two sets, each judged by Vigie as it runs (`across_languages = true`) and, in the same run,
by Vigie with the cross-language step off (what it did before: word overlap only):
- our labelled events (tests/data/crosslang_events.tsv): one event's reports in two
  languages should merge; two events' reports, hard negatives included, never;
- the STS Benchmark news pairs (../shared/data, calibration only), one language's first
  sentence against another's second (en-fr, en-ru, fr-ru): pairs scored 4 and up should
  merge, 2 and below never; also per split (train, dev), since the cross-language bars
  (bot/dedup/crosslang.py) were set on these pairs. Usage:

    .venv/bin/python benchmarks/crosslang.py [--data ../shared/data/stsb_news_train_dev.tsv]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.core.config import DedupSettings  # noqa: E402
from bot.dedup.index import DedupIndex  # noqa: E402
from tests.support.crosslang import Pair, pairs  # noqa: E402

STS_PAIRS = (("en", "fr"), ("en", "ru"), ("fr", "ru"))
NOW = datetime(2024, 1, 1, tzinfo=UTC)
METHODS = {"Vigie": DedupSettings(), "word overlap only (before)":
           DedupSettings(across_languages=False)}


def judged(settings: DedupSettings, a: tuple[str, str, datetime],
           b: tuple[str, str, datetime]) -> bool:
    """Two reports (title, language, time) through a fresh window: one cluster?"""
    index = DedupIndex(settings)
    index.add(1, a[0], "", a[2], language=a[1])
    return index.add(2, b[0], "", b[2], language=b[1]).cluster_id == 1


def own_table(settings: DedupSettings) -> dict[str, list[int]]:
    """Language pair -> [should merged, should, should-not merged, should not]."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for pair in pairs():
        row, merged = table[pair.languages], judged(settings, *_sides(pair))
        offset = 0 if pair.same else 2
        row[offset] += merged
        row[offset + 1] += 1
    return dict(table)


def _sides(pair: Pair) -> tuple[tuple[str, str, datetime], tuple[str, str, datetime]]:
    return ((pair.first.title, pair.first.lang, pair.first.at),
            (pair.second.title, pair.second.lang, pair.second.at))


def sts_shares(rows: list[dict[str, str]], settings: DedupSettings, a: str,
               b: str) -> tuple[float, float]:
    """Share of same-story pairs (4+) merged and of different pairs (<= 2) merged."""
    def share(group: list[dict[str, str]]) -> float:
        return sum(judged(settings, (r[f"{a}_s1"], a, NOW), (r[f"{b}_s2"], b, NOW))
                   for r in group) / len(group)

    return (share([r for r in rows if float(r["score"]) >= 4]),
            share([r for r in rows if float(r["score"]) <= 2]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=REPO / "../shared/data/stsb_news_train_dev.tsv")
    args = parser.parse_args()
    result: dict[str, object] = {}
    print("Our labelled events\n")
    print("| languages | method | same event merged | different events merged |")
    print("|---|---|---|---|")
    for name, settings in METHODS.items():
        table = own_table(settings)
        for langs, (hit, same, wrong, different) in sorted(table.items()):
            same_text = f"{hit}/{same}" if same else "-"
            print(f"| {langs} | {name} | {same_text} | {wrong}/{different} |")
        result[f"own {name}"] = {k: v for k, v in sorted(table.items())}
    if args.data.exists():
        with args.data.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        print("\nSTS news pairs, one language's first sentence with another's second\n")
        print("| languages | method | pairs scored 4+ merged | pairs scored 2 or less merged |")
        print("|---|---|---|---|")
        for a, b in STS_PAIRS:
            for name, settings in METHODS.items():
                hi, lo = sts_shares(rows, settings, a, b)
                print(f"| {a}-{b} | {name} | {hi:.1%} | {lo:.1%} |")
                result[f"sts {a}-{b} {name}"] = [round(hi, 4), round(lo, 4)]
            for split in ("train", "dev"):  # the bars were set on all; dev is the smaller half
                hi, lo = sts_shares([r for r in rows if r["split"] == split], DedupSettings(),
                                    a, b)
                print(f"| {a}-{b} | Vigie, {split} rows only | {hi:.1%} | {lo:.1%} |")
    else:
        print(f"\nSTS data not found at {args.data}: give its path with --data")
    print()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
