"""The pipeline's promise: a story and its alerts are stored together or not at all."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlite_utils

from bot.core.clock import utcnow
from bot.core.config import DedupSettings
from bot.core.models import Story
from bot.dedup.index import DedupIndex
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics
from bot.pipeline import Pipeline
from storage.chats import register_chat, subscribe
from storage.outbox import recent_for_chat

NOW = utcnow()


def story(key: str, source: str, minutes: int = 0) -> Story:
    title = "NATO opens a new air defence command in Rzeszow"
    return Story(key, f"https://{source}.example/rss", source, key, f"https://{source}.example/{key}",
                 title, "", NOW + timedelta(minutes=minutes))


def test_a_failed_write_leaves_no_trace_and_the_story_comes_back_whole(
        db: sqlite_utils.Database) -> None:
    register_chat(db, 7, "private", "reader", None, NOW)
    subscribe(db, 7, "nato", NOW)
    pipeline = Pipeline(db, DedupIndex(DedupSettings()), Matcher(builtin_topics()))
    db.execute("CREATE TRIGGER full_disk BEFORE INSERT ON clusters "
               "BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END")
    with pytest.raises(Exception, match="disk is full"):
        pipeline.ingest(None, [story("a-1", "courier")], NOW)
    assert len(pipeline.dedup) == 0
    db.execute("DROP TRIGGER full_disk")
    [first] = pipeline.ingest(None, [story("a-1", "courier")], NOW)
    [second] = pipeline.ingest(None, [story("b-1", "wire", 5)], NOW)
    assert first.duplicate_of is None and second.cluster_id == first.cluster_id == first.id
    assert [row.cluster_id for row in recent_for_chat(db, 7, 10)] == [first.id]


def test_a_long_running_bot_forgets_each_polls_alert_count_an_hour_on(
        db: sqlite_utils.Database) -> None:
    """What each poll owed each chat (for `max_alerts_per_poll`) is kept an hour, not for
    ever: a bot polling 1,000 feeds every few minutes would otherwise grow it without end."""
    pipeline = Pipeline(db, DedupIndex(DedupSettings()), Matcher(builtin_topics()))
    for feed in range(3):
        at = NOW + timedelta(seconds=feed)
        pipeline.ingest(None, [story(f"old-{feed}", f"outlet{feed}")], at)
    pipeline.ingest(None, [story("new-1", "wire", 90)], NOW + timedelta(minutes=90))
    assert [at for _, at in pipeline.polls] == [NOW + timedelta(minutes=90)]
