"""Parsing workers that cannot start: the feeds are read in this process instead, and the
poll loses nothing (a worker that dies reading a feed still fails that feed only: the feed
may be what killed it, and must not take the bot down with it)."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing

import pytest

from bot.ingest.reader import ReadFeed, process_reader, read_in_thread
from tests.support.feeds import NEWS, rss
from tests.support.spinning import job
from tests.support.unstartable import read_here_only

BODIES = [rss("Kyiv Courier", NEWS), rss("Kherson Wire", NEWS[:1]),
          rss("Odesa Post", NEWS[1:])]


def plain(read: ReadFeed) -> tuple[object, ...]:
    """Everything but the CPU figure, which differs from run to run."""
    return read.title, read.language, read.stories, read.warning, read.error


def test_feeds_are_read_here_when_no_worker_can_start(caplog: pytest.LogCaptureFixture) -> None:
    async def read_all() -> list[ReadFeed]:
        with process_reader(2, read=read_here_only) as reader:
            reads = await asyncio.gather(*(reader(job(body)) for body in BODIES))
            assert reader.worker_pids() == []
            return reads

    with caplog.at_level(logging.WARNING, logger="bot.ingest.reader"):
        reads = asyncio.run(read_all())
    expected = [asyncio.run(read_in_thread(job(body))) for body in BODIES]
    assert [plain(read) for read in reads] == [plain(read) for read in expected]
    assert all(read.stories and read.error is None for read in reads)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "read in the bot's own process" in warnings[0]
    assert multiprocessing.active_children() == []


def test_workers_are_tried_again_once_the_pause_is_over() -> None:
    async def read_twice() -> int:
        with process_reader(1, read=read_here_only, restart_after=0.0) as reader:
            await reader(job(BODIES[0]))
            await reader(job(BODIES[1]))
            return reader.start_failures

    assert asyncio.run(read_twice()) == 2
