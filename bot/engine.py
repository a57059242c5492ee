"""The engine wired from settings: fetcher, poller, pipeline (dedup + matching), sender.

`vigie run`, `vigie run --console`, `vigie poll --once` and `vigie demo` all use this one
wiring, so what the demo shows is what the bot does.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

from bot.core.config import Settings
from bot.core.context import Context
from bot.core.models import Ingested, Placement, Story
from bot.dedup.printed import read_printed
from bot.deliver.alerts import RowRenderer
from bot.deliver.digest_send import DigestSender
from bot.deliver.messenger import Messenger
from bot.deliver.notices import tell_broken_routes, tell_losses, tell_set_aside
from bot.deliver.ratelimit import SendLimiter
from bot.deliver.sender import Sender
from bot.ingest.fetch import POOL_SIZE, Fetcher, FetchLimits
from bot.ingest.poll import Poller, PollReport, Watch
from bot.ingest.reader import Reader, process_reader, read_in_thread
from bot.match.filter_book import FilterBook
from bot.match.matcher import Matcher
from bot.match.topics import Topic, builtin_topics, merge_topics
from bot.pipeline import Pipeline, load_window
from bot.services import BotData, Services
from storage.db import file_identity
from storage.destinations import placement_of
from storage.feeds import FeedRecord
from storage.outbox import OutboxRow
from storage.retention import prune_step

log = logging.getLogger(__name__)

NOTICE_EXPR_UNITS = 150
"""How much of a set-aside filter its notice shows: 20 of them fit one message."""

PRUNE_PAUSE_S = 0.05
"""Between two retention steps: the loop and SQLite's write lock are free most of the time."""

def fetch_limits(settings: Settings) -> FetchLimits:
    """The fetcher's limits as the config sets them."""
    return FetchLimits(
        timeout=settings.polling.timeout,
        max_bytes=settings.fetch.max_bytes,
        allow_private_hosts=settings.fetch.allow_private_hosts,
        pools=-(-settings.polling.concurrency // POOL_SIZE),  # ceil: POOL_SIZE feeds a pool
    )


def load_topics(settings: Settings) -> dict[str, Topic]:
    """The built-in topics with the config's `[topics.NAME]` tables applied."""
    return merge_topics(builtin_topics(), settings.topics)


def settle_heap() -> None:
    """Put what start loaded (100,000 filters, a day's dedup window) out of the collector's
    reach: each full collection walked it all and paused the event loop for 250-300 ms."""
    gc.collect()
    gc.freeze()


class Engine:
    """One running Vigie: polls on ticks, feeds the pipeline, drains the outbox."""

    def __init__(self, context: Context, fetcher: Fetcher, now: datetime | None = None,
                 reader: Reader = read_in_thread) -> None:
        self.settings = context.settings
        self.db = context.db
        self.topics = load_topics(context.settings)
        self.clock = context.clock
        self.filters = FilterBook(self.db, Matcher(self.topics), self.clock)
        self.filters.load_all()  # a stored filter that no longer parses is set aside
        self.matcher = self.filters.matcher
        window = load_window(self.db, context.settings.dedup, now or self.clock())
        settle_heap()
        self.pipeline = Pipeline(self.db, window, self.matcher, context.settings.delivery)
        self.poller = Poller(self.db, context.settings, fetcher, self._store, reader, self.clock)
        self.on_report: Callable[[PollReport], None] = lambda report: None
        self.services = Services(self.settings, self.db, self.topics, self.matcher,
                                 self.filters, self.poller, self.clock, started_at=self.clock())
        self.renderer = RowRenderer(self.db)  # one render per cluster and way of seeing it
        self._drain: asyncio.Task[int] | None = None
        self._prune: asyncio.Task[int] | None = None
        self.identity = file_identity(self.settings.storage.path)
        self.lost: str | None = None

    async def _store(self, feed: FeedRecord, stories: list[Story],
                     now: datetime) -> list[Ingested]:
        self.services.last_poll_at = now
        return await self.pipeline.ingest_each(feed.id, stories, now)

    def attach(self, bot_data: BotData) -> None:
        """Share the engine's state with the Telegram handlers."""
        bot_data.services = self.services

    def sender(self, messenger: Messenger, limiter: SendLimiter | None = None) -> Sender:
        """A sender within `[delivery]` limits, rendering rows from storage."""
        delivery = self.settings.delivery
        limiter = limiter or SendLimiter(delivery.rate_per_second, 1.0,
                                         delivery.group_rate_per_minute)
        return Sender(self.db, messenger, limiter, self._render, clock=self.clock,
                      ledger=self.services.ledger, place=self._place)

    def _render(self, row: OutboxRow) -> str:
        return self.renderer(row)

    def _place(self, row: OutboxRow) -> Placement:
        return placement_of(self.db, row)

    def digests(self, sender: Sender) -> DigestSender:
        """The digest tick's sender, sharing the alert sender's messenger and limiter."""
        return DigestSender(self.db, sender.messenger, sender.limiter, clock=self.clock,
                            ledger=sender.ledger)

    async def deliver(self, sender: Sender, now: datetime | None = None) -> int:
        """One send tick: the digests now due, then the alerts (so a chat leaving quiet hours
        or digest mode gets what waited before what is new); returns alerts sent."""
        await tell_set_aside(self.db, sender, self.clock())
        await tell_losses(self.db, sender, self.clock())
        await tell_broken_routes(self.db, sender)
        await self.digests(sender).flush(now)
        return await sender.drain(now)

    def prune_tick(self) -> None:
        """Start deleting what `[storage] keep_days` no longer keeps, unless a prune still runs."""
        if self._prune is not None and not self._prune.done():
            return
        if self._prune is not None and not self._prune.cancelled() and self._prune.exception():
            log.error("pruning failed; retrying on the next tick", exc_info=self._prune.exception())
        self._prune = asyncio.create_task(self.prune())

    async def prune(self) -> int:
        """Delete in small steps, each its own transaction, yielding between them so polls,
        sends and updates go on; rows deleted."""
        keep_days = self.settings.storage.keep_days
        if keep_days <= 0:
            return 0
        cutoff = self.clock() - timedelta(days=keep_days)
        deleted = 0
        while step := prune_step(self.db, cutoff):
            deleted += step
            await asyncio.sleep(PRUNE_PAUSE_S)
        if deleted:
            log.info("retention: deleted %d rows older than %g days", deleted, keep_days)
        return deleted

    def database_kept(self) -> bool:
        """Whether the database file is still the one opened; logs once why not.

        Checked on every tick: a file deleted or replaced under a run would otherwise take
        everything written since with it when the run stops."""
        if self.lost is None:
            now = file_identity(self.settings.storage.path)
            if now != self.identity:
                self.lost = "deleted" if now is None else "replaced"
                log.error("the database %s was %s while Vigie ran: stopping",
                          self.settings.storage.path, self.lost)
        return self.lost is None

    def poll_tick(self) -> int:
        """Start polling the due feeds (a tick never waits for them)."""
        return self.poller.spawn_due(self.on_report)

    def send_tick(self, sender: Sender) -> None:
        """Start sending due digests and draining the outbox, unless a drain still runs."""
        if self._drain is not None and not self._drain.done():
            return
        if self._drain is not None and not self._drain.cancelled() and self._drain.exception():
            log.error("sending failed; retrying on the next tick", exc_info=self._drain.exception())
        self._drain = asyncio.create_task(self.deliver(sender))

    async def poll_once(self, watch: Watch | None = None) -> PollReport:
        """Poll every due feed and wait for all of them (`watch` follows their progress)."""
        return await self.poller.poll_due(watch=watch)

    async def stop(self) -> None:
        """Cancel polls in flight and a prune (between two steps: each is whole); let a drain
        finish its sends in flight (rows stay pending)."""
        await self.poller.stop()
        if self._prune is not None:
            self._prune.cancel()
            await asyncio.gather(self._prune, return_exceptions=True)
        if self._drain is not None:
            try:
                await asyncio.wait_for(self._drain, timeout=10)
            except (TimeoutError, asyncio.CancelledError):
                log.warning("sending stopped mid-drain; the rest stays pending")
            except Exception:  # noqa: BLE001 - a failed last tick must not turn a stop into a crash
                log.exception("the last send tick failed; its alerts stay pending")
        self._record_last()

    def _record_last(self) -> None:
        """Write what Telegram accepted and the database could not record yet, or say that
        those messages go again after the restart."""
        ledger = self.services.ledger
        if ledger.kept and not ledger.settle(self.db, self.clock()):
            log.error("stopping with %d answer(s) from Telegram not recorded: those messages "
                      "are sent again after the restart", ledger.kept)


@asynccontextmanager
async def running_engine(context: Context) -> AsyncIterator[Engine]:
    """An engine with its HTTP client and parsing workers, stopped and closed on the way out
    (polls cancelled first, then the workers stopped: none outlives the command)."""
    with process_reader(read=read_printed) as reader:
        async with Fetcher(fetch_limits(context.settings)) as fetcher:
            engine = Engine(context, fetcher, reader=reader)
            try:
                yield engine
            finally:
                await engine.stop()
