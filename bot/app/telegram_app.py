"""`vigie run`: python-telegram-bot's Application, its JobQueue driving polling and sending.

`run_polling` would own the event loop; we run the Application inside our own so that a signal
stops updates first, then the jobs, then the sends in flight, and only then the database.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlsplit

from telegram.error import InvalidToken, NetworkError
from telegram.ext import Application, ApplicationBuilder, ContextTypes

from bot.app.aiohttp_request import AiohttpRequest
from bot.app.ticks import JOB_KWARGS, Tick, engine_ticks
from bot.core.config import Settings
from bot.core.errors import VigieError
from bot.deliver.messenger import TelegramMessenger
from bot.engine import Engine
from bot.services import CONTEXT_TYPES
from handlers.registry import publish_commands, register

log = logging.getLogger(__name__)


def _request(settings: Settings, pool: int) -> AiohttpRequest:
    """aiohttp under PTB (a sixth of httpx's CPU a send: bot/app/aiohttp_request.py); a Bot
    API on loopback bypasses proxy variables."""
    host = urlsplit(settings.telegram.api_base_url).hostname or ""
    local = host in ("127.0.0.1", "localhost", "::1")
    return AiohttpRequest(connection_pool_size=pool, read_timeout=15.0, trust_env=not local)


def api_urls(api_base_url: str) -> tuple[str, str]:
    """python-telegram-bot's base_url and base_file_url for `[telegram] api_base_url`.

    A server is often given by its root ("http://127.0.0.1:8081", as a self-hosted Bot API
    prints it); PTB wants the ".../bot" prefix the token follows. Both spellings work.
    """
    root = api_base_url.rstrip("/")
    root = root.removesuffix("/bot")
    return f"{root}/bot", f"{root}/file/bot"


def build_application(settings: Settings) -> Application:  # type: ignore[type-arg]
    """The Application, pointed at `[telegram] api_base_url`."""
    token = settings.telegram.token or ""
    base_url, base_file_url = api_urls(settings.telegram.api_base_url)
    return (
        ApplicationBuilder().token(token).base_url(base_url).base_file_url(base_file_url)
        .request(_request(settings, 64)).get_updates_request(_request(settings, 2))
        .context_types(CONTEXT_TYPES).build()
    )


async def run_bot(engine: Engine, stop: asyncio.Event) -> None:
    """Serve updates and run the poll and send jobs until `stop` is set."""
    application = build_application(engine.settings)
    engine.attach(application.bot_data)
    register(application)
    await _initialize(application, engine.settings)
    async with application:
        await publish_commands(application.bot, engine.settings.telegram.admins)
        sender = engine.sender(TelegramMessenger(application.bot))
        _schedule(application, engine_ticks(engine, sender, stop))
        assert application.updater is not None
        await application.updater.start_polling(drop_pending_updates=False)
        await application.start()
        log.info("vigie is running as @%s", application.bot.username)
        await stop.wait()
        await application.updater.stop()
        await application.stop()


async def _initialize(application: Application, settings: Settings) -> None:  # type: ignore[type-arg]
    """getMe before anything else, so a wrong token or no network is one clear sentence."""
    try:
        await application.initialize()
    except (InvalidToken, NetworkError) as error:
        await application.bot.shutdown()  # close the connections getMe opened
        raise VigieError(_start_failure(error, settings)) from None


def _start_failure(error: InvalidToken | NetworkError, settings: Settings) -> str:
    if isinstance(error, InvalidToken):  # its message quotes the token: never shown
        return ("Telegram refused the token: check TELEGRAM_BOT_TOKEN or [telegram] token "
                "against what @BotFather gave you")
    return (f"cannot reach the Bot API at {settings.telegram.api_base_url} ({error.message}): "
            "check the network, or [telegram] api_base_url")


def _schedule(application: Application, ticks: list[Tick]) -> None:  # type: ignore[type-arg]
    """The engine's ticks as JobQueue jobs, the same list console mode schedules."""
    jobs = application.job_queue
    assert jobs is not None
    for tick in ticks:
        jobs.run_repeating(_job(tick), tick.every, first=tick.first, name=tick.name,
                           job_kwargs=JOB_KWARGS)


def _job(tick: Tick) -> Callable[[ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]:
    """A JobQueue callback (it is handed a context the tick does not need)."""

    async def job(_: ContextTypes.DEFAULT_TYPE) -> None:
        await tick.run()

    return job
