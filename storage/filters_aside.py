"""Stored filters that no longer parse, set aside: kept (so nothing typed is lost), out of the
matcher, and told to their chat once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from bot.core.clock import to_text
from storage.chats import FilterRecord
from storage.db import transaction


@dataclass(frozen=True, slots=True)
class SetAside:
    """A filter taken out of use, and why."""

    id: int
    chat_id: int
    expr: str
    reason: str


def set_aside(db: sqlite_utils.Database, record: FilterRecord, reason: str,
              now: datetime) -> None:
    """Move a filter from `filters` to `filters_set_aside`, in one transaction."""
    with transaction(db):
        db.execute("""INSERT OR REPLACE INTO filters_set_aside
                      (id, chat_id, expr, reason, set_aside_at) VALUES (?, ?, ?, ?, ?)""",
                   [record.id, record.chat_id, record.expr, reason, to_text(now)])
        db.execute("DELETE FROM filters WHERE id = ?", [record.id])


def untold(db: sqlite_utils.Database) -> dict[int, list[SetAside]]:
    """Set-aside filters whose chat was not told yet, by chat."""
    rows = db.execute("""SELECT a.id, a.chat_id, a.expr, a.reason FROM filters_set_aside a
                         JOIN chats c ON c.id = a.chat_id
                         WHERE a.told_at IS NULL AND c.active = 1 ORDER BY a.id""").fetchall()
    by_chat: dict[int, list[SetAside]] = {}
    for row in rows:
        by_chat.setdefault(row[1], []).append(SetAside(*row))
    return by_chat


def mark_told(db: sqlite_utils.Database, chat_id: int, now: datetime) -> None:
    """The chat was told about all its set-aside filters."""
    with transaction(db):
        db.execute("UPDATE filters_set_aside SET told_at = ? WHERE chat_id = ? "
                   "AND told_at IS NULL", [to_text(now), chat_id])
