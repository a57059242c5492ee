"""The sender: drains the outbox oldest first, within Telegram's limits, losing nothing.

Every Telegram answer maps to one decision, in `decide`:
RetryAfter -> wait what it says; TimedOut, NetworkError (5xx, refused, reset) -> back off;
Forbidden -> deactivate the chat; ChatMigrated -> move the chat and send again;
BadRequest -> dead, with Telegram's reason. Only the last two ever end a row without a send.
One BadRequest is not the row's fault: a forum topic closed or deleted under a route
(`topic_refused`); the route is marked broken (the group is told once, bot/deliver/notices)
and the alert goes to the General topic at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import sqlite3
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
from bot.core.models import PLAIN, Placement
from bot.deliver.messenger import Messenger
from bot.deliver.ratelimit import SendLimiter, retry_after_seconds
from storage.chats import deactivate_chat, migrate_chat
from storage.destinations import break_routes
from storage.digests import DigestRecord, digest_sent, save_parts
from storage.outbox import OutboxRow, due_edits, due_rows, edit_done, mark_dead, mark_sent, postpone

log = logging.getLogger(__name__)

BATCH = 200
PER_CHAT = 5
"""Rows of one chat in one batch: at 1 message a second per chat, a batch ends within
seconds, and every other chat with something due is in it (fair across chats)."""
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


TOPIC_REFUSALS = ("topic_closed", "topic_deleted", "message thread not found")
"""How Telegram says a forum topic cannot take a message (closed, deleted)."""


def topic_refused(error: TelegramError) -> bool:
    """Whether Telegram refused the message for its forum topic, not for the message."""
    return isinstance(error, BadRequest) and any(
        words in error.message.casefold() for words in TOPIC_REFUSALS)


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
Place = Callable[[OutboxRow], Placement]


def nowhere_special(row: OutboxRow) -> Placement:
    """The General topic, no preview: for senders built without the chats' settings."""
    return PLAIN


class Ledger:
    """What Telegram accepted that the database has not recorded yet, kept in memory.

    A write that fails after Telegram took a message (another process holds the write lock,
    the disk is full) must not leave the row pending: the next tick would send it again. The
    answer is kept here and written again at the start of every tick; while anything is kept,
    or the last write failed, nothing new is sent. Alerts and digests share one ledger. What
    is kept dies with the process: those messages go again after a restart (the README's
    crash window).
    """

    def __init__(self) -> None:
        self.alerts: dict[int, tuple[int, datetime]] = {}
        self.parts: dict[int, DigestRecord] = {}
        self.digests: dict[int, datetime] = {}
        self.stopped: str | None = None
        self.since: datetime | None = None

    @property
    def kept(self) -> int:
        """How many of Telegram's answers wait to be written."""
        return len(self.alerts) + len(self.parts) + len(self.digests)

    def alert_sent(self, db: sqlite_utils.Database, row_id: int, message_id: int,
                   now: datetime) -> bool:
        """Telegram took an alert: keep the answer, then write it; False when it must wait."""
        self.alerts[row_id] = (message_id, now)
        return self.settle(db, now)

    def part_sent(self, db: sqlite_utils.Database, digest: DigestRecord, now: datetime) -> bool:
        """Telegram took a digest part (`digest` lists it): keep, then write."""
        self.parts[digest.id] = digest
        return self.settle(db, now)

    def digest_sent(self, db: sqlite_utils.Database, digest_id: int, now: datetime) -> bool:
        """Telegram took a digest's last part: keep, then close the digest and its alerts."""
        self.digests[digest_id] = now
        return self.settle(db, now)

    def settle(self, db: sqlite_utils.Database, now: datetime) -> bool:
        """Write everything kept; True when nothing is left and sending may go on."""
        written = self.kept
        if not self.guard(db, lambda: self._write(db), now):
            return False
        if self.stopped is not None:
            log.warning("the database records again (%d answer(s) from Telegram written); "
                        "sending resumes", written)
            self.stopped, self.since = None, None
        return True

    def _write(self, db: sqlite_utils.Database) -> None:
        for row_id, (message_id, at) in list(self.alerts.items()):
            mark_sent(db, row_id, message_id, at)
            del self.alerts[row_id]
        for digest_id, digest in list(self.parts.items()):
            save_parts(db, digest)
            del self.parts[digest_id]
        for digest_id, at in list(self.digests.items()):
            digest_sent(db, digest_id, at)
            del self.digests[digest_id]

    def guard(self, db: sqlite_utils.Database, work: Callable[[], object],
              now: datetime) -> bool:
        """Run one database step of the sender; when SQLite refuses it, stop sending."""
        try:
            work()
        except sqlite3.Error as error:
            self.stop(db, error, now)
            return False
        return True

    def stop(self, db: sqlite_utils.Database, error: sqlite3.Error, now: datetime) -> None:
        """No more sends until a write goes through; said once in the log, and in /stats."""
        with contextlib.suppress(sqlite3.Error):
            if db.conn.in_transaction:  # a failed COMMIT can leave it open
                db.conn.execute("ROLLBACK")
        if self.stopped is None:
            log.error("sending stopped: the database cannot record what Telegram accepted "
                      "(%s); %d answer(s) kept in memory and written again every tick; "
                      "nothing more is sent until then", error, self.kept)
            self.since = now
        self.stopped = str(error)


class Sender:
    """Sends what the outbox owes; one chat's alerts in order, chats side by side."""

    def __init__(self, db: sqlite_utils.Database, messenger: Messenger, limiter: SendLimiter,
                 render: Render, concurrency: int = 32, clock: Clock = utcnow,
                 ledger: Ledger | None = None, place: Place = nowhere_special) -> None:
        self.db = db
        self.clock = clock  # tests drive outages on a fake clock
        self.messenger = messenger
        self.limiter = limiter
        self.render = render
        self.place = place
        self.gate = asyncio.Semaphore(concurrency)
        self.ledger = ledger or Ledger()

    async def drain(self, now: datetime | None = None) -> int:
        """Send every due row (a batch at a time) and every due edit; returns alerts sent.

        Nothing is sent while an earlier answer from Telegram is not yet recorded."""
        sent = 0
        while self.ledger.settle(self.db, self.clock()) and (rows := self._due(now)):
            done = await self._send_batch(rows)
            sent += done
            if done == 0:
                break
        if self.ledger.stopped is None:
            await self._edit_due()
        return sent

    def _due(self, now: datetime | None) -> list[OutboxRow]:
        rows: list[OutboxRow] = []
        self.ledger.guard(self.db, lambda: rows.extend(
            due_rows(self.db, now or self.clock(), BATCH, PER_CHAT)), self.clock())
        return rows

    async def _send_batch(self, rows: list[OutboxRow]) -> int:
        """Each chat's rows side by side; every chat's task ends before the batch does."""
        by_chat: dict[int, list[OutboxRow]] = {}
        for row in rows:
            by_chat.setdefault(row.chat_id, []).append(row)
        counts = await asyncio.gather(*(self._send_chat(group) for group in by_chat.values()),
                                      return_exceptions=True)
        for failure in (c for c in counts if isinstance(c, BaseException)):
            log.error("a chat's sends failed", exc_info=failure)
        return sum(c for c in counts if isinstance(c, int))

    async def _send_chat(self, rows: list[OutboxRow]) -> int:
        """A chat's rows in order; stop at the first that must wait, so order is kept."""
        sent = 0
        async with self.gate:
            for row in rows:
                if self.ledger.stopped is not None or not await self.send_row(row):
                    break
                sent += 1
        return sent

    async def send_row(self, row: OutboxRow, chat_id: int | None = None) -> bool:
        """Try one row; True when Telegram took it. No error of this row reaches another."""
        target = chat_id or row.chat_id
        try:
            text, placement = self.render(row), self.place(row)
        except Exception as error:  # noqa: BLE001 - a row that cannot be shown is dead alone
            return self._bury(row, f"cannot be rendered: {type(error).__name__}: {error}")
        try:
            await self.limiter.acquire(target)
            if self.ledger.stopped is not None:
                return False
            message_id = await self.messenger.send(target, text, placement)
        except TelegramError as error:
            if placement.thread_id is not None and topic_refused(error):
                return await self._to_general(row, chat_id, placement.thread_id, error)
            return await self._failed(row, target, error)
        except Exception as error:  # noqa: BLE001 - not Telegram's answer: try again later
            return self._broken(row, error)
        self.ledger.alert_sent(self.db, row.id, message_id, self.clock())
        return True

    async def _to_general(self, row: OutboxRow, chat_id: int | None, thread_id: int,
                          error: TelegramError) -> bool:
        """The row's forum topic is closed or deleted: break its routes, send to General."""
        log.warning("forum topic %s of chat %s refused alert %s: %s; routes to it broken",
                    thread_id, row.chat_id, row.id, error.message)
        if not self.ledger.guard(self.db, lambda: break_routes(
                self.db, row.chat_id, thread_id, error.message), self.clock()):
            return False
        return await self.send_row(row, chat_id)

    def _bury(self, row: OutboxRow, reason: str) -> bool:
        log.error("alert %s to chat %s is dead: %s", row.id, row.chat_id, reason)
        self.ledger.guard(self.db, lambda: mark_dead(self.db, row.id, reason), self.clock())
        return False

    def _broken(self, row: OutboxRow, error: Exception) -> bool:
        """A send failed outside Telegram's answers: back off as for a network error."""
        reason = f"{type(error).__name__}: {error}"
        log.error("alert %s to chat %s: %s; retried later", row.id, row.chat_id, reason,
                  exc_info=error)
        until = retry_at(backoff_seconds(row.attempts), self.clock())
        self.ledger.guard(self.db, lambda: postpone(self.db, row.id, until, reason),
                          self.clock())
        return False

    async def _failed(self, row: OutboxRow, chat_id: int, error: TelegramError) -> bool:
        decision = decide(error, row.attempts)
        log.warning("alert %s to chat %s: %s", row.id, chat_id, decision.reason)
        moved: list[int | None] = []
        if not self.ledger.guard(self.db, lambda: moved.append(carry_out(
                decision, self.db, self.limiter, chat_id, self.clock(),
                lambda until, why: postpone(self.db, row.id, until, why),
                lambda why: mark_dead(self.db, row.id, why))), self.clock()):
            return False
        return False if moved[0] is None else await self.send_row(row, moved[0])

    async def _edit_due(self) -> None:
        """Apply the "also reported by" edits; an edit that fails is not retried."""
        rows: list[OutboxRow] = []
        self.ledger.guard(self.db, lambda: rows.extend(due_edits(self.db, BATCH)), self.clock())
        for row in rows:
            try:
                await self.limiter.acquire(row.chat_id)
                await self.messenger.edit(row.chat_id, row.message_id or 0, self.render(row),
                                          self.place(row))
            except RetryAfter as error:
                self.limiter.penalise(row.chat_id, retry_after_seconds(error))
                return
            except TelegramError as error:
                log.info("edit of alert %s skipped: %s", row.id, error.message)
            except Exception as error:  # noqa: BLE001 - an edit is a courtesy: never retried
                log.error("edit of alert %s skipped: %s", row.id, error, exc_info=error)
            if not self._edited(row.id):
                return

    def _edited(self, row_id: int) -> bool:
        return self.ledger.guard(self.db, lambda: edit_done(self.db, row_id), self.clock())
