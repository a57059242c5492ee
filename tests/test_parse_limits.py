"""Parsing never gets stuck: hostile text is read in linear time, and a parse that runs too
long anyway costs its feed a failure, not the poll.

Linear time is shown without timing anything: each hostile input is 1 MB, where a quadratic
pattern needs hours (100 KB of empty comments, where the exponential one never ended on 40
of them), and it runs in a child process under a guard of 20 s, so a regression fails as a
hang instead of hanging the suite. The time limit
and the workers' death with their parent are shown with a parse that spins in C holding the
GIL (as a catastrophic regular expression does), run in the real worker processes.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from bot.app.context import open_context
from bot.engine import Engine, fetch_limits
from bot.ingest.fetch import Fetcher
from bot.ingest.reader import ProcessReader, ReadFeed, process_reader
from storage.feeds import list_feeds
from tests.support.feeds import NEWS, rss, write_config
from tests.support.feedserver import FeedServer, make_fixture
from tests.support.processes import processes_with, tagged
from tests.support.spinning import SPIN, job, spin_or_read

feed_server = make_fixture()
ROOT = Path(__file__).resolve().parent.parent
GUARD_S = 20.0  # not a speed limit: a linear parse of 1 MB takes well under a second
MB = 1_000_000


def feed(title: str, prolog: str = "") -> bytes:
    """An RSS body: `prolog` before the root, one item titled `title` (raw XML), or none."""
    item = f"<item><guid>g-1</guid><title>{title}</title></item>" if title else ""
    return (f'<?xml version="1.0"?>{prolog}<rss version="2.0"><channel><title>Wire</title>'
            f"{item}</channel></rss>").encode()


def cdata(markup: str) -> str:
    return f"<![CDATA[{markup}]]>"


HOSTILE = {
    # the 361-byte feed: 22 empty comments before <rss> took 3.4 s, 40 never ended
    "empty comments, 361 bytes": feed("", "<!---->" * 40),
    # 14,000 comments: the old pattern never ends on 40; feedparser itself reads comments
    # at about 3 s a MB, too close to the guard on a busy machine for 1 MB of them
    "empty comments, 100 KB": feed("", "<!---->" * (MB // 70)),
    "empty comments then HTML, 100 KB": b"<!---->" * (MB // 70) + b"<html><body>Log in",
    # titles that made the tag patterns quadratic: 120 KB took 14.6 s, 1 MB over 300 s
    "unclosed <script in a title, 1 MB": feed(cdata("<script " * (MB // 8))),
    "unclosed <a in a title, 1 MB": feed(cdata("<a " * (MB // 3))),
    "bare < in a title, 1 MB": feed(cdata("<" * MB)),
    "unclosed <style in a summary, 1 MB": feed("NATO").replace(
        b"</item>", f"<description>{cdata('<style>' * (MB // 7))}</description></item>".encode()),
}
EXPECTED = {
    "empty comments, 361 bytes": (None, []),
    "empty comments, 100 KB": (None, []),
    "empty comments then HTML, 100 KB": ("not a feed: the server sent an HTML page", []),
}

READ_ONE = """
import json, sys
from datetime import UTC, datetime
from bot.ingest.reader import FeedJob, read_feed
job = FeedJob(sys.stdin.buffer.read(), {"content-type": "application/rss+xml"},
              "https://x.example/rss", "", None, datetime(2025, 6, 2, tzinfo=UTC))
read = read_feed(job)
print(json.dumps({"error": read.error, "titles": [s.title for s in read.stories],
                  "summaries": [s.summary for s in read.stories]}))
"""


def guarded(script: str, stdin: bytes) -> dict[str, object]:
    """Run `script` in a child process; a child still running after GUARD_S is a hang."""
    try:
        done = subprocess.run([sys.executable, "-c", script], input=stdin, cwd=ROOT,
                              capture_output=True, timeout=GUARD_S, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {GUARD_S:.0f} s: a hang, not a slow parse")
    assert done.returncode == 0, done.stderr.decode()
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_feed_is_read_in_linear_time(name: str) -> None:
    read = guarded(READ_ONE, HOSTILE[name])
    if name in EXPECTED:
        assert (read["error"], read["titles"]) == EXPECTED[name]
        return
    assert read["error"] is None
    titles = read["titles"]
    assert isinstance(titles, list) and len(titles) == 1 and len(titles[0]) <= 500


PLAIN = """
import json, sys
from bot.core.text import plain_text
from bot.ingest.normalise import _plain
text = sys.stdin.read()
print(json.dumps({"plain_text": len(plain_text(text)), "normalise": len(_plain(text, len(text)))}))
"""


@pytest.mark.parametrize("markup", ["<script ", "<style>", "<a ", "<b", "<", "</a "],
                         ids=lambda unit: repr(unit))
def test_the_tag_patterns_are_linear_on_1_mb_uncut(markup: str) -> None:
    """The patterns themselves, on text nobody cut: linear even where a cut is forgotten."""
    unit = markup * (MB // len(markup))
    lengths = guarded(PLAIN, unit.encode())
    assert set(lengths) == {"plain_text", "normalise"}


# --- the time limit ------------------------------------------------------------------------

def test_a_parse_past_the_limit_fails_its_feed_and_its_worker_is_replaced() -> None:
    async def read_both(reader: ProcessReader) -> tuple[ReadFeed, ReadFeed]:
        stuck, good = await asyncio.gather(reader(job(SPIN)), reader(job(rss("KC", NEWS))))
        return stuck, good

    with process_reader(1, limit=1.0, read=spin_or_read) as reader:
        stuck, good = asyncio.run(read_both(reader))
        after = asyncio.run(reader(job(rss("KC", NEWS))))
    assert stuck.error == ("parsing took longer than 1 s; the parser was stopped "
                           "(a hostile or broken feed)")
    assert stuck.stories == []
    assert [story.title for story in good.stories] == [title for _, title, _ in NEWS]
    assert [story.title for story in after.stories] == [title for _, title, _ in NEWS]


def test_a_stopped_parser_leaves_no_process_behind() -> None:
    with process_reader(1, limit=1.0, read=spin_or_read) as reader:
        asyncio.run(reader(job(rss("KC", NEWS))))
        before = reader.worker_pids()
        asyncio.run(reader(job(SPIN)))
        asyncio.run(reader(job(rss("KC", NEWS))))
        after = reader.worker_pids()
    assert before and after and set(before).isdisjoint(after)
    assert not any(Path(f"/proc/{pid}").exists() for pid in before)


BUSY_BOT = """
import asyncio, sys
from bot.ingest.reader import FeedJob, process_reader
from tests.support.spinning import SPIN, job, spin_or_read

async def main():
    with process_reader(2, read=spin_or_read) as reader:
        task = asyncio.create_task(reader(job(SPIN)))
        await asyncio.sleep(1.0)
        print("busy", flush=True)
        await task

asyncio.run(main())
"""


def test_busy_workers_die_with_a_killed_parent() -> None:
    """SIGKILL leaves the parent no time to stop a worker spinning in C: it still goes."""
    marker = f"VIGIE_TEST_{uuid.uuid4().hex}"
    bot = subprocess.Popen([sys.executable, "-c", BUSY_BOT], cwd=ROOT,
                           env=tagged(marker), stdout=subprocess.PIPE, text=True)
    try:
        assert bot.stdout is not None and bot.stdout.readline().strip() == "busy"
        assert len(processes_with(marker, settle=0)) > 1  # the workers are up
    finally:
        os.kill(bot.pid, signal.SIGKILL)
        bot.communicate()
    assert processes_with(marker, settle=10) == []


STOPPED_BOT = """
import asyncio
from bot.ingest.reader import process_reader
from bot.app.runner import stop_on_signals
from tests.support.spinning import SPIN, job, spin_or_read

async def main():
    stop = stop_on_signals()
    with process_reader(2, read=spin_or_read) as reader:
        task = asyncio.create_task(reader(job(SPIN)))
        await asyncio.sleep(1.0)
        print("busy", flush=True)
        await stop.wait()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    print("stopped", flush=True)

asyncio.run(main())
"""


def test_sigterm_mid_parse_stops_without_waiting_for_the_parse() -> None:
    """What `vigie run` does on SIGTERM (polls cancelled, then the reader closed) ends a parse
    that would never end, instead of waiting for it; no worker is left."""
    marker = f"VIGIE_TEST_{uuid.uuid4().hex}"
    bot = subprocess.Popen([sys.executable, "-c", STOPPED_BOT], cwd=ROOT, env=tagged(marker),
                           stdout=subprocess.PIPE, text=True)
    try:
        assert bot.stdout is not None and bot.stdout.readline().strip() == "busy"
        bot.send_signal(signal.SIGTERM)
        out, _ = bot.communicate(timeout=GUARD_S)
    finally:
        bot.kill()
        bot.communicate()
    assert (bot.returncode, out.strip()) == (0, "stopped")
    assert processes_with(marker) == []


def test_poll_records_the_stuck_feed_and_stores_the_good_one(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    """Through the real poller: the stuck feed is failed with the reason, the other stored."""
    feed_server.add("/stuck.xml", SPIN)
    feed_server.add("/kc.xml", rss("Kyiv Courier", NEWS))
    urls = [feed_server.url("/stuck.xml"), feed_server.url("/kc.xml")]
    context = open_context(str(write_config(tmp_path, urls)))

    async def run() -> None:
        with process_reader(1, limit=1.0, read=spin_or_read) as reader:
            async with Fetcher(fetch_limits(context.settings)) as fetcher:
                await Engine(context, fetcher, reader=reader).poll_once()

    asyncio.run(run())
    feeds = {feed.url: feed for feed in list_feeds(context.db)}
    titles = [row[0] for row in context.db.execute("SELECT title FROM stories ORDER BY id")]
    context.db.close()
    assert feeds[urls[0]].last_error is not None
    assert feeds[urls[0]].last_error.startswith("parsing took longer than 1 s")
    assert feeds[urls[1]].last_error is None
    assert titles == [title for _, title, _ in NEWS]
