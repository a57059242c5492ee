"""Digests: held outbox rows gathered into one message (or a few), sent as a unit.

A digest is opened by attaching the chat's held rows to it, in one transaction; each part
Telegram accepts is recorded at once (its message id), so a restart resumes at the next
part; when the last part is accepted the digest and its rows become sent together.
Statuses: pending, sent, dead (Telegram refused it for good), closed (the chat left).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from bot.core.clock import from_text, to_text
from storage.db import transaction
from storage.outbox import COLUMNS, OutboxRow, as_row
from storage.schema import BY_CHAT


@dataclass(frozen=True, slots=True)
class DigestRecord:
    """A digest owed to a chat, and the parts of it already sent."""

    id: int
    chat_id: int
    due_at: datetime
    message_ids: list[int]
    attempts: int


def held_chats(db: sqlite_utils.Database) -> dict[int, datetime]:
    """Chats with held alerts not yet in a digest, with when the oldest was held.

    A chat whose digest is still being sent (or retried) is left out: its next digest is
    opened only after, so a chat never gets its digests out of order. So is a chat owed
    pending alerts older than what it holds: the "and N more" message of a poll comes after
    that poll's alerts.
    """
    sql = """SELECT chat_id, MIN(created_at), MAX(id) FROM outbox WHERE status = 'held'
             AND digest_id IS NULL AND chat_id NOT IN
                 (SELECT chat_id FROM digests WHERE status = 'pending') GROUP BY chat_id"""
    first_pending = dict(db.execute("SELECT chat_id, MIN(id) FROM outbox "
                                    "WHERE status = 'pending' GROUP BY chat_id").fetchall())
    return {chat_id: from_text(oldest) for chat_id, oldest, last in db.execute(sql).fetchall()
            if first_pending.get(chat_id, last) >= last}


def open_digest(db: sqlite_utils.Database, chat_id: int, now: datetime) -> int | None:
    """Gather the chat's held alerts into a new digest; None when nothing is held."""
    with transaction(db):
        cursor = db.execute("INSERT INTO digests (chat_id, due_at, next_attempt_at, created_at) "
                            "VALUES (?, ?, ?, ?)", [chat_id, *[to_text(now)] * 3])
        digest_id = cursor.lastrowid
        gathered = db.execute(f"UPDATE outbox SET digest_id = ? WHERE chat_id = ? AND {BY_CHAT} "
                              "AND status = 'held' AND digest_id IS NULL", [digest_id, chat_id])
        if gathered.rowcount == 0:
            db.execute("DELETE FROM digests WHERE id = ?", [digest_id])
            return None
    return digest_id


def due_digests(db: sqlite_utils.Database, now: datetime) -> list[DigestRecord]:
    """Pending digests whose time has come, oldest first."""
    sql = """SELECT id, chat_id, due_at, message_ids, attempts FROM digests
             WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id"""
    return [DigestRecord(i, chat, from_text(due), json.loads(ids), attempts)
            for i, chat, due, ids, attempts in db.execute(sql, [to_text(now)]).fetchall()]


def digest_rows(db: sqlite_utils.Database, digest_id: int) -> list[OutboxRow]:
    """The alerts a digest carries, newest first."""
    sql = f"SELECT {COLUMNS} FROM outbox WHERE digest_id = ? ORDER BY id DESC"
    return [as_row(values) for values in db.execute(sql, [digest_id]).fetchall()]


def part_sent(db: sqlite_utils.Database, digest: DigestRecord, message_id: int) -> DigestRecord:
    """Record one accepted part; returns the digest as it now stands."""
    sent = DigestRecord(digest.id, digest.chat_id, digest.due_at,
                        [*digest.message_ids, message_id], digest.attempts)
    save_parts(db, sent)
    return sent


def save_parts(db: sqlite_utils.Database, digest: DigestRecord) -> None:
    """Record the parts Telegram accepted so far (all of them: a write kept in memory while
    the database could not record is written whole)."""
    db.execute("UPDATE digests SET message_ids = ?, error = NULL WHERE id = ?",
               [json.dumps(digest.message_ids), digest.id])


def digest_sent(db: sqlite_utils.Database, digest_id: int, now: datetime) -> None:
    """Every part went: the digest and its alerts are sent (the alerts keep no message id,
    so no "also reported by" edit ever rewrites a digest)."""
    with transaction(db):
        db.execute("UPDATE digests SET status = 'sent', sent_at = ? WHERE id = ?",
                   [to_text(now), digest_id])
        db.execute("UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1 "
                   "WHERE digest_id = ?", [to_text(now), digest_id])


def digest_postpone(db: sqlite_utils.Database, digest_id: int, until: datetime,
                    reason: str) -> None:
    """Keep the digest (and its alerts held) and try again later (429, 5xx, network)."""
    db.execute("UPDATE digests SET next_attempt_at = ?, attempts = attempts + 1, error = ? "
               "WHERE id = ?", [to_text(until), reason, digest_id])


def digest_failed(db: sqlite_utils.Database, digest_id: int, status: str, reason: str) -> None:
    """End the digest without sending (dead: refused for good; closed: the chat left)."""
    with transaction(db):
        db.execute("UPDATE digests SET status = ?, error = ? WHERE id = ?",
                   [status, reason, digest_id])
        db.execute("UPDATE outbox SET status = ?, error = ? WHERE digest_id = ? "
                   "AND status = 'held'", [status, reason, digest_id])


def held_count(db: sqlite_utils.Database, chat_id: int) -> int:
    """How many alerts wait for this chat's next digest."""
    sql = f"SELECT COUNT(*) FROM outbox WHERE chat_id = ? AND {BY_CHAT} AND status = 'held'"
    return int(db.execute(sql, [chat_id]).fetchone()[0])
