"""`vigie feeds list|add|remove|import|export`: manage feeds without the bot."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from sqlite_utils import Database

from bot.app.context import open_context
from bot.app.progress import Progress
from bot.core.clock import utcnow
from bot.core.config import Settings
from bot.core.errors import VigieError
from bot.core.texts import ENGLISH
from bot.ingest.addresses import feed_address_problem
from bot.ingest.listing import format_feeds
from bot.ingest.opml import OpmlFeed, read_opml_list, write_opml
from storage.feeds import add_feed, list_feeds, remove_feed


def feeds_command(args: argparse.Namespace) -> int:
    """Dispatch to the feeds action."""
    context = open_context(args.config)
    db = context.db
    if args.action == "list":
        print(format_feeds(list_feeds(db), context.settings))
    elif args.action == "add":
        _add(db, args.url, args.name, context.settings.fetch.allow_private_hosts)
    elif args.action == "remove":
        _remove(context.settings, db, args.url)
    elif args.action == "import":
        _import(db, Path(args.file), context.settings.fetch.allow_private_hosts)
    else:
        feeds = [OpmlFeed(feed.url, feed.label, feed.folder) for feed in list_feeds(db)]
        sys.stdout.write(write_opml(feeds, "Vigie feeds").decode("utf-8"))
    return 0


def _add(db: Database, url: str, name: str, allow_private: bool) -> None:
    problem = asyncio.run(feed_address_problem(url, allow_private))
    if problem:
        raise VigieError(problem.said(ENGLISH))
    feed, new = add_feed(db, url, name, None, utcnow())
    print(f"added {feed.url}" if new else f"already there: {feed.url}")


def _remove(settings: Settings, db: Database, url: str) -> None:
    if not remove_feed(db, url):
        raise VigieError(f"no feed with URL {url} (see `vigie feeds list`)")
    print(f"removed {url}")
    if any(feed.url == url for feed in settings.feeds):
        print(f"note: {settings.source} still lists it, so it comes back at the next start; "
              "remove it there too", file=sys.stderr)


def _import(db: Database, path: Path, allow_private: bool) -> None:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise VigieError(f"{path}: cannot read: {error.strerror}") from None
    document = read_opml_list(data)
    if document.repairs:
        print(f"repaired {path}: {'; '.join(document.repairs)}", file=sys.stderr)
    with Progress("checking") as progress:
        problems = asyncio.run(_problems([item.url for item in document.feeds], allow_private,
                                         progress))
    added = skipped = 0
    for item, problem in zip(document.feeds, problems, strict=True):
        if problem:
            print(f"skipped {item.url}: {problem}", file=sys.stderr)
            skipped += 1
            continue
        added += add_feed(db, item.url, item.name, None, utcnow(), item.folder)[1]
    print(f"imported {added} new feed(s) from {path}; {skipped} skipped")


async def _problems(urls: list[str], allow_private: bool,
                    progress: Progress) -> list[str | None]:
    """The address check of every URL, resolved together (hundreds of names, one wait);
    `progress` counts them as they come back, refusals as failures."""
    refused = 0

    async def check(url: str) -> str | None:
        nonlocal refused
        problem = await feed_address_problem(url, allow_private)
        refused += problem is not None
        progress.advance(refused)
        return None if problem is None else problem.said(ENGLISH)

    progress.begin(len(urls))
    return list(await asyncio.gather(*(check(url) for url in urls)))
