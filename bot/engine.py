"""Wiring the engine from settings: the fetcher's limits and the poller with its store step."""

from __future__ import annotations

from datetime import datetime

from bot import __version__
from bot.config import Settings
from bot.context import Context
from bot.fetch import Fetcher, FetchLimits
from bot.ingest import NewStory, store_new
from bot.models import Story
from bot.poll import Poller
from storage.feeds import FeedRecord

USER_AGENT = f"Vigie/{__version__} (+news alert bot)"


def fetch_limits(settings: Settings) -> FetchLimits:
    """The fetcher's limits as the config sets them."""
    return FetchLimits(
        timeout=settings.polling.timeout,
        max_bytes=settings.fetch.max_bytes,
        allow_private_hosts=settings.fetch.allow_private_hosts,
        user_agent=USER_AGENT,
    )


def make_poller(context: Context, fetcher: Fetcher) -> Poller:
    """A poller that stores each feed's new stories."""

    async def store(feed: FeedRecord, stories: list[Story], now: datetime) -> list[NewStory]:
        return store_new(context.db, feed.id, stories, now)

    return Poller(context.db, context.settings, fetcher, store)
