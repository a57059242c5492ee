"""Where a chat's alerts land, and the channels users connect from their private chat.

A connected channel is a chat like any other (its own topics, filters, digest, quiet hours,
language, preview), so the pipeline and the senders need nothing new; `connections` says
which users connected it (each is told when Vigie loses it), and `managing` which
destination a user's commands in their private chat change now. Routes send a topic's or a
filter's alerts to a forum topic; a route Telegram refused (topic closed or deleted) is
marked broken, told to the group once, then dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from bot.core.clock import to_text
from bot.core.models import Placement, Preview, ReasonKind
from storage.chats import register_chat
from storage.db import transaction
from storage.outbox import OutboxRow


@dataclass(frozen=True, slots=True)
class Destination:
    """A channel a user connected, as /connect lists it."""

    chat_id: int
    title: str
    active: bool


@dataclass(frozen=True, slots=True)
class Loss:
    """A destination Vigie can no longer post in, owed to the user who connected it."""

    chat_id: int
    title: str
    user_id: int
    reason: str


def set_preview(db: sqlite_utils.Database, chat_id: int, preview: Preview) -> None:
    """The chat's link previews from now on."""
    db.execute("UPDATE chats SET preview = ? WHERE id = ?", [preview.value, chat_id])


def get_preview(db: sqlite_utils.Database, chat_id: int) -> Preview:
    """The chat's link previews (off for a chat not stored)."""
    row = db.execute("SELECT preview FROM chats WHERE id = ?", [chat_id]).fetchone()
    return Preview(row[0]) if row and row[0] in set(Preview) else Preview.OFF


# --- connections ---------------------------------------------------------------------------


def connect(db: sqlite_utils.Database, chat_id: int, kind: str, title: str, user_id: int,
            now: datetime) -> None:
    """Store (or bring back) a destination connected by `user_id`, who manages it from now."""
    with transaction(db):
        register_chat(db, chat_id, kind, title, None, now)
        db.execute("""INSERT INTO connections (chat_id, user_id, created_at) VALUES (?, ?, ?)
                      ON CONFLICT (chat_id, user_id) DO UPDATE SET lost_reason = NULL,
                          told_at = NULL""", [chat_id, user_id, to_text(now)])
        found_again(db, chat_id)
        manage(db, user_id, chat_id)


def found_again(db: sqlite_utils.Database, chat_id: int) -> None:
    """Vigie may post in the destination again: a later loss is told again."""
    db.execute("UPDATE connections SET lost_reason = NULL, told_at = NULL WHERE chat_id = ?",
               [chat_id])


def connections_of(db: sqlite_utils.Database, user_id: int) -> list[Destination]:
    """The destinations a user connected, oldest first."""
    sql = """SELECT c.id, c.title, c.active FROM connections k JOIN chats c ON c.id = k.chat_id
             WHERE k.user_id = ? ORDER BY k.created_at, c.id"""
    return [Destination(row[0], row[1], bool(row[2])) for row in db.execute(sql, [user_id])]


def connected_by(db: sqlite_utils.Database, chat_id: int, user_id: int) -> bool:
    """Whether this user connected this destination."""
    sql = "SELECT 1 FROM connections WHERE chat_id = ? AND user_id = ?"
    return db.execute(sql, [chat_id, user_id]).fetchone() is not None


def has_connections(db: sqlite_utils.Database, chat_id: int) -> bool:
    """Whether anyone connected this chat (a channel Vigie posts in for someone)."""
    found = db.execute("SELECT 1 FROM connections WHERE chat_id = ?", [chat_id]).fetchone()
    return found is not None


def disconnect(db: sqlite_utils.Database, chat_id: int, user_id: int) -> bool:
    """Forget this user's connection; the last one gone, the destination is forgotten whole
    (topics, filters, owed alerts). False when the user had not connected it."""
    with transaction(db):
        cursor = db.execute("DELETE FROM connections WHERE chat_id = ? AND user_id = ?",
                            [chat_id, user_id])
        db.execute("DELETE FROM managing WHERE user_id = ? AND chat_id = ?", [user_id, chat_id])
        if cursor.rowcount == 1 and not has_connections(db, chat_id):
            db.execute("DELETE FROM chats WHERE id = ?", [chat_id])
    return cursor.rowcount == 1


def manage(db: sqlite_utils.Database, user_id: int, chat_id: int | None) -> None:
    """The destination this user's commands change from now on (None: their own chat)."""
    db.execute("DELETE FROM managing WHERE user_id = ?", [user_id])
    if chat_id is not None:
        db.execute("INSERT INTO managing (user_id, chat_id) VALUES (?, ?)", [user_id, chat_id])


def managed(db: sqlite_utils.Database, user_id: int) -> int | None:
    """The destination this user's commands change, while they still have it connected."""
    sql = """SELECT m.chat_id FROM managing m JOIN connections k
             ON k.chat_id = m.chat_id AND k.user_id = m.user_id WHERE m.user_id = ?"""
    row = db.execute(sql, [user_id]).fetchone()
    return int(row[0]) if row else None


def untold_losses(db: sqlite_utils.Database) -> list[Loss]:
    """Destinations lost (403, bot removed or demoted) whose connectors were not told yet."""
    sql = """SELECT c.id, c.title, k.user_id, k.lost_reason FROM connections k
             JOIN chats c ON c.id = k.chat_id
             WHERE k.lost_reason IS NOT NULL AND k.told_at IS NULL ORDER BY c.id, k.user_id"""
    return [Loss(*row) for row in db.execute(sql).fetchall()]


def loss_told(db: sqlite_utils.Database, chat_id: int, user_id: int, now: datetime) -> None:
    """The connector knows; they are not told again until the destination comes back."""
    db.execute("UPDATE connections SET told_at = ? WHERE chat_id = ? AND user_id = ?",
               [to_text(now), chat_id, user_id])


# --- forum routes --------------------------------------------------------------------------


def set_route(db: sqlite_utils.Database, chat_id: int, target: str, thread_id: int,
              now: datetime) -> None:
    """Send a target's alerts ("topic:nato", "filter:7") to a forum topic of the chat."""
    db.execute("""INSERT INTO routes (chat_id, target, thread_id, created_at)
                  VALUES (?, ?, ?, ?) ON CONFLICT (chat_id, target) DO UPDATE SET
                  thread_id = excluded.thread_id, broken = NULL""",
               [chat_id, target, thread_id, to_text(now)])


def remove_route(db: sqlite_utils.Database, chat_id: int, target: str) -> bool:
    """Send the target's alerts to General again; False when it had no route."""
    cursor = db.execute("DELETE FROM routes WHERE chat_id = ? AND target = ?",
                        [chat_id, target])
    return cursor.rowcount == 1


def break_routes(db: sqlite_utils.Database, chat_id: int, thread_id: int, reason: str) -> None:
    """Telegram refused the forum topic: every route to it goes to General from now on."""
    db.execute("UPDATE routes SET broken = ? WHERE chat_id = ? AND thread_id = ? "
               "AND broken IS NULL", [reason, chat_id, thread_id])


def broken_routes(db: sqlite_utils.Database) -> list[tuple[int, str]]:
    """(chat, target) of the routes broken and not told to their group yet."""
    sql = "SELECT chat_id, target FROM routes WHERE broken IS NOT NULL ORDER BY chat_id, target"
    return [(row[0], row[1]) for row in db.execute(sql).fetchall()]


def _route_targets(db: sqlite_utils.Database, row: OutboxRow) -> list[str]:
    """The route targets of a row's reasons, in their order ("topic:nato", "filter:7")."""
    exprs = {expr: fid for fid, expr in db.execute(
        "SELECT id, expr FROM filters WHERE chat_id = ?", [row.chat_id]).fetchall()}
    targets = []
    for reason in row.reasons:
        if reason.kind is ReasonKind.TOPIC:
            targets.append(f"topic:{reason.name}")
        elif reason.kind is ReasonKind.FILTER and reason.name in exprs:
            targets.append(f"filter:{exprs[reason.name]}")
    return targets


def thread_of(db: sqlite_utils.Database, row: OutboxRow) -> int | None:
    """The forum topic of the first of the row's reasons that has a working route."""
    routes = dict(db.execute("SELECT target, thread_id FROM routes WHERE chat_id = ? "
                             "AND broken IS NULL", [row.chat_id]).fetchall())
    if not routes:
        return None
    return next((routes[t] for t in _route_targets(db, row) if t in routes), None)


def placement_of(db: sqlite_utils.Database, row: OutboxRow) -> Placement:
    """Where the row's alert lands: its forum topic, the chat's preview, the story's link."""
    link = db.execute("SELECT link FROM stories WHERE id = ?", [row.story_id]).fetchone()
    return Placement(thread_of(db, row), get_preview(db, row.chat_id),
                     link[0] if link else None)
