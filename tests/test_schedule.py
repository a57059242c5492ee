"""When a feed is polled next: busy feeds often, quiet ones seldom, failing ones backed off."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.schedule import is_failing, next_poll

NOW = datetime(2025, 3, 3, 12, 0, tzinfo=UTC)
MINUTE, HOUR, DAY = 60.0, 3600.0, 86400.0
BASE, MIN, MAX = 5 * MINUTE, 1 * MINUTE, 12 * HOUR


def stories(count: int, every: timedelta) -> list[datetime]:
    """`count` publication times going back from NOW, one per `every`."""
    return [NOW - every * n for n in range(count)]


def wait(
    entries: list[datetime],
    errors: int = 0,
    retry_after: float | None = None,
    base: float = BASE,
    minimum: float = MIN,
    maximum: float = MAX,
) -> float:
    """Seconds from NOW to the next poll."""
    when = next_poll(NOW, base, minimum, maximum, entries, errors, retry_after)
    return (when - NOW).total_seconds()


@pytest.mark.parametrize(
    ("entries", "seconds"),
    [
        # a busy wire: 500 stories a week would mean every 20 min; the base interval wins
        (stories(5000, timedelta(minutes=2)), BASE),
        (stories(2016, timedelta(minutes=5)), BASE),
        # 14 stories in the week: about one poll per 12 h, clamped to MAX
        (stories(14, timedelta(hours=12)), 12 * HOUR),
        (stories(28, timedelta(hours=6)), 6 * HOUR),
        (stories(168, timedelta(hours=1)), 1 * HOUR),
        # a quiet feed and a silent one stretch to the maximum
        (stories(2, timedelta(days=3)), MAX),
        ([], MAX),
        # stories older than a week do not count
        (stories(100, timedelta(days=30)), MAX),
    ],
    ids=["wire", "every-5-min", "twice-a-day", "4-a-day", "hourly", "quiet", "silent", "old"],
)
def test_success_interval_follows_publication_rate(
    entries: list[datetime], seconds: float
) -> None:
    assert wait(entries) == seconds


@pytest.mark.parametrize(
    ("base", "minimum", "maximum", "seconds"),
    [
        (10.0, MIN, MAX, MIN),  # a base under the floor is raised to it
        (5 * MINUTE, MIN, 2 * MINUTE, 2 * MINUTE),  # a max under the base caps it
        (5 * MINUTE, 10 * MINUTE, 2 * MINUTE, 10 * MINUTE),  # contradictions: the floor wins
    ],
)
def test_config_bounds(base: float, minimum: float, maximum: float, seconds: float) -> None:
    busy = stories(20_000, timedelta(seconds=30))  # a story every 30 s
    assert wait(busy, base=base, minimum=minimum, maximum=maximum) == seconds


@pytest.mark.parametrize(
    ("errors", "seconds"),
    [
        (1, BASE),
        (2, 2 * BASE),
        (3, 4 * BASE),
        (4, 8 * BASE),
        (6, 32 * BASE),
        (7, 64 * BASE),  # 5 h 20 min
        (8, 6 * HOUR),  # 128 * 5 min would be 10 h 40: capped at 6 h
        (100_000, 6 * HOUR),  # no float overflow however long the outage
    ],
)
def test_failures_back_off_exponentially_to_a_cap(errors: int, seconds: float) -> None:
    assert wait(stories(5000, timedelta(minutes=2)), errors=errors) == seconds


def test_backoff_ignores_publication_rate() -> None:
    assert wait([], errors=1) == BASE


def test_backoff_of_a_feed_polled_rarely_is_never_shorter_than_its_base() -> None:
    assert wait([], errors=20, base=DAY, maximum=2 * DAY) == DAY


@pytest.mark.parametrize(
    ("errors", "retry_after", "seconds"),
    [
        (1, 3600.0, 3600.0),  # the server asks for more than the backoff: honoured
        (1, 10.0, BASE),  # a shorter Retry-After never makes us poll sooner
        (8, 60.0, 6 * HOUR),
        (1, 7 * DAY, DAY),  # a day at most, so a wrong header cannot silence a feed
        (1, -30.0, BASE),
        (0, 2 * HOUR, 2 * HOUR),
    ],
)
def test_retry_after_is_honoured_within_a_day(
    errors: int, retry_after: float, seconds: float
) -> None:
    busy = stories(5000, timedelta(minutes=2))
    assert wait(busy, errors=errors, retry_after=retry_after) == seconds


@pytest.mark.parametrize(("errors", "failing"), [(0, False), (1, False), (2, False), (3, True),
                                                 (40, True)])
def test_is_failing_after_three_errors_in_a_row(errors: int, failing: bool) -> None:
    assert is_failing(errors) is failing
