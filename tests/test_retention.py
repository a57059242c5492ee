"""Retention: what is older than `[storage] keep_days` goes, a small batch at a time; what a
chat is still owed (pending or held alerts, digests not sent) stays whatever its age."""

from __future__ import annotations

import asyncio
import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils

from bot.app.context import Context
from bot.core.clock import utcnow
from bot.core.config import DeliverySettings, Settings, StorageSettings, parse_settings
from bot.core.errors import ConfigError
from bot.core.models import Story
from bot.dedup.index import DedupIndex, DedupSettings
from bot.engine import Engine, fetch_limits
from bot.ingest.fetch import Fetcher
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics
from bot.pipeline import Pipeline
from storage.chats import register_chat, subscribe
from storage.retention import prune_step

READER = 5101
WORDS = [f"{a}{b}" for a in ("tal", "vor", "mek", "sun", "pra", "dov", "lis", "ker")
         for b in ("ano", "ebi", "ust", "olk", "iva", "emo", "ath", "urn")]


def titles(count: int, seed: int) -> list[str]:
    """NATO titles far from each other, so each story is its own cluster."""
    pick = random.Random(seed)
    return [f"NATO {' '.join(pick.sample(WORDS, 9))}" for _ in range(count)]


def ingest(db: sqlite_utils.Database, at: datetime, count: int, seed: int) -> list[int]:
    """`count` stories seen at `at`, each alerting READER; their cluster ids."""
    every_alert = DeliverySettings(max_alerts_per_poll=count)  # retention is the subject
    pipeline = Pipeline(db, DedupIndex(DedupSettings()), Matcher(builtin_topics()), every_alert)
    stories = [Story(f"{seed}-{n}", "http://127.0.0.1/feed", "Wire", f"g{seed}-{n}",
                     f"https://wire.example/{seed}/{n}", title, "A summary.", at)
               for n, title in enumerate(titles(count, seed))]
    done = pipeline.ingest(None, stories, at)
    assert all(item.chats for item in done)
    return [db.execute("SELECT cluster_id FROM stories WHERE key = ?", [s.key]).fetchone()[0]
            for s in stories]


def set_status(db: sqlite_utils.Database, cluster: int, status: str) -> None:
    db.execute("UPDATE outbox SET status = ? WHERE cluster_id = ?", [status, cluster])


def clusters(db: sqlite_utils.Database) -> set[int]:
    return {row[0] for row in db.execute("SELECT id FROM clusters")}


@pytest.fixture
def aged(db: sqlite_utils.Database) -> tuple[list[int], list[int], list[int]]:
    """Ten old clusters already sent or dead, two old ones still owed, two recent ones."""
    now = utcnow()
    register_chat(db, READER, "private", "reader", None, now - timedelta(days=90))
    subscribe(db, READER, "nato", now - timedelta(days=90))
    done = ingest(db, now - timedelta(days=40), 12, seed=1)
    recent = ingest(db, now - timedelta(days=1), 2, seed=2)
    for n, cluster in enumerate(done[:10]):
        set_status(db, cluster, "sent" if n % 2 else "dead")
    set_status(db, done[11], "held")  # waiting for a digest; done[10] stays pending
    for cluster in recent:
        set_status(db, cluster, "sent")
    return done[:10], done[10:], recent


def integrity(db: sqlite_utils.Database) -> None:
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_old_clusters_go_in_small_steps_and_owed_ones_stay(
        db: sqlite_utils.Database, aged: tuple[list[int], list[int], list[int]]) -> None:
    gone, owed, recent = aged
    cutoff = utcnow() - timedelta(days=30)
    assert prune_step(db, cutoff, limit=4) > 0
    assert len(clusters(db) & set(gone)) == 6  # one step deletes at most `limit` clusters
    while prune_step(db, cutoff, limit=4):
        pass
    assert clusters(db) == {*owed, *recent}
    left = db.execute("SELECT cluster_id, status FROM outbox ORDER BY cluster_id").fetchall()
    assert left == sorted([(owed[0], "pending"), (owed[1], "held"),
                           (recent[0], "sent"), (recent[1], "sent")])
    stories = {row[0] for row in db.execute("SELECT cluster_id FROM stories")}
    assert stories == {*owed, *recent}
    integrity(db)


def test_an_old_digest_sent_goes_and_one_still_due_stays(db: sqlite_utils.Database) -> None:
    now = utcnow()
    register_chat(db, READER, "private", "reader", None, now)
    old, text = (now - timedelta(days=40)).isoformat(), now.isoformat()
    for status in ("sent", "dead", "pending"):
        db.execute("INSERT INTO digests (chat_id, due_at, status, next_attempt_at, created_at) "
                   "VALUES (?, ?, ?, ?, ?)", [READER, old, status, old, old])
    db.execute("INSERT INTO digests (chat_id, due_at, status, next_attempt_at, created_at) "
               "VALUES (?, ?, 'sent', ?, ?)", [READER, text, text, text])
    while prune_step(db, now - timedelta(days=30)):
        pass
    left = db.execute("SELECT status, created_at = ? FROM digests ORDER BY id", [text]).fetchall()
    assert left == [("pending", 0), ("sent", 1)]


async def prune_with(db: sqlite_utils.Database, keep_days: float) -> int:
    settings = Settings(storage=StorageSettings(keep_days=keep_days))
    async with Fetcher(fetch_limits(settings)) as fetcher:
        engine = Engine(Context(settings, db), fetcher)
        deleted = await engine.prune()
        await engine.stop()
    return deleted


def test_the_engine_prunes_by_keep_days_and_0_keeps_everything(
        db: sqlite_utils.Database, aged: tuple[list[int], list[int], list[int]]) -> None:
    gone, owed, recent = aged
    assert asyncio.run(prune_with(db, 0)) == 0
    assert clusters(db) >= set(gone)
    assert asyncio.run(prune_with(db, 60)) == 0  # 40 days old is younger than 60
    assert asyncio.run(prune_with(db, 30)) > 0
    assert clusters(db) == {*owed, *recent}
    integrity(db)


def test_keep_days_is_in_the_config_with_a_default_of_30(tmp_path: Path) -> None:
    assert Settings().storage.keep_days == 30
    settings = parse_settings({"storage": {"keep_days": 7}}, "vigie.toml")
    assert settings.storage.keep_days == 7
    with pytest.raises(ConfigError, match=r"vigie.toml: storage.keep_days must be 0 \(keep"):
        parse_settings({"storage": {"keep_days": 1}}, "vigie.toml")  # < the 48 h dedup window
    with pytest.raises(ConfigError, match="storage.keep_days"):
        parse_settings({"storage": {"keep_days": -1}}, "vigie.toml")
