"""Weigh the cross-language lexicon (bot/dedup/lexicon.tsv) by how common its words are,
and list the commonest news words it does not cover yet. Build time only: it needs the
`wordfreq` package (pip install wordfreq), which Vigie does not need to run. Usage:

    python benchmarks/build_lexicon.py [--missing 200] [--language ru] [--reached]

Rewrites each line's weight in place: a concept's weight is 7.5 less the Zipf frequency
(log10 of uses per billion words, 1-8) of its commonest word, averaged over the four
languages, at least 1: "say" weighs 1, "earthquake" about 3.5. Then prints the words of the
language (English unless told) among the commonest 6,000 that no line reaches, or with
--reached those reached only through a stem or root, each with its concept, to read for a
wrong reach ("думаю" reaching "дума", parliament, merges two events); ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.core.text import fold  # noqa: E402
from bot.dedup.lexicon import LANGUAGE_COLUMNS, STOP, entry_of, tables  # noqa: E402

LEXICON = REPO / "bot" / "dedup" / "lexicon.tsv"
CEILING = 7.5


def weight(columns: list[str]) -> float:
    """7.5 less the mean over languages of the commonest word's Zipf frequency, >= 1."""
    zipfs = [max((zipf_frequency(word, language) for word in column.split()), default=0.0)
             for language, column in zip(LANGUAGE_COLUMNS, columns, strict=True)]
    return max(1.0, round(CEILING - sum(zipfs) / len(zipfs), 2))


def reweigh(lines: list[str]) -> list[str]:
    """Each line weighed by all the words of its concept, on whichever lines: a concept
    listed twice ("year": "years", then "лет") weighs one weight, its commonest word's."""
    merged: dict[str, list[str]] = {}
    for line in lines:
        if line and not line.startswith("#"):
            concept, _, *columns = line.split("\t")
            so_far = merged.setdefault(concept, [""] * len(columns))
            merged[concept] = [f"{a} {b}" for a, b in zip(so_far, columns, strict=True)]
    out = []
    for line in lines:
        if not line or line.startswith("#"):
            out.append(line)
            continue
        concept, _, *columns = line.split("\t")
        weighed = "1" if concept == STOP else f"{weight(merged[concept]):g}"
        out.append("\t".join([concept, weighed, *columns]))
    return out


def reached(words: list[str], language: str) -> list[str]:
    """`words` the lexicon reaches only through a stem or root, as "word:concept"."""
    listed = tables()[language].words
    return [f"{word}:{entry.concept}" for word in words if fold(word) not in listed
            and (entry := entry_of(fold(word), language)) is not None and entry.concept != STOP]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--missing", type=int, default=200)
    parser.add_argument("--language", choices=LANGUAGE_COLUMNS, default="en")
    parser.add_argument("--reached", action="store_true")
    args = parser.parse_args()
    lines = reweigh(LEXICON.read_text(encoding="utf-8").splitlines())
    LEXICON.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tables.cache_clear()
    entry_of.cache_clear()
    common = [w for w in top_n_list(args.language, 6000) if w.isalpha() and len(w) > 2]
    missing = [w for w in common if entry_of(fold(w), args.language) is None]
    listed = reached(common, args.language) if args.reached else missing
    print(" ".join(listed[: args.missing]))
    concepts = sum(1 for line in lines if line and not line.startswith(("#", STOP)))
    words = {language: len(tables()[language].words) for language in LANGUAGE_COLUMNS}
    print(json.dumps({"concepts": concepts, "words": words, "language": args.language,
                      "top6000_covered": round(1 - len(missing) / len(common), 3)}))


if __name__ == "__main__":
    main()
