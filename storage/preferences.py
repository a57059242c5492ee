"""A chat's delivery settings: digest mode, quiet window, time zone and language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlite_utils

from bot.core.models import Plan


@dataclass(frozen=True, slots=True)
class Preferences:
    """What /settings shows, and what the pipeline and the digest tick read."""

    chat_id: int
    active: bool
    paused: bool
    language: str | None
    plan: Plan


_COLUMNS = ("id, active, paused, language, timezone, digest, digest_time, quiet_start, "
            "quiet_end")


def _preferences(row: tuple[Any, ...], plans: dict[tuple[Any, ...], Plan]) -> Preferences:
    """A stored row as settings; chats with the same plan share one Plan (most chats keep
    the defaults), so a story owed to 900 chats builds a handful."""
    plan = plans.get(row[4:9])
    if plan is None:
        plan = plans[row[4:9]] = Plan(*row[4:9])
    return Preferences(row[0], bool(row[1]), bool(row[2]), row[3], plan)


def get_preferences(db: sqlite_utils.Database, chat_id: int) -> Preferences | None:
    """One chat's settings, if it is registered."""
    row = db.execute(f"SELECT {_COLUMNS} FROM chats WHERE id = ?", [chat_id]).fetchone()
    return _preferences(row, {}) if row else None


def preferences_of(db: sqlite_utils.Database, chat_ids: list[int],
                   plans: dict[tuple[Any, ...], Plan] | None = None) -> dict[int, Preferences]:
    """These chats' settings, by id; `plans` shares Plans with those read before
    (storage/known.py keeps them for the pipeline)."""
    marks = ",".join("?" * len(chat_ids))
    sql = f"SELECT {_COLUMNS} FROM chats WHERE id IN ({marks})"
    plans = {} if plans is None else plans
    return {row[0]: _preferences(row, plans) for row in db.execute(sql, chat_ids).fetchall()}


def set_digest(db: sqlite_utils.Database, chat_id: int, mode: str, at: str | None) -> None:
    """Digest mode off, hourly, or daily at local HH:MM."""
    db.execute("UPDATE chats SET digest = ?, digest_time = ? WHERE id = ?", [mode, at, chat_id])


def set_quiet(db: sqlite_utils.Database, chat_id: int, start: str | None,
              end: str | None) -> None:
    """The quiet window as local HH:MM, or no window (both None)."""
    db.execute("UPDATE chats SET quiet_start = ?, quiet_end = ? WHERE id = ?",
               [start, end, chat_id])


def set_timezone(db: sqlite_utils.Database, chat_id: int, tz: str) -> None:
    """The chat's IANA zone (already checked against zoneinfo)."""
    db.execute("UPDATE chats SET timezone = ? WHERE id = ?", [tz, chat_id])


def set_language(db: sqlite_utils.Database, chat_id: int, language: str) -> None:
    """The language of the bot's messages in this chat."""
    db.execute("UPDATE chats SET language = ? WHERE id = ?", [language, chat_id])
