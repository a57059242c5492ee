"""From a feed's new stories to owed alerts: store, cluster, match, enqueue, in one transaction.

A story and its outbox rows are committed together, so a crash leaves either both or neither;
the unique (chat, cluster) key makes a second alert for one story impossible.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

import sqlite_utils

from bot.core.config import DedupSettings, DeliverySettings
from bot.core.models import Ingested, OutboxStatus, Reason, ReasonKind, Story
from bot.dedup.index import DedupIndex, Judgement, told_at
from bot.dedup.printed import prepared_of
from bot.dedup.stored import Prepared, codec, decode, prepare
from bot.deliver.schedule_local import holds
from bot.match.audience import audience
from bot.match.matcher import Matcher
from storage.db import transaction
from storage.known import KnownFilters, KnownPreferences
from storage.mutes import muted_reasons
from storage.outbox import Owed, ask_edits, enqueue_many
from storage.preferences import Preferences
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
BATCH_S = 0.02
"""How long one transaction of a large batch should hold the event loop: stories that cost
little share one (a commit per story was 3 s of CPU in a first poll of 1,000 feeds)."""
MAX_BATCH = 16
"""The most stories one transaction takes, however cheap the last ones were: a run of costly
stories (hundreds of alerts each) after cheap ones holds the loop for at most this many."""


class Pipeline:
    """Holds the dedup window and the matcher; turns stories into clusters and outbox rows."""

    def __init__(self, db: sqlite_utils.Database, dedup: DedupIndex, matcher: Matcher,
                 delivery: DeliverySettings | None = None) -> None:
        self.db = db
        self.dedup = dedup
        self.matcher = matcher
        self.settings, self.filters = KnownPreferences(db), KnownFilters(db)
        delivery = delivery or DeliverySettings()  # the config's defaults, written there once
        self.max_age = timedelta(hours=delivery.max_age_hours)
        self.max_per_poll = delivery.max_alerts_per_poll
        self.polls: dict[tuple[int | None, datetime], Counter[int]] = {}
        self.batch = 1
        """Stories the next transaction of `ingest_each` takes (learned, see `next_batch`)."""

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

    async def ingest_each(self, feed_id: int | None, stories: Iterable[Story], now: datetime,
                          budget: float = BATCH_S) -> list[Ingested]:
        """As `ingest`, in transactions of as many stories as fit in `budget` seconds (as the
        last one showed), yielding to the event loop between them: a first start with
        thousands of new stories (700 alerts each) never holds the loop for long. No
        transaction stays open across the yield, so no other coroutine's write can join it
        (and be rolled back with it)."""
        stored: list[Ingested] = []
        todo = list(stories)
        while todo:
            size, started = self.batch, time.perf_counter()
            stored += self.ingest(feed_id, todo[:size], now)
            del todo[:size]
            self.batch = next_batch(size, time.perf_counter() - started, budget)
            await asyncio.sleep(0)
        return stored

    def _poll(self, feed_id: int | None, now: datetime) -> Counter[int]:
        """The alerts this poll of this feed owes each chat so far (polls long done forgotten).

        Polls are kept in the order they came, so the old ones are taken from the front, not
        looked for among all (1,000 feeds: a walk of 1,000 keys per batch, 1 s of a first
        poll); a poll dated before one kept earlier (a clock set back) waits for it."""
        while self.polls and (oldest := next(iter(self.polls)))[1] < now - POLL_MEMORY:
            del self.polls[oldest]
        return self.polls.setdefault((feed_id, now), Counter())

    def _ingest_one(self, feed_id: int | None, story: Story, now: datetime,
                    added: list[int], known: Known, owed: Counter[int]) -> Ingested | None:
        if story in known:
            return None
        known.add(story)
        prepared = prepared_of(story)
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
            start_cluster(self.db, judgement.story_id, story.source, now, judgement.perhaps)
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
        wanted = audience(self.db, self.matcher.match(story.title, story.summary),
                          self.filters)
        rows = self._rows(wanted, now, stale, owed) if wanted else []
        fresh = enqueue_many(self.db, judgement.cluster_id, judgement.story_id, rows, now)
        chats = [row.chat_id for row in rows if row.chat_id in fresh and not _quiet(row)]
        owed.update(chats)
        return tuple(chats)

    def _rows(self, wanted: dict[int, list[Reason]], now: datetime, stale: bool,
              owed: Counter[int]) -> list[Owed]:
        """The row each active chat is owed; settings and mutes read once for all of them,
        and whether a plan holds alerts decided once per distinct plan (most share one)."""
        prefs = self.settings.of(list(wanted))
        muted = muted_reasons(self.db, list(wanted), now)
        held: dict[int, bool] = {}  # by id(plan): prefs keeps every plan alive meanwhile
        rows: list[Owed] = []
        for chat_id, reasons in wanted.items():
            pref = prefs.get(chat_id)
            kept = unmuted(reasons, muted[chat_id]) if chat_id in muted else reasons
            if pref is None or not pref.active or not kept:
                continue
            plan = id(pref.plan)
            if plan not in held:
                held[plan] = holds(pref.plan, now)
            so_far = owed.get(chat_id, 0)
            if stale or pref.paused or held[plan] or so_far >= self.max_per_poll:
                rows.append(self._owe(chat_id, kept, pref, held[plan], stale, so_far))
            else:  # as most are: sent at once (what `_owe` says, without its call)
                rows.append(Owed(chat_id, kept))
        return rows

    def _owe(self, chat_id: int, reasons: list[Reason], pref: Preferences, held: bool,
             stale: bool, so_far: int) -> Owed:
        status = (OutboxStatus.STALE if stale else OutboxStatus.SKIPPED if pref.paused
                  else OutboxStatus.HELD if held else OutboxStatus.PENDING)
        if status is OutboxStatus.PENDING and so_far >= self.max_per_poll:
            status, reasons = OutboxStatus.HELD, [*reasons, Reason(ReasonKind.MORE)]
        return Owed(chat_id, reasons, status)


def next_batch(size: int, spent: float, budget: float) -> int:
    """How many stories the next transaction takes, after `size` took `spent` seconds: the
    number that fits `budget` at that pace, at most double (costs change) and MAX_BATCH."""
    if budget <= 0:
        return 1
    fits = int(size * budget / spent) if spent > 0 else MAX_BATCH
    return max(1, min(fits, size * 2, MAX_BATCH))


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
        if row.data is not None and row.cluster_id is not None:
            index.restore(row.id, row.data, row.told, row.cluster_id)
        else:
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
