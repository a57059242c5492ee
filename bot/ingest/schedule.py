"""When to poll a feed next: at its interval while it publishes, seldom once it falls silent.

People who follow a war read an alert that comes hours late as a missed alert, so a feed that
brought something new in the last `ACTIVE_FOR` (three days) is polled at its configured
interval, however few stories it publishes: a feed with two items in three hours is as urgent
as one with two hundred. Only a feed silent for longer is stretched, gradually (the interval
doubles with each further quiet day) and never past `max_interval`; a feed's own `interval`
is never stretched. A failing feed is retried less and less often instead of hammered; a
server that says Retry-After is never asked again before it said (within a day, so a wrong
header cannot silence a feed for good). Pure functions: the caller passes the clock in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

DAY = 24 * 3600.0
ACTIVE_FOR = 3 * DAY
"""A feed that brought a new story within this long is polled at its interval."""

BACKOFF_CAP = 6 * 3600.0
RETRY_AFTER_CAP = 24 * 3600.0
FAILING_AFTER = 3
_MAX_DOUBLINGS = 32  # 2**32 times any base is far past the cap; avoids float overflow


class Why(Enum):
    """Why a feed is polled when it is."""

    NEW = "new"
    ACTIVE = "active"
    OWN = "own interval"
    QUIET = "quiet"
    BACKOFF = "backoff"
    RETRY_AFTER = "retry-after"


@dataclass(frozen=True, slots=True)
class Pace:
    """A feed's polling settings: the configured interval, its own, and the longest wait."""

    interval: float
    max_interval: float
    own_interval: float | None = None

    @property
    def base(self) -> float:
        """The interval the feed is polled at while it publishes."""
        return self.own_interval or self.interval


@dataclass(frozen=True, slots=True)
class PollPlan:
    """The wait until a feed's next poll, and why it is that long."""

    why: Why
    seconds: float
    quiet_for: float = 0.0
    errors: int = 0

    def describe(self) -> str:
        """The reason in a few words, as `vigie feeds list` and /feeds show it."""
        every = f"every {duration(self.seconds)}"
        return {
            Why.NEW: "new: polled at once",
            Why.ACTIVE: f"new stories in the last {duration(ACTIVE_FOR)}: {every}",
            Why.OWN: f"own interval: {every}",
            Why.QUIET: f"quiet {duration(self.quiet_for)}: {every}",
            Why.BACKOFF: f"backing off after {self.errors} error(s): retry in "
                         f"{duration(self.seconds)}",
            Why.RETRY_AFTER: f"the server asked to wait (Retry-After): {duration(self.seconds)}",
        }[self.why]


def plan_poll(now: datetime, pace: Pace, quiet_since: datetime, error_count: int,
              retry_after: float | None) -> PollPlan:
    """The wait after a poll at `now`, given when the feed last brought something new."""
    if error_count > 0:
        plan = PollPlan(Why.BACKOFF, backoff_interval(pace.base, error_count),
                        errors=error_count)
    elif pace.own_interval:
        plan = PollPlan(Why.OWN, pace.own_interval)
    else:
        plan = quiet_plan(pace, (now - quiet_since).total_seconds())
    return honour_retry_after(plan, retry_after)


def next_poll(now: datetime, plan: PollPlan) -> datetime:
    """The moment of the next poll."""
    return now + timedelta(seconds=plan.seconds)


def quiet_plan(pace: Pace, quiet_for: float) -> PollPlan:
    """The interval while active; past ACTIVE_FOR, doubled per further quiet day, capped."""
    if quiet_for <= ACTIVE_FOR:
        return PollPlan(Why.ACTIVE, pace.base, quiet_for)
    doublings = min((quiet_for - ACTIVE_FOR) / DAY, _MAX_DOUBLINGS)
    stretched = min(max(pace.max_interval, pace.base), pace.base * 2.0**doublings)
    return PollPlan(Why.QUIET, stretched, quiet_for)


def backoff_interval(base_interval: float, error_count: int) -> float:
    """Seconds until the retry after `error_count` failures in a row: base * 2^(n-1), capped.

    The cap is BACKOFF_CAP, or the base interval itself for a feed polled even less often.
    """
    doublings = min(max(error_count - 1, 0), _MAX_DOUBLINGS)
    cap = max(BACKOFF_CAP, base_interval)
    return min(cap, base_interval * 2.0**doublings)


def honour_retry_after(plan: PollPlan, retry_after: float | None) -> PollPlan:
    """Wait at least what the server asked (up to RETRY_AFTER_CAP), never less than planned."""
    if retry_after is None:
        return plan
    asked = min(max(retry_after, 0.0), RETRY_AFTER_CAP)
    return plan if asked <= plan.seconds else PollPlan(Why.RETRY_AFTER, asked)


def plan_of(pace: Pace, polled_at: datetime | None, next_at: datetime | None,
            quiet_since: datetime, error_count: int) -> PollPlan:
    """The plan a stored feed is on, read back from its last and next poll (for listings)."""
    if polled_at is None or next_at is None:
        return PollPlan(Why.NEW, 0.0)
    plan = plan_poll(polled_at, pace, quiet_since, error_count, None)
    waited = (next_at - polled_at).total_seconds()
    return honour_retry_after(plan, waited) if waited > plan.seconds + 1 else plan


def is_failing(error_count: int) -> bool:
    """Whether listings should flag the feed: it failed FAILING_AFTER times in a row."""
    return error_count >= FAILING_AFTER


def duration(seconds: float) -> str:
    """A wait in the largest unit that keeps it readable: 45 s, 20 min, 1 h 40 min, 5 days."""
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * DAY:
        hours, minutes = divmod(round(seconds / 60), 60)
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{seconds / DAY:.0f} days"
