"""When to poll a feed next: often for busy feeds, seldom for quiet ones, backing off on errors.

Modelled on miniflux's entry-frequency scheduler: a feed that published 7 stories last week
gains nothing from a poll every five minutes, so its interval stretches to about a day / 1;
a feed that keeps failing is retried less and less often instead of hammered; a server that
says Retry-After is never asked again before it said (within a day, so a wrong header cannot
silence a feed for good). Pure functions: the poll loop passes the clock in.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

WEEK = 7 * 24 * 3600.0
BACKOFF_CAP = 6 * 3600.0
RETRY_AFTER_CAP = 24 * 3600.0
FAILING_AFTER = 3
_MAX_DOUBLINGS = 32  # 2**32 times any base is far past the cap; avoids float overflow


def next_poll(
    now: datetime,
    base_interval: float,
    min_interval: float,
    max_interval: float,
    recent_entry_times: Sequence[datetime],
    error_count: int,
    retry_after: float | None,
) -> datetime:
    """The time of the feed's next poll, given its last week of stories and its errors."""
    if error_count > 0:
        interval = backoff_interval(base_interval, min_interval, error_count)
    else:
        interval = frequency_interval(
            now, base_interval, min_interval, max_interval, recent_entry_times
        )
    return now + timedelta(seconds=honour_retry_after(interval, retry_after))


def frequency_interval(
    now: datetime,
    base_interval: float,
    min_interval: float,
    max_interval: float,
    recent_entry_times: Sequence[datetime],
) -> float:
    """Seconds until the next poll after a success: a week over last week's story count.

    Clamped to [base_interval, max_interval], and never under min_interval (the floor wins
    when the config contradicts itself). No story in a week means max_interval.
    """
    since = now - timedelta(seconds=WEEK)
    count = sum(1 for when in recent_entry_times if when >= since)
    spread = WEEK / count if count else max_interval
    return max(min_interval, min(max_interval, max(base_interval, spread)))


def backoff_interval(base_interval: float, min_interval: float, error_count: int) -> float:
    """Seconds until the retry after `error_count` failures in a row: base * 2^(n-1), capped.

    The cap is BACKOFF_CAP, or the base interval itself for a feed polled even less often.
    """
    doublings = min(max(error_count - 1, 0), _MAX_DOUBLINGS)
    cap = max(BACKOFF_CAP, base_interval)
    return max(min_interval, min(cap, base_interval * 2.0**doublings))


def honour_retry_after(interval: float, retry_after: float | None) -> float:
    """Wait at least what the server asked (up to RETRY_AFTER_CAP), never less than planned."""
    if retry_after is None:
        return interval
    return max(interval, min(max(retry_after, 0.0), RETRY_AFTER_CAP))


def is_failing(error_count: int) -> bool:
    """Whether listings should flag the feed: it failed FAILING_AFTER times in a row."""
    return error_count >= FAILING_AFTER
