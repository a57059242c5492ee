"""The pipeline keeps chats' settings and filters in memory: every change still reaches the
next story's alerts, whoever wrote it (a command, the sender, another process)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils

from bot.core.config import DedupSettings
from bot.core.models import Story
from bot.dedup.index import DedupIndex
from bot.match.filter_book import FilterBook
from bot.match.filters import parse_filter
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics
from bot.pipeline import Pipeline
from storage.chats import deactivate_chat, migrate_chat, register_chat, set_paused
from storage.known import KnownPreferences
from storage.preferences import set_digest, set_language

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TITLES = ["Drone strike hits the port of Odesa overnight",
          "Grain convoy crosses the Danube with drone escort",
          "Parliament debates drone procurement in a late session"]


def news(n: int) -> Story:
    """A story about drones, each in a cluster of its own."""
    return Story(f"k{n}", "http://127.0.0.1/feed", "Baltic Wire", f"g{n}",
                 f"https://news.example/{n}", TITLES[n], "", NOW - timedelta(minutes=5))


def setup(db: sqlite_utils.Database) -> Pipeline:
    """Chat 1 follows "drone" by filter, chat 2 the same, chat 3 nothing; one story ingested,
    so whatever the pipeline keeps in memory is filled."""
    matcher = Matcher(builtin_topics())
    book = FilterBook(db, matcher, lambda: NOW)
    for chat_id in (1, 2, 3):
        register_chat(db, chat_id, "group", f"chat {chat_id}", None, NOW)
    book.add(1, parse_filter("drone"))
    book.add(2, parse_filter("drone"))
    pipeline = Pipeline(db, DedupIndex(DedupSettings()), matcher)
    [first] = pipeline.ingest(None, [news(0)], NOW)
    assert first.chats == (1, 2)
    return pipeline


def owed(db: sqlite_utils.Database, story_key: str) -> dict[int, str]:
    sql = """SELECT o.chat_id, o.status FROM outbox o JOIN stories s ON s.id = o.story_id
             WHERE s.key = ?"""
    return dict(db.execute(sql, [story_key]).fetchall())


def test_a_pause_or_a_digest_set_between_two_stories_holds_the_second(
        db: sqlite_utils.Database) -> None:
    pipeline = setup(db)
    set_paused(db, 1, True)
    set_digest(db, 2, "daily", "08:00")
    pipeline.ingest(None, [news(1)], NOW)
    assert owed(db, "k1") == {1: "skipped", 2: "held"}
    set_paused(db, 1, False)
    set_digest(db, 2, "off", None)
    pipeline.ingest(None, [news(2)], NOW)
    assert owed(db, "k2") == {1: "pending", 2: "pending"}


def test_a_chat_that_left_is_owed_nothing_more(db: sqlite_utils.Database) -> None:
    pipeline = setup(db)
    deactivate_chat(db, 2, "Forbidden: bot was kicked")
    pipeline.ingest(None, [news(1)], NOW)
    assert owed(db, "k1") == {1: "pending"}


def test_a_group_moved_to_a_supergroup_gets_the_next_alert_at_its_new_id(
        db: sqlite_utils.Database) -> None:
    pipeline = setup(db)
    migrate_chat(db, 1, -1001)
    pipeline.ingest(None, [news(1)], NOW)
    assert owed(db, "k1") == {-1001: "pending", 2: "pending"}


def test_a_change_written_by_another_process_is_seen(db: sqlite_utils.Database,
                                                     db_path: Path) -> None:
    pipeline = setup(db)
    with sqlite3.connect(db_path) as other:
        other.execute("UPDATE chats SET paused = 1 WHERE id = 2")
    pipeline.ingest(None, [news(1)], NOW)
    assert owed(db, "k1") == {1: "pending", 2: "skipped"}


def test_a_change_rolled_back_then_another_write_never_revives_what_was_read_inside(
        db: sqlite_utils.Database) -> None:
    setup(db)
    kept = KnownPreferences(db)
    db.conn.execute("BEGIN")
    set_paused(db, 1, True)
    assert kept.of([1])[1].paused
    db.conn.execute("ROLLBACK")
    set_language(db, 3, "fr")  # one write to chats, as the one rolled back was
    assert not kept.of([1])[1].paused


def test_every_setting_the_memory_keeps_changes_its_token_when_written() -> None:
    """A setting read into memory but missing from V9's trigger would stay stale forever."""
    from storage import preferences
    from storage.schema import _KEPT

    kept = {name.strip() for name in _KEPT["chats"].split(",")}
    assert {name.strip() for name in preferences._COLUMNS.split(",")} <= kept
