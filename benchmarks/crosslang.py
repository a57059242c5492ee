"""Cross-language folding: merged that should, merged that should not, per language pair.

Two sets, each judged by Vigie as it runs (`across_languages = true`) and, in the same run,
by Vigie with the cross-language step off (what it did before: word overlap only):
- our labelled events (tests/data/crosslang_events.tsv): one event's reports in two
  languages should merge; two events' reports, hard negatives included, never;
- the STS Benchmark news pairs (../shared/data, calibration only), one language's first
  sentence against another's second (en-fr, en-ru, fr-ru): pairs scored 4 and up should
  merge, 2 and below never; also per split (train, dev), since the cross-language bars
  (bot/dedup/crosslang.py) were set on these pairs; and how many of them are kept apart
  only by a negation read on one side (`crosslang.negated`).

With `--ceiling`, the STS pairs of ONE language (en first sentence against en second, fr-fr,
ru-ru) are read and scored by the cross-language step as if the two were in different
languages: a perfect translation. What the scorer merges there bounds what any lexicon can
bring it to; the within-language score of the same pairs is printed beside it. Each is shown
at its own bars and at the lowest bar that merges at most 1 % of the different pairs of the
rows shown (a bound, not a setting); the cross-language pairs too, at that bar.

With `--agreement A-B` (for example en-ru), on the TRAIN rows only: how far a sentence and its
translation read to the same ids (`Signature.said`, mean Dice), and the words of each side
whose id the other side's translation does not read, commonest first: where the lexicon,
the names or the phrases lose a translation (dev rows stay unseen, to check on). Usage:

    .venv/bin/python benchmarks/crosslang.py [--data ../shared/data/stsb_news_train_dev.tsv]
                                             [--ceiling] [--agreement en-ru [--top 40]]
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.core.config import DedupSettings  # noqa: E402
from bot.dedup.crosslang import cross_score, said_of, said_score, words_of  # noqa: E402
from bot.dedup.index import DedupIndex  # noqa: E402
from bot.dedup.score import similarity, threshold_at  # noqa: E402
from bot.dedup.stored import Prepared, prepare  # noqa: E402
from tests.support.crosslang import Pair, pairs  # noqa: E402

STS_PAIRS = (("en", "fr"), ("en", "ru"), ("fr", "ru"))
NOW = datetime(2024, 1, 1, tzinfo=UTC)
WRONG_SHARE = 0.01
"""The share of different pairs a ceiling's bar may merge."""
STAND_IN = {"en": "fr", "fr": "en", "ru": "uk"}
"""The language a report's twin is said to be in, so that the cross-language step judges
them: one of the same script, so the bar is the one-script bar."""
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


def verdict(a: tuple[str, str, datetime], b: tuple[str, str, datetime]) -> str:
    """The second report's fate beside the first: "merged", "perhaps" (shown as perhaps the
    same event, `crosslang.LINK_BAR`) or "apart"."""
    index = DedupIndex(DedupSettings())
    index.add(1, a[0], "", a[2], language=a[1])
    second = index.add(2, b[0], "", b[2], language=b[1])
    return "merged" if second.cluster_id == 1 else "perhaps" if second.perhaps == 1 else "apart"


def perhaps_table(rows: list[dict[str, str]], result: dict[str, object]) -> None:
    """How many pairs the alert shows as perhaps the same event, not merged: of our events'
    different pairs, and of the STS same-story and different pairs."""
    print("\nShown as perhaps the same event (not merged): what a user sees linked\n")
    print("| languages | own different events shown | STS 4+ merged or shown "
          "| STS 2 or less shown |")
    print("|---|---|---|---|")
    own: Counter[str] = Counter()
    for pair in (p for p in pairs() if not p.same):
        own[pair.languages] += verdict(*_sides(pair)) == "perhaps"
    for a, b in STS_PAIRS:
        same, different = ([verdict((r[f"{a}_s1"], a, NOW), (r[f"{b}_s2"], b, NOW)) for r in rows
                            if test(float(r["score"]))] for test in (_same, _different))
        hi = sum(v != "apart" for v in same) / len(same)
        lo = sum(v == "perhaps" for v in different) / len(different)
        print(f"| {a}-{b} | {own[f'{a}-{b}']} | {hi:.1%} | {lo:.1%} |")
        result[f"perhaps {a}-{b}"] = [own[f"{a}-{b}"], round(hi, 4), round(lo, 4)]


def _same(score: float) -> bool:
    return score >= 4


def _different(score: float) -> bool:
    return score <= 2


Scored = tuple[list[float | None], list[float | None]]
"""Scores of the same-story pairs (4+) and of the different pairs (<= 2); None: vetoed."""


def scored(rows: list[dict[str, str]], a: str, b: str,
           score: Callable[[Prepared, Prepared], float | None]) -> Scored:
    """Every 4+ and <= 2 pair's score, one language's first sentence, another's second."""
    same: list[float | None] = []
    different: list[float | None] = []
    for row in rows:
        value = float(row["score"])
        if value >= 4 or value <= 2:
            pair = prepare(row[f"{a}_s1"], "", a), prepare(row[f"{b}_s2"], "", b)
            (same if value >= 4 else different).append(score(*pair))
    return same, different


def at_bar(scores: Scored, bar: float | None = None) -> tuple[float, float, float]:
    """The bar (given, else the lowest merging at most WRONG_SHARE of the different pairs),
    and the shares of same-story and different pairs at or above it."""
    same, different = scores
    if bar is None:
        ranked = sorted((s for s in different if s is not None), reverse=True)
        allowed = int(WRONG_SHARE * len(different))
        bar = ranked[allowed] + 1e-9 if len(ranked) > allowed else 0.0
    def share(group: list[float | None]) -> float:
        return sum(s is not None and s >= bar for s in group) / len(group)
    return bar, share(same), share(different)


def _across(x: Prepared, y: Prepared) -> float | None:
    """The cross-language step as it runs (its bars): 1 merged, None not."""
    twin = dataclasses.replace(y.signature, language=STAND_IN[y.signature.language])
    return None if cross_score(x.signature, twin, 0.0) is None else 1.0


def _said(x: Prepared, y: Prepared) -> float | None:
    return said_score(x.signature, y.signature)


def _within(x: Prepared, y: Prepared) -> float | None:
    return similarity(x.fingerprint, y.fingerprint, 0.0)


def ceiling(rows: list[dict[str, str]], result: dict[str, object]) -> None:
    """The cross-language scorer on one language's pairs (a perfect translation), beside the
    within-language score, and the cross-language pairs at the same 1 % bar."""
    print("\nCeiling: one language's STS pairs read as if in two (a perfect translation)\n")
    print("| pairs | rows | method | bar | 4+ merged | 2 or less merged |")
    print("|---|---|---|---|---|---|")
    threshold = threshold_at(DedupSettings().threshold, 0.0)
    methods: list[tuple[str, Callable[[Prepared, Prepared], float | None], float | None]] = [
        ("cross-language step, its bars", _across, 1.0),
        ("cross-language said_score, 1 % bar", _said, None),
        ("within-language similarity, its threshold", _within, threshold),
        ("within-language similarity, 1 % bar", _within, None)]
    sides = [(lang, lang) for lang in STAND_IN] + list(STS_PAIRS)
    for (a, b), split in ((side, split) for side in sides for split in ("train", "dev", "all")):
        chosen = [r for r in rows if split in ("all", r["split"])]
        for name, score, bar in methods[:2] + methods[2:] * (a == b):
            if a != b and score is _across:
                continue  # the cross pairs as run: the table above
            found, hi, lo = at_bar(scored(chosen, a, b, score), bar)
            shown = "-" if score is _across else f"{found:.3f}" if found < 1 else f"{found:.1f}"
            print(f"| {a}-{b} | {split} | {name} | {shown} | {hi:.1%} | {lo:.1%} |")
            result[f"ceiling {a}-{b} {split} {name}"] = [round(found, 4), round(hi, 4),
                                                         round(lo, 4)]


def negation_hinges(rows: list[dict[str, str]], result: dict[str, object]) -> None:
    """How many STS pairs the cross-language step keeps apart only by a negation read on
    one side: pairs that merge once neither side is read as negated."""
    print("\nPairs kept apart only by a negation on one side\n")
    print("| languages | 4+ pairs | 2 or less pairs |")
    print("|---|---|---|")
    for a, b in STS_PAIRS:
        same, different = scored(rows, a, b, _hinges_on_negation)
        count = (sum(s is not None for s in same), sum(s is not None for s in different))
        print(f"| {a}-{b} | {count[0]} of {len(same)} | {count[1]} of {len(different)} |")
        result[f"negation hinges {a}-{b}"] = list(count)


def _hinges_on_negation(x: Prepared, y: Prepared) -> float | None:
    """1 when the pair merges only with both sides read as not negated, else None."""
    if (x.signature.negated == y.signature.negated
            or cross_score(x.signature, y.signature, 0.0) is not None):
        return None
    plain = [dataclasses.replace(p.signature, negated=False) for p in (x, y)]
    return None if cross_score(*plain, 0.0) is None else 1.0


def agreement(rows: list[dict[str, str]], a: str, b: str, top: int) -> None:
    """Mean Dice of a train sentence's ids and its translation's, and the words whose id
    the translation lacks, per side, commonest first."""
    dice: list[float] = []
    lost: dict[str, Counter[tuple[str, str]]] = {a: Counter(), b: Counter()}
    for row in (r for r in rows if r["split"] == "train"):
        for part in ("s1", "s2"):
            texts = {lang: row[f"{lang}_{part}"] for lang in (a, b)}
            said = {lang: set(prepare(text, "", lang).signature.said)
                    for lang, text in texts.items()}
            union = len(said[a]) + len(said[b])
            dice.append(2 * len(said[a] & said[b]) / union if union else 1.0)
            for lang, other in ((a, b), (b, a)):
                lost[lang].update(_lost(texts[lang], lang, said[other]))
    print(f"\nAgreement {a}-{b}, train rows: mean Dice {sum(dice) / len(dice):.3f} "
          f"over {len(dice)} sentences\n")
    for lang, counted in lost.items():
        print(f"{lang} words whose id its translation lacks ({sum(counted.values())} uses, "
              f"{len(counted)} distinct):")
        print("  " + ", ".join(f"{w} {i} {n}" for (w, i), n in counted.most_common(top)))


def _lost(text: str, language: str, other: set[str]) -> list[tuple[str, str]]:
    """(word, id) of each word of `text` whose id is not among `other`."""
    read = ((token, said_of(token, capital, reading, language))
            for token, capital, reading in words_of(text, language))
    return [(token, id_) for token, id_ in read if id_ is not None and id_ not in other]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=REPO / "../shared/data/stsb_news_train_dev.tsv")
    parser.add_argument("--ceiling", action="store_true",
                        help="also score one language's pairs as if in two (see above)")
    parser.add_argument("--agreement", metavar="A-B",
                        help="only: a train sentence's ids against its translation's (en-ru)")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    if args.agreement:
        with args.data.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        agreement(rows, *args.agreement.split("-"), args.top)
        return
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
                result[f"sts {a}-{b} Vigie {split}"] = [round(hi, 4), round(lo, 4)]
        negation_hinges(rows, result)
        perhaps_table(rows, result)
        if args.ceiling:
            ceiling(rows, result)
    else:
        print(f"\nSTS data not found at {args.data}: give its path with --data")
    print()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
