"""Delivery at test speed: the fake Bot API's limits and our limiter, both far above Telegram's."""

from __future__ import annotations

from bot.deliver.ratelimit import SendLimiter
from tests.support.fakebot import Limits

FAST = Limits(per_second=1000, chat_per_second=100, chat_burst=10, group_per_minute=6000)


def fast_limiter() -> SendLimiter:
    """Our limiter, out of the way of a test that is about something else."""
    return SendLimiter(1000, 100, 6000)
