"""`vigie run [--console]`: the engine on a schedule until Ctrl-C or SIGTERM, then a clean stop."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sqlite3
from datetime import UTC

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.app.context import context_for, load_settings_redacted
from bot.app.lock import exclusive_run
from bot.app.poll_command import story_text
from bot.app.ticks import engine_ticks, schedule_plain
from bot.core.context import Context
from bot.core.errors import VigieError
from bot.deliver.messenger import ConsoleMessenger
from bot.engine import Engine, running_engine
from bot.ingest.poll import PollReport
from storage.chats import register_chat, subscribe
from storage.db import rescue_copy

CONSOLE_CHAT_ID = 0

NO_TOKEN = (
    "no Telegram bot token: set TELEGRAM_BOT_TOKEN or [telegram] token in the config "
    "(get one from @BotFather). Without a token, try `vigie run --console` (alerts printed "
    "here) or `vigie demo`."
)


def run_command(args: argparse.Namespace) -> int:
    """Run with Telegram, or with alerts printed to the terminal (--console)."""
    settings = load_settings_redacted(args.config)
    if not args.console and not settings.telegram.token:
        raise VigieError(NO_TOKEN)
    with exclusive_run(settings.storage.path):  # before the database is opened or created
        context = context_for(settings)
        try:
            lost = asyncio.run(_run(context, args.console))
            if lost:
                raise VigieError(_rescue(context, lost))
        finally:
            context.db.close()
    print("vigie: stopped cleanly", flush=True)
    return 0


async def _run(context: Context, console: bool) -> str | None:
    """Run until a signal, or until the database file is lost: then how it was lost."""
    stop = stop_on_signals()
    async with running_engine(context) as engine:
        if console:
            await run_console(engine, stop)
        else:
            from bot.app.telegram_app import run_bot  # the bot stack only when it is used

            await run_bot(engine, stop)
    return engine.lost


def _rescue(context: Context, lost: str) -> str:
    """Save what the lost database held to a new file; the message that says where."""
    path = context.settings.storage.path
    said = f"{path} was {lost} while Vigie ran, so it stopped"
    try:
        saved = rescue_copy(context.db, path)
    except (OSError, sqlite3.Error) as error:
        return f"{said}; saving what it held failed too ({error}): it is lost"
    return (f"{said}. Everything it held is saved in {saved}: move it to {path} "
            "(or point [storage] path at it) and start again.")


def console_chat(engine: Engine) -> None:
    """The terminal as a chat following every topic, so --console shows real alerts."""
    now = engine.clock()
    register_chat(engine.db, CONSOLE_CHAT_ID, "console", "console", None, now)
    for topic in engine.topics:
        subscribe(engine.db, CONSOLE_CHAT_ID, topic, now)


async def run_console(engine: Engine, stop: asyncio.Event) -> None:
    """Poll and send on the schedule, alerts printed, until `stop` is set."""
    console_chat(engine)
    engine.on_report = _print_stories
    sender = engine.sender(ConsoleMessenger())
    scheduler = AsyncIOScheduler(timezone=UTC)
    schedule_plain(scheduler, engine_ticks(engine, sender, stop))
    scheduler.start()
    print("vigie: polling; alerts print here; Ctrl-C to stop", flush=True)
    await stop.wait()
    scheduler.shutdown(wait=False)


def _print_stories(report: PollReport) -> None:
    for new in report.new:
        print(story_text(new), flush=True)


def stop_on_signals() -> asyncio.Event:
    """An event set by SIGINT or SIGTERM, so Ctrl-C ends the run without a traceback."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    return stop
