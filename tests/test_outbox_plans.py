"""Every statement that reads or writes the outbox, triggers' included, goes through an
index: a story owes 900 rows, and a chat's alerts are looked up among millions."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import sqlite_utils

from bot.core.models import OutboxStatus
from storage.chats import deactivate_chat, delete_chat, migrate_chat, register_chat
from storage.db import transaction
from storage.digests import (
    digest_failed,
    digest_rows,
    digest_sent,
    held_chats,
    held_count,
    open_digest,
)
from storage.outbox import (
    Owed,
    ask_edits,
    due_edits,
    due_rows,
    edit_done,
    enqueue_many,
    mark_dead,
    mark_sent,
    postpone,
    recent_for_chat,
    status_counts,
)
from storage.retention import prune_step
from storage.stats import sent_since
from storage.stories import insert_story, start_cluster
from tests.support.stories import NATO, story

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def outbox_work(db: sqlite_utils.Database) -> None:
    """Each storage call that touches the outbox, once, on a few rows."""
    for chat_id in range(1, 6):
        register_chat(db, chat_id, "group", f"chat {chat_id}", None, NOW)
    story_id = insert_story(db, story(1, "NATO summit opens"), None, NOW)
    cluster_id = start_cluster(db, story_id, "Baltic Wire", NOW)
    with transaction(db):
        enqueue_many(db, cluster_id, story_id, [Owed(1, NATO), Owed(2, NATO),
                                                Owed(3, NATO, OutboxStatus.HELD),
                                                Owed(4, NATO), Owed(5, NATO)], NOW)
    first, second, *_ = due_rows(db, NOW, 10, per_chat=1)
    mark_sent(db, first.id, 99, NOW)
    postpone(db, second.id, NOW + timedelta(minutes=1), "timeout")
    mark_dead(db, second.id, "bad request")
    recent_for_chat(db, 1, 10)
    status_counts(db)
    ask_edits(db, cluster_id, 3, NOW - timedelta(hours=1))
    [edit_done(db, row.id) for row in due_edits(db, 10)]
    sent_since(db, NOW - timedelta(hours=1))
    held_chats(db)
    held_count(db, 3)
    digest = open_digest(db, 3, NOW)
    assert digest is not None
    digest_rows(db, digest)
    digest_sent(db, digest, NOW)
    digest_failed(db, digest, "dead", "bad request")
    deactivate_chat(db, 4, "blocked")
    migrate_chat(db, 5, -1005)
    delete_chat(db, 2, NOW)
    delete_chat(db, -1005, NOW)  # its pending row gone with it, nothing holds the cluster
    assert db.execute("SELECT COUNT(*) FROM outbox WHERE status = 'pending'").fetchone() == (0,)
    prune_step(db, NOW + timedelta(days=30))


def traced(db: sqlite_utils.Database) -> list[str]:
    """The statements `outbox_work` runs that name the outbox, with their values in place;
    a trigger's statements as they run, `old.`/`new.` values put back by hand."""
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    try:
        outbox_work(db)
    finally:
        db.conn.set_trace_callback(None)
    found = [re.sub(r"\b(old|new)\.id\b", "5", sql.removeprefix("-- ")) for sql in seen]
    return [sql for sql in found if re.search(r"\boutbox\b", sql)
            and re.match(r"\s*(SELECT|UPDATE|DELETE|INSERT)", sql)]


def trigger_statements(db: sqlite_utils.Database) -> list[str]:
    """The statements of the triggers that write the outbox, `old.`/`new.` values put in."""
    bodies = [str(sql) for (sql,) in db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%outbox%'")]
    found = [part for body in bodies for part in body.split(" BEGIN", 1)[1].split(";")]
    return [re.sub(r"\b(old|new)\.id\b", "5", part).strip() for part in found
            if "outbox" in part]


def unindexed(db: sqlite_utils.Database, sql: str) -> list[str]:
    """The steps of the statement's plan that read the outbox without an index."""
    plan = [str(row[3]) for row in db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()]
    return [step for step in plan if re.match(r"SCAN (outbox|o)\b", step)
            and "INDEX" not in step]


def test_every_outbox_statement_uses_an_index(db: sqlite_utils.Database) -> None:
    statements = traced(db) + trigger_statements(db)
    assert any("outbox_chat" in str(db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall())
               for sql in statements)  # the partial index serves what it is there for
    assert len(statements) > 20
    assert any(sql.startswith("DELETE FROM outbox WHERE cluster_id") for sql in statements)
    assert len(trigger_statements(db)) == 4
    assert {sql: unindexed(db, sql) for sql in statements
            if unindexed(db, sql)} == {}
