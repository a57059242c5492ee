"""What the Telegram handlers and jobs share, held in `application.bot_data["vigie"]`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlite_utils

from bot.config import Settings
from bot.deliver import Ledger
from bot.match import Matcher
from bot.poll import Poller
from bot.topics import Topic
from storage.clock import Clock

SERVICES_KEY = "vigie"


@dataclass(slots=True)
class Services:
    """The engine's state for one running bot: settings, database, topics and the matcher."""

    settings: Settings
    db: sqlite_utils.Database
    topics: dict[str, Topic]
    matcher: Matcher
    poller: Poller
    clock: Clock
    started_at: datetime
    last_poll_at: datetime | None = None
    ledger: Ledger = field(default_factory=Ledger)
    """Telegram's answers not yet recorded, shared by the senders; /stats shows it."""
