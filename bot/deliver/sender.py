"""The sender: drains the outbox oldest first, within Telegram's limits, losing nothing.

Every Telegram answer maps to one decision, in `decide`:
RetryAfter -> wait what it says; TimedOut, NetworkError (5xx, refused, reset) -> back off;
Forbidden -> deactivate the chat; ChatMigrated -> move the chat and send again;
BadRequest -> dead, with Telegram's reason. Only the last two ever end a row without a send.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

import sqlite_utils
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    RetryAfter,
    TelegramError,
)

from bot.core.clock import Clock, utcnow
from bot.deliver.messenger import Messenger
from bot.deliver.ratelimit import SendLimiter, retry_after_seconds
from storage.chats import deactivate_chat, migrate_chat
from storage.outbox import OutboxRow, due_edits, due_rows, edit_done, mark_dead, mark_sent, postpone

log = logging.getLogger(__name__)

BATCH = 200
MAX_BACKOFF_S = 600.0
Action = Literal["wait", "backoff", "deactivate", "move", "dead"]


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with a row after a failed send."""

    action: Action
    seconds: float = 0.0
    reason: str = ""
    new_chat_id: int | None = None


def decide(error: TelegramError, attempts: int) -> Decision:
    """Map one Telegram error to one decision (the only place that does)."""
    if isinstance(error, RetryAfter):
        return Decision("wait", retry_after_seconds(error), f"429: {error.message}")
    if isinstance(error, ChatMigrated):
        return Decision("move", 0.0, "group migrated", error.new_chat_id)
    if isinstance(error, Forbidden):
        return Decision("deactivate", 0.0, f"403: {error.message}")
    if isinstance(error, BadRequest):
        return Decision("dead", 0.0, f"400: {error.message}")
    reason = f"{type(error).__name__}: {error.message}"
    return Decision("backoff", backoff_seconds(attempts), reason)


def backoff_seconds(attempts: int) -> float:
    """5 s, 10 s, 20 s ... up to ten minutes: a Telegram outage is waited out, not hammered."""
    return float(min(MAX_BACKOFF_S, 5.0 * 2.0 ** min(attempts, 10)))


def retry_at(seconds: float, now: datetime) -> datetime:
    """The first stored second at which `seconds` have surely passed since `now`.

    Times are stored to the second and `utcnow` rounds down: without the extra second a
    retry_after of 1 could be retried at once by the next drain.
    """
    return now + timedelta(seconds=math.ceil(seconds) + 1)


Postpone = Callable[[datetime, str], None]
Bury = Callable[[str], None]


def carry_out(decision: Decision, db: sqlite_utils.Database, limiter: SendLimiter,
              chat_id: int, now: datetime, postpone: Postpone, bury: Bury) -> int | None:
    """Act on a decision for an alert or a digest; the chat's new id when the group moved."""
    if decision.action in ("wait", "backoff"):
        if decision.action == "wait":
            limiter.penalise(chat_id, decision.seconds)
        postpone(retry_at(decision.seconds, now), decision.reason)
    elif decision.action == "deactivate":
        deactivate_chat(db, chat_id, decision.reason)
    elif decision.action == "move" and decision.new_chat_id is not None:
        migrate_chat(db, chat_id, decision.new_chat_id)
        return decision.new_chat_id
    else:
        bury(decision.reason)
    return None


Render = Callable[[OutboxRow], str]


class Sender:
    """Sends what the outbox owes; one chat's alerts in order, chats side by side."""

    def __init__(self, db: sqlite_utils.Database, messenger: Messenger, limiter: SendLimiter,
                 render: Render, concurrency: int = 32, clock: Clock = utcnow) -> None:
        self.db = db
        self.clock = clock  # tests drive outages on a fake clock
        self.messenger = messenger
        self.limiter = limiter
        self.render = render
        self.gate = asyncio.Semaphore(concurrency)

    async def drain(self, now: datetime | None = None) -> int:
        """Send every due row (a batch at a time) and every due edit; returns alerts sent."""
        sent = 0
        while rows := due_rows(self.db, now or self.clock(), BATCH):
            done = await self._send_batch(rows)
            sent += done
            if done == 0:
                break
        await self._edit_due()
        return sent

    async def _send_batch(self, rows: list[OutboxRow]) -> int:
        by_chat: dict[int, list[OutboxRow]] = {}
        for row in rows:
            by_chat.setdefault(row.chat_id, []).append(row)
        counts = await asyncio.gather(*(self._send_chat(group) for group in by_chat.values()))
        return sum(counts)

    async def _send_chat(self, rows: list[OutboxRow]) -> int:
        """A chat's rows in order; stop at the first that must wait, so order is kept."""
        sent = 0
        async with self.gate:
            for row in rows:
                if not await self.send_row(row):
                    break
                sent += 1
        return sent

    async def send_row(self, row: OutboxRow, chat_id: int | None = None) -> bool:
        """Try one row; True when it was sent."""
        target = chat_id or row.chat_id
        try:
            await self.limiter.acquire(target)
            message_id = await self.messenger.send(target, self.render(row))
        except TelegramError as error:
            return await self._failed(row, target, error)
        mark_sent(self.db, row.id, message_id, self.clock())
        return True

    async def _failed(self, row: OutboxRow, chat_id: int, error: TelegramError) -> bool:
        decision = decide(error, row.attempts)
        log.warning("alert %s to chat %s: %s", row.id, chat_id, decision.reason)
        moved = carry_out(decision, self.db, self.limiter, chat_id, self.clock(),
                          lambda until, why: postpone(self.db, row.id, until, why),
                          lambda why: mark_dead(self.db, row.id, why))
        return False if moved is None else await self.send_row(row, moved)

    async def _edit_due(self) -> None:
        """Apply the "also reported by" edits; an edit that fails is not retried."""
        for row in due_edits(self.db, BATCH):
            try:
                await self.limiter.acquire(row.chat_id)
                await self.messenger.edit(row.chat_id, row.message_id or 0, self.render(row))
            except RetryAfter as error:
                self.limiter.penalise(row.chat_id, retry_after_seconds(error))
                return
            except TelegramError as error:
                log.info("edit of alert %s skipped: %s", row.id, error.message)
            edit_done(self.db, row.id)
