"""A large batch of new stories leaves the event loop free between stories (with no time
budget, one story a transaction; tests/test_ingest_batches.py covers the budget)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import sqlite_utils

from bot.core.config import DedupSettings
from bot.core.models import Story
from bot.dedup.index import DedupIndex
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics
from bot.pipeline import Pipeline
from storage.chats import register_chat, subscribe

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PLACES = ["Vilnius", "Riga", "Tallinn", "Gdansk", "Rzeszow", "Constanta", "Varna", "Turku"]


def story(n: int) -> Story:
    title = f"NATO {PLACES[n % 8]} office {n} opens for exercise number {n * 7919}"
    return Story(f"k{n}", "https://wire.example/rss", "Wire", f"g{n}",
                 f"https://wire.example/{n}", title, "", NOW)


def stored(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT COUNT(*) FROM stories").fetchone()[0])


def test_other_coroutines_run_between_the_stories_of_a_large_batch(
        db: sqlite_utils.Database) -> None:
    register_chat(db, 7, "private", "reader", None, NOW)
    subscribe(db, 7, "nato", NOW)
    pipeline = Pipeline(db, DedupIndex(DedupSettings()), Matcher(builtin_topics()))
    seen: list[int] = []

    async def ticker(done: asyncio.Event) -> None:
        while not done.is_set():
            seen.append(stored(db))  # no transaction is open while the ticker runs
            await asyncio.sleep(0)

    async def body() -> int:
        done = asyncio.Event()
        ticks = asyncio.create_task(ticker(done))
        stories = [story(n) for n in range(300)]
        ingested = await pipeline.ingest_each(None, stories, NOW, budget=0.0)
        done.set()
        await ticks
        return len(ingested)

    assert asyncio.run(body()) == 300
    between = {count for count in seen if 0 < count < 300}
    assert len(between) >= 290  # the ticker ran after nearly every story, not once at the end
    assert seen == sorted(seen)
    assert db.execute("SELECT COUNT(*) FROM outbox WHERE chat_id = 7").fetchone()[0] >= 1
