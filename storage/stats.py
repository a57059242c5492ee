"""Read-only counts for /stats: how much Vigie holds and how its alerts are doing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from bot.core.clock import from_text, to_text
from storage.outbox import status_counts


@dataclass(frozen=True, slots=True)
class Counts:
    """What /stats shows, counted in one pass over small aggregate queries."""

    feeds: int
    failing_feeds: int
    stories: int
    clusters: int
    active_chats: int
    paused_chats: int
    inactive_chats: int
    alerts: dict[str, int]


def _one(db: sqlite_utils.Database, sql: str, params: list[object] | None = None) -> int:
    return int(db.execute(sql, params or []).fetchone()[0] or 0)


def chat_counts(db: sqlite_utils.Database) -> tuple[int, int, int]:
    """(active and not paused, active and paused, inactive) chats."""
    sql = """SELECT COALESCE(SUM(active = 1 AND paused = 0), 0),
                    COALESCE(SUM(active = 1 AND paused = 1), 0),
                    COALESCE(SUM(active = 0), 0) FROM chats"""
    row = db.execute(sql).fetchone()
    return int(row[0]), int(row[1]), int(row[2])


def counts(db: sqlite_utils.Database, failing_after: int) -> Counts:
    """Everything /stats counts; a feed is failing after `failing_after` errors in a row."""
    active, paused, inactive = chat_counts(db)
    return Counts(
        feeds=_one(db, "SELECT COUNT(*) FROM feeds"),
        failing_feeds=_one(db, "SELECT COUNT(*) FROM feeds WHERE error_count >= ?",
                           [failing_after]),
        stories=_one(db, "SELECT COUNT(*) FROM stories"),
        clusters=_one(db, "SELECT COUNT(*) FROM clusters"),
        active_chats=active, paused_chats=paused, inactive_chats=inactive,
        alerts=status_counts(db),
    )


def last_poll_at(db: sqlite_utils.Database) -> datetime | None:
    """When any feed was last polled (survives restarts, unlike the process's own note)."""
    row = db.execute("SELECT MAX(last_poll_at) FROM feeds").fetchone()
    return from_text(row[0]) if row and row[0] else None


def stories_since(db: sqlite_utils.Database,
                  since: datetime) -> list[tuple[str, str, datetime, str | None]]:
    """(title, summary, published, language) of the stories published since `since`
    (/trend matches them again)."""
    sql = "SELECT title, summary, published, language FROM stories WHERE published >= ?"
    return [(title, summary, from_text(published), language) for title, summary, published,
            language in db.execute(sql, [to_text(since)]).fetchall()]


def sent_since(db: sqlite_utils.Database, since: datetime) -> list[datetime]:
    """When each alert sent since `since` went out (the /stats chart)."""
    sql = "SELECT sent_at FROM outbox WHERE status = 'sent' AND sent_at >= ?"
    return [from_text(row[0]) for row in db.execute(sql, [to_text(since)]).fetchall()]
