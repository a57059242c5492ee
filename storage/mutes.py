"""Mutes: a topic or a filter of one chat silenced until a time.

Targets are "topic:NAME" or "filter:ID". An expired mute is ignored where it is read and
swept when the chat's mutes are listed, so nothing needs a timer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from bot.core.clock import from_text, to_text


@dataclass(frozen=True, slots=True)
class Mute:
    """One silenced topic or filter."""

    target: str
    until: datetime


def mute(db: sqlite_utils.Database, chat_id: int, target: str, until: datetime) -> None:
    """Silence a target until `until` (a second /mute of it replaces the first)."""
    db.table("mutes").upsert({"chat_id": chat_id, "target": target, "until": to_text(until)},
                       pk=("chat_id", "target"))


def unmute(db: sqlite_utils.Database, chat_id: int, target: str) -> bool:
    """Lift a mute; False when there was none."""
    cursor = db.execute("DELETE FROM mutes WHERE chat_id = ? AND target = ?", [chat_id, target])
    return cursor.rowcount == 1


def chat_mutes(db: sqlite_utils.Database, chat_id: int, now: datetime) -> list[Mute]:
    """The chat's mutes still running, soonest to end first (expired ones are dropped)."""
    db.execute("DELETE FROM mutes WHERE chat_id = ? AND until <= ?", [chat_id, to_text(now)])
    sql = "SELECT target, until FROM mutes WHERE chat_id = ? ORDER BY until, target"
    return [Mute(target, from_text(until)) for target, until in db.execute(sql, [chat_id])]


def muted_reasons(db: sqlite_utils.Database, chat_ids: list[int],
                  now: datetime) -> dict[int, set[tuple[str, str]]]:
    """For each chat, the (kind, name) of its muted reasons, as the matcher names them:
    ("topic", "nato"), or ("filter", EXPR) for a muted filter id."""
    marks = ",".join("?" * len(chat_ids))
    sql = f"""SELECT m.chat_id, m.target, f.expr FROM mutes m
              LEFT JOIN filters f ON m.target = 'filter:' || f.id AND f.chat_id = m.chat_id
              WHERE m.until > ? AND m.chat_id IN ({marks})"""
    muted: dict[int, set[tuple[str, str]]] = {}
    for chat_id, target, expr in db.execute(sql, [to_text(now), *chat_ids]).fetchall():
        kind, _, name = str(target).partition(":")
        muted.setdefault(chat_id, set()).add((kind, expr if kind == "filter" else name))
    return muted
