"""Stories and outbox rows written straight into a test database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlite_utils

from bot.core.clock import utcnow
from bot.core.models import Reason, ReasonKind, Story
from storage.outbox import enqueue
from storage.stories import insert_story, start_cluster

NATO = [Reason(ReasonKind.TOPIC, "nato", "title", 0, 4)]


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def hold(db: sqlite_utils.Database, chat_id: int, n: int, at: datetime,
         title: str = "", reasons: list[Reason] | None = None) -> None:
    """A story in its own cluster, held for `chat_id` at `at`."""
    story = Story(f"k{n}", "http://127.0.0.1/feed", "Baltic Wire", f"g{n}",
                  f"https://news.example/{n}", title or f"Alert number {n}", "", at)
    story_id = insert_story(db, story, None, at)
    cluster = start_cluster(db, story_id, story.source, at)
    assert enqueue(db, chat_id, cluster, story_id, reasons or NATO, at, "held")


def story(n: int, title: str, source: str = "Baltic Wire") -> Story:
    return Story(key=f"k{n}", feed_url="http://127.0.0.1/feed", source=source, guid=f"g{n}",
                 link=f"https://news.example/{n}", title=title,
                 summary="Ministers met in Brussels on Thursday.",
                 published=utcnow() - timedelta(minutes=100 - n))
