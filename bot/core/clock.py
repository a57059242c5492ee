"""Timestamps as stored: ISO 8601 in UTC, so that text order is time order."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
"""Now, injected: tests and the demo run Vigie on any date by handing in another clock."""


def utcnow() -> datetime:
    """Now, in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def to_text(moment: datetime) -> str:
    """A UTC ISO string for an aware datetime."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_text(text: str) -> datetime:
    """The aware datetime for a stored ISO string."""
    return datetime.fromisoformat(text)
