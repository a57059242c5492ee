"""`vigie demo`: the whole pipeline on the bundled sample bulletins, served on 127.0.0.1.

Needs nothing but the install: a throwaway database in a temporary folder, feed hosts on
loopback, and the same poller `vigie run` uses. Ends by itself with a summary.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bot.config import FeedSettings, FetchSettings, Settings, StorageSettings, load_settings
from bot.context import Context
from bot.poll import PollReport
from bot.poll_command import poll_once, story_text
from bot.sample_server import SampleServer, samples_dir
from storage.clock import utcnow
from storage.db import open_database
from storage.feeds import add_feed, make_all_due


def demo_command(args: argparse.Namespace) -> int:
    """Serve the samples, poll them twice (new, then unchanged), print what was found."""
    started = time.monotonic()
    base = load_settings(args.config) if args.config else Settings()
    with SampleServer() as server, tempfile.TemporaryDirectory(prefix="vigie-demo-") as tmp:
        context = _demo_context(base, server, Path(tmp))
        first = asyncio.run(poll_once(context))
        _show(first)
        _make_all_due(context)
        second = asyncio.run(poll_once(context))
        context.db.close()
    print(f"\nfirst cycle: {first.summary()}")
    print(f"second cycle: {second.summary()}")
    print(f"demo done in {time.monotonic() - started:.1f} s")
    return 0


def _demo_context(base: Settings, server: SampleServer, folder: Path) -> Context:
    feeds = tuple(FeedSettings(server.url(path.name), "") for path in _sample_files())
    settings = replace(
        base, feeds=feeds, source="demo", storage=StorageSettings(str(folder / "demo.db")),
        fetch=FetchSettings(allow_private_hosts=True, max_bytes=base.fetch.max_bytes),
    )
    db = open_database(settings.storage.path)
    for feed in feeds:
        add_feed(db, feed.url, feed.name, None, utcnow())
    return Context(settings, db)


def _sample_files() -> list[Path]:
    return sorted(samples_dir().glob("*.xml"))


def _make_all_due(context: Context) -> None:
    """Pull every feed's next poll to now, to show that an unchanged feed costs no parse."""
    make_all_due(context.db, utcnow())


def _show(report: PollReport) -> None:
    for new in report.new:
        print(story_text(new))
