"""One poll cycle: fetch the due feeds side by side, parse off the loop, store what is new.

A failing feed never stops the cycle: its reason is recorded on its row, it backs off, and the
other feeds are polled as usual.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

import sqlite_utils

from bot.core.clock import Clock, utcnow
from bot.core.config import Settings
from bot.core.models import Ingested, Story
from bot.ingest.fetch import Fetcher, FetchResult
from bot.ingest.reader import FeedJob, Reader, ReadFeed, read_in_thread
from bot.ingest.schedule import Pace, duration, next_poll, plan_poll
from storage.feeds import FeedRecord, PollOutcome, due_feeds, not_due, record_poll

log = logging.getLogger(__name__)

Store = Callable[[FeedRecord, list[Story], datetime], Awaitable[list[Ingested]]]


@dataclass(slots=True)
class PollReport:
    """What a cycle did, for the one-line summary."""

    polled: int = 0
    not_modified: int = 0
    failed: int = 0
    new: list[Ingested] = field(default_factory=list)
    waiting: int = 0
    """Feeds not due yet when the cycle started."""
    next_due: datetime | None = None
    at: datetime | None = None
    """When the cycle started."""

    def summary(self) -> str:
        """The line printed after `vigie poll --once`."""
        stale = sum(1 for new in self.new if new.stale)
        line = (f"polled {self.polled} feed(s): {self.not_modified} not modified, "
                f"{self.failed} failed, {len(self.new)} new stories")
        if stale:
            line += f" ({stale} stale: stored, not alerted)"
        if self.waiting and self.next_due and self.at:
            wait = duration(max((self.next_due - self.at).total_seconds(), 0))
            line += (f"; {self.waiting} feed(s) not due yet, the next at "
                     f"{self.next_due:%Y-%m-%d %H:%M:%S} UTC (in {wait})")
        return line


class Watch(Protocol):
    """Who follows a cycle as it goes: told the number of feeds, then each one done."""

    def begin(self, total: int) -> None: ...

    def advance(self, failed_so_far: int) -> None: ...


class Unwatched:
    """Nobody follows: the scheduler's cycles and scripted runs."""

    def begin(self, total: int) -> None:
        """Nothing to draw."""

    def advance(self, failed_so_far: int) -> None:
        """Nothing to draw."""


class Poller:
    """Polls due feeds; `store` decides what happens to their stories (ingest, dedup, match)."""

    def __init__(self, db: sqlite_utils.Database, settings: Settings, fetcher: Fetcher,
                 store: Store, reader: Reader = read_in_thread, clock: Clock = utcnow) -> None:
        self.db = db
        self.clock = clock
        self.reader = reader
        self.settings = settings
        self.fetcher = fetcher
        self.store = store
        self.gate = asyncio.Semaphore(settings.polling.concurrency)
        self.in_flight: set[int] = set()
        self.tasks: set[asyncio.Task[None]] = set()

    def _claim_due(self, now: datetime) -> list[FeedRecord]:
        """Due feeds not being polled now, marked as being polled: two polls never overlap."""
        feeds = [f for f in due_feeds(self.db, now) if f.id not in self.in_flight]
        self.in_flight.update(feed.id for feed in feeds)
        return feeds

    async def poll_due(self, now: datetime | None = None,
                       watch: Watch | None = None) -> PollReport:
        """Poll every due feed, at most `concurrency` at once, and wait for all of them;
        `watch` hears the number of feeds, then each one done (a terminal's progress)."""
        at = now or self.clock()
        waiting, next_due = not_due(self.db, at)
        report = PollReport(waiting=waiting, next_due=next_due, at=at)
        feeds = self._claim_due(at)
        watch = watch or Unwatched()
        watch.begin(len(feeds))
        await asyncio.gather(*(self._poll_watched(f, report, watch) for f in feeds))
        return report

    async def _poll_watched(self, feed: FeedRecord, report: PollReport, watch: Watch) -> None:
        await self._poll_gated(feed, report)
        watch.advance(report.failed)

    async def poll_now(self, feed: FeedRecord) -> PollReport:
        """Poll one feed at once, whatever its schedule (a feed just added), and wait."""
        report = PollReport(at=self.clock())
        if feed.id not in self.in_flight:
            self.in_flight.add(feed.id)
            await self._poll_gated(feed, report)
        return report

    def spawn_due(self, on_report: Callable[[PollReport], None]) -> int:
        """Start polling the due feeds in the background (a scheduler tick never blocks)."""
        feeds = self._claim_due(self.clock())
        for feed in feeds:
            report = PollReport()
            task = asyncio.create_task(self._poll_gated(feed, report))
            self.tasks.add(task)
            task.add_done_callback(functools.partial(self._finished, report, on_report))
        return len(feeds)

    def _finished(self, report: PollReport, on_report: Callable[[PollReport], None],
                  task: asyncio.Task[None]) -> None:
        self.tasks.discard(task)
        if not task.cancelled() and task.exception() is None:
            on_report(report)

    async def stop(self) -> None:
        """Cancel the polls in flight; each feed's writes are one transaction, so none is torn."""
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)

    async def _poll_gated(self, feed: FeedRecord, report: PollReport) -> None:
        try:
            async with self.gate:
                await self.poll_feed(feed, report)
        except sqlite3.Error as error:
            log.error("feed %s: new stories not stored, the database refused the write (%s); "
                      "the feed is fetched again in full on its next poll", feed.url, error)
            report.failed += 1
            self._record_crash(feed, error)
        except Exception as error:
            log.exception("polling %s failed unexpectedly; it backs off like any failure",
                          feed.url)
            report.failed += 1
            self._record_crash(feed, error)
        finally:
            self.in_flight.discard(feed.id)

    async def poll_feed(self, feed: FeedRecord, report: PollReport) -> None:
        """Fetch, and unless nothing changed, parse and store one feed."""
        result = await self.fetcher.fetch(feed.url, feed.etag, feed.last_modified)
        report.polled += 1
        now = self.clock()
        digest = _digest(result)  # hashed once: compared here, stored by `_record`
        if result.error is not None:
            report.failed += 1
            self._record_failure(feed, result, now)
        elif result.not_modified or digest == feed.content_hash:
            report.not_modified += 1
            self._record(feed, result, now, "not modified", digest)
        else:
            await self._take_body(feed, result, now, report, digest)

    async def _take_body(self, feed: FeedRecord, result: FetchResult, now: datetime,
                         report: PollReport, digest: str | None) -> None:
        job = FeedJob(result.body or b"", result.headers, feed.url, feed.name, feed.language,
                      now)
        parsed = await self.reader(job)
        if parsed.error is not None:
            report.failed += 1
            self._record_failure(feed, result, now, parsed.error)
            return
        stored = await self.store(feed, parsed.stories, now)
        report.new.extend(stored)
        self._record(feed, result, now, "ok", digest, parsed, len(stored))

    def _record(self, feed: FeedRecord, result: FetchResult, now: datetime, status: str,
                digest: str | None, parsed: ReadFeed | None = None, new: int = 0) -> None:
        quiet_since = now if new else feed.quiet_since
        outcome = PollOutcome(
            polled_at=now, next_poll_at=self._next(feed, now, 0, result.retry_after, quiet_since),
            status=f"{result.status} {status}", warning=parsed.warning if parsed else None,
            etag=result.etag, last_modified=result.last_modified, content_hash=digest,
            language=parsed.language if parsed else None,
            name=parsed.title if parsed else None, new_stories=new,
        )
        record_poll(self.db, feed.id, outcome)

    def _record_failure(self, feed: FeedRecord, result: FetchResult, now: datetime,
                        reason: str | None = None) -> None:
        error = reason or result.error or "unknown error"
        log.warning("feed %s failed: %s", feed.url, error)
        when = self._next(feed, now, feed.error_count + 1, result.retry_after, feed.quiet_since)
        status = f"{result.status or '-'} failed"
        record_poll(self.db, feed.id, PollOutcome(now, when, status, error=error))

    def _record_crash(self, feed: FeedRecord, error: Exception) -> None:
        """Record an error no stage expected: the feed backs off instead of retrying each tick."""
        now = self.clock()
        reason = f"internal error: {type(error).__name__}: {error}"
        try:
            when = self._next(feed, now, feed.error_count + 1, None, feed.quiet_since)
            record_poll(self.db, feed.id, PollOutcome(now, when, "- failed", error=reason))
        except Exception as again:  # a locked, read-only or full database
            log.error("feed %s: cannot record the failure either (%s); it stays due", feed.url,
                      again)

    def _next(self, feed: FeedRecord, now: datetime, errors: int, retry_after: float | None,
              quiet_since: datetime) -> datetime:
        plan = plan_poll(now, pace(self.settings, feed), quiet_since, errors, retry_after)
        return next_poll(now, plan)


def pace(settings: Settings, feed: FeedRecord) -> Pace:
    """The feed's polling settings: `[polling]`, and its own interval if it has one."""
    return Pace(settings.polling.interval, settings.polling.max_interval, feed.interval)


def _digest(result: FetchResult) -> str | None:
    return hashlib.sha256(result.body).hexdigest() if result.body is not None else None

