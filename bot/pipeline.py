"""From a feed's new stories to owed alerts: store, cluster, match, enqueue, in one transaction.

A story and its outbox rows are committed together, so a crash leaves either both or neither;
the unique (chat, cluster) key makes a second alert for one story impossible.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

import sqlite_utils

from bot.core.config import DedupSettings, DeliverySettings
from bot.core.models import Ingested, OutboxStatus, Reason, ReasonKind, Story
from bot.dedup.index import DedupIndex, Judgement, told_at
from bot.dedup.stored import Prepared, codec, decode, prepare
from bot.deliver.schedule_local import holds
from bot.match.audience import audience
from bot.match.matcher import Matcher
from storage.db import transaction
from storage.mutes import muted_reasons
from storage.outbox import Owed, ask_edits, enqueue_many
from storage.preferences import Preferences, preferences_of
from storage.stories import (
    DedupPrint,
    Known,
    WindowRow,
    insert_story,
    join_cluster,
    known_among,
    start_cluster,
    store_prints,
    window_rows,
)

EDITS_PER_ALERT = 3
EDIT_WINDOW = timedelta(hours=6)
POLL_MEMORY = timedelta(hours=1)
"""How long a poll's count of alerts per chat is kept: far longer than storing one poll."""


class Pipeline:
    """Holds the dedup window and the matcher; turns stories into clusters and outbox rows."""

    def __init__(self, db: sqlite_utils.Database, dedup: DedupIndex, matcher: Matcher,
                 delivery: DeliverySettings | None = None) -> None:
        self.db = db
        self.dedup = dedup
        self.matcher = matcher
        delivery = delivery or DeliverySettings()  # the config's defaults, written there once
        self.max_age = timedelta(hours=delivery.max_age_hours)
        self.max_per_poll = delivery.max_alerts_per_poll
        self.polls: dict[tuple[int | None, datetime], Counter[int]] = {}

    def ingest(self, feed_id: int | None, stories: Iterable[Story],
               now: datetime) -> list[Ingested]:
        """Take a batch of a feed's stories in one transaction; those seen before are skipped.

        If anything fails the whole batch rolls back, and the dedup window forgets it too, so
        the stories come back whole on the next poll. The batches of one poll share `now`:
        what they owe each chat is counted together, against `max_per_poll`.
        """
        self.dedup.expire(now)
        added: list[int] = []
        batch = list(stories)
        owed = self._poll(feed_id, now)
        try:
            with transaction(self.db):
                known = known_among(self.db, batch)
                done = [self._ingest_one(feed_id, story, now, added, known, owed)
                        for story in batch]
        except Exception:
            for story_id in added:
                self.dedup.discard(story_id)
            raise
        return [item for item in done if item is not None]

    async def ingest_each(self, feed_id: int | None, stories: Iterable[Story],
                          now: datetime) -> list[Ingested]:
        """As `ingest`, one story a transaction, yielding to the event loop between stories:
        a first start with thousands of new stories (700 alerts each) never holds the loop
        for more than one story. No transaction stays open across the yield, so no other
        coroutine's write can join it (and be rolled back with it)."""
        stored: list[Ingested] = []
        for story in stories:
            stored += self.ingest(feed_id, [story], now)
            await asyncio.sleep(0)
        return stored

    def _poll(self, feed_id: int | None, now: datetime) -> Counter[int]:
        """The alerts this poll of this feed owes each chat so far (polls long done forgotten)."""
        for key in [key for key in self.polls if key[1] < now - POLL_MEMORY]:
            del self.polls[key]
        return self.polls.setdefault((feed_id, now), Counter())

    def _ingest_one(self, feed_id: int | None, story: Story, now: datetime,
                    added: list[int], known: Known, owed: Counter[int]) -> Ingested | None:
        if story in known:
            return None
        known.add(story)
        prepared = prepare(story.title, story.summary, story.language)
        story_id = insert_story(self.db, story, feed_id, now, DedupPrint(prepared.data, codec()))
        judgement = self.dedup.add_prepared(story_id, prepared, told_at(story.published, now))
        added.append(story_id)
        self._cluster(story, judgement, now)
        stale = now - story.published > self.max_age
        chats = self._enqueue(story, judgement, now, stale, owed)
        return Ingested(story_id, story, judgement.cluster_id, judgement.duplicate_of, chats,
                        stale)

    def _cluster(self, story: Story, judgement: Judgement, now: datetime) -> None:
        if judgement.duplicate_of is None:
            start_cluster(self.db, judgement.story_id, story.source, now)
            return
        if join_cluster(self.db, judgement.story_id, judgement.cluster_id,
                        judgement.duplicate_of, story.source, now):
            ask_edits(self.db, judgement.cluster_id, EDITS_PER_ALERT, now - EDIT_WINDOW)

    def _enqueue(self, story: Story, judgement: Judgement, now: datetime,
                 stale: bool, owed: Counter[int]) -> tuple[int, ...]:
        """Owe each interested, active chat one alert for the cluster: skipped while paused,
        held for a digest (digest mode, quiet hours), held for the poll's "and N more"
        message past `max_per_poll`, none when every reason is muted, none for a stale story
        (its row says so, for /recent)."""
        wanted = audience(self.db, self.matcher.match(story.title, story.summary))
        prefs = preferences_of(self.db, list(wanted)) if wanted else {}
        muted = muted_reasons(self.db, list(wanted), now) if wanted else {}
        rows: list[Owed] = []
        for chat_id, reasons in wanted.items():
            kept = unmuted(reasons, muted.get(chat_id, set()))
            pref = prefs.get(chat_id)
            if pref and pref.active and kept:
                rows.append(self._owe(chat_id, kept, now, pref, stale, owed[chat_id]))
        fresh = enqueue_many(self.db, judgement.cluster_id, judgement.story_id, rows, now)
        chats = [row.chat_id for row in rows if row.chat_id in fresh and not _quiet(row)]
        owed.update(chats)
        return tuple(chats)

    def _owe(self, chat_id: int, reasons: list[Reason], now: datetime, pref: Preferences,
             stale: bool, so_far: int) -> Owed:
        status = (OutboxStatus.STALE if stale else OutboxStatus.SKIPPED if pref.paused
                  else OutboxStatus.HELD if holds(pref.plan, now) else OutboxStatus.PENDING)
        if status is OutboxStatus.PENDING and so_far >= self.max_per_poll:
            status, reasons = OutboxStatus.HELD, [*reasons, Reason(ReasonKind.MORE)]
        return Owed(chat_id, reasons, status)


def _quiet(row: Owed) -> bool:
    """A row never sent as an alert of its own: the story was stale or the chat paused."""
    return row.status in (OutboxStatus.STALE, OutboxStatus.SKIPPED)


def unmuted(reasons: list[Reason], muted: set[tuple[str, str]]) -> list[Reason]:
    """The reasons left once the chat's muted topics and filters are taken out."""
    return [r for r in reasons if (r.kind.value, r.name) not in muted]


def load_window(db: sqlite_utils.Database, settings: DedupSettings, now: datetime) -> DedupIndex:
    """The dedup window rebuilt from SQLite at start, in the order Vigie saw the stories,
    clusters as stored, from the prints stored with them; a row without one of today's codec
    (stored before prints were, or by older code) is computed and its print written back."""
    index = DedupIndex(settings)
    since = now - timedelta(hours=settings.window_hours)
    computed: list[tuple[int, DedupPrint]] = []
    for row in window_rows(db, since, codec()):
        index.add_prepared(row.id, _prepared(row, computed), row.told, row.cluster_id)
    if computed:
        with transaction(db):
            store_prints(db, computed)
    return index


def _prepared(row: WindowRow, computed: list[tuple[int, DedupPrint]]) -> Prepared:
    """The row's stored print decoded, or computed (and noted in `computed` to write back)."""
    if row.data is not None:
        return decode(row.data)
    prepared = prepare(row.title or "", row.summary or "", row.language)
    computed.append((row.id, DedupPrint(prepared.data, codec())))
    return prepared
