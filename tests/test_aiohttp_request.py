"""What only the aiohttp request (bot/app/aiohttp_request.py) decides, against the fake.

Every delivery test already sends through it (tests/support/fakebot.local_request): sent once,
429 waited for, 403 stopping the chat, 400 dead. Here: its own timeouts and transport
failures mapped to PTB's errors with no token stored, and multipart uploads.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

import sqlite_utils
from telegram.ext import ExtBot

from bot.app.aiohttp_request import AiohttpRequest
from bot.core.clock import utcnow
from bot.deliver.alerts import render_row
from bot.deliver.messenger import TelegramMessenger
from bot.deliver.sender import Sender, backoff_seconds
from storage.chats import get_chat, register_chat
from storage.outbox import enqueue
from storage.stories import insert_story, start_cluster
from tests.support.delivery import fast_limiter
from tests.support.fakebot import FakeBotServer
from tests.support.stories import NATO, story

T = TypeVar("T")


def owe(db: sqlite_utils.Database, chat_id: int, n: int, title: str = "") -> int:
    """A stored story in its own cluster, owed to `chat_id`; returns the cluster's id."""
    now = utcnow()
    if get_chat(db, chat_id) is None:
        register_chat(db, chat_id, "private", f"chat {chat_id}", None, now)
    story_id = insert_story(db, story(n, title or f"NATO alert number {n}"), None, now)
    cluster_id = start_cluster(db, story_id, "Baltic Wire", now)
    assert enqueue(db, chat_id, cluster_id, story_id, NATO, now)
    return cluster_id


def outbox(db: sqlite_utils.Database, cluster_id: int) -> dict[str, Any]:
    [row] = db.query("SELECT * FROM outbox WHERE cluster_id = ?", [cluster_id])
    return row


def with_bot(base_url: str, token: str, body: Callable[[ExtBot[None]], Awaitable[T]],
             read_timeout: float = 5.0) -> T:
    async def main() -> T:
        request = AiohttpRequest(connection_pool_size=8, read_timeout=read_timeout)
        async with ExtBot(token, base_url=base_url, request=request) as bot:
            return await body(bot)

    return asyncio.run(main())


def drain(server: FakeBotServer, db: sqlite_utils.Database, now: datetime | None = None,
          read_timeout: float = 5.0) -> int:
    async def body(bot: ExtBot[None]) -> int:
        sender = Sender(db, TelegramMessenger(bot), fast_limiter(), lambda r: render_row(db, r))
        return await sender.drain(now)

    return with_bot(server.base_url, server.token, body, read_timeout)


def test_a_late_answer_is_a_timeout_backed_off_then_sent_once(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    cluster = owe(db, 42, 1)
    server.fail_next("sendMessage", 1, "timeout", delay=0.6)
    assert drain(server, db, read_timeout=0.2) == 0
    row = outbox(db, cluster)
    assert row["status"] == "pending" and row["error"].startswith("TimedOut")
    later = utcnow() + timedelta(seconds=backoff_seconds(0) + 2)
    assert drain(server, db, later) == 1
    assert outbox(db, cluster)["status"] == "sent"


def test_a_refused_connection_is_a_network_error_and_the_alert_waits(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    cluster = owe(db, 42, 1)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there

    async def body(bot: ExtBot[None]) -> int:
        sender = Sender(db, TelegramMessenger(bot), fast_limiter(), lambda r: render_row(db, r))
        return await sender.drain()

    async def main() -> int:
        request = AiohttpRequest(read_timeout=1.0)
        await request.initialize()  # ExtBot's own initialize would call getMe there
        try:
            return await body(ExtBot(server.token, base_url=f"http://127.0.0.1:{port}/bot",
                                     request=request))
        finally:
            await request.shutdown()

    assert asyncio.run(main()) == 0
    row = outbox(db, cluster)
    assert row["status"] == "pending" and "NetworkError" in row["error"]
    assert server.token not in row["error"]
    assert drain(server, db, utcnow() + timedelta(seconds=backoff_seconds(0) + 2)) == 1


def test_a_photo_goes_as_a_multipart_upload(server: FakeBotServer) -> None:
    async def body(bot: ExtBot[None]) -> int:
        message = await bot.send_photo(42, b"\x89PNG fake bytes", caption="a chart")
        return message.message_id

    with_bot(server.base_url, server.token, body)
    [sent] = server.sent(42)
    assert sent.photo == b"\x89PNG fake bytes" and sent.text == "a chart"
