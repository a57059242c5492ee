"""A poll's new stories go in a few transactions each, sized to a time budget.

One transaction per story cost 30,000 commits on a first poll of 1,000 feeds (about 3 s of
CPU); stories that cost little to store share one, and the event loop still runs between.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
import sqlite_utils

from bot.core.config import DedupSettings
from bot.core.models import Story
from bot.dedup.index import DedupIndex
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics
from bot.pipeline import MAX_BATCH, Pipeline, next_batch
from storage.chats import register_chat, subscribe

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PLACES = ["Vilnius", "Riga", "Tallinn", "Gdansk", "Rzeszow", "Constanta", "Varna", "Turku"]


def story(n: int) -> Story:
    title = f"NATO {PLACES[n % 8]} office {n} opens for exercise number {n * 7919}"
    return Story(f"k{n}", "https://wire.example/rss", "Wire", f"g{n}",
                 f"https://wire.example/{n}", title, "", NOW)


def stored(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT COUNT(*) FROM stories").fetchone()[0])


@pytest.mark.parametrize(("size", "spent", "budget", "after"), [
    (1, 0.001, 0.02, 2),              # well inside: doubles
    (8, 0.001, 0.02, 16),
    (MAX_BATCH, 0.001, 0.02, MAX_BATCH),  # never past the cap
    (16, 0.04, 0.02, 8),              # twice the budget: half as many
    (4, 0.5, 0.02, 1),                # one story over budget alone: one at a time
    (3, 0.0, 0.02, 6),                # a clock too coarse to see it: doubles
    (5, 0.001, 0.0, 1),               # no budget: one story a transaction
])
def test_the_next_batch_fits_the_budget_the_last_one_showed(
        size: int, spent: float, budget: float, after: int) -> None:
    assert next_batch(size, spent, budget) == after


def pipeline_for(db: sqlite_utils.Database) -> Pipeline:
    register_chat(db, 7, "private", "reader", None, NOW)
    subscribe(db, 7, "nato", NOW)
    return Pipeline(db, DedupIndex(DedupSettings()), Matcher(builtin_topics()))


def counts_between(db: sqlite_utils.Database, pipeline: Pipeline, stories: list[Story],
                   budget: float) -> tuple[int, list[int]]:
    """Ingest `stories` while a ticker counts the stored stories each time it runs."""
    seen: list[int] = []

    async def ticker(done: asyncio.Event) -> None:
        while not done.is_set():
            seen.append(stored(db))  # no transaction is open while the ticker runs
            await asyncio.sleep(0)

    async def body() -> int:
        done = asyncio.Event()
        ticks = asyncio.create_task(ticker(done))
        ingested = await pipeline.ingest_each(None, stories, NOW, budget=budget)
        done.set()
        await ticks
        return len(ingested)

    return asyncio.run(body()), seen


def test_cheap_stories_share_transactions_and_the_loop_runs_between_them(
        db: sqlite_utils.Database) -> None:
    pipeline = pipeline_for(db)
    ingested, seen = counts_between(db, pipeline, [story(n) for n in range(100)], budget=60.0)
    assert ingested == stored(db) == 100
    # 1, 2, 4, 8, 16, then MAX_BATCH at a time: the ticker sees each commit, and only those
    assert sorted(set(seen) - {0, 100}) == [1, 3, 7, 15, 31, 47, 63, 79, 95]
    assert seen == sorted(seen)
    assert db.execute("SELECT COUNT(*) FROM outbox WHERE chat_id = 7").fetchone()[0] >= 1


def test_the_size_learned_carries_to_the_next_feed(db: sqlite_utils.Database) -> None:
    pipeline = pipeline_for(db)
    counts_between(db, pipeline, [story(n) for n in range(40)], budget=60.0)
    _, seen = counts_between(db, pipeline, [story(n) for n in range(40, 80)], budget=60.0)
    assert sorted(set(seen) - {40, 80}) == [56, 72]


def test_a_failed_transaction_keeps_the_ones_before_and_forgets_its_own(
        db: sqlite_utils.Database) -> None:
    pipeline = pipeline_for(db)
    db.execute("CREATE TRIGGER full_disk BEFORE INSERT ON stories WHEN NEW.key = 'k10' "
               "BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END")
    with pytest.raises(Exception, match="disk is full"):
        counts_between(db, pipeline, [story(n) for n in range(30)], budget=60.0)
    assert stored(db) == 7  # batches 1, 2, 4 committed; the batch of eight holding k10 not
    assert len(pipeline.dedup) == 7
    db.execute("DROP TRIGGER full_disk")
    ingested, _ = counts_between(db, pipeline, [story(n) for n in range(30)], budget=60.0)
    assert ingested == 23 and stored(db) == 30


def test_with_no_budget_the_loop_runs_between_every_story(db: sqlite_utils.Database) -> None:
    """A first start with thousands of new stories (700 alerts each) never holds the loop for
    more than one story when asked for no budget."""
    ingested, seen = counts_between(db, pipeline_for(db), [story(n) for n in range(300)],
                                    budget=0.0)
    assert ingested == 300
    between = {count for count in seen if 0 < count < 300}
    assert len(between) >= 290  # the ticker ran after nearly every story, not once at the end
    assert seen == sorted(seen)
    assert db.execute("SELECT COUNT(*) FROM outbox WHERE chat_id = 7").fetchone()[0] >= 1
