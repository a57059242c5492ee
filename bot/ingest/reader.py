"""Feed bytes to normalised stories, off the event loop: in a thread, or in worker processes.

Parsing and normalising a feed is pure CPU (about 5 ms for 30 items). In a thread it holds
the GIL the event loop and the ingest need, so a poll of a thousand feeds ran on one core.
`ProcessReader` sends the bytes to worker processes and gets plain `Story` records back, so
the second core parses while the main process stores. The guards stay where they were:
`parse_feed` (bytes via a stream, entity declarations refused, sanitiser off) runs unchanged
in the worker.

A worker is never trusted to finish: each parse has a wall-clock limit (`PARSE_LIMIT`), past
which the worker is killed, the feed fails with the reason, and a fresh worker takes the next
feed. Workers die with the main process even in the middle of a parse (see `_die_with_parent`).
A thread cannot be killed, so `read_in_thread` has no such limit: it serves tests and tools,
and the poll when no worker can start at all (a broken install, no memory, a process limit):
then the feeds are read in this process, with a warning, rather than all failing, and workers
are tried again after `RESTART_AFTER`. A worker that dies reading a feed still fails that feed
only, since the feed may be what killed it.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import math
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from multiprocessing.connection import Connection

from bot.core.models import Story
from bot.ingest.normalise import normalise_item
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
Read = Callable[[FeedJob], ReadFeed]

PARSE_LIMIT = 60.0
"""Seconds of wall clock one feed's parse may take before its worker is killed. The largest
body the fetcher takes by default (10 MB, 17,800 dense items) parsed in 14 s on a shared
2-core machine, a usual feed in 5 ms: 60 s fails no real feed, even on a loaded machine, and
holds a worker at most that long per poll of a hostile one (whose backoff spaces its polls)."""
ALARM_SLACK = 30
"""Seconds past the limit after which a worker ends itself, should the main process not."""
START_LIMIT = 120.0
"""Seconds a new worker may take to start (imports), on a machine however busy."""
RESTART_AFTER = 60.0
"""Seconds during which feeds are read in this process after a worker failed to start."""
READY = "ready"
_PR_SET_PDEATHSIG = 1

log = logging.getLogger(__name__)


class WorkerUnavailable(Exception):
    """A parsing process could not be started, or never said it was ready."""


def read_feed(job: FeedJob) -> ReadFeed:
    """Parse and normalise one body (sync, CPU-bound, picklable in and out)."""
    started = time.process_time()
    parsed = parse_feed(job.body, job.headers)
    source = job.feed_name or parsed.title or job.feed_url
    language = parsed.language or job.feed_language
    stories = [story for e in parsed.entries
               for story in normalise_item(e, job.feed_url, source, language, job.fetched_at)]
    return ReadFeed(parsed.title, parsed.language, stories, parsed.warning, parsed.error,
                    time.process_time() - started)


async def read_in_thread(job: FeedJob) -> ReadFeed:
    """The reader without worker processes: one thread per feed, sharing the GIL."""
    return await asyncio.to_thread(read_feed, job)


def _serve(conn: Connection, read: Read, limit: float, main_pid: int) -> None:
    """A worker's life: answer each job sent on `conn` until the main process closes it."""
    _start_worker(main_pid)
    conn.send(READY)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_answer(read, job, limit))


def _answer(read: Read, job: FeedJob, limit: float) -> ReadFeed:
    """`read(job)`, with an alarm the kernel acts on should the main process fail to stop us
    (SIGALRM's default action ends the process without running any Python)."""
    signal.alarm(math.ceil(limit) + ALARM_SLACK)
    try:
        return read(job)
    except Exception as error:  # noqa: BLE001 - a bug fails this feed, not the worker
        reason = f"the parser failed: {type(error).__name__}: {error}"[:300]
        return ReadFeed(None, None, error=reason)
    finally:
        signal.alarm(0)


def _start_worker(main_pid: int) -> None:
    """Workers leave Ctrl-C to the main process, which stops them (no worker traceback), and
    end when it dies, even by SIGKILL and even in the middle of a parse."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _die_with_parent():
        threading.Thread(target=_exit_with, args=(main_pid,), daemon=True).start()
    if os.getppid() != main_pid:  # it died before we asked
        os._exit(0)


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """SIGINT ignored while a worker starts: an ignored signal stays ignored through exec, and
    Python keeps it so, so a Ctrl-C during the worker's imports (seconds) prints no traceback.
    (Only the main thread may change a handler; elsewhere the window stays open.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler if previous is None else previous)


def _die_with_parent() -> bool:
    """Ask Linux to SIGKILL this process when its parent ends (prctl PR_SET_PDEATHSIG).

    The kernel delivers it: no thread of ours has to run. A watcher thread cannot do that for a
    busy worker, since a regular expression stuck in C never releases the GIL it would need.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _exit_with(pid: int) -> None:
    """Return never: wait for process `pid` to end, then end this one (where there is no
    PR_SET_PDEATHSIG; a busy worker then ends by its alarm instead)."""
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


class _Worker:
    """One parsing process and the pipe to it.

    Started with "spawn", so its parent is the main process itself (a forkserver's children
    hold the server's keep-alive pipe open, so the server and they outlived a killed bot), and
    from the event loop's thread, which lives as long as the bot: PR_SET_PDEATHSIG fires when
    the thread that started the child ends.
    """

    def __init__(self, read: Read, limit: float) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, read, limit, os.getpid()),
                                       daemon=True, name="vigie-parser")
        with _sigint_ignored():
            self.process.start()
        theirs.close()
        self.broken = self.ready = False

    def read(self, job: FeedJob, limit: float) -> ReadFeed:
        """The worker's answer (blocking); past `limit` seconds, or if it died, an error, and
        the worker is stopped (`broken`). The limit counts from the job, not the start-up."""
        self._started_or_raise()
        try:
            self.conn.send(job)
            if self.conn.poll(limit):
                answer: ReadFeed = self.conn.recv()
                return answer
            error = (f"parsing took longer than {limit:g} s; the parser was stopped "
                     "(a hostile or broken feed)")
        except (EOFError, OSError):
            error = "the parser process died reading this feed"
        self.stop()
        return ReadFeed(None, None, error=error)

    def _started_or_raise(self) -> None:
        """Wait until ready; a process that died or hung starting is stopped, and the feed
        is not failed for it (`WorkerUnavailable`: the reader reads it otherwise)."""
        try:
            self._wait_ready()
        except (EOFError, OSError) as failure:
            self.stop()
            raise WorkerUnavailable(str(failure) or type(failure).__name__) from failure

    def _wait_ready(self) -> None:
        """Wait for the new process to import what it needs (a second or so, longer on a busy
        machine); one that never says so is treated as dead."""
        if not self.ready:
            if not self.conn.poll(START_LIMIT) or self.conn.recv() != READY:
                raise OSError("the parser process did not start")
            self.ready = True

    def stop(self) -> None:
        """Kill the process and wait for it: nothing keeps running once this returns."""
        self.broken = True
        self.process.kill()
        self.process.join()
        self.conn.close()


class ProcessReader:
    """Reads feeds in `workers` processes, each parse limited to `limit` seconds of wall clock.

    A worker past the limit is killed and replaced (on the next feed), and that feed fails
    with the reason; the feeds read by the other workers are not touched.
    """

    def __init__(self, workers: int | None = None, limit: float = PARSE_LIMIT,
                 read: Read = read_feed, restart_after: float = RESTART_AFTER) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.limit = limit
        self.cpu_s = 0.0  # CPU spent in the workers, which this process's clock misses
        self.restart_after = restart_after
        self.start_failures = 0
        self._read = read
        self._idle: list[_Worker | None] = [None] * self.workers  # None: start one when needed
        self._live: set[_Worker] = set()
        self._slots: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None
        self._paused_until = -math.inf

    async def __call__(self, job: FeedJob) -> ReadFeed:
        """Read one feed in a worker; a worker that dies or overruns fails this feed only.
        While no worker can start, the feed is read here instead (`read_here`)."""
        read: ReadFeed | None = None
        if not self._paused():
            async with self._free_slot():
                read = await self._in_worker(job)
        if read is None:
            return await self.read_here(job)
        self.cpu_s += read.cpu_s
        return read

    async def _in_worker(self, job: FeedJob) -> ReadFeed | None:
        """The worker's answer; None when no worker could start (or they are paused)."""
        try:
            worker = None if self._paused() else self._take()
            if worker is None:
                return None
            try:
                return await asyncio.to_thread(worker.read, job, self.limit)
            except WorkerUnavailable:
                raise
            except BaseException:  # cancelled: stop the parse, which ends the thread's wait
                worker.stop()
                raise
            finally:
                self._give_back(worker)
        except WorkerUnavailable as error:
            self._start_failed(error)
            return None

    async def read_here(self, job: FeedJob) -> ReadFeed:
        """Read a feed in a thread of this process: no time limit, but nothing lost."""
        return await asyncio.to_thread(self._read, job)

    def _paused(self) -> bool:
        return time.monotonic() < self._paused_until

    def _start_failed(self, error: WorkerUnavailable) -> None:
        """Read feeds here for `restart_after` seconds; say so once per outage."""
        self.start_failures += 1
        if not self._paused():
            log.warning("parsing workers cannot start (%s): feeds are read in the bot's own "
                        "process, without the %g s limit, and workers tried again in %g s",
                        error, self.limit, self.restart_after)
        self._paused_until = time.monotonic() + self.restart_after

    def _free_slot(self) -> asyncio.Semaphore:
        """One slot per worker, for the running event loop (tests run several in turn)."""
        loop = asyncio.get_running_loop()
        if self._slots is None or self._slots[0] is not loop:
            self._slots = (loop, asyncio.Semaphore(self.workers))
        return self._slots[1]

    def _take(self) -> _Worker:
        worker = self._idle.pop()
        if worker is None:
            try:
                worker = _Worker(self._read, self.limit)
            except OSError as error:  # no process could be made (fork or exec refused)
                self._idle.append(None)
                raise WorkerUnavailable(str(error)) from error
        self._live.add(worker)
        return worker

    def _give_back(self, worker: _Worker) -> None:
        if worker.broken:
            self._live.discard(worker)
        self._idle.append(None if worker.broken else worker)

    def worker_pids(self) -> list[int]:
        """The processes now running for this reader."""
        return [worker.process.pid for worker in self._live if worker.process.pid is not None]

    def close(self) -> None:
        """Stop the workers, busy or not, and wait for them: none outlives the command."""
        for worker in list(self._live):
            worker.stop()
        self._live.clear()
        self._idle = [None] * self.workers


@contextmanager
def process_reader(workers: int | None = None, limit: float = PARSE_LIMIT,
                   read: Read = read_feed,
                   restart_after: float = RESTART_AFTER) -> Iterator[ProcessReader]:
    """A `ProcessReader` whose workers are stopped on the way out, whatever happened."""
    reader = ProcessReader(workers, limit, read, restart_after)
    try:
        yield reader
    finally:
        reader.close()
