"""The digest tick: opens the digests that are due and sends them, like the sender does alerts.

Each tick (`flush`) looks at the chats holding alerts: one whose digest time has passed
(bot/schedule_local.digest_due) gets its held alerts gathered into a digest, composed in its
language and zone (bot/digest.py) and sent part by part through the same Messenger and
SendLimiter as alerts. Telegram's answers are decided by `deliver.decide`, as for alerts:
429, 5xx, network -> the digest waits and its alerts stay held; 403 -> the chat is
deactivated; migrated -> moved and sent again; 400 -> dead with the reason.

Crash window, as for alerts: a part is recorded right after Telegram accepts it, so a crash
between Telegram's answer and that commit sends that one part again on restart; nothing
else is ever sent twice or lost. A paused chat's held alerts wait for /resume.
"""

from __future__ import annotations

import asyncio
import html
import logging
from dataclasses import replace
from datetime import datetime

import sqlite_utils
from telegram.error import TelegramError

from bot.core.clock import Clock, utcnow
from bot.core.models import MORE
from bot.core.texts import Html, Texts, fill, language_of, texts_for
from bot.deliver.alerts import reason_label, shown_report
from bot.deliver.digest import DigestItem, compose_digest
from bot.deliver.messenger import Messenger
from bot.deliver.ratelimit import SendLimiter
from bot.deliver.render import cut
from bot.deliver.schedule_local import digest_due
from bot.deliver.sender import Ledger, backoff_seconds, carry_out, decide, retry_at
from storage.chats import get_chat
from storage.digests import (
    DigestRecord,
    digest_failed,
    digest_postpone,
    digest_rows,
    due_digests,
    held_chats,
    open_digest,
)
from storage.outbox import OutboxRow
from storage.preferences import preferences_of
from storage.stories import cluster_reports, get_story

log = logging.getLogger(__name__)
FEEDS_UNITS = 200


def more_header(t: Texts, items: list[DigestItem]) -> str:
    """"And 37 more from Feed X": the header of what a poll owed a chat past the cap, with
    {count} left for compose_digest to fill."""
    feeds = cut(", ".join(sorted({item.source for item in items})), FEEDS_UNITS)
    escaped = html.escape(feeds, quote=False).replace("{", "{{").replace("}", "}}")
    return fill(t.digest_more, count=Html("{count}"), feed=Html(escaped))


class DigestSender:
    """Sends what digests are owed; chats side by side, one chat's parts in order."""

    def __init__(self, db: sqlite_utils.Database, messenger: Messenger, limiter: SendLimiter,
                 concurrency: int = 32, clock: Clock = utcnow,
                 ledger: Ledger | None = None) -> None:
        self.db = db
        self.clock = clock
        self.messenger = messenger
        self.limiter = limiter
        self.gate = asyncio.Semaphore(concurrency)
        self.ledger = ledger or Ledger()  # shared with the alert sender (Engine.digests)

    async def flush(self, now: datetime | None = None) -> int:
        """Open the digests now due and send every digest whose time has come; returns how
        many digests went out whole. Nothing is sent while an earlier answer from Telegram
        is not yet recorded."""
        now = now or self.clock()
        due: list[DigestRecord] = []
        if not (self.ledger.settle(self.db, self.clock()) and self.ledger.guard(
                self.db, lambda: due.extend(self._open_and_list(now)), self.clock())):
            return 0
        done = await asyncio.gather(*(self._guarded(d) for d in due), return_exceptions=True)
        for failure in (d for d in done if isinstance(d, BaseException)):
            log.error("a digest's sends failed", exc_info=failure)
        return sum(d for d in done if isinstance(d, int))

    def _open_and_list(self, now: datetime) -> list[DigestRecord]:
        self.open_due(now)
        return due_digests(self.db, now)

    def open_due(self, now: datetime) -> list[int]:
        """Gather each due chat's held alerts into a digest; returns the digests opened."""
        held = held_chats(self.db)
        prefs = preferences_of(self.db, list(held)) if held else {}
        opened = []
        for chat_id, oldest in held.items():
            pref = prefs.get(chat_id)
            if pref and pref.active and not pref.paused and digest_due(pref.plan, oldest, now):
                digest_id = open_digest(self.db, chat_id, now)
                opened += [digest_id] if digest_id is not None else []
        return opened

    async def _guarded(self, digest: DigestRecord) -> int:
        async with self.gate:
            return await self.send(digest)

    async def send(self, digest: DigestRecord) -> int:
        """Send the parts not yet sent; 1 when the digest is now complete, else 0.
        No error of this digest reaches another."""
        try:
            parts = self.compose(digest)
        except Exception as error:  # noqa: BLE001 - a digest that cannot be shown is dead alone
            return self._bury(digest, f"cannot be composed: {type(error).__name__}: {error}")
        target = digest.chat_id
        while len(digest.message_ids) < len(parts):
            if self.ledger.stopped is not None:
                return 0
            try:
                await self.limiter.acquire(target)
                message_id = await self.messenger.send(target, parts[len(digest.message_ids)])
            except TelegramError as error:
                moved = self._failed(digest, target, error)
                if moved is None:
                    return 0
                target = moved
                continue
            except Exception as error:  # noqa: BLE001 - not Telegram's answer: try again later
                return self._broken(digest, error)
            digest = replace(digest, message_ids=[*digest.message_ids, message_id])
            if not self.ledger.part_sent(self.db, digest, self.clock()):
                return 0
        return int(self.ledger.digest_sent(self.db, digest.id, self.clock()))

    def compose(self, digest: DigestRecord) -> list[str]:
        """The digest's messages, in the chat's language and zone (the same on a resume)."""
        chat = get_chat(self.db, digest.chat_id)
        t = texts_for(chat.language if chat else None)
        tz = chat.timezone if chat else "UTC"
        rows = digest_rows(self.db, digest.id)
        seen = (language_of(chat.language if chat else None), digest.due_at)
        items = [item for item in (self._item(row, t, seen) for row in rows) if item is not None]
        if rows and all(any(r.kind is MORE for r in row.reasons) for row in rows):
            t = replace(t, digest_header=more_header(t, items))
        return compose_digest(t, items, tz)

    def _item(self, row: OutboxRow, t: Texts, seen: tuple[str, datetime]) -> DigestItem | None:
        """One held alert, showing the cluster's report in the chat's language (`seen`: that
        language, and the digest's time, so a resumed digest shows what its first part did)."""
        story = get_story(self.db, row.story_id)
        if story is None:
            return None
        language, at = seen
        reports = cluster_reports(self.db, row.cluster_id) or [story]
        shown = shown_report(story, reports, language, replace(row, sent_at=at))
        group = reason_label(row.reasons[0] if row.reasons else None, t)
        return DigestItem(group, shown.title, shown.link, shown.source, shown.published)

    def _failed(self, digest: DigestRecord, chat_id: int, error: TelegramError) -> int | None:
        """Act on Telegram's refusal; the new chat id when the group moved, else None."""
        decision = decide(error, digest.attempts)
        log.warning("digest %s to chat %s: %s", digest.id, chat_id, decision.reason)
        moved: list[int | None] = []
        self.ledger.guard(self.db, lambda: moved.append(carry_out(
            decision, self.db, self.limiter, chat_id, self.clock(),
            lambda until, why: digest_postpone(self.db, digest.id, until, why),
            lambda why: digest_failed(self.db, digest.id, "dead", why))), self.clock())
        return moved[0] if moved else None

    def _bury(self, digest: DigestRecord, reason: str) -> int:
        log.error("digest %s to chat %s is dead: %s", digest.id, digest.chat_id, reason)
        self.ledger.guard(self.db, lambda: digest_failed(self.db, digest.id, "dead", reason),
                          self.clock())
        return 0

    def _broken(self, digest: DigestRecord, error: Exception) -> int:
        """A send failed outside Telegram's answers: back off as for a network error."""
        reason = f"{type(error).__name__}: {error}"
        log.error("digest %s to chat %s: %s; retried later", digest.id, digest.chat_id, reason,
                  exc_info=error)
        until = retry_at(backoff_seconds(digest.attempts), self.clock())
        self.ledger.guard(self.db, lambda: digest_postpone(self.db, digest.id, until, reason),
                          self.clock())
        return 0
