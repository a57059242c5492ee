"""A stored filter that no longer parses (the grammar or a limit changed since it was typed)
never stops the start: it is set aside, the others work, and its chat is told once."""

from __future__ import annotations

import asyncio

import sqlite_utils
from telegram.ext import ExtBot

from bot.app.context import Context
from bot.core.clock import utcnow
from bot.core.config import Settings
from bot.deliver.messenger import TelegramMessenger
from bot.engine import Engine, fetch_limits
from bot.ingest.fetch import Fetcher
from storage.chats import add_filter, chat_filters, register_chat
from tests.support.fakebot import FakeBotServer, local_request, serving

ALICE, BORIS = 4101, 4102
BROKEN = ["((( nato", "k" * 300]  # a bracket never closed; longer than today's limit


def stored(db: sqlite_utils.Database) -> None:
    """Filters written straight to storage, as an older Vigie accepted them."""
    now = utcnow()
    for chat in (ALICE, BORIS):
        register_chat(db, chat, "private", f"reader {chat}", None, now)
    for expr in [*BROKEN, "kherson"]:
        add_filter(db, ALICE, expr, now)
    add_filter(db, BORIS, "nato", now)


async def start(db: sqlite_utils.Database, server: FakeBotServer) -> Engine:
    """Start an engine on `db` and run three send ticks against the fake Bot API."""
    settings = Settings()
    async with Fetcher(fetch_limits(settings)) as fetcher:
        engine = Engine(Context(settings, db), fetcher)
        bot = ExtBot(server.token, base_url=server.base_url, request=local_request())
        async with bot:
            sender = engine.sender(TelegramMessenger(bot))
            for _ in range(3):
                await engine.deliver(sender)
        await engine.stop()
    return engine


def test_a_filter_that_no_longer_parses_is_set_aside_and_its_chat_told_once(
        db: sqlite_utils.Database) -> None:
    stored(db)
    with serving(FakeBotServer(enforce_limits=False)) as server:
        engine = asyncio.run(start(db, server))
        asyncio.run(start(db, server))  # a restart tells nobody again
    matched = engine.matcher.match("Kherson and NATO", "")
    assert len(matched.filters) == 2  # Alice's good filter and Boris's still work
    told = server.sent(ALICE)
    assert len(told) == 1 and server.sent(BORIS) == []
    for expr in BROKEN:
        assert expr[:40] in told[0].text  # what it was, so it can be typed again
    assert "never closed" in told[0].text and "/filter add" in told[0].text
    assert [f.expr for f in chat_filters(db, ALICE)] == ["kherson"]
