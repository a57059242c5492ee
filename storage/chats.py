"""Chats and what they follow: subscriptions to topics and keyword filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from bot.core.clock import to_text
from storage.db import transaction
from storage.outbox import close_for_chat


@dataclass(frozen=True, slots=True)
class ChatRecord:
    """A chat as stored."""

    id: int
    type: str
    title: str
    active: bool
    paused: bool
    language: str | None
    timezone: str


@dataclass(frozen=True, slots=True)
class FilterRecord:
    """One keyword filter of one chat."""

    id: int
    chat_id: int
    expr: str


def register_chat(db: sqlite_utils.Database, chat_id: int, kind: str, title: str,
                  language: str | None, now: datetime) -> bool:
    """Register a chat (or reactivate it; after /stop, in the language it had); returns True
    when it is new."""
    known = get_chat(db, chat_id) is not None
    kept = stopped_language(db, chat_id)[1]
    with transaction(db):
        db.execute("DELETE FROM stopped WHERE chat_id = ?", [chat_id])
        db.execute(
            """INSERT INTO chats (id, type, title, language, created_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT(id) DO UPDATE SET active = 1, deactivated_reason = NULL,
                   type = excluded.type, title = excluded.title""",
            [chat_id, kind, title, kept or language, to_text(now)],
        )
    return not known


def get_chat(db: sqlite_utils.Database, chat_id: int) -> ChatRecord | None:
    """One chat, if registered."""
    sql = "SELECT id, type, title, active, paused, language, timezone FROM chats WHERE id = ?"
    row = db.execute(sql, [chat_id]).fetchone()
    if row is None:
        return None
    return ChatRecord(row[0], row[1], row[2], bool(row[3]), bool(row[4]), row[5], row[6])


def set_paused(db: sqlite_utils.Database, chat_id: int, paused: bool) -> None:
    """Pause or resume a chat's alerts; its settings stay."""
    db.execute("UPDATE chats SET paused = ? WHERE id = ?", [paused, chat_id])


def deactivate_chat(db: sqlite_utils.Database, chat_id: int, reason: str) -> None:
    """Stop alerting a chat that blocked or removed the bot, closing its pending alerts; the
    users who connected it (a channel) are owed a notice."""
    with transaction(db):
        db.execute("UPDATE chats SET active = 0, deactivated_reason = ? WHERE id = ?",
                   [reason, chat_id])
        close_for_chat(db, chat_id, reason)
        db.execute("UPDATE digests SET status = 'closed', error = ? "
                   "WHERE chat_id = ? AND status = 'pending'", [reason, chat_id])
        db.execute("UPDATE connections SET lost_reason = ? WHERE chat_id = ? "
                   "AND lost_reason IS NULL", [reason, chat_id])  # its connectors are told


def migrate_chat(db: sqlite_utils.Database, old_id: int, new_id: int) -> None:
    """Move a group that became a supergroup to its new id, with all it follows and is owed.

    Telegram answers "migrated" for every later message to the old id: once moved, a second
    call does nothing (it must not delete the moved chat as a stale copy).
    """
    with transaction(db):
        if get_chat(db, old_id) is None:
            return
        if get_chat(db, new_id) is not None:
            db.execute("DELETE FROM chats WHERE id = ?", [new_id])
        db.execute("UPDATE chats SET id = ?, type = 'supergroup' WHERE id = ?", [new_id, old_id])


def delete_chat(db: sqlite_utils.Database, chat_id: int, now: datetime) -> None:
    """Forget a chat and everything stored about it (/stop); remember only that it stopped
    and its language, so a later command asks before starting again."""
    with transaction(db):
        db.execute("""INSERT OR REPLACE INTO stopped (chat_id, language, stopped_at)
                      SELECT id, language, ? FROM chats WHERE id = ?""", [to_text(now), chat_id])
        db.execute("DELETE FROM chats WHERE id = ?", [chat_id])


def stopped_language(db: sqlite_utils.Database, chat_id: int) -> tuple[bool, str | None]:
    """Whether the chat said /stop and has not started again, and the language it had."""
    row = db.execute("SELECT language FROM stopped WHERE chat_id = ?", [chat_id]).fetchone()
    return (False, None) if row is None else (True, row[0])


def subscribe(db: sqlite_utils.Database, chat_id: int, topic: str, now: datetime) -> bool:
    """Follow a topic; False when already followed."""
    cursor = db.execute(
        "INSERT OR IGNORE INTO subscriptions (chat_id, topic, created_at) VALUES (?, ?, ?)",
        [chat_id, topic, to_text(now)])
    return cursor.rowcount == 1


def unsubscribe(db: sqlite_utils.Database, chat_id: int, topic: str) -> bool:
    """Leave a topic; False when it was not followed."""
    cursor = db.execute("DELETE FROM subscriptions WHERE chat_id = ? AND topic = ?",
                        [chat_id, topic])
    return cursor.rowcount == 1


def subscriptions(db: sqlite_utils.Database, chat_id: int) -> list[str]:
    """The topics a chat follows, by name."""
    sql = "SELECT topic FROM subscriptions WHERE chat_id = ? ORDER BY topic"
    return [row[0] for row in db.execute(sql, [chat_id]).fetchall()]


def topic_followers(db: sqlite_utils.Database, topics: list[str]) -> dict[str, list[int]]:
    """For each topic, the chats that follow it and are active."""
    marks = ",".join("?" * len(topics))
    sql = f"""SELECT s.topic, s.chat_id FROM subscriptions s JOIN chats c ON c.id = s.chat_id
              WHERE c.active = 1 AND s.topic IN ({marks}) ORDER BY s.chat_id"""
    followers: dict[str, list[int]] = {topic: [] for topic in topics}
    for topic, chat_id in db.execute(sql, topics).fetchall():
        followers[topic].append(chat_id)
    return followers


def add_filter(db: sqlite_utils.Database, chat_id: int, expr: str, now: datetime) -> int:
    """Store a chat's filter (already parsed and checked); returns its id."""
    row = {"chat_id": chat_id, "expr": expr, "created_at": to_text(now)}
    table = db.table("filters").insert(row)
    assert table.last_rowid is not None
    return table.last_rowid


def remove_filter(db: sqlite_utils.Database, chat_id: int, filter_id: int) -> bool:
    """Remove one of this chat's filters; another chat's filter is never touched."""
    cursor = db.execute("DELETE FROM filters WHERE id = ? AND chat_id = ?", [filter_id, chat_id])
    return cursor.rowcount == 1


def chat_filters(db: sqlite_utils.Database, chat_id: int) -> list[FilterRecord]:
    """A chat's filters, oldest first (the numbering /filters shows)."""
    sql = "SELECT id, chat_id, expr FROM filters WHERE chat_id = ? ORDER BY id"
    return [FilterRecord(*row) for row in db.execute(sql, [chat_id]).fetchall()]


def all_filters(db: sqlite_utils.Database) -> list[FilterRecord]:
    """Every filter of every active chat, to build the matcher at start."""
    sql = """SELECT f.id, f.chat_id, f.expr FROM filters f JOIN chats c ON c.id = f.chat_id
             WHERE c.active = 1 ORDER BY f.id"""
    return [FilterRecord(*row) for row in db.execute(sql).fetchall()]


def filters_by_id(db: sqlite_utils.Database, filter_ids: list[int]) -> list[FilterRecord]:
    """These filters with their chats (only the matched ones are ever asked for)."""
    marks = ",".join("?" * len(filter_ids))
    sql = f"SELECT id, chat_id, expr FROM filters WHERE id IN ({marks})"
    return [FilterRecord(*row) for row in db.execute(sql, filter_ids).fetchall()]
