"""A bot to talk to: the real Application on the fake Bot API, driven by a test scenario."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import sqlite_utils
from telegram.ext import ApplicationBuilder

from bot.core.config import FetchSettings, Settings, TelegramSettings
from bot.core.context import Context
from bot.core.texts import ENGLISH
from bot.deliver.messenger import TelegramMessenger
from bot.engine import Engine, fetch_limits
from bot.ingest.fetch import Fetcher
from bot.services import CONTEXT_TYPES, Services
from handlers.flood import FloodGate
from handlers.registry import register
from tests.support.delivery import fast_limiter
from tests.support.fakebot import FakeBotServer, SentMessage, local_request, make_bot, serving

ADMIN = 900


T = TypeVar("T")


NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


@dataclass
class Bot:
    """The running bot as a user sees it: type something, get the answer."""

    server: FakeBotServer
    services: Services

    @property
    def db(self) -> sqlite_utils.Database:
        return self.services.db

    async def say(self, chat_id: int, text: str, *, user_id: int | None = None,
                  chat_type: str | None = None, language_code: str | None = None,
                  replies: int = 1, thread_id: int | None = None) -> list[SentMessage]:
        """Send a message to the bot and return its `replies` answers in that chat."""
        before = len(self.server.sent(chat_id))
        self.server.push_message(chat_id, text, user_id=user_id, chat_type=chat_type,
                                 language_code=language_code, thread_id=thread_id)
        return await until(lambda: _new(self.server.sent(chat_id), before, replies))

    async def press(self, chat_id: int, user_id: int, data: str, message_id: int) -> str:
        """Press a button and return the bot's answer to the press (given once it is done)."""
        before = len(self.server.callback_answers)
        self.server.push_callback(chat_id, user_id, data, message_id)
        answers = await until(lambda: self.server.callback_answers[before:])
        return str(answers[0].get("text"))


def _new(sent: list[SentMessage], before: int, count: int) -> list[SentMessage] | None:
    return sent[before:] if len(sent) >= before + count else None


async def until(probe: Callable[[], T | None], timeout: float = 5.0) -> T:
    """Poll `probe` until it gives something truthy; fail the test after `timeout`."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not (found := probe()):
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("the bot did not answer in time")
        await asyncio.sleep(0.005)
    return found


Scenario = Callable[[Bot], Awaitable[None]]


UNLIMITED = FloodGate(limit=1_000_000)


async def _drive(server: FakeBotServer, settings: Settings, db: sqlite_utils.Database,
                 scenario: Scenario) -> None:
    async with Fetcher(fetch_limits(settings)) as fetcher:
        services = Engine(Context(settings, db), fetcher).services
        await _drive_app(server, services, scenario)


async def _drive_app(server: FakeBotServer, services: Services, scenario: Scenario) -> None:
    app = (ApplicationBuilder().token(server.token).base_url(server.base_url)
           .request(local_request()).get_updates_request(local_request())
           .context_types(CONTEXT_TYPES).build())
    app.bot_data.services = services
    register(app, UNLIMITED)  # scenarios type faster than people; the limit has its own tests
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        await app.start()
        try:
            await scenario(Bot(server, services))
        finally:
            await app.updater.stop()
            await app.stop()


def run(db: sqlite_utils.Database, scenario: Scenario, *, allow_private: bool = False,
        failures_expected: bool = False) -> FakeBotServer:
    """Run the scenario against a fresh bot; no reply may be the internal-error apology."""
    settings = Settings(telegram=TelegramSettings(admins=(ADMIN,)),
                        fetch=FetchSettings(allow_private_hosts=allow_private))
    with serving(FakeBotServer(enforce_limits=False, long_poll_cap=0.2)) as server:
        asyncio.run(_drive(server, settings, db, scenario))
    if not failures_expected:
        assert [m.text for m in server.sent() if m.text == ENGLISH.internal_error] == []
    return server


EngineScenario = Callable[[Bot, Engine], Awaitable[None]]


def run_with_engine(db: sqlite_utils.Database, scenario: EngineScenario) -> FakeBotServer:
    """`run`, with the engine at hand: the scenario can ingest stories and send what is owed."""
    settings = Settings(telegram=TelegramSettings(admins=(ADMIN,)))

    async def main(server: FakeBotServer) -> None:
        async with Fetcher(fetch_limits(settings)) as fetcher:
            engine = Engine(Context(settings, db), fetcher)
            await _drive_app(server, engine.services, lambda bot: scenario(bot, engine))

    with serving(FakeBotServer(enforce_limits=False, long_poll_cap=0.2)) as server:
        asyncio.run(main(server))
    assert [m.text for m in server.sent() if m.text == ENGLISH.internal_error] == []
    return server


async def deliver(bot: Bot, engine: Engine) -> int:
    """One send tick of the engine (notices, digests, alerts) through the real client."""
    async with make_bot(bot.server) as client:
        return await engine.deliver(engine.sender(TelegramMessenger(client), fast_limiter()))


def buttons(message: SentMessage) -> list[tuple[str, str]]:
    """(label, callback data) of every inline button of a message, row by row."""
    rows: list[list[dict[str, Any]]] = (message.reply_markup or {}).get("inline_keyboard", [])
    return [(b["text"], b["callback_data"]) for row in rows for b in row]
