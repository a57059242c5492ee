"""The real ingest path at scale: normalised stories in, outbox rows out, in a SQLite file.

20,000 chats, 100,000 keyword filters and topic subscriptions; headlines made from word
lists in en/fr/uk/ru. Prints CPU per story and per owed alert, p50/p99, the longest stall of
the event loop (a ticker measuring its lateness), peak memory, and the same figures for a
baseline in this process (span location folding per filter, one INSERT per alert).

    python -m benchmarks.pipeline [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import bot.pipeline as pipeline_module
from bot.core.config import DedupSettings
from bot.core.models import Story
from bot.dedup.index import DedupIndex
from bot.engine import settle_heap
from bot.match import spans
from bot.match.filter_book import FilterBook
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics
from bot.pipeline import Pipeline
from storage.db import open_database
from storage.outbox import Owed, enqueue


def words(text: str) -> list[str]:
    return text.split()


START = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
CHATS, FILTERS_PER_CHAT = 20_000, 5
WORDS = {
    "en": words("army border ceasefire drone energy election grain missile navy port power refugee "
          "sanctions strike summit talks troops village water winter aid bridge convoy court "
          "deal front gas minister oil parliament police rail shelling spy tank trade"),
    "fr": words("armée frontière cessez-le-feu drone énergie élection céréales missile marine port "
          "centrale réfugiés sanctions frappe sommet pourparlers troupes village eau hiver aide "
          "pont convoi tribunal accord front gaz ministre pétrole parlement police"),
    "uk": words("армія кордон перемир'я дрон енергетика вибори зерно ракета флот порт "
          "електростанція "
          "біженці санкції удар саміт переговори війська село вода зима допомога міст конвой "
          "суд угода фронт газ міністр нафта парламент поліція обстріл"),
    "ru": words("армия граница перемирие дрон энергетика выборы зерно ракета флот порт "
          "электростанция "
          "беженцы санкции удар саммит переговоры войска село вода зима помощь мост конвой "
          "суд сделка фронт газ министр нефть парламент полиция обстрел"),
}
PLACES = words("Kherson Kharkiv Odesa Vilnius Riga Tallinn Gdansk Rzeszow NATO OSCE Херсон Kyiv")
FILLER = {"en": "the of in after near says", "fr": "le la de après près selon",
          "uk": "у на після біля заявив", "ru": "в на после возле заявил"}


def headline(rng: random.Random, n: int) -> tuple[str, str, str]:
    """A varied headline and summary in one language, with a number so no two are equal."""
    lang = rng.choice(list(WORDS))
    pool = WORDS[lang] + FILLER[lang].split()
    title = " ".join(rng.sample(pool, rng.randint(6, 11)) + [rng.choice(PLACES), str(n)])
    summary = " ".join(rng.sample(pool, rng.randint(10, 18)))
    return title[0].upper() + title[1:], summary, lang


def setup(path: Path, rng: random.Random) -> tuple[object, Matcher]:
    db = open_database(path)
    at = START.isoformat()
    db["chats"].insert_all(({"id": c, "type": "private", "title": f"c{c}", "created_at": at}
                            for c in range(1, CHATS + 1)), batch_size=5000)  # type: ignore[union-attr]
    topics = list(builtin_topics())
    db["subscriptions"].insert_all(({"chat_id": c, "topic": rng.choice(topics), "created_at": at}
                                    for c in range(1, CHATS + 1) if c % 10 == 0),
                                   batch_size=5000)  # type: ignore[union-attr]
    vocab = [w for words in WORDS.values() for w in words if "-" not in w and "'" not in w]
    db["filters"].insert_all(({"chat_id": c, "expr": word(rng, vocab), "created_at": at}
                              for c in range(1, CHATS + 1) for _ in range(FILTERS_PER_CHAT)),
                             batch_size=5000)  # type: ignore[union-attr]
    matcher = Matcher(builtin_topics())
    began = time.process_time()
    FilterBook(db, matcher, lambda: START).load_all()  # parsed and filed, as Engine starts
    settle_heap()
    print(f"loading 100,000 filters (a start cost, once): {time.process_time() - began:.2f} s CPU")
    return db, matcher


def word(rng: random.Random, vocab: list[str]) -> str:
    """A filter's word: one in 25 is a headline word (about 700 owed a story), the rest rare."""
    return rng.choice(vocab) if rng.random() < 0.04 else f"rare{rng.randrange(10**6)}"


def stories(rng: random.Random, count: int, per_day: int, first: int) -> list[Story]:
    gap = timedelta(seconds=86_400 / per_day)
    made = []
    for n in range(first, first + count):
        title, summary, lang = headline(rng, n)
        made.append(Story(f"k{n}", "https://wire.example/rss", f"Wire {n % 40}", f"g{n}",
                          f"https://wire.example/{n}", title, summary, START + gap * n,
                          language=lang))
    return made


async def ticker(stalls: list[float], done: asyncio.Event) -> None:
    """How late the loop wakes a coroutine that asks to run every millisecond."""
    while not done.is_set():
        asked = time.perf_counter()
        await asyncio.sleep(0.001)
        stalls.append((time.perf_counter() - asked - 0.001) * 1000)


async def run(pipe: Pipeline, batch: list[Story], per_day: int) -> tuple[list[float], int, float]:
    stalls: list[float] = []
    done = asyncio.Event()
    tick = asyncio.create_task(ticker(stalls, done))
    cpu: list[float] = []
    alerts = 0
    gap = timedelta(seconds=86_400 / per_day)
    for story in batch:
        began = time.process_time()
        for item in await pipe.ingest_each(None, [story], story.published + gap):
            alerts += len(item.chats)
        cpu.append((time.process_time() - began) * 1000)
    done.set()
    await tick
    return cpu, alerts, max(stalls, default=0.0)


@contextmanager
def baseline() -> Iterator[None]:
    """The old path: every filter re-folds the story and looks its word up again (no place
    shared between filters); one INSERT per owed alert, its reasons rendered each time."""
    fresh_field, fresh_many = spans.StoryMatches._field, pipeline_module.enqueue_many
    fresh_place, fresh_spot = spans.StoryMatches._place, spans.StoryMatches.filter_place

    def every_time(self: spans.StoryMatches, term_id: int) -> tuple[spans.Field, int, int]:
        found = self._locate("filter", "", spans.Witness(self.terms[term_id]))
        return found.field, found.start, found.end

    def per_filter(self: spans.StoryMatches, filter_id: int) -> tuple[spans.Field, int, int] | None:
        if filter_id not in self.filters:
            return None
        return self._first_place(self.filter_terms.get(filter_id, frozenset()))

    def refold(self: spans.StoryMatches, name: spans.Field) -> spans.Folded:
        return spans.fold_field(self.title if name == "title" else self.summary)

    def per_row(db: object, cluster_id: int, story_id: int, owed: list[Owed],
                now: datetime) -> set[int]:
        return {item.chat_id for item in owed
                if enqueue(db, item.chat_id, cluster_id, story_id,  # type: ignore[arg-type]
                           item.reasons, now, item.status)}

    spans.StoryMatches._field = refold  # type: ignore[method-assign]
    spans.StoryMatches._place = every_time  # type: ignore[method-assign]
    spans.StoryMatches.filter_place = per_filter  # type: ignore[method-assign]
    pipeline_module.enqueue_many = per_row  # type: ignore[assignment]
    try:
        yield
    finally:
        spans.StoryMatches._field = fresh_field  # type: ignore[method-assign]
        spans.StoryMatches._place = fresh_place  # type: ignore[method-assign]
        spans.StoryMatches.filter_place = fresh_spot  # type: ignore[method-assign]
        pipeline_module.enqueue_many = fresh_many


def figures(cpu: list[float], alerts: int, stall: float) -> dict[str, float]:
    ordered = sorted(cpu)
    per_story = statistics.fmean(cpu)
    return {"cpu_ms_per_story": round(per_story, 2),
            "alerts_per_story": round(alerts / len(cpu), 1),
            "cpu_us_per_alert": round(1000 * sum(cpu) / max(alerts, 1), 2),
            "p50_ms": round(ordered[len(ordered) // 2], 2),
            "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 2),
            "max_stall_ms": round(stall, 1)}


def outbox_rows(db: object) -> int:
    """How many rows the outbox holds after a phase: what a story's writes cost grew with."""
    return int(db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0])  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer stories (about 30 s)")
    args = parser.parse_args()
    count, base_count = (100, 20) if args.quick else (400, 40)
    rng = random.Random(16)
    with tempfile.TemporaryDirectory() as tmp:
        db, matcher = setup(Path(tmp) / "vigie.db", rng)
        results: dict[str, dict[str, float]] = {}
        first = 0
        for per_day in (10_000, 100_000):
            pipe = Pipeline(db, DedupIndex(DedupSettings()), matcher)  # type: ignore[arg-type]
            batch = stories(rng, count, per_day, first)
            first += count
            results[str(per_day)] = figures(*asyncio.run(run(pipe, batch, per_day)))
            results[str(per_day)]["outbox_rows"] = outbox_rows(db)
            print(f"{per_day:>7} stories/day: {results[str(per_day)]}")
        with baseline():
            pipe = Pipeline(db, DedupIndex(DedupSettings()), matcher)  # type: ignore[arg-type]
            old = figures(*asyncio.run(run(pipe, stories(rng, base_count, 10_000, first),
                                           10_000)))
        print(f"baseline (fold per filter, INSERT per alert): {old}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worst = max(results.values(), key=lambda r: r["cpu_ms_per_story"])
    ratio = old["cpu_ms_per_story"] / max(worst["cpu_ms_per_story"], 1e-9)
    print(f"baseline / Vigie CPU per story: {ratio:.1f}x; peak RSS {peak_mb:.0f} MB")
    print(json.dumps({"cpu_ms_per_story": worst["cpu_ms_per_story"],
                      "alerts_per_story": worst["alerts_per_story"], "p99_ms": worst["p99_ms"],
                      "max_stall_ms": max(r["max_stall_ms"] for r in results.values()),
                      "peak_mb": round(peak_mb, 1), "baseline_ratio": round(ratio, 1)}))


if __name__ == "__main__":
    main()
