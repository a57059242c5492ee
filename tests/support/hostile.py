"""Hostile feeds polled by the real engine, through a transport that refuses all but loopback."""

from __future__ import annotations

import asyncio
import resource
import tracemalloc
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import httpx

from bot.app.context import open_context
from bot.core.clock import utcnow
from bot.core.context import Context
from bot.deliver.messenger import TelegramMessenger
from bot.deliver.ratelimit import SendLimiter
from bot.engine import Engine, fetch_limits
from bot.ingest.addresses import AddressCheck, check_public
from bot.ingest.fetch import Fetcher
from storage.chats import register_chat, subscribe
from storage.feeds import FeedRecord, list_feeds
from tests.support.fakebot import FakeBotServer, SentMessage, make_bot
from tests.support.feeds import write_config

CHAT = 501


MB = 1_000_000


@dataclass
class Outcome:
    """What one poll of hostile feeds left behind, and what reached the chat."""

    feeds: dict[str, FeedRecord]
    stories: list[dict[str, Any]]
    sent: list[SentMessage]
    peak: int  # bytes, tracemalloc peak during the poll


def rss_items(items: Sequence[tuple[str, str, str]], *, prolog: str = "",
              channel: str = "Hostile Wire") -> bytes:
    """RSS 2.0 of (title, description, link) given as raw XML fragments (not escaped here)."""
    entries = "".join(
        f"<item><guid>h-{i}</guid><title>{title}</title><link>{link}</link>"
        f"<description>{summary}</description>"
        f"<pubDate>{format_datetime(utcnow())}</pubDate></item>"  # news: alerted
        for i, (title, summary, link) in enumerate(items))
    return (f'<?xml version="1.0" encoding="utf-8"?>{prolog}<rss version="2.0"><channel>'
            f"<title>{channel}</title>{entries}</channel></rss>").encode()


class LoopbackOnly(httpx.AsyncHTTPTransport):
    """A safety net: should a check let a hop through, the connection still stays on 127.0.0.1."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host != "127.0.0.1":
            raise httpx.ConnectError(f"test guard: no connection to {request.url.host}")
        return await super().handle_async_request(request)


def poll(tmp_path: Path, urls: list[str], *, max_bytes: int = 10 * MB,
         private: bool = True, check: AddressCheck | None = None, trace: bool = True) -> Outcome:
    """One poll cycle of `urls` by the real Engine, then one drain to the fake Bot API."""
    config = write_config(tmp_path, urls, allow_private=private, timeout=20.0,
                          max_bytes=max_bytes)
    context = open_context(str(config))
    register_chat(context.db, CHAT, "private", "reader", None, utcnow())
    subscribe(context.db, CHAT, "nato", utcnow())
    with FakeBotServer(enforce_limits=False) as fake:
        peak = asyncio.run(_poll_and_send(context, fake, check, trace))
        sent = fake.sent(CHAT)
    feeds = {feed.url: feed for feed in list_feeds(context.db)}
    stories = list(context.db.query("SELECT title, summary, link FROM stories ORDER BY id"))
    context.db.close()
    return Outcome(feeds, stories, sent, peak)


async def _poll_and_send(context: Context, fake: FakeBotServer, check: AddressCheck | None,
                         trace: bool) -> int:
    """Poll, measuring the peak (tracemalloc, or else the growth of the process's max RSS)."""
    transport = LoopbackOnly()
    async with httpx.AsyncClient(transport=transport, trust_env=False) as client:
        fetcher = Fetcher(fetch_limits(context.settings), client, check or check_public)
        engine = Engine(context, fetcher)
        rss_before = _max_rss()
        if trace:
            tracemalloc.start()
        try:
            await engine.poll_once()
            peak = tracemalloc.get_traced_memory()[1] if trace else _max_rss() - rss_before
        finally:
            tracemalloc.stop()
            await engine.stop()
        async with make_bot(fake) as bot:
            await engine.sender(TelegramMessenger(bot), SendLimiter(1000, 1000, 60_000)).drain()
    return peak


def _max_rss() -> int:
    """The process's peak resident size so far, in bytes (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
