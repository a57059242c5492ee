"""Benchmark the matcher (issue 4): topics + every chat's filters against a stream of stories.

Workload: CHATS chats with 5 filters each (drawn Zipf-like from a content vocabulary, so
popular words recur across chats as they do in real use: single words, AND, OR, phrases,
prefixes, exclusions), plus topic subscriptions; STORIES generated stories of about 1 KB of
multilingual text (en, fr, de, uk, ru; stop words, accents, apostrophes, hyphens, a few
topic mentions and traps). Runs the default case (10,000 chats = 50,000 filters) and the
100,000-filter case.

Vigie: `Matcher.match(title, summary)` on every story, folding included (the fold cache
warmed on 200 stories first, as a running bot has it); the fan-out from filter ids to chats
is the caller's work, timed apart and printed beside it. A share of filter words
(--common-share) are common content words, so some filters match many stories; the output
says what share of filters match per story. Baseline in the same process: one compiled
regex per filter (and per topic) over the folded words, evaluated on every story; it is too
slow to run on all stories, so it runs on a sample and is scaled per story (said in the
output). A second baseline, fairer: an inverted index from words to filters, each candidate
checked with `bot.match.filters.evaluate` (the reference), on the same sample; both ratios
are printed. The old target of 120 us a story is retired (issue 16: matching is 0.2 % of
the cost of a story). The two must agree on that sample. Memory: peak RSS of the process after the
Vigie phase. Times are CPU time of this process (time.process_time); on a shared machine
other work still evicts the index from the caches, so runs vary by about 20 %.

    .venv/bin/python benchmarks/match.py            # both cases, about 5 minutes
    .venv/bin/python benchmarks/match.py --quick    # small smoke run

Last line: one JSON object (top level = the 100,000-filter case; every case under "cases").
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import random
import re
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.core.errors import FilterSyntaxError  # noqa: E402
from bot.core.text import words  # noqa: E402
from bot.match.filters import And, FilterExpr, Node, Not, Or, Term, evaluate, parse_filter  # noqa: E402
from bot.match.matcher import Matcher, term_key  # noqa: E402
from bot.match.topics import Topic, builtin_topics  # noqa: E402

_STOP_WORDS = {
    "en": "the of and to in a is that for on was with said as by at from it has were have "
          "after his their an are be this not who they which over new two more",
    "fr": "le la les de des du et à en un une est que qui dans pour sur par au aux il elle "
          "ont été a l' d' plus selon après cette ses son",
    "de": "der die das und in den von zu mit sich des auf für ist im dem nicht ein eine "
          "als auch es an werden aus er hat dass sie nach bei",
    "uk": "і в на з що не до у за як та про від це його її було року після вже також "
          "під час між їх він вона може",
    "ru": "и в на с что не по к у за как о от это его ее было года после уже также "
          "под время между их он она может",
}
STOP = {language: text.split() for language, text in _STOP_WORDS.items()}
MENTIONS = ["NATO", "l’OTAN", "НАТО", "OSCE", "ОБСЄ", "Kherson", "Херсоні", "Херсонщину",
            "senator", "губернатор", "натовп", "Херсонеса", "NATO-Gipfel", "OSZE"]
LATIN = "ba be bi bo bu da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no pa pe " \
        "pi po ra re ri ro sa se si so ta te ti to va ve vi vo za zé rè lö mü ça gn str tr"
CYRILLIC = "ба бе бі бо да де ді до ка ке кі ко ла ле лі ло ма ме мі мо на не ні но па пе " \
           "по ра ре рі ро са се сі со та те ті то ва ве ві во за зе ри ли ми ни ти ви ой ій"


def content_words(rng: random.Random, count: int) -> list[str]:
    """Distinct pseudo-words, Latin and Cyrillic, 2-5 syllables."""
    pools = [LATIN.split(), CYRILLIC.split()]
    found: dict[str, None] = {}
    while len(found) < count:
        pool = pools[len(found) % 2]
        found["".join(rng.choices(pool, k=rng.randint(2, 5)))] = None
    return list(found)


@dataclass
class Corpus:
    vocabulary: list[str]
    weights: list[float]
    rng: random.Random
    first_rank: int = 1000
    common_share: float = 0.0

    def word(self) -> str:
        """A word as stories use them: Zipf over the whole vocabulary."""
        return self.rng.choices(self.vocabulary, cum_weights=self.weights)[0]

    def keyword(self) -> str:
        """A word as users pick them: log-uniform over ranks from `first_rank` on (names,
        places, things), and with `common_share` a common content word (log-uniform over
        ranks 10 to `first_rank`: "war", "drone", "attack"; never a stop word)."""
        first = 10 if self.rng.random() < self.common_share else self.first_rank
        last = self.first_rank if first == 10 else len(self.vocabulary)
        low, high = math.log(first), math.log(last)
        return self.vocabulary[int(math.exp(self.rng.uniform(low, high))) - 1]


def make_corpus(seed: int, size: int = 30_000) -> Corpus:
    rng = random.Random(seed)
    vocabulary = content_words(rng, size)
    cumulative, total = [], 0.0
    for rank in range(1, size + 1):
        total += 1.0 / rank**0.9
        cumulative.append(total)
    return Corpus(vocabulary, cumulative, rng)


def sentence(corpus: Corpus, language: str, length: int) -> str:
    rng = corpus.rng
    tokens = []
    for _ in range(length):
        roll = rng.random()
        if roll < 0.45:
            tokens.append(rng.choice(STOP[language]))
        elif roll < 0.455:
            tokens.append(rng.choice(MENTIONS))
        else:
            word = corpus.word()
            tokens.append(word.capitalize() if rng.random() < 0.15 else word)
        if rng.random() < 0.06:
            tokens[-1] += rng.choice([",", ";", ":", "’s", "-" + corpus.word()])
    text = " ".join(tokens)
    return text[0].upper() + text[1:] + rng.choice([".", ".", "!", "?", " —"])


def make_stories(corpus: Corpus, count: int, size: int = 1000) -> list[tuple[str, str]]:
    stories = []
    for _ in range(count):
        language = corpus.rng.choice(list(STOP))
        title = sentence(corpus, language, corpus.rng.randint(7, 13))
        summary = ""
        while len(title) + len(summary) < size:
            summary += sentence(corpus, language, corpus.rng.randint(8, 20)) + " "
        stories.append((title, summary[: size - len(title)]))
    return stories


def make_filter(corpus: Corpus) -> str:
    """One user filter, shaped like what people type."""
    rng, w = corpus.rng, corpus.keyword
    shapes: list[Callable[[], str]] = [
        lambda: w(),
        lambda: w(),
        lambda: f"{w()} {w()}",
        lambda: f"{w()} OR {w()}",
        lambda: f"{w()} ({w()} OR {w()})",
        lambda: f'"{w()} {w()}"',
        lambda: f"{w()[:5]}*",
        lambda: f"{w()} -{w()}",
        lambda: f'{w()} -"{w()} {w()}" -{w()}',
    ]
    return rng.choice(shapes)()


def valid_filter(corpus: Corpus) -> FilterExpr:
    """A filter that parses (a random draw may be `x -x`, which the parser refuses)."""
    while True:
        try:
            return parse_filter(make_filter(corpus))
        except FilterSyntaxError:
            continue


# --- baseline: one regex per filter ----------------------------------------------------


def _regex(node: Node) -> str:
    """A lookahead regex, matched at 0 over ' w1 w2 \\n s1 s2 ', equal to the filter."""
    if isinstance(node, Term):
        return f"(?=.*?{re.escape(term_key(node))})"
    if isinstance(node, Not):
        return f"(?!{_regex(node.operand)})"
    if isinstance(node, And):
        return "".join(_regex(child) for child in node.operands)
    assert isinstance(node, Or)
    return "(?:" + "|".join(_regex(child) for child in node.operands) + ")"


def baseline_pattern(expr: FilterExpr) -> Callable[[str], object]:
    if isinstance(expr.root, Term):  # a plain literal search: the fastest form a regex has
        return re.compile(re.escape(term_key(expr.root))).search
    return re.compile(_regex(expr.root), re.DOTALL).match


def topic_pattern(topic: Topic) -> Callable[[str], object]:
    aliases, excludes = topic.terms()
    keys = "|".join(re.escape(term_key(alias)) + ("\\w*" if alias.prefix else "")
                    for alias in aliases)
    banned = "|".join(re.escape(" " + x.words[0]) + ("\\w*" if x.prefix else "") + " "
                      for x in excludes)
    pattern = f"(?=({keys}))(?!{banned})" if banned else f"(?=({keys}))"
    return re.compile(pattern).search


def baseline_line(title: str, summary: str) -> str:
    return " " + " ".join(words(title)) + " \n " + " ".join(words(summary)) + " "


# --- baseline: an inverted index with the reference evaluator ----------------------------


def _keys(node: Node) -> set[str] | None:
    """Words one of which a story must hold for `node` to match; None when none can be said
    (a single-word prefix, a NOT alone): such a filter is evaluated on every story."""
    if isinstance(node, Term):
        return {node.words[0]} if len(node.words) > 1 or not node.prefix else None
    if isinstance(node, Not):
        return None
    if isinstance(node, And):
        found = [keys for keys in map(_keys, node.operands) if keys is not None]
        return min(found, key=len) if found else None
    parts = [_keys(child) for child in node.operands]
    return None if any(p is None for p in parts) else set().union(*parts)  # type: ignore[arg-type]


class PlainIndex:
    """A word -> filters index; candidates checked with `evaluate`, the reference (filters
    only: topics are not in it)."""

    def __init__(self, exprs: list[FilterExpr]) -> None:
        self.exprs, self.by_word, self.always = exprs, defaultdict(list), []
        for filter_id, expr in enumerate(exprs):
            keys = _keys(expr.root)
            for word in keys or ():
                self.by_word[word].append(filter_id)
            if keys is None:
                self.always.append(filter_id)

    def match(self, title: str, summary: str) -> set[int]:
        fields = [words(title), words(summary)]
        present = set(fields[0]) | set(fields[1])
        candidates = set(self.always)
        for word in present & self.by_word.keys():
            candidates.update(self.by_word[word])
        return {i for i in candidates if evaluate(self.exprs[i], fields)}


# --- running -----------------------------------------------------------------------------


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fan_out(matcher: Matcher, stories: list[tuple[str, str]], owner: list[int]
            ) -> tuple[int, int, float]:
    """Chats reached and filters matched in all, and the CPU time of the fan-out alone."""
    fanout, matched, spent = 0, 0, 0.0
    for title, summary in stories:
        filters = matcher.match(title, summary).filters
        started = time.process_time()
        fanout += len({owner[filter_id] for filter_id in filters})
        spent += time.process_time() - started
        matched += len(filters)
    return fanout, matched, spent


def floor(matcher: Matcher, stories: list[tuple[str, str]]) -> float:
    """CPU per story of the least any Python matcher does: read the story chunk by chunk
    from a warm cache, and hand back a set of the filter ids that match it (known here)."""
    cache = {chunk: () for title, summary in stories for chunk in (title + " " + summary).split()}
    answers = [list(matcher.match(title, summary).filters) for title, summary in stories]
    started = time.process_time()
    for (title, summary), ids in zip(stories, answers, strict=True):
        list(map(cache.__getitem__, title.split()))
        list(map(cache.__getitem__, summary.split()))
        set(ids)
    return (time.process_time() - started) / len(stories) * 1e6


def run_case(chats: int, stories: list[tuple[str, str]], args: argparse.Namespace
             ) -> dict[str, object]:
    sample, seed = args.sample, args.seed
    corpus = make_corpus(seed)
    corpus.rng, corpus.first_rank = random.Random(seed + chats), args.first_rank
    corpus.common_share = args.common_share
    exprs = [valid_filter(corpus) for _ in range(chats * 5)]
    owner = [index // 5 for index in range(len(exprs))]
    topics = builtin_topics()
    subscribers = {name: set(corpus.rng.sample(range(chats), chats // (i + 2)))
                   for i, name in enumerate(topics)}
    print(f"\n== {chats:,} chats, {len(exprs):,} filters, {len(stories):,} stories ==")

    gc.collect()
    before = rss_mb()
    started = time.perf_counter()
    matcher = Matcher(topics)
    for filter_id, expr in enumerate(exprs):
        matcher.add_filter(filter_id, expr)
    built = time.perf_counter() - started
    started = time.perf_counter()
    matcher.match("", "")  # files every alternative by shape (done lazily, on the first match)
    settle_s = time.perf_counter() - started
    print(f"index: add {built:.2f} s, then filing by shape {settle_s:.2f} s")

    for title, summary in stories[:200]:  # warm the fold cache, as a running bot has it
        matcher.match(title, summary)
    started = time.process_time()
    for title, summary in stories:
        matcher.match(title, summary)
    vigie_s = time.process_time() - started
    fanout, matched, fanout_s = fan_out(matcher, stories, owner)
    results = [(set(found.topics), set(found.filters))
               for found in (matcher.match(title, summary) for title, summary in stories[:sample])]
    peak = rss_mb()
    floor_us = floor(matcher, stories)  # after the peak: its cache is not Vigie's memory
    us_per_story = vigie_s / len(stories) * 1e6
    fanout_us = fanout_s / len(stories) * 1e6
    print(f"vigie: {len(stories) / vigie_s:,.0f} stories/s, {us_per_story:.1f} us/story "
          f"(CPU time of Matcher.match, folding included), {matched / len(stories):.1f} filters "
          f"matched per story ({matched / len(stories) / len(exprs):.2%} of filters)")
    print(f"fan-out from filter ids to chats (the caller's work): {fanout_us:.1f} us/story; "
          f"match + fan-out {us_per_story + fanout_us:.1f} us/story")
    print(f"{fanout / len(stories):.1f} chats per story by filters (topic subscribers: "
          + ", ".join(f"{k} {len(v):,}" for k, v in subscribers.items()) + ")")
    print(f"floor, no matching at all: split each story, one warm dict look-up a chunk, and "
          f"build a set of the ids it matched: {floor_us:.1f} us/story")
    print(f"memory: peak RSS {peak:.0f} MB (index and stories +{peak - before:.0f} MB)")

    started = time.perf_counter()
    matcher.remove_filter(0)
    matcher.add_filter(0, exprs[0])
    matcher.match("", "")
    print(f"remove + add one filter, then the next match: "
          f"{time.perf_counter() - started:.2f} s")
    matcher.add_filter(len(exprs), parse_filter("zzzq"))  # a new term drops the word caches
    started = time.process_time()
    for title, summary in stories[:100]:
        matcher.match(title, summary)
    print(f"the 100 stories after a filter with a new word: "
          f"{(time.process_time() - started) * 1e4:.0f} us/story while the caches refill")
    matcher.remove_filter(len(exprs))

    started = time.perf_counter()
    patterns = [baseline_pattern(expr) for expr in exprs]
    topic_patterns = {name: topic_pattern(topic) for name, topic in topics.items()}
    compile_s = time.perf_counter() - started
    chosen = stories[:sample]
    started = time.process_time()
    baseline = []
    for title, summary in chosen:
        line = baseline_line(title, summary)
        baseline.append(({n for n, p in topic_patterns.items() if p(line)},
                         {i for i, p in enumerate(patterns) if p(line)}))
    baseline_s = (time.process_time() - started) / len(chosen)
    agree = baseline == results
    speedup = baseline_s * 1e6 / us_per_story
    print(f"baseline (one regex per filter; compile {compile_s:.1f} s): "
          f"{1 / baseline_s:,.1f} stories/s = {baseline_s * 1e3:.1f} ms/story, measured on "
          f"{len(chosen)} stories and scaled; same topics and filters as vigie: {agree}")
    print(f"speedup: {speedup:,.0f}x")
    started = time.perf_counter()
    plain = PlainIndex(exprs)
    plain_build_s = time.perf_counter() - started
    started = time.process_time()
    plain_found = [plain.match(title, summary) for title, summary in chosen]
    plain_s = (time.process_time() - started) / len(chosen)
    plain_agree = plain_found == [found for _, found in results]
    plain_ratio = plain_s * 1e6 / us_per_story
    print(f"baseline (inverted index of words + the reference evaluator, filters only; build "
          f"{plain_build_s:.1f} s): {plain_s * 1e3:.2f} ms/story on {len(chosen)} stories; "
          f"same filters as vigie: {plain_agree}; vigie is {plain_ratio:,.0f}x faster")
    return {"speedup": round(speedup), "speedup_vs_inverted_index": round(plain_ratio, 1),
            "inverted_index_agree": plain_agree, "us_per_story": round(us_per_story, 1),
            "filters": len(exprs), "peak_mb": round(peak), "agree": agree,
            "settle_s": round(settle_s, 2),
            "stories_per_s": round(len(stories) / vigie_s),
            "us_per_story_with_fanout": round(us_per_story + fanout_us, 1),
            "filters_matched_per_story": round(matched / len(stories), 1),
            "share_matched": round(matched / len(stories) / len(exprs), 5),
            "floor_us_per_story": round(floor_us, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=20, help="stories run by the baseline")
    parser.add_argument("--quick", action="store_true", help="1,000 chats and stories")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--first-rank", type=int, default=1000,
                        help="filter words are drawn from vocabulary ranks >= this")
    parser.add_argument("--common-share", type=float, default=0.05,
                        help="share of filter words drawn from common content words")
    args = parser.parse_args()
    counts = [1_000] if args.quick else [10_000, 20_000]
    story_count = 1_000 if args.quick else args.stories
    stories = make_stories(make_corpus(args.seed), story_count)
    average = sum(len(t) + len(s) for t, s in stories) / len(stories)
    print(f"stories: {len(stories):,}, {average:.0f} characters each on average")
    cases = [run_case(chats, stories, args) for chats in counts]
    print(json.dumps({**cases[-1], "cases": cases}))


if __name__ == "__main__":
    main()
