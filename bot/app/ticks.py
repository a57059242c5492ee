"""The run's ticks, written once for `vigie run` and `vigie run --console`.

Both modes schedule the same list on APScheduler: the bot through python-telegram-bot's
JobQueue (`run_repeating`), the console on a plain `AsyncIOScheduler`, the one the JobQueue
wraps. Each tick first checks that the database file is still the one opened, else stops
the run.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.deliver.sender import Sender
from bot.engine import Engine

# APScheduler's (and so JobQueue's) default misfire grace is 1 s: a late tick would be dropped
# without a word. A tick that is late still runs; ticks never pile up.
JOB_KWARGS: dict[str, Any] = {"max_instances": 1, "coalesce": True, "misfire_grace_time": None}


@dataclass(frozen=True)
class Periods:
    """How often each tick runs; tests shorten them."""

    poll: timedelta = timedelta(seconds=5)
    send: timedelta = timedelta(seconds=1)
    prune: timedelta = timedelta(minutes=10)  # retention: old rows deleted in small steps


PERIODS = Periods()


@dataclass(frozen=True)
class Tick:
    """One repeating job: its name, period, delay before the first run, and what it does."""

    name: str
    every: timedelta
    first: timedelta
    run: Callable[[], Awaitable[None]]


def engine_ticks(engine: Engine, sender: Sender, stop: asyncio.Event) -> list[Tick]:
    """Poll the due feeds, send what is owed, prune what retention no longer keeps."""
    periods = PERIODS
    return [
        Tick("poll", periods.poll, timedelta(0), _guarded(engine, stop, engine.poll_tick)),
        Tick("send", periods.send, timedelta(seconds=0.5),
             _guarded(engine, stop, lambda: engine.send_tick(sender))),
        Tick("prune", periods.prune, timedelta(seconds=60),
             _guarded(engine, stop, engine.prune_tick)),
    ]


def _guarded(engine: Engine, stop: asyncio.Event,
             start: Callable[[], object]) -> Callable[[], Awaitable[None]]:
    """`start` while the database file is still there; else the run stops."""

    async def tick() -> None:
        if engine.database_kept():
            start()
        else:
            stop.set()

    return tick


def schedule_plain(scheduler: AsyncIOScheduler, ticks: list[Tick]) -> None:
    """The ticks on a plain APScheduler (console mode: no Telegram application)."""
    now = datetime.now(UTC)
    for tick in ticks:
        scheduler.add_job(tick.run, "interval", seconds=tick.every.total_seconds(),
                          next_run_time=now + tick.first, name=tick.name, **JOB_KWARGS)
