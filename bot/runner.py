"""`vigie run`: the engine on a schedule until Ctrl-C or SIGTERM, then a clean stop."""

from __future__ import annotations

import argparse
import asyncio
import signal
from datetime import UTC, datetime
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.context import Context, open_context
from bot.engine import fetch_limits, make_poller
from bot.errors import VigieError
from bot.fetch import Fetcher
from bot.poll import PollReport
from bot.poll_command import story_text

TICK_SECONDS = 5.0
# APScheduler's (and so JobQueue's) default misfire grace is 1 s: a late tick would be dropped
# without a word. A tick that is late still runs; ticks never pile up.
JOB_KWARGS: dict[str, Any] = {"max_instances": 1, "coalesce": True, "misfire_grace_time": None}


def run_command(args: argparse.Namespace) -> int:
    """Run with Telegram, or with alerts printed to the terminal (--console)."""
    context = open_context(args.config)
    if not args.console:
        raise VigieError(
            "no Telegram delivery in this version yet: use `vigie run --console`, or `vigie demo`"
        )
    asyncio.run(run_console(context))
    return 0


async def run_console(context: Context, stop: asyncio.Event | None = None) -> None:
    """Poll on the schedule, printing what is new, until `stop` is set or a signal comes."""
    stop = stop or _stop_on_signals()
    async with Fetcher(fetch_limits(context.settings)) as fetcher:
        poller = make_poller(context, fetcher)
        scheduler = AsyncIOScheduler(timezone=UTC)

        async def tick() -> None:
            poller.spawn_due(_print)

        scheduler.add_job(tick, "interval", seconds=TICK_SECONDS,
                          next_run_time=datetime.now(UTC), **JOB_KWARGS)
        scheduler.start()
        print("vigie: polling; Ctrl-C to stop", flush=True)
        await stop.wait()
        scheduler.shutdown(wait=False)
        await poller.stop()
    context.db.close()
    print("vigie: stopped cleanly", flush=True)


def _print(report: PollReport) -> None:
    for new in report.new:
        print(story_text(new), flush=True)


def _stop_on_signals() -> asyncio.Event:
    """An event set by SIGINT or SIGTERM, so Ctrl-C ends the run without a traceback."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    return stop
