"""One scheduling path: `vigie run` and `vigie run --console` run the same ticks, and a tick
that finds the database file gone stops the run instead of polling or sending."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC
from pathlib import Path

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.app import telegram_app
from bot.app.context import Context
from bot.app.ticks import Tick, engine_ticks, schedule_plain
from bot.core.config import Settings, StorageSettings, TelegramSettings
from bot.deliver.messenger import ConsoleMessenger
from bot.engine import Engine, fetch_limits
from bot.ingest.fetch import Fetcher
from storage.db import open_database


def scheduled(jobs: list[object]) -> list[tuple[str, float]]:
    """(name, period in seconds) of each job, as the scheduler holds them."""
    out = []
    for job in jobs:
        trigger = job.trigger  # type: ignore[attr-defined]
        assert isinstance(trigger, IntervalTrigger)
        out.append((job.name, trigger.interval.total_seconds()))  # type: ignore[attr-defined]
    return sorted(out)


def settings_at(tmp_path: Path) -> Settings:
    return Settings(storage=StorageSettings(path=str(tmp_path / "vigie.db")),
                    telegram=TelegramSettings(token="123456:ABC"))


def engine_and_ticks(settings: Settings, fetcher: Fetcher) -> tuple[Engine, list[Tick],
                                                                      asyncio.Event]:
    engine = Engine(Context(settings, open_database(settings.storage.path)), fetcher)
    stop = asyncio.Event()
    return engine, engine_ticks(engine, engine.sender(ConsoleMessenger(io.StringIO())), stop), stop


def test_the_bot_and_the_console_schedule_the_same_ticks(tmp_path: Path) -> None:
    async def both() -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
        settings = settings_at(tmp_path)
        async with Fetcher(fetch_limits(settings)) as fetcher:
            engine, ticks, _ = engine_and_ticks(settings, fetcher)
            plain = AsyncIOScheduler(timezone=UTC)
            schedule_plain(plain, ticks)
            application = telegram_app.build_application(settings)
            telegram_app._schedule(application, ticks)
            assert application.job_queue is not None
            queued = [job.job for job in application.job_queue.jobs()]
            await engine.stop()
        return scheduled(plain.get_jobs()), scheduled(queued)

    console, bot = asyncio.run(both())
    assert console == bot == [("poll", 5.0), ("prune", 600.0), ("send", 1.0)]


def test_a_tick_that_finds_the_database_gone_stops_the_run(tmp_path: Path) -> None:
    async def tick_after_delete() -> tuple[bool, str | None]:
        settings = settings_at(tmp_path)
        async with Fetcher(fetch_limits(settings)) as fetcher:
            engine, ticks, stop = engine_and_ticks(settings, fetcher)
            (tmp_path / "vigie.db").unlink()
            await ticks[0].run()
            await engine.stop()
        return stop.is_set(), engine.lost

    assert asyncio.run(tick_after_delete()) == (True, "deleted")
