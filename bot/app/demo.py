"""`vigie demo`: the whole pipeline on the bundled sample bulletins, served on 127.0.0.1.

Needs nothing but the install: a throwaway database in a temporary folder, feed hosts on
loopback, a console chat following every topic and one keyword filter, a second console chat
taking the same topics as an hourly digest (its hour made to pass), and the same engine
`vigie run` uses. Ends by itself with a summary.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from bot.app.context import context_for
from bot.app.poll_command import story_text
from bot.app.runner import CONSOLE_CHAT_ID, console_chat
from bot.app.sample_server import SampleServer, samples_dir
from bot.core.clock import Clock, utcnow
from bot.core.config import FeedSettings, FetchSettings, Settings, StorageSettings, load_settings
from bot.core.context import Context
from bot.deliver.messenger import ConsoleMessenger
from bot.deliver.ratelimit import SendLimiter
from bot.engine import Engine, running_engine
from bot.ingest.poll import PollReport
from bot.match.filters import parse_filter
from storage.chats import register_chat, subscribe
from storage.feeds import make_all_due
from storage.preferences import set_digest
from storage.stats import counts

DEMO_FILTER = "Odesa OR Odessa OR Одеса"
DIGEST_CHAT_ID = 1  # a second console chat, in hourly digest mode


def demo_command(args: argparse.Namespace, clock: Clock = utcnow) -> int:
    """Serve the samples, poll them twice (new, then unchanged), send the alerts to the console.

    `clock` is the demo's "now" (tests run it years ahead): the samples are dated from it.
    """
    started = time.monotonic()
    base = load_settings(args.config) if args.config else Settings()
    with (SampleServer(clock=clock) as server,
          tempfile.TemporaryDirectory(prefix="vigie-demo-") as tmp):
        context = _demo_context(base, server, Path(tmp), clock)
        lines = asyncio.run(_demo(context))
        context.db.close()
    print("\n" + "\n".join(lines))
    print(f"demo done in {time.monotonic() - started:.1f} s")
    return 0


async def _demo(context: Context) -> list[str]:
    async with running_engine(context) as engine:
        _console_with_filter(engine)
        print("== first poll: every sample bulletin is new ==")
        first = await engine.poll_once()
        _show(first)
        print("\n== alerts to the console chat (one per story, duplicates folded) ==")
        sender = engine.sender(ConsoleMessenger(), SendLimiter(1000, 1000, 1000))
        sent = await sender.drain()
        print(f"\n== chat {DIGEST_CHAT_ID} takes the same news as an hourly digest "
              "(its hour made to pass) ==")
        digests = await engine.digests(sender).flush(engine.clock() + timedelta(hours=1))
        make_all_due(context.db, engine.clock())
        second = await engine.poll_once()
        return [*_summary(context, first, second, sent),
                f"{digests} digest sent to chat {DIGEST_CHAT_ID} (hourly digest mode)"]


def _console_with_filter(engine: Engine) -> None:
    console_chat(engine)
    now = engine.clock()
    engine.filters.add(CONSOLE_CHAT_ID, parse_filter(DEMO_FILTER))
    register_chat(engine.db, DIGEST_CHAT_ID, "console", "console digest", None, now)
    set_digest(engine.db, DIGEST_CHAT_ID, "hourly", None)
    for topic in engine.topics:
        subscribe(engine.db, DIGEST_CHAT_ID, topic, now)


def _summary(context: Context, first: PollReport, second: PollReport, sent: int) -> list[str]:
    stories = len(first.new)
    folded = sum(1 for new in first.new if new.duplicate_of is not None)
    stale = sum(1 for new in first.new if new.stale)
    return [
        f"first cycle: {first.summary()}",
        f"second cycle: {second.summary()}",
        f"{stories} stories folded into {stories - folded} clusters "
        f"({folded} near-duplicates); {counts(context.db, 3).clusters} clusters stored",
        f"{stale} stale (already old when first seen: stored, never alerted)",
        f"{sent} alerts sent to the console chat (topics: all; filter: {DEMO_FILTER})",
    ]


def _demo_context(base: Settings, server: SampleServer, folder: Path, clock: Clock) -> Context:
    feeds = tuple(FeedSettings(server.url(path.name), "") for path in _sample_files())
    settings = replace(
        base, feeds=feeds, source="demo", storage=StorageSettings(str(folder / "demo.db")),
        fetch=FetchSettings(allow_private_hosts=True, max_bytes=base.fetch.max_bytes),
    )
    return context_for(settings, clock)


def _sample_files() -> list[Path]:
    return sorted(samples_dir().glob("*.xml"))


def _show(report: PollReport) -> None:
    for new in report.new:
        print(story_text(new))
