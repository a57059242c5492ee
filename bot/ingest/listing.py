"""Feeds as a person reads them: health, schedule, and why each is polled when it is.

One listing for `vigie feeds list` and the /feeds command.
"""

from __future__ import annotations

from datetime import datetime

from bot.core.config import Settings
from bot.ingest.poll import pace
from bot.ingest.schedule import is_failing, plan_of
from storage.feeds import FeedRecord


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


def format_feeds(feeds: list[FeedRecord], settings: Settings) -> str:
    """Three lines a feed: name and URL, its schedule and health, and why it is polled when it
    is; failing feeds flagged."""
    if not feeds:
        return "no feeds yet: add one with `vigie feeds add URL` or list them in the config"
    return "\n".join(_format_feed(feed, settings) for feed in feeds)


def _format_feed(feed: FeedRecord, settings: Settings) -> str:
    flag = "FAILING" if is_failing(feed.error_count) else "ok" if feed.error_count == 0 else "error"
    plan = plan_of(pace(settings, feed), feed.last_poll_at, feed.next_poll_at, feed.quiet_since,
                   feed.error_count)
    lines = [
        f"[{flag}] {feed.label}  {feed.url}",
        f"    last poll {_when(feed.last_poll_at)} | next poll {_when(feed.next_poll_at)}"
        f" | status {feed.last_status or '-'} | consecutive errors {feed.error_count}",
        f"    polled when: {plan.describe()}",
    ]
    if feed.last_error:
        lines.append(f"    last error: {feed.last_error}")
    if feed.last_warning:
        lines.append(f"    warning: {feed.last_warning}")
    return "\n".join(lines)
