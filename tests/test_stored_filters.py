"""A stored filter that no longer parses (the grammar or a limit changed since it was typed)
never stops the start: it is set aside, the others work, and its chat is told once."""

from __future__ import annotations

import asyncio

import sqlite_utils
from telegram.ext import ExtBot

from bot.core.clock import utcnow
from bot.core.config import Settings
from bot.core.context import Context
from bot.deliver.messenger import TelegramMessenger
from bot.engine import Engine, fetch_limits
from bot.ingest.fetch import Fetcher
from bot.match.filter_book import Added, AddResult, FilterBook
from bot.match.filters import FILTERS_PER_CHAT, parse_filter
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics
from storage.chats import add_filter, chat_filters, register_chat
from storage.filters_aside import untold
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


def test_the_notice_is_in_the_chats_language(db: sqlite_utils.Database) -> None:
    now = utcnow()
    register_chat(db, ALICE, "private", "lectrice", "fr", now)
    add_filter(db, ALICE, BROKEN[0], now)
    with serving(FakeBotServer(enforce_limits=False)) as server:
        asyncio.run(start(db, server))
    [told] = server.sent(ALICE)
    assert "mis de côté" in told.text and "/filter add" in told.text


def book(db: sqlite_utils.Database) -> FilterBook:
    return FilterBook(db, Matcher(builtin_topics()), utcnow)


def test_one_book_adds_refuses_twins_and_the_21st_and_removes(db: sqlite_utils.Database) -> None:
    register_chat(db, ALICE, "private", "reader", None, utcnow())
    filters = book(db)
    first = filters.add(ALICE, parse_filter("drone* Kherson"))
    assert first == AddResult(Added.ADDED, 1)
    assert filters.add(ALICE, parse_filter("DRONE* kherson")) == AddResult(Added.EXISTS, 1)
    for n in range(2, FILTERS_PER_CHAT + 1):
        assert filters.add(ALICE, parse_filter(f"word{n}")).outcome is Added.ADDED
    assert filters.add(ALICE, parse_filter("one more")) == AddResult(Added.TOO_MANY, 20)
    [record] = [f for f in chat_filters(db, ALICE) if f.expr == "drone* Kherson"]
    assert filters.matcher.match("Drones over Kherson", "").filters == {record.id}
    assert filters.remove(ALICE, record.id)
    assert filters.matcher.match("Drones over Kherson", "").filters == frozenset()
    assert not filters.remove(ALICE, record.id)


def test_a_chat_coming_back_with_a_broken_filter_has_it_set_aside_too(
        db: sqlite_utils.Database) -> None:
    """Wherever a stored filter that no longer parses is met, it is treated the same way."""
    register_chat(db, ALICE, "private", "reader", None, utcnow())
    add_filter(db, ALICE, BROKEN[0], utcnow())
    good = add_filter(db, ALICE, "kherson", utcnow())
    filters = book(db)
    filters.sync_chat(ALICE)
    assert filters.matcher.match("Kherson", "").filters == {good}
    assert [f.expr for f in chat_filters(db, ALICE)] == ["kherson"]
    [aside] = untold(db)[ALICE]
    assert aside.expr == BROKEN[0] and "never closed" in aside.reason
