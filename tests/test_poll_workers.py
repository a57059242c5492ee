"""Parsing in worker processes: what a user sees is what parsing in a thread gave, and the
workers never outlive `vigie poll --once` nor turn Ctrl-C into a traceback."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.ingest.reader import FeedJob, ProcessReader, ReadFeed, process_reader, read_in_thread
from tests.support.feeds import NEWS, feeds_in, rss, titles_in, write_config
from tests.support.feedserver import FeedServer, make_fixture
from tests.support.processes import processes_with, tagged

feed_server = make_fixture()
ROOT = Path(__file__).resolve().parent.parent
FETCHED = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
XML = {"content-type": "application/rss+xml"}

BODIES = {
    # a plain feed: two stories, their links canonical
    "plain": rss("Kyiv Courier", NEWS),
    # an unclosed element: still yields its entry, with a warning
    "malformed": rss("Kyiv Courier", NEWS[:1]).replace(b"</channel>", b""),
    # an entity declaration: refused before feedparser sees it
    "entities": b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss>&a;</rss>',
    # no feed at all
    "html": b"<!doctype html><html><body><p>Maintenance</p></body></html>",
}


@pytest.fixture(scope="module")
def workers() -> Iterator[ProcessReader]:
    with process_reader(2) as reader:
        yield reader


def job(body: bytes) -> FeedJob:
    return FeedJob(body, XML, "https://kc.example/rss", "", "uk", FETCHED)


def plain(read: ReadFeed) -> tuple[object, ...]:
    """Everything but the CPU figure, which differs from run to run."""
    return read.title, read.language, read.stories, read.warning, read.error


@pytest.mark.parametrize("name", list(BODIES))
def test_a_worker_reads_a_feed_as_a_thread_does(workers: ProcessReader, name: str) -> None:
    in_thread = asyncio.run(read_in_thread(job(BODIES[name])))
    in_worker = asyncio.run(workers(job(BODIES[name])))
    assert plain(in_worker) == plain(in_thread)


def test_a_malformed_feed_keeps_its_stories_and_its_warning(workers: ProcessReader) -> None:
    read = asyncio.run(workers(job(BODIES["malformed"])))
    assert [story.title for story in read.stories] == [NEWS[0][1]]
    assert read.warning and read.error is None


def test_poll_once_records_a_malformed_feed_and_an_html_page_on_their_feeds(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.add("/bad.xml", BODIES["malformed"])
    feed_server.add("/page.xml", BODIES["html"], content_type="text/html")
    urls = [feed_server.url("/bad.xml"), feed_server.url("/page.xml")]
    code, _, err = vigie(["poll", "--once", "--config", str(write_config(tmp_path, urls))])
    assert code == 0, err
    feeds = feeds_in(tmp_path / "vigie.db")
    assert feeds[urls[0]].last_warning and feeds[urls[0]].error_count == 0
    assert feeds[urls[1]].last_error == "not a feed: the server sent an HTML page"
    assert titles_in(tmp_path / "vigie.db") == [NEWS[0][1]]


def test_no_worker_outlives_poll_once(feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.add("/kc.xml", rss("Kyiv Courier", NEWS))
    marker = f"VIGIE_TEST_{uuid.uuid4().hex}"
    config = write_config(tmp_path, [feed_server.url("/kc.xml")])
    code, out, err = vigie(["poll", "--once", "--config", str(config)], marker)
    assert code == 0, err
    assert NEWS[0][1] in out
    assert processes_with(marker) == []


def test_ctrl_c_to_the_whole_group_stops_cleanly_without_workers_left(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    """A terminal's Ctrl-C reaches every process of the group, workers included."""
    feed_server.add("/kc.xml", rss("Kyiv Courier", NEWS))
    marker = f"VIGIE_TEST_{uuid.uuid4().hex}"
    config = write_config(tmp_path, [feed_server.url("/kc.xml")])
    console = subprocess.Popen([sys.executable, "-m", "bot", "run", "--console", "--config",
                                str(config)], env=tagged(marker), cwd=ROOT, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        assert wait_until(lambda: len(titles_in(tmp_path / "vigie.db")) == len(NEWS))
        os.killpg(console.pid, signal.SIGINT)
        out, err = console.communicate(timeout=30)
    finally:
        console.kill()
    assert console.returncode == 0 and "Traceback" not in err + out, err
    assert processes_with(marker) == []


def test_no_worker_outlives_a_killed_bot(feed_server: FeedServer, tmp_path: Path) -> None:
    """SIGKILL gives the bot no time to stop its workers: they notice and leave by themselves."""
    feed_server.add("/kc.xml", rss("Kyiv Courier", NEWS))
    marker = f"VIGIE_TEST_{uuid.uuid4().hex}"
    config = write_config(tmp_path, [feed_server.url("/kc.xml")])
    bot = subprocess.Popen([sys.executable, "-m", "bot", "run", "--console", "--config",
                            str(config)], env=tagged(marker), cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_until(lambda: len(titles_in(tmp_path / "vigie.db")) == len(NEWS))
        assert len(processes_with(marker, settle=0)) > 1  # the workers are up
    finally:
        bot.kill()
        bot.wait()
    assert processes_with(marker, settle=10) == []


def wait_until(ready: Callable[[], bool], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if ready():
            return True
        time.sleep(0.1)
    return False




def vigie(argv: list[str], marker: str = "VIGIE_TEST") -> tuple[int, str, str]:
    """Run the command in its own process, tagged by `marker` in its environment."""
    done = subprocess.run([sys.executable, "-m", "bot", *argv], capture_output=True, text=True,
                          env=tagged(marker), cwd=ROOT, timeout=60, check=False)
    return done.returncode, done.stdout, done.stderr






