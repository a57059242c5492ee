"""Plain data passed between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


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
