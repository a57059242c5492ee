"""What one command runs with: the settings, the database and the clock, opened once."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlite_utils

from bot.core.clock import Clock, utcnow
from bot.core.config import Settings


@dataclass(frozen=True, slots=True)
class Context:
    """Settings read once, and the database opened once, for one command."""

    settings: Settings
    db: sqlite_utils.Database
    clock: Clock = field(default=utcnow)
