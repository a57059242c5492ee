"""Feed bytes to normalised stories, off the event loop: in a thread, or in worker processes.

Parsing and normalising a feed is pure CPU (about 5 ms for 30 items). In a thread it holds
the GIL the event loop and the ingest need, so a poll of a thousand feeds ran on one core.
`ProcessReader` sends the bytes to worker processes and gets plain `Story` records back, so
the second core parses while the main process stores. The guards stay where they were:
`parse_feed` (bytes via a stream, entity declarations refused, sanitiser off) runs unchanged
in the worker.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import select
import signal
import threading
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from bot.core.models import Story
from bot.ingest.normalise import normalise_entry
from bot.ingest.parse import parse_feed


@dataclass(frozen=True, slots=True)
class FeedJob:
    """One fetched body and what normalising its entries needs to know about its feed."""

    body: bytes
    headers: Mapping[str, str]
    feed_url: str
    feed_name: str
    feed_language: str | None
    fetched_at: datetime


@dataclass(frozen=True, slots=True)
class ReadFeed:
    """What a body held, normalised. `error` set means no stories and says why."""

    title: str | None
    language: str | None
    stories: list[Story] = field(default_factory=list)
    warning: str | None = None
    error: str | None = None
    cpu_s: float = 0.0  # CPU the reading took, wherever it ran


Reader = Callable[[FeedJob], Awaitable[ReadFeed]]


def read_feed(job: FeedJob) -> ReadFeed:
    """Parse and normalise one body (sync, CPU-bound, picklable in and out)."""
    started = time.process_time()
    parsed = parse_feed(job.body, job.headers)
    source = job.feed_name or parsed.title or job.feed_url
    language = parsed.language or job.feed_language
    found = (normalise_entry(e, job.feed_url, source, language, job.fetched_at)
             for e in parsed.entries)
    stories = [story for story in found if story is not None]
    return ReadFeed(parsed.title, parsed.language, stories, parsed.warning, parsed.error,
                    time.process_time() - started)


async def read_in_thread(job: FeedJob) -> ReadFeed:
    """The reader without worker processes: one thread per feed, sharing the GIL."""
    return await asyncio.to_thread(read_feed, job)


def _start_worker(main_pid: int) -> None:
    """Workers leave Ctrl-C to the main process, which stops the pool (no worker traceback),
    and exit when that process dies, even by SIGKILL: a pool worker would otherwise wait
    forever on its queue, and keep its fork server alive too."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(main_pid,), daemon=True).start()


def _exit_with(pid: int) -> None:
    """Return never: wait for process `pid` to end, then end this one."""
    try:
        select.select([os.pidfd_open(pid)], [], [])
    except (AttributeError, OSError):  # no pidfd (not Linux): ask once a second
        while _alive(pid):
            time.sleep(1.0)
    os._exit(0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class ProcessReader:
    """Reads feeds in `workers` processes (forked from a clean fork server, not from us)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.cpu_s = 0.0  # CPU spent in the workers, which this process's clock misses
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        return ProcessPoolExecutor(self.workers, mp_context=context,
                                   initializer=_start_worker, initargs=(os.getpid(),))

    async def __call__(self, job: FeedJob) -> ReadFeed:
        """Read one feed in a worker; a worker that dies fails this feed, not the next ones."""
        pool = self._pool
        try:
            read = await asyncio.get_running_loop().run_in_executor(pool, read_feed, job)
        except BrokenProcessPool:
            if pool is self._pool:  # the first feed to see it replaces the pool, once
                pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
            return ReadFeed(None, None, error="the parser process died reading this feed")
        self.cpu_s += read.cpu_s
        return read

    def close(self) -> None:
        """Stop the workers and wait for them: none outlives the command."""
        self._pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def process_reader(workers: int | None = None) -> Iterator[ProcessReader]:
    """A `ProcessReader` whose workers are stopped on the way out, whatever happened."""
    reader = ProcessReader(workers)
    try:
        yield reader
    finally:
        reader.close()
