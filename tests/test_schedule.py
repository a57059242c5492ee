"""When a feed is polled next: at its interval while it publishes, stretched only after three
quiet days, failing feeds backed off, and every plan saying why in words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.ingest.schedule import Pace, PollPlan, Why, is_failing, next_poll, plan_of, plan_poll

NOW = datetime(2031, 3, 3, 12, 0, tzinfo=UTC)  # any moment: the schedule takes it as an input
MINUTE, HOUR, DAY = 60.0, 3600.0, 86400.0
BASE, MAX = 5 * MINUTE, 4 * HOUR
PACE = Pace(BASE, MAX)


def plan(quiet_for: float, errors: int = 0, retry_after: float | None = None,
         pace: Pace = PACE) -> PollPlan:
    """The plan after a poll at NOW of a feed that brought nothing new for `quiet_for` s."""
    return plan_poll(NOW, pace, NOW - timedelta(seconds=quiet_for), errors, retry_after)


@pytest.mark.parametrize(
    ("quiet_for", "seconds"),
    [
        (0.0, BASE),  # found something new on this very poll
        (3 * HOUR, BASE),  # two items in the last three hours: no waiting hours for a third
        (2 * DAY, BASE),  # a feed of a story every other day is still polled at its interval
        (3 * DAY, BASE),
        (4 * DAY, 2 * BASE),  # then it stretches gradually: doubled per further quiet day
        (5 * DAY, 4 * BASE),
        (6 * DAY, 8 * BASE),
        (8 * DAY, 32 * BASE),  # 2 h 40 min
        (9 * DAY, MAX),  # 64 * 5 min would be 5 h 20 min: never past max_interval
        (400 * DAY, MAX),  # no float overflow however long the silence
    ],
)
def test_a_feed_is_polled_at_its_interval_until_quiet_for_three_days(
        quiet_for: float, seconds: float) -> None:
    assert plan(quiet_for).seconds == seconds


def test_the_stretch_grows_continuously_never_by_a_jump() -> None:
    waits = [plan(3 * DAY + hours * HOUR).seconds for hours in range(0, 24 * 7)]
    assert waits == sorted(waits)
    assert max(b / a for a, b in zip(waits, waits[1:], strict=False)) < 1.05


def test_a_feed_with_its_own_interval_is_never_stretched() -> None:
    own = Pace(BASE, MAX, own_interval=30.0)
    assert plan(0.0, pace=own) == PollPlan(Why.OWN, 30.0)
    assert plan(60 * DAY, pace=own) == PollPlan(Why.OWN, 30.0)


def test_max_interval_below_the_interval_never_shortens_it() -> None:
    assert plan(60 * DAY, pace=Pace(BASE, 2 * MINUTE)).seconds == BASE


@pytest.mark.parametrize(
    ("errors", "seconds"),
    [
        (1, BASE),
        (2, 2 * BASE),
        (3, 4 * BASE),
        (7, 64 * BASE),  # 5 h 20 min
        (8, 6 * HOUR),  # 128 * 5 min would be 10 h 40: capped at 6 h
        (100_000, 6 * HOUR),  # no float overflow however long the outage
    ],
)
def test_failures_back_off_exponentially_to_a_cap(errors: int, seconds: float) -> None:
    assert plan(0.0, errors=errors) == PollPlan(Why.BACKOFF, seconds, errors=errors)


def test_backoff_of_a_feed_polled_rarely_is_never_shorter_than_its_own_interval() -> None:
    assert plan(0.0, errors=20, pace=Pace(BASE, MAX, own_interval=DAY)).seconds == DAY


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
        errors: int, retry_after: float, seconds: float) -> None:
    assert plan(0.0, errors=errors, retry_after=retry_after).seconds == seconds


def test_next_poll_is_now_plus_the_plan() -> None:
    assert next_poll(NOW, plan(5 * DAY)) == NOW + timedelta(minutes=20)


@pytest.mark.parametrize(
    ("quiet_for", "errors", "waited", "said"),
    [
        (2 * HOUR, 0, BASE, "new stories in the last 3 days: every 5 min"),
        (5 * DAY, 0, 4 * BASE, "quiet 5 days: every 20 min"),
        (8 * DAY, 0, 32 * BASE, "quiet 8 days: every 2 h 40 min"),
        (0.0, 3, 4 * BASE, "backing off after 3 error(s): retry in 20 min"),
        (0.0, 0, 2 * HOUR, "the server asked to wait (Retry-After): 2 h"),
    ],
)
def test_a_listing_says_why_a_feed_is_polled_when_it_is(
        quiet_for: float, errors: int, waited: float, said: str) -> None:
    """`vigie feeds list` and /feeds read the plan back from the stored poll times."""
    shown = plan_of(PACE, NOW, NOW + timedelta(seconds=waited),
                    NOW - timedelta(seconds=quiet_for), errors)
    assert shown.describe() == said


def test_a_feed_never_polled_is_listed_as_polled_at_once() -> None:
    assert plan_of(PACE, None, NOW, NOW, 0).describe() == "new: polled at once"
    own = Pace(BASE, MAX, own_interval=30.0)
    assert plan_of(own, NOW, NOW + timedelta(seconds=30), NOW - timedelta(days=9),
                   0).describe() == "own interval: every 30 s"


@pytest.mark.parametrize(("errors", "failing"), [(0, False), (1, False), (2, False), (3, True),
                                                 (40, True)])
def test_is_failing_after_three_errors_in_a_row(errors: int, failing: bool) -> None:
    assert is_failing(errors) is failing
