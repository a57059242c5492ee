"""A story's alerts written in one statement: each chat owed once, as row by row."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from bot.core.models import OutboxStatus
from storage.chats import deactivate_chat, delete_chat, migrate_chat, register_chat
from storage.db import open_database, transaction
from storage.digests import digest_rows
from storage.outbox import Owed, due_rows, enqueue, enqueue_many, mark_sent, recent_for_chat
from storage.schema import MIGRATIONS
from storage.stories import insert_story, start_cluster
from tests.support.stories import NATO, story

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def rows(db: sqlite_utils.Database) -> list[tuple[int, int, str]]:
    sql = "SELECT chat_id, story_id, status FROM outbox ORDER BY chat_id, id"
    return db.execute(sql).fetchall()


def cluster_of(db: sqlite_utils.Database, chats: range) -> tuple[int, int]:
    for chat_id in chats:
        register_chat(db, chat_id, "private", f"chat {chat_id}", None, NOW)
    story_id = insert_story(db, story(1, "NATO summit opens"), None, NOW)
    return start_cluster(db, story_id, "Baltic Wire", NOW), story_id


def test_one_story_owes_every_chat_one_row_in_one_call(db: sqlite_utils.Database) -> None:
    cluster_id, story_id = cluster_of(db, range(1, 301))
    owed = [Owed(chat_id, NATO) for chat_id in range(1, 301)]
    with transaction(db):
        fresh = enqueue_many(db, cluster_id, story_id, owed, NOW)
    assert fresh == set(range(1, 301))
    assert [row[0] for row in rows(db)] == list(range(1, 301))


def test_a_chat_already_owed_the_cluster_is_never_owed_it_twice(
        db: sqlite_utils.Database) -> None:
    cluster_id, story_id = cluster_of(db, range(1, 6))
    assert enqueue(db, 2, cluster_id, story_id, NATO, NOW)
    assert enqueue(db, 4, cluster_id, story_id, NATO, NOW, OutboxStatus.STALE)
    later = insert_story(db, story(2, "NATO summit opens, more"), None, NOW)
    owed = [Owed(chat_id, NATO) for chat_id in range(1, 6)] + [Owed(3, NATO)]
    with transaction(db):
        fresh = enqueue_many(db, cluster_id, later, owed, NOW)
    assert fresh == {1, 3, 4, 5}  # 2 had its alert; 4's stale row gives way to fresh news
    assert rows(db) == [(1, later, "pending"), (2, story_id, "pending"), (3, later, "pending"),
                        (4, later, "pending"), (5, later, "pending")]
    assert enqueue_many(db, cluster_id, later, owed, NOW) == set()
    assert len(rows(db)) == 5


def test_a_stale_report_does_not_replace_a_row_already_owed(db: sqlite_utils.Database) -> None:
    cluster_id, story_id = cluster_of(db, range(1, 3))
    assert enqueue(db, 1, cluster_id, story_id, NATO, NOW, OutboxStatus.HELD)
    fresh = enqueue_many(db, cluster_id, story_id,
                         [Owed(1, NATO, OutboxStatus.STALE), Owed(2, NATO, OutboxStatus.STALE)],
                         NOW)
    assert fresh == {2}
    assert rows(db) == [(1, story_id, "held"), (2, story_id, "stale")]


def test_alerts_owed_before_the_v9_outbox_survive_it_still_owed_once(db_path: Path) -> None:
    old = _database_before(db_path, 9, chats=[5])
    old.execute("INSERT INTO outbox (id, chat_id, cluster_id, story_id, reasons, status, "
                "created_at) VALUES (41, 5, 3, 9, '[]', 'held', ?)", [NOW.isoformat()])
    old.close()
    db = open_database(db_path)
    [row] = recent_for_chat(db, 5, 10)
    assert (row.id, row.cluster_id, row.story_id, row.status) == (41, 3, 9, "held")
    assert not enqueue(db, 5, 3, 9, NATO, NOW)
    assert enqueue(db, 5, start_cluster(db, 9, "Wire", NOW), 9, NATO, NOW)
    db.close()


def test_alerts_written_under_v9_survive_v10_and_are_still_delivered(db_path: Path) -> None:
    old = _database_before(db_path, 10, chats=[5, 6])
    old.execute("INSERT INTO digests (id, chat_id, due_at, next_attempt_at, created_at) "
                "VALUES (2, 6, 'x', 'x', 'x')")
    old.executemany("INSERT INTO outbox (id, chat_id, cluster_id, story_id, reasons, status, "
                    "next_attempt_at, created_at, digest_id) VALUES (?, ?, 3, 9, '[]', ?, ?, ?, ?)",
                    [(41, 5, "pending", NOW.isoformat(), NOW.isoformat(), None),
                     (42, 6, "held", None, NOW.isoformat(), 2)])
    old.close()
    db = open_database(db_path)
    assert [row.id for row in due_rows(db, NOW, 10)] == [41]
    assert [row.id for row in digest_rows(db, 2)] == [42]
    assert not enqueue(db, 5, 3, 9, NATO, NOW)
    db.execute("DELETE FROM digests WHERE id = 2")  # the digests' key still finds its rows
    assert db.execute("SELECT digest_id FROM outbox WHERE id = 42").fetchone() == (None,)
    migrate_chat(db, 5, -1005)  # as the chats' key did: a group's alerts move with it
    assert [row.id for row in due_rows(db, NOW, 10)] == [41]
    assert [row.id for row in recent_for_chat(db, -1005, 10)] == [41]
    delete_chat(db, 6, NOW)  # and go with a chat forgotten
    assert rows(db) == [(-1005, 9, "pending")]
    db.close()


def test_a_chats_recent_alerts_mix_pending_and_sent_newest_first(
        db: sqlite_utils.Database) -> None:
    cluster_ids = []
    for n in range(6):  # pending rows and the others are read along two indexes (V10)
        story_id = insert_story(db, story(10 + n, f"NATO summit, day {n}"), None, NOW)
        cluster_ids.append(start_cluster(db, story_id, "Baltic Wire", NOW))
        if n == 0:
            register_chat(db, 7, "private", "chat 7", None, NOW)
        status = OutboxStatus.STALE if n == 4 else OutboxStatus.PENDING
        enqueue(db, 7, cluster_ids[-1], story_id, NATO, NOW, status)
    for row in recent_for_chat(db, 7, 10)[::2]:  # every other one sent
        mark_sent(db, row.id, 100 + row.id, NOW)
    recent = recent_for_chat(db, 7, 4)
    assert [row.cluster_id for row in recent] == cluster_ids[::-1][:4]
    assert [row.status for row in recent] == ["sent", "stale", "sent", "pending"]


def test_a_blocked_chat_has_its_pending_and_held_alerts_closed_and_nothing_else(
        db: sqlite_utils.Database) -> None:
    cluster_id, story_id = cluster_of(db, range(1, 3))
    later = start_cluster(db, insert_story(db, story(2, "NATO summit ends"), None, NOW),
                          "Wire", NOW)
    third = start_cluster(db, insert_story(db, story(3, "NATO summit, the day after"), None,
                                           NOW), "Wire", NOW)
    enqueue(db, 1, cluster_id, story_id, NATO, NOW)
    enqueue(db, 1, later, story_id, NATO, NOW, OutboxStatus.HELD)
    enqueue(db, 1, third, story_id, NATO, NOW, OutboxStatus.STALE)
    enqueue(db, 2, cluster_id, story_id, NATO, NOW)
    deactivate_chat(db, 1, "blocked")
    assert rows(db) == [(1, story_id, "closed"), (1, story_id, "closed"), (1, story_id, "stale"),
                        (2, story_id, "pending")]


def _database_before(db_path: Path, version: int, chats: list[int]) -> sqlite3.Connection:
    """A database as Vigie left it before migration `version`: its chats, one story in
    cluster 3 (id 9), no outbox rows yet."""
    old = sqlite3.connect(db_path, isolation_level=None)
    for number, statements in enumerate(MIGRATIONS[:version - 1], start=1):
        for statement in statements:
            old.execute(statement)
        old.execute(f"PRAGMA user_version = {number}")
    old.executemany("INSERT INTO chats (id, created_at) VALUES (?, 'x')", [(c,) for c in chats])
    old.execute("INSERT INTO clusters (id, first_story_id, created_at, last_story_at) "
                "VALUES (3, 9, 'x', 'x')")
    old.execute("INSERT INTO stories (id, key, title, published, fetched_at, cluster_id) "
                "VALUES (9, 'k9', 'NATO summit opens', 'x', 'x', 3)")
    return old
