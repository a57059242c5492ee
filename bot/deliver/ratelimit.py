"""Pace sends within Telegram's flood limits, per chat as well as overall.

Why our own and not python-telegram-bot's AIORateLimiter (see benchmarks/fanout_limiter.py):
AIORateLimiter does not pace private chats at all, and on one 429 it pauses every request,
a pause that 22.8 lifts as soon as any other request finishes (PTB #5338/#5339).

Limits (each a GCRA schedule, so waiting costs no polling and keeps arrival order):
- overall `per_second` (30), paced evenly;
- per chat `chat_per_second` (1);
- per group, i.e. a negative chat id, `group_per_minute` (20), paced evenly (one every 3 s),
  so no 60-second window ever holds more than 20, whichever way Telegram counts.

429 policy: a RetryAfter is almost always a per-chat flood, so `penalise(chat, s)` pauses
that chat only. When `trip` different chats are penalised within `trip_window` seconds the
flood is the bot's, not a chat's: everything pauses for that retry_after.
A chat's reservation taken before its penalty is re-taken after it (no early send).
"""

from __future__ import annotations

import asyncio
import time
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from telegram.error import RetryAfter
from telegram.warnings import PTBDeprecationWarning

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]
_PRUNE_AT = 10_000


@dataclass
class _Schedule:
    """Generic cell rate algorithm: the theoretical arrival time `tat` of the next send."""

    interval: float
    tolerance: float = 0.0
    tat: float = float("-inf")
    epoch: int = 0

    def earliest(self, now: float) -> float:
        return max(now, self.tat - self.tolerance)

    def take(self, at: float) -> None:
        self.tat = max(self.tat, at) + self.interval

    def pause(self, until: float) -> None:
        """No send before `until`; reservations already handed out must be re-taken."""
        self.tat = max(self.tat, until + self.tolerance)
        self.epoch += 1


def retry_after_seconds(exc: RetryAfter) -> float:
    """Seconds to wait, whether PTB gives an int or (PTB_TIMEDELTA=true) a timedelta."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value if isinstance(value, int | float) else value.total_seconds()


class SendLimiter:
    """`await limiter.acquire(chat_id)` before each send; report 429s with `penalise`."""

    def __init__(self, per_second: float = 30.0, chat_per_second: float = 1.0,
                 group_per_minute: float = 20.0, *, trip: int = 3, trip_window: float = 1.0,
                 clock: Clock = time.monotonic, sleep: Sleep = asyncio.sleep) -> None:
        self._overall = _Schedule(1 / per_second)
        self._chat_interval = 1 / chat_per_second
        self._group_interval = 60 / group_per_minute
        self._chats: dict[int, _Schedule] = {}
        self._groups: dict[int, _Schedule] = {}
        self._penalised: dict[int, float] = {}
        self._trip, self._trip_window = trip, trip_window
        self._clock, self._sleep = clock, sleep

    async def acquire(self, chat_id: int) -> None:
        """Wait for this chat's turn (chat and group limits), then for an overall slot."""
        await self._wait_for(lambda: self._chat_schedules(chat_id))
        await self._wait_for(lambda: [self._overall])

    @asynccontextmanager
    async def slot(self, chat_id: int) -> AsyncIterator[None]:
        """`acquire`, and `penalise` the chat when the block raises RetryAfter (re-raised)."""
        await self.acquire(chat_id)
        try:
            yield
        except RetryAfter as exc:
            self.penalise(chat_id, retry_after_seconds(exc))
            raise

    def penalise(self, chat_id: int, seconds: float) -> None:
        """Telegram answered 429 for `chat_id`: pause it (and everything, see module doc)."""
        now = self._clock()
        for schedule in self._chat_schedules(chat_id)[:1]:
            schedule.pause(now + seconds)
        self._penalised = {c: t for c, t in self._penalised.items()
                           if now - t < self._trip_window}
        self._penalised[chat_id] = now
        if len(self._penalised) >= self._trip:
            self.pause_all(seconds)

    def pause_all(self, seconds: float) -> None:
        """Hold every send for `seconds` (a bot-wide flood)."""
        self._overall.pause(self._clock() + seconds)

    async def _wait_for(self, schedules: Callable[[], list[_Schedule]]) -> None:
        """Reserve the earliest time all `schedules` allow; retry if one is paused meanwhile."""
        while True:
            now = self._clock()
            current = schedules()
            at = max(schedule.earliest(now) for schedule in current)
            epochs = [schedule.epoch for schedule in current]
            for schedule in current:
                schedule.take(at)
            if at > now:
                await self._sleep(at - now)
            if epochs == [schedule.epoch for schedule in current]:
                return

    def _chat_schedules(self, chat_id: int) -> list[_Schedule]:
        if len(self._chats) > _PRUNE_AT:
            self._prune(self._clock())
        chat = self._chats.setdefault(chat_id, _Schedule(self._chat_interval))
        if chat_id >= 0:
            return [chat]
        return [chat, self._groups.setdefault(chat_id, _Schedule(self._group_interval))]

    def _prune(self, now: float) -> None:
        """Forget chats with nothing scheduled: their state is the same as a new one's."""
        for table in (self._chats, self._groups):
            for chat_id in [c for c, s in table.items() if s.tat <= now]:
                del table[chat_id]
