"""Plain data passed between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

MORE = "more"
"""The reason kind appended to an alert past the per-poll cap: held for the "and N more"
message."""


@dataclass(frozen=True, slots=True)
class Story:
    """One normalised feed entry, as stored and as judged by dedup and matching."""

    key: str
    feed_url: str
    source: str
    guid: str | None
    link: str | None
    title: str
    summary: str
    published: datetime
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Ingested:
    """A story stored for the first time: its cluster and the chats now owed an alert."""

    id: int
    story: Story
    cluster_id: int
    duplicate_of: int | None
    chats: tuple[int, ...]
    stale: bool = False
    """First seen more than `max_age` after it was published: stored, clustered, not alerted."""


@dataclass(frozen=True, slots=True)
class Plan:
    """How a chat wants its alerts delivered: the part of its settings that decides when."""

    timezone: str = "UTC"
    digest: str = "off"  # off | hourly | daily
    digest_time: str | None = None  # HH:MM, for daily
    quiet_start: str | None = None  # HH:MM
    quiet_end: str | None = None
