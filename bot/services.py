"""What the Telegram handlers and jobs share: the engine's services, typed.

python-telegram-bot builds `bot_data` from the class named in `CONTEXT_TYPES`, so every
handler reaches the services as `context.services`, typed, instead of casting a dict entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlite_utils
from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.core.clock import Clock
from bot.core.config import Settings
from bot.deliver.sender import Ledger
from bot.ingest.poll import Poller
from bot.match.filter_book import FilterBook
from bot.match.matcher import Matcher
from bot.match.topics import Topic


@dataclass(slots=True)
class Services:
    """The engine's state for one running bot: settings, database, topics and the matcher."""

    settings: Settings
    db: sqlite_utils.Database
    topics: dict[str, Topic]
    matcher: Matcher
    filters: FilterBook
    poller: Poller
    clock: Clock
    started_at: datetime
    last_poll_at: datetime | None = None
    ledger: Ledger = field(default_factory=Ledger)
    """Telegram's answers not yet recorded, shared by the senders; /stats shows it."""


class BotData:
    """`application.bot_data`: the services, attached by the engine before the bot starts."""

    def __init__(self) -> None:
        self.services: Services | None = None


class VigieContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """The context every handler receives."""

    @property
    def services(self) -> Services:
        """The engine's services; present from start to stop."""
        found = self.bot_data.services
        if found is None:
            raise RuntimeError("the engine's services were not attached to the application")
        return found


CONTEXT_TYPES = ContextTypes(context=VigieContext, bot_data=BotData)
"""Pass to `ApplicationBuilder().context_types(...)`."""
