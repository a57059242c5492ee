"""Feeds and their polling state: validators, schedule, health."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

import sqlite_utils

from bot.core.clock import from_text, to_text
from storage.db import transaction


@dataclass(frozen=True, slots=True)
class FeedRecord:
    """A feed as stored, with what the last poll left behind."""

    id: int
    url: str
    name: str
    interval: float | None
    language: str | None
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    last_poll_at: datetime | None
    next_poll_at: datetime | None
    last_status: str | None
    error_count: int
    last_error: str | None
    last_warning: str | None
    created_at: datetime
    last_new_at: datetime | None
    """When a poll last found a story not stored before."""
    folder: str
    """The OPML folder the feed came from ('' for none), given back by an export."""

    @property
    def quiet_since(self) -> datetime:
        """Since when the feed has brought nothing new (its creation if never)."""
        return self.last_new_at or self.created_at

    @property
    def label(self) -> str:
        """The name to show for this feed: its name, else its URL."""
        return self.name or self.url


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What one poll of a feed changes on its row."""

    polled_at: datetime
    next_poll_at: datetime
    status: str
    error: str | None = None
    warning: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None
    language: str | None = None
    name: str | None = None
    new_stories: int = 0


def _record(row: dict[str, Any]) -> FeedRecord:
    values: dict[str, Any] = {f.name: row[f.name] for f in fields(FeedRecord)}
    for key in ("last_poll_at", "next_poll_at", "created_at", "last_new_at"):
        values[key] = from_text(values[key]) if values[key] else None
    return FeedRecord(**values)


def add_feed(db: sqlite_utils.Database, url: str, name: str, interval: float | None,
             now: datetime, folder: str = "") -> tuple[FeedRecord, bool]:
    """Add a feed (due at once); returns it and whether it is new. An existing one is kept."""
    existing = get_feed(db, url)
    if existing:
        return existing, False
    db.table("feeds").insert({"url": url, "name": name, "interval": interval,
                        "next_poll_at": to_text(now), "created_at": to_text(now),
                              "folder": folder})
    feed = get_feed(db, url)
    assert feed is not None
    return feed, True


def get_feed(db: sqlite_utils.Database, url: str) -> FeedRecord | None:
    """The feed with this exact URL, if any."""
    rows = list(db.query("SELECT * FROM feeds WHERE url = ?", [url]))
    return _record(rows[0]) if rows else None


def remove_feed(db: sqlite_utils.Database, url: str) -> bool:
    """Forget a feed; its stories stay (they may be in clusters already alerted)."""
    with transaction(db):
        cursor = db.execute("DELETE FROM feeds WHERE url = ?", [url])
    return bool(cursor.rowcount)


def list_feeds(db: sqlite_utils.Database) -> list[FeedRecord]:
    """Every feed, in the order they were added."""
    return [_record(row) for row in db.query("SELECT * FROM feeds ORDER BY id")]


def due_feeds(db: sqlite_utils.Database, now: datetime) -> list[FeedRecord]:
    """Feeds whose next poll time has come, most overdue first."""
    sql = "SELECT * FROM feeds WHERE next_poll_at <= ? ORDER BY next_poll_at"
    return [_record(row) for row in db.query(sql, [to_text(now)])]


def record_poll(db: sqlite_utils.Database, feed_id: int, outcome: PollOutcome) -> None:
    """Store a poll's result: validators on success, the error count on failure."""
    failed = outcome.error is not None
    db.execute(
        """UPDATE feeds SET last_poll_at = ?, next_poll_at = ?, last_status = ?,
               last_error = ?, last_warning = ?,
               error_count = CASE WHEN ? THEN error_count + 1 ELSE 0 END,
               etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified),
               content_hash = COALESCE(?, content_hash), language = COALESCE(?, language),
               name = CASE WHEN name = '' AND ? IS NOT NULL THEN ? ELSE name END,
               last_new_at = CASE WHEN ? > 0 THEN ? ELSE last_new_at END
           WHERE id = ?""",
        [to_text(outcome.polled_at), to_text(outcome.next_poll_at), outcome.status,
         outcome.error, outcome.warning, failed, outcome.etag, outcome.last_modified,
         outcome.content_hash, outcome.language, outcome.name, outcome.name,
         outcome.new_stories, to_text(outcome.polled_at), feed_id],
    )


def not_due(db: sqlite_utils.Database, now: datetime) -> tuple[int, datetime | None]:
    """How many feeds are not due at `now`, and the earliest of their next polls."""
    sql = "SELECT COUNT(*), MIN(next_poll_at) FROM feeds WHERE next_poll_at > ?"
    count, first = db.execute(sql, [to_text(now)]).fetchone()
    return count, from_text(first) if first else None


def make_all_due(db: sqlite_utils.Database, now: datetime) -> None:
    """Make every feed due now (the demo's second cycle, an admin's "poll now")."""
    db.execute("UPDATE feeds SET next_poll_at = ?", [to_text(now)])
