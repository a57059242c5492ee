"""How much a topic or a filter was covered, day by day and language by language.

Stories do not keep what they matched, so /trend matches the stories of the period again,
with a throwaway matcher holding only the asked topic or filter (a few terms: fast, and the
shared index the pipeline uses is never touched). Days are the chat's days (its time zone),
counted on when the outlets published.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlite_utils

from bot.deliver.schedule_local import local
from bot.match.matcher import Matcher
from storage.stats import sent_since

UNKNOWN = ""
"""The language key of stories whose feed did not say."""


@dataclass(frozen=True, slots=True)
class Trend:
    """Counts per day (oldest first), one series per language (or per kind of count)."""

    days: list[date]
    series: dict[str, list[int]]

    @property
    def totals(self) -> list[int]:
        """All series added up, day by day."""
        return [sum(day) for day in zip(*self.series.values(), strict=True)] or [0] * len(
            self.days)

    @property
    def total(self) -> int:
        return sum(self.totals)

    @property
    def peak(self) -> tuple[int, int]:
        """(index of the day with the most, its count); the latest such day on a tie."""
        totals = self.totals
        best = max(range(len(totals)), key=lambda i: (totals[i], i))
        return best, totals[best]


def day_span(now: datetime, tz: str, days: int) -> list[date]:
    """The last `days` days on the chat's calendar, today last."""
    today = local(now, tz).date()
    return [today - timedelta(days=days - 1 - n) for n in range(days)]


def since_of(days: list[date], now: datetime) -> datetime:
    """A moment safely before the first day began anywhere (a day's margin)."""
    return now - timedelta(days=len(days) + 1)


def tally(items: Iterable[tuple[datetime, str]], days: list[date], tz: str) -> Trend:
    """Count (moment, key) pairs per day of `days`, in `tz`; outside moments are left out."""
    place = {day: n for n, day in enumerate(days)}
    series: dict[str, list[int]] = {}
    for moment, key in items:
        index = place.get(local(moment, tz).date())
        if index is not None:
            series.setdefault(key, [0] * len(days))[index] += 1
    return Trend(days, dict(sorted(series.items())))


def matches(matcher: Matcher, target: str, title: str, summary: str) -> bool:
    """Whether the story matches the target ("topic:nato", "filter:7")."""
    kind, _, name = target.partition(":")
    found = matcher.match(title, summary)
    return name in found.topics if kind == "topic" else int(name) in found.filters


Stored = tuple[str, str, datetime, str | None]
"""(title, summary, published, language) of a stored story."""


def coverage(stories: Iterable[Stored], matcher: Matcher, target: str, span: list[date],
             tz: str) -> Trend:
    """Of these stories, those on the target, per day of `span` and language (pure: may run
    in a worker thread)."""
    return tally(((published, language or UNKNOWN) for title, summary, published, language
                  in stories if matches(matcher, target, title, summary)), span, tz)


def sent_trend(db: sqlite_utils.Database, days: int, now: datetime) -> Trend:
    """Alerts sent per day (UTC), over the last `days` days."""
    span = day_span(now, "UTC", days)
    return tally(((moment, "sent") for moment in sent_since(db, since_of(span, now))),
                 span, "UTC")
