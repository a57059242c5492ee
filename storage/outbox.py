"""The outbox: one row per (chat, cluster), written with the story, drained by the sender.

Statuses: pending (to send, at `next_attempt_at`), sent, dead (Telegram refused it for good,
with the reason), closed (the chat left), skipped (matched while the chat was paused),
stale (the story was already old when Vigie first saw it: never sent),
held (waits for the chat's digest or the end of its quiet hours; see storage/digests.py).
A chat's rows still pending are not in the index by chat (schema V10): they are read by status.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter, itemgetter
from typing import NamedTuple

import sqlite_utils

from bot.core.clock import from_text, to_text
from bot.core.models import OutboxStatus, Reason
from storage.schema import BY_CHAT


@dataclass(frozen=True, slots=True)
class OutboxRow:
    """An alert owed to a chat, with what is needed to render it."""

    id: int
    chat_id: int
    cluster_id: int
    story_id: int
    reasons: list[Reason]
    status: OutboxStatus
    attempts: int
    message_id: int | None
    created_at: datetime
    sent_at: datetime | None = None


COLUMNS = ("id, chat_id, cluster_id, story_id, reasons, status, attempts, message_id, created_at, "
           "sent_at")


def as_row(values: tuple[object, ...]) -> OutboxRow:
    """A row read with COLUMNS (storage/digests.py reads the outbox too)."""
    fields = list(values)
    fields[4] = reasons_of(str(fields[4]))
    fields[5] = OutboxStatus(str(fields[5]))
    fields[8] = from_text(str(fields[8]))
    fields[9] = from_text(str(fields[9])) if fields[9] is not None else None
    return OutboxRow(*fields)  # type: ignore[arg-type]


def reasons_of(text: str) -> list[Reason]:
    """The stored reasons; those that cannot be read are left out, so that one damaged row
    still goes (its alert says "match") and never stops the rows read with it."""
    try:
        stored = json.loads(text)
    except ValueError:
        return []
    read = [Reason.from_json(item) for item in stored] if isinstance(stored, list) else []
    return [reason for reason in read if reason is not None]


def stored_reasons(reasons: list[Reason]) -> str:
    """Reasons as the outbox stores them: a JSON list."""
    return json.dumps([reason.to_json() for reason in reasons], ensure_ascii=False)


_UPSERT = """INSERT INTO outbox (chat_id, cluster_id, story_id, reasons, status,
               next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (cluster_id, chat_id) DO UPDATE SET story_id = excluded.story_id,
               reasons = excluded.reasons, status = excluded.status,
               next_attempt_at = excluded.next_attempt_at, created_at = excluded.created_at
           WHERE outbox.status = 'stale' AND excluded.status != 'stale'"""


class Owed(NamedTuple):
    """One chat's alert for a story, before it is written (a named tuple, not a frozen
    dataclass: a story makes 900, and a frozen dataclass's init costs three times more)."""

    chat_id: int
    reasons: list[Reason]
    status: OutboxStatus = OutboxStatus.PENDING


def enqueue(db: sqlite_utils.Database, chat_id: int, cluster_id: int, story_id: int,
            reasons: list[Reason], now: datetime,
            status: OutboxStatus = OutboxStatus.PENDING) -> bool:
    """Owe a chat an alert for a cluster; False when it already was (one alert per cluster).

    A row left `stale` by an old report of the cluster gives way to a fresh report: the event
    is news after all, and the chat is owed its alert.
    """
    return bool(enqueue_many(db, cluster_id, story_id, [Owed(chat_id, reasons, status)], now))


def enqueue_many(db: sqlite_utils.Database, cluster_id: int, story_id: int,
                 owed: list[Owed], now: datetime) -> set[int]:
    """Owe each chat its alert for a cluster in one statement; returns the chats newly owed.

    As `enqueue`, row by row: a chat already owed the cluster keeps its one row, unless that
    row is `stale` and this one is not. Call it inside the story's transaction, so the rows
    read here are still the rows written over.
    """
    fresh = _fresh(db, cluster_id, owed)
    at = to_text(now)
    texts: dict[object, str] = {}
    db.conn.executemany(_UPSERT, [
        (item.chat_id, cluster_id, story_id, _stored_once(texts, item.reasons), item.status,
         at, at) for item in sorted(owed, key=_CHAT) if item.chat_id in fresh])
    return fresh


_CHAT = attrgetter("chat_id")
_ID = itemgetter(0)


def _stored_once(texts: dict[object, str], reasons: list[Reason]) -> str:
    """The JSON of these reasons, rendered once per story for every chat owed the same ones
    (hundreds of chats share one topic's or one filter's Reason). Keyed by the objects'
    ids, which hashes no field: `owed` keeps every reason alive until the rows are written."""
    key = id(reasons[0]) if len(reasons) == 1 else tuple(map(id, reasons))
    text = texts.get(key)
    if text is None:
        text = texts[key] = stored_reasons(reasons)
    return text


def _fresh(db: sqlite_utils.Database, cluster_id: int, owed: list[Owed]) -> set[int]:
    """The chats that a row for this cluster would newly owe (none yet, or a stale one)."""
    stored = dict(db.execute("SELECT chat_id, status FROM outbox WHERE cluster_id = ?",
                             [cluster_id]).fetchall())
    if not stored:  # a new cluster, as most are: every chat is newly owed
        return {item.chat_id for item in owed}
    fresh: set[int] = set()
    for item in owed:
        before = stored.get(item.chat_id)
        if before is None or (before == OutboxStatus.STALE and item.status != OutboxStatus.STALE):
            fresh.add(item.chat_id)
            stored[item.chat_id] = item.status
    return fresh


def due_rows(db: sqlite_utils.Database, now: datetime, limit: int,
             per_chat: int | None = None) -> list[OutboxRow]:
    """Pending rows whose time has come: every chat's oldest first, then the oldest rows
    overall, at most `per_chat` of a chat; so one chat's backlog never holds another chat's
    alert back, and each chat's rows stay in order.

    A chat's alert held back (429, backoff) keeps that chat's newer alerts back too, so a
    chat never receives its alerts out of order.
    """
    chosen = [row_id for _, row_id in sorted(_turns(db, to_text(now), limit, per_chat))]
    marks = ", ".join("?" * len(chosen[:limit]))
    found = db.execute(f"SELECT {COLUMNS} FROM outbox WHERE id IN ({marks})", chosen[:limit])
    rows = {row.id: row for row in map(as_row, found.fetchall())}
    return [rows[row_id] for row_id in chosen[:limit]]


def _turns(db: sqlite_utils.Database, at: str, limit: int,
           per_chat: int | None) -> list[tuple[int, int]]:
    """(turn, id) of the due rows to send: each chat's first (one grouped pass over the
    pending rows), then the `limit` oldest (the outbox_pending index), `per_chat` at most."""
    heads = db.execute("SELECT chat_id, MIN(CASE WHEN next_attempt_at <= :at THEN id END), "
                       "MIN(CASE WHEN next_attempt_at > :at THEN id END) FROM outbox "
                       "WHERE status = 'pending' GROUP BY chat_id", {"at": at}).fetchall()
    waits = {chat: waiting for chat, _, waiting in heads if waiting is not None}
    oldest = db.execute("SELECT chat_id, id FROM outbox WHERE status = 'pending' AND "
                        "next_attempt_at <= ? ORDER BY id LIMIT ?", [at, limit]).fetchall()
    taken: dict[int, set[int]] = {}
    for chat, row_id in [(chat, due) for chat, due, _ in heads if due is not None] + oldest:
        mine = taken.setdefault(chat, set())
        if len(mine) < (per_chat or limit) and row_id < waits.get(chat, row_id + 1):
            mine.add(row_id)
    return [(turn, row_id) for ids in taken.values() for turn, row_id in enumerate(sorted(ids))]


def mark_sent(db: sqlite_utils.Database, row_id: int, message_id: int, now: datetime) -> None:
    """The alert reached the chat."""
    db.execute("UPDATE outbox SET status = 'sent', message_id = ?, sent_at = ?, "
               "attempts = attempts + 1, error = NULL WHERE id = ?",
               [message_id, to_text(now), row_id])


def postpone(db: sqlite_utils.Database, row_id: int, until: datetime, reason: str) -> None:
    """Keep the row pending and try again later (429, timeout, network, 5xx)."""
    db.execute("UPDATE outbox SET next_attempt_at = ?, attempts = attempts + 1, error = ? "
               "WHERE id = ?", [to_text(until), reason, row_id])


def mark_dead(db: sqlite_utils.Database, row_id: int, reason: str) -> None:
    """Telegram refused the alert in a way no retry fixes; keep the reason."""
    db.execute("UPDATE outbox SET status = 'dead', attempts = attempts + 1, error = ? "
               "WHERE id = ?", [reason, row_id])


def close_for_chat(db: sqlite_utils.Database, chat_id: int, reason: str) -> None:
    """Close the alerts a chat is still owed (pending or held): it left. Held ones are read
    along outbox_chat, which holds no pending row (schema V10)."""
    for rows in ("status = 'pending'", f"{BY_CHAT} AND status = 'held'"):
        db.execute(f"UPDATE outbox SET status = 'closed', error = ? WHERE {rows} AND chat_id = ?",
                   [reason, chat_id])


def recent_for_chat(db: sqlite_utils.Database, chat_id: int, limit: int) -> list[OutboxRow]:
    """A chat's latest alerts (sent, pending, skipped while paused, stale), newest first:
    those pending read along outbox_pending, the others along outbox_chat (schema V10)."""
    found = [*db.execute(f"SELECT {COLUMNS} FROM outbox WHERE status = 'pending' AND "
                         "chat_id = ? ORDER BY id DESC LIMIT ?", [chat_id, limit]),
             *db.execute(f"SELECT {COLUMNS} FROM outbox WHERE {BY_CHAT} AND chat_id = ? "
                         "ORDER BY id DESC LIMIT ?", [chat_id, limit])]
    return [as_row(values) for values in sorted(found, key=_ID, reverse=True)[:limit]]


def status_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """How many alerts are in each status (for /stats)."""
    rows = db.execute("SELECT status, COUNT(*) FROM outbox GROUP BY status").fetchall()
    return {status: count for status, count in rows}


def ask_edits(db: sqlite_utils.Database, cluster_id: int, max_edits: int, since: datetime) -> int:
    """Flag the cluster's recent sent alerts for an "also reported by" edit; returns how many."""
    cursor = db.execute(
        """UPDATE outbox SET edit_due = 1 WHERE cluster_id = ? AND status = 'sent'
               AND message_id IS NOT NULL AND edits < ? AND sent_at >= ?""",
        [cluster_id, max_edits, to_text(since)])
    return cursor.rowcount


def due_edits(db: sqlite_utils.Database, limit: int) -> list[OutboxRow]:
    """Sent alerts flagged for an edit, oldest first."""
    sql = f"SELECT {COLUMNS} FROM outbox WHERE edit_due = 1 ORDER BY id LIMIT ?"
    return [as_row(values) for values in db.execute(sql, [limit]).fetchall()]


def edit_done(db: sqlite_utils.Database, row_id: int) -> None:
    """The edit went through, or cannot: either way it is not asked again."""
    db.execute("UPDATE outbox SET edit_due = 0, edits = edits + 1 WHERE id = ?", [row_id])
