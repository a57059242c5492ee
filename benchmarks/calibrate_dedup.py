"""Calibrate dedup on the STS Benchmark news pairs (en, fr, ru) against a plain fuzzy score.

Each pair is two stories published at the same instant. A pair scored 4-5 by people is the
same story told twice and should merge; a pair scored 0-2 is two stories and should not. The
plain baseline is `rapidfuzz.fuzz.token_set_ratio >= 85` on the raw sentences (and, for
reference, on the same folded text Vigie sees). Usage:

    .venv/bin/python benchmarks/calibrate_dedup.py [--data ../shared/data/stsb_news_train_dev.tsv]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from rapidfuzz import fuzz

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.core.config import DedupSettings  # noqa: E402
from bot.core.text import fold  # noqa: E402
from bot.dedup.index import DedupIndex  # noqa: E402

LANGUAGES = ("en", "fr", "ru")
BASELINE_CUTOFF = 85
Judge = Callable[[str, str], bool]


def vigie(settings: DedupSettings) -> Judge:
    """Two stories at the same instant through a fresh window: merged or not."""
    now = datetime(2024, 1, 1, tzinfo=UTC)

    def judge(a: str, b: str) -> bool:
        index = DedupIndex(settings)
        index.add(1, a, "", now)
        return index.add(2, b, "", now).duplicate_of == 1

    return judge


def baseline(a: str, b: str) -> bool:
    return fuzz.token_set_ratio(a, b) >= BASELINE_CUTOFF


def baseline_folded(a: str, b: str) -> bool:
    return fuzz.token_set_ratio(fold(a), fold(b)) >= BASELINE_CUTOFF


def merged_shares(rows: list[dict[str, str]], lang: str, judge: Judge) -> tuple[float, float]:
    """Share of same-story pairs (score >= 4) merged, and of different pairs (<= 2) merged."""
    same = [r for r in rows if float(r["score"]) >= 4]
    different = [r for r in rows if float(r["score"]) <= 2]

    def share(group: list[dict[str, str]]) -> float:
        return sum(judge(r[f"{lang}_s1"], r[f"{lang}_s2"]) for r in group) / len(group)

    return share(same), share(different)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = REPO / "../shared/data/stsb_news_train_dev.tsv"
    parser.add_argument("--data", type=Path, default=default)
    parser.add_argument("--threshold", type=float, default=DedupSettings().threshold)
    args = parser.parse_args()
    with args.data.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    judges = {
        f"Vigie (threshold {args.threshold:g})": vigie(DedupSettings(threshold=args.threshold)),
        "token_set_ratio >= 85": baseline,
        "token_set_ratio >= 85, folded": baseline_folded,
    }
    same = sum(float(r["score"]) >= 4 for r in rows)
    different = sum(float(r["score"]) <= 2 for r in rows)
    print(f"{len(rows)} pairs: {same} scored >= 4, {different} scored <= 2\n")
    print("| lang | method | >= 4 merged (higher is better) | <= 2 merged (lower is better) |")
    print("|---|---|---|---|")
    result: dict[str, object] = {"threshold": args.threshold}
    for lang in LANGUAGES:
        shares = {name: merged_shares(rows, lang, judge) for name, judge in judges.items()}
        for name, (hi, lo) in shares.items():
            print(f"| {lang} | {name} | {hi:.1%} | {lo:.1%} |")
        (v_hi, v_lo), (b_hi, b_lo) = list(shares.values())[:2]
        result[lang] = {"vigie": [round(v_hi, 4), round(v_lo, 4)],
                        "baseline": [round(b_hi, 4), round(b_lo, 4)],
                        "beats_both": v_hi > b_hi and v_lo < b_lo}
    print()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
