"""Plain data passed between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ReasonKind(StrEnum):
    """Why a chat is owed an alert: a topic it follows, one of its filters, or, past the
    per-poll cap, a place in the "and N more" message."""

    TOPIC = "topic"
    FILTER = "filter"
    MORE = "more"


MORE = ReasonKind.MORE


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason an alert is owed, and where it matched (so the alert can bold the words)."""

    kind: ReasonKind
    name: str = ""
    field: str | None = None
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, object]:
        """As stored in the outbox: the set fields only."""
        return {key: value for key, value in (
            ("kind", self.kind.value), ("name", self.name), ("field", self.field),
            ("start", self.start), ("end", self.end)) if value not in (None, "")}

    @classmethod
    def from_json(cls, data: object) -> Reason | None:
        """A stored reason, or None when it cannot be read (a damaged row still goes)."""
        if not isinstance(data, dict) or data.get("kind") not in set(ReasonKind):
            return None
        start, end = data.get("start"), data.get("end")
        spans = isinstance(start, int) and isinstance(end, int)
        field = data.get("field")
        return cls(ReasonKind(data["kind"]), str(data.get("name") or ""),
                   field if isinstance(field, str) else None,
                   start if spans else None, end if spans else None)


class OutboxStatus(StrEnum):
    """Where an owed alert stands."""

    PENDING = "pending"
    """To send, at `next_attempt_at`."""
    SENT = "sent"
    DEAD = "dead"
    """Telegram refused it for good; the reason is kept."""
    CLOSED = "closed"
    """The chat left."""
    SKIPPED = "skipped"
    """Matched while the chat was paused."""
    HELD = "held"
    """Waits for the chat's digest or the end of its quiet hours."""
    STALE = "stale"
    """The story was already old when Vigie first saw it: never sent."""


@dataclass(frozen=True, slots=True)
class Printed:
    """A story's dedup print as its parsing worker encoded it (bot/dedup/printed.py), and the
    codec that wrote it: the main process decodes it instead of computing it again."""

    data: bytes
    codec: str


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
    part: int | None = None
    """Its place (from 1) in the bulletin it was split from; None for a whole item."""
    parts: int | None = None
    """How many parts that bulletin had."""
    printed: Printed | None = field(default=None, compare=False, repr=False)
    """Its dedup print, when the parsing worker computed it (None: the pipeline computes it)."""


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


class Preview(StrEnum):
    """How an alert shows its link (/preview): no preview, a small one, a large one above."""

    OFF = "off"
    SMALL = "small"
    LARGE = "large"


@dataclass(frozen=True, slots=True)
class Placement:
    """Where and how one message lands in its chat: the forum topic (None: General, or a
    chat without topics) and the link preview, for the link `link`."""

    thread_id: int | None = None
    preview: Preview = Preview.OFF
    link: str | None = None


PLAIN = Placement()
"""General topic, no preview: notices, digests, and alerts of a chat that asked for nothing."""
