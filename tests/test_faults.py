"""Faults outside Vigie's control: a process killed mid-poll and mid-send, Telegram down for ten
minutes, feed hosts that hang, drip or reset, a database locked, read-only or on a full disk,
and a second `vigie run` on the same database. Each test counts alerts published, delivered,
lost and doubled; the figures are the README's "Reliability" table."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlite_utils
from telegram.ext import ExtBot

from bot.core.clock import utcnow
from bot.core.config import FetchSettings, PollingSettings, Settings
from bot.core.context import Context
from bot.deliver.alerts import render_row
from bot.deliver.messenger import TelegramMessenger
from bot.deliver.ratelimit import SendLimiter
from bot.deliver.sender import Sender
from bot.engine import Engine, fetch_limits
from bot.ingest.fetch import Fetcher
from bot.ingest.poll import PollReport
from storage.db import open_database
from storage.feeds import add_feed, get_feed, make_all_due
from tests.support.fakebot import FakeBotServer, local_request, serving
from tests.support.faults import HOLD_LOCK, FakeClock, fill, owe, readers
from tests.support.feeds import write_config
from tests.support.feedserver import FeedServer
from tests.support.news import SUMMARY, news_rss
from tests.support.running import VIGIE, start_vigie, wait

NATO_TITLES = [
    "NATO allies pledge more air defence systems for Ukraine",
    "OSCE observers report shelling near the Kherson bridge",
    "NATO summit agrees a new training mission in Poland",
]
CHATS = [401, 402, 403, 404, 405, 406]

needs_vigie = pytest.mark.skipif(not VIGIE.exists(), reason="the vigie entry point is missing")


def items(prefix: str, titles: list[str]) -> list[tuple[str, str, str]]:
    return [(f"{prefix}{n}", title, SUMMARY) for n, title in enumerate(titles)]




def count(db: sqlite_utils.Database, sql: str) -> int:
    return int(db.execute(sql).fetchone()[0])


# --------------------------------------------------------------------------- killed


def received(server: FakeBotServer) -> Counter[tuple[int, str]]:
    """(chat, title) -> how many messages carried it."""
    return Counter((m.chat_id, t) for m in server.sent() for t in NATO_TITLES if t in m.text)


@needs_vigie
def test_killed_while_polling_and_while_sending_stores_once_and_doubles_only_in_flight(
        tmp_path: Path, processes: list[subprocess.Popen[bytes]]) -> None:
    db_path, log = tmp_path / "vigie.db", tmp_path / "vigie.log"
    db = open_database(db_path)
    readers(db, CHATS)
    wanted = {(c, t) for c in CHATS for t in NATO_TITLES if "NATO" in t}
    with FeedServer() as feeds, serving() as server:
        route = feeds.add("/wire.xml", news_rss("Baltic Wire", items("w", NATO_TITLES)),
                          chunk_delay=0.2, chunk_size=64)  # the body drips for seconds
        config = write_config(tmp_path, [feeds.url("/wire.xml")], server=server,
                                db_path=db_path)
        processes.append(start_vigie(config, log))
        wait(lambda: feeds.hits["/wire.xml"] >= 1, "the poll to start")
        processes[-1].send_signal(signal.SIGKILL)  # 1: killed while fetching
        processes[-1].wait(timeout=10)
        assert count(db, "SELECT COUNT(*) FROM stories") == 0
        route.chunk_delay = None
        server.fail_next("sendMessage", 1, "timeout", chat_id=CHATS[0], delay=4.0)
        processes.append(start_vigie(config, log))
        wait(lambda: server.calls_of("sendMessage") and count(
            db, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'") == len(wanted) - 2,
            "every alert but the held chat's to be sent")
        in_flight = len(server.calls_of("sendMessage")) - count(
            db, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'")
        processes[-1].send_signal(signal.SIGKILL)  # 2: killed with a send in flight
        processes[-1].wait(timeout=10)
        server.wait_sent(1, CHATS[0], timeout=8.0)  # Telegram took it; Vigie never heard
        processes.append(start_vigie(config, log))
        wait(lambda: count(db, "SELECT COUNT(*) FROM outbox WHERE status != 'sent'") == 0,
             "the pending alerts after the restart", timeout=20)
        processes[-1].send_signal(signal.SIGTERM)
        assert processes[-1].wait(timeout=20) == 0, log.read_text()
    keys = db.execute("SELECT key, COUNT(*) FROM stories GROUP BY key").fetchall()
    db.close()
    got = received(server)
    doubled = sum(n - 1 for n in got.values())
    assert len(keys) == 3 and all(n == 1 for _, n in keys)  # every story published, once
    assert set(got) == wanted  # none lost, nothing sent that was not owed
    assert in_flight == 1 and doubled == in_flight  # the stated crash window, and only it
    assert "Traceback" not in log.read_text()


# --------------------------------------------------------------------------- Telegram down






class Blackhole:
    """A Bot API that answers getMe, then takes every other request and never answers:
    Telegram not answering at all (the client times out, nothing is delivered)."""

    def __init__(self, server: FakeBotServer) -> None:
        me = json.dumps({"ok": True, "result": server.handle("getMe", {})}).encode()
        gone = self.gone = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if not self.path.endswith("/getMe"):
                    gone.wait(30)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(me)))
                self.end_headers()
                self.wfile.write(me)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                """Quiet."""

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,))
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/bot"

    def close(self) -> None:
        self.gone.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


async def outage(server: FakeBotServer, db: sqlite_utils.Database, clock: FakeClock,
                 kind: str) -> int:
    """Ten minutes of fake time with Telegram down, a drain each second; then Telegram is
    back and the drain goes on until the outbox is empty. Returns requests during the outage."""
    limiter = SendLimiter(1000.0, 1000.0, 1000.0)
    hole = Blackhole(server)
    down_url = hole.base_url if kind == "no answer" else server.base_url
    down = ExtBot(server.token, base_url=down_url, request=local_request(read_timeout=0.2))
    up = ExtBot(server.token, base_url=server.base_url, request=local_request())
    async with down, up:
        sender = Sender(db, TelegramMessenger(down), limiter, lambda row: render_row(db, row),
                        clock=clock)
        for _ in range(600):
            await sender.drain(clock.now)
            clock.now += timedelta(seconds=1)
        during = len(server.calls_of("sendMessage"))
        for chat in CHATS[:3]:
            server.clear_chat(chat)
        sender.messenger = TelegramMessenger(up)
        for _ in range(700):
            await sender.drain(clock.now)
            clock.now += timedelta(seconds=1)
    hole.close()
    return during


@pytest.mark.parametrize("kind", ["502", "no answer"])
def test_ten_minutes_without_telegram_every_alert_waits_and_arrives_in_order(
        db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    clock = FakeClock()
    published = owe(db, CHATS[:3], 4)
    with serving(FakeBotServer(enforce_limits=False)) as server:
        for chat in CHATS[:3]:
            server.fail_chat(chat, "502")
        during = asyncio.run(outage(server, db, clock, kind))
    attempts = max(count(db, f"SELECT attempts FROM outbox WHERE chat_id = {c} ORDER BY id")
                   for c in CHATS[:3])
    assert published == 12
    assert count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'") == published
    for chat in CHATS[:3]:
        numbers = [int(m.text.split("office number ")[1][0]) for m in server.sent(chat)]
        assert numbers == [0, 1, 2, 3]  # all of them, once each, oldest first
    # 5 s doubling to 10 min: 7 tries per chat in 600 ticks, not 600
    assert attempts <= 9 and during <= (3 * 9 if kind == "502" else 0)


def test_a_send_that_times_out_after_telegram_took_it_is_sent_again(
        db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The other side of "never lose an alert": with no answer, Vigie cannot know the send
    went through, so it sends again. One double per timed-out send (stated in the README)."""
    clock = FakeClock()
    owe(db, [CHATS[0]], 1)

    async def main(server: FakeBotServer) -> None:
        bot = ExtBot(server.token, base_url=server.base_url,
                     request=local_request(read_timeout=0.2))
        async with bot:
            sender = Sender(db, TelegramMessenger(bot), SendLimiter(1000.0, 1000.0, 1000.0),
                            lambda row: render_row(db, row), clock=clock)
            for _ in range(30):
                await sender.drain(clock.now)
                clock.now += timedelta(seconds=1)

    with serving(FakeBotServer(enforce_limits=False)) as server:
        server.fail_next("sendMessage", 1, "timeout", delay=0.5)
        asyncio.run(main(server))
        server.wait_sent(2, CHATS[0], timeout=5.0)  # the late answer lands at Telegram anyway
    assert len(server.sent(CHATS[0])) == 2  # delivered twice: the timed-out one did arrive
    assert count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'") == 1


# --------------------------------------------------------------------------- feed hosts


def engine_settings(timeout: float) -> Settings:
    return Settings(polling=PollingSettings(timeout=timeout),
                    fetch=FetchSettings(allow_private_hosts=True))


BAD_HOSTS = {
    "/hangs.xml": {"delay": 30.0},
    "/drips.xml": {"chunk_delay": 1.0, "chunk_size": 1},  # one byte a second
    "/resets.xml": {"reset": True},
}


def test_a_hanging_dripping_or_resetting_host_does_not_hold_up_a_good_feed(
        db: sqlite_utils.Database) -> None:
    reports: list[tuple[PollReport, set[str]]] = []

    async def main(feeds: FeedServer) -> None:
        settings = engine_settings(timeout=2.0)
        async with Fetcher(fetch_limits(settings)) as fetcher:
            engine = Engine(Context(settings, db), fetcher)
            urls = {engine.db.execute("SELECT id FROM feeds WHERE url = ?", [u]).fetchone()[0]: u
                    for u in (feeds.url(p) for p in [*BAD_HOSTS, "/good.xml"])}

            def seen(report: PollReport) -> None:
                reports.append((report, {urls[i] for i in engine.poller.in_flight}))

            assert engine.poller.spawn_due(seen) == 4
            while engine.poller.tasks:
                await asyncio.sleep(0.05)

    with FeedServer() as feeds:
        body = news_rss("Baltic Wire", items("d", NATO_TITLES))
        for path, options in BAD_HOSTS.items():
            feeds.add(path, body, **options)
        feeds.add("/good.xml", news_rss("Kyiv Courier", items("g", NATO_TITLES[:1])))
        for path in [*BAD_HOSTS, "/good.xml"]:
            add_feed(db, feeds.url(path), path, None, utcnow())
        asyncio.run(main(feeds))
        good = next(still for report, still in reports if report.new)
        assert {feeds.url("/hangs.xml"), feeds.url("/drips.xml")} <= good  # not waited for
        errors = {path: get_feed(db, feeds.url(path)) for path in BAD_HOSTS}
    assert count(db, "SELECT COUNT(*) FROM stories") == 1
    for path, feed in errors.items():
        assert feed is not None and feed.error_count == 1 and feed.content_hash is None, path
        assert feed.next_poll_at is not None and feed.next_poll_at > utcnow(), path
    for path in ("/hangs.xml", "/drips.xml"):
        assert errors[path].last_error == "timed out after 2 s"  # type: ignore[union-attr]
    assert "reset" in (errors["/resets.xml"].last_error or "")  # type: ignore[union-attr]


# --------------------------------------------------------------------------- the database


def two_polls(db: sqlite_utils.Database, cause_goes: Callable[[], None]) -> list[PollReport]:
    """Poll with the fault in place, let the cause go, poll again: one engine throughout,
    as in a running bot (its dedup window and matcher live across polls)."""

    async def main() -> list[PollReport]:
        settings = engine_settings(timeout=5.0)
        async with Fetcher(fetch_limits(settings)) as fetcher:
            engine = Engine(Context(settings, db), fetcher)
            first = await engine.poll_once()
            cause_goes()
            make_all_due(db, utcnow())
            return [first, await engine.poll_once()]

    return asyncio.run(main())




@pytest.fixture
def wire(tmp_path: Path) -> Iterator[tuple[FeedServer, str]]:
    with FeedServer() as feeds:
        feeds.add("/wire.xml", news_rss("Baltic Wire", items("w", NATO_TITLES)))
        yield feeds, feeds.url("/wire.xml")


def check_recovered(db: sqlite_utils.Database, url: str) -> None:
    """After the cause went: every story stored once, every alert owed, the feed healthy."""
    assert count(db, "SELECT COUNT(*) FROM stories") == 3
    assert count(db, "SELECT COUNT(*) FROM outbox") == 2  # chat 401 follows nato: two stories
    feed = get_feed(db, url)
    assert feed is not None and feed.error_count == 0 and feed.content_hash is not None


def test_a_database_locked_by_another_process_loses_nothing(
        tmp_path: Path, wire: tuple[FeedServer, str], caplog: pytest.LogCaptureFixture) -> None:
    db = open_database(tmp_path / "vigie.db", busy_timeout=0.3)
    readers(db, CHATS[:1])
    add_feed(db, wire[1], "wire", None, utcnow())
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(tmp_path / "vigie.db")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    stored_meanwhile: list[int] = []

    def release() -> None:
        stored_meanwhile.append(count(db, "SELECT COUNT(*) FROM stories"))
        assert (get_feed(db, wire[1]) or pytest.fail()).content_hash is None  # not marked read
        holder.communicate(b"\n", timeout=10)

    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        with caplog.at_level(logging.ERROR, logger="bot.ingest.poll"):
            reports = two_polls(db, release)
    finally:
        if holder.poll() is None:
            holder.communicate(b"\n", timeout=10)
    assert "the database refused the write (database is locked)" in caplog.text
    assert [r.failed for r in reports] == [1, 0] and stored_meanwhile == [0]
    check_recovered(db, wire[1])
    db.close()


FAULTS = {
    "read-only": ("PRAGMA query_only = ON", "PRAGMA query_only = OFF",
                  "attempt to write a readonly database"),
    "write error": ("CREATE TRIGGER fail BEFORE INSERT ON stories WHEN NEW.title LIKE '%summit%'"
                    " BEGIN SELECT RAISE(FAIL, 'disk I/O error'); END", "DROP TRIGGER fail",
                    "disk I/O error"),
    "alert not stored": ("CREATE TRIGGER fail BEFORE INSERT ON outbox WHEN NEW.story_id > 1 "
                         "BEGIN SELECT RAISE(FAIL, 'disk I/O error'); END", "DROP TRIGGER fail",
                         "disk I/O error"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_write_refused_then_allowed_again_loses_no_story_and_no_alert(
        db: sqlite_utils.Database, wire: tuple[FeedServer, str], fault: str,
        caplog: pytest.LogCaptureFixture) -> None:
    start, stop, message = FAULTS[fault]
    readers(db, CHATS[:1])
    add_feed(db, wire[1], "wire", None, utcnow())
    db.execute(start)
    hashes: list[str | None] = []

    def cause_goes() -> None:
        hashes.append((get_feed(db, wire[1]) or pytest.fail()).content_hash)
        db.execute(stop)

    with caplog.at_level(logging.ERROR, logger="bot.ingest.poll"):
        reports = two_polls(db, cause_goes)
    assert f"the database refused the write ({message})" in caplog.text
    assert [r.failed for r in reports] == [1, 0] and hashes == [None]
    check_recovered(db, wire[1])






def test_a_full_disk_loses_nothing_and_recovers_when_space_comes_back(
        small_disk: Path, wire: tuple[FeedServer, str], caplog: pytest.LogCaptureFixture) -> None:
    db = open_database(small_disk / "vigie.db", busy_timeout=0.3)
    readers(db, CHATS[:1])
    add_feed(db, wire[1], "wire", None, utcnow())
    filler = fill(small_disk)
    with caplog.at_level(logging.ERROR, logger="bot.ingest.poll"):
        reports = two_polls(db, filler.unlink)
    assert "the database refused the write (database or disk is full)" in caplog.text
    assert [r.failed for r in reports] == [1, 0]
    check_recovered(db, wire[1])
    db.close()


# --------------------------------------------------------------------------- two runs


@needs_vigie
def test_a_second_vigie_run_on_the_same_database_refuses_with_exit_2(
        tmp_path: Path, processes: list[subprocess.Popen[bytes]]) -> None:
    db_path = tmp_path / "vigie.db"
    with FeedServer() as feeds, serving() as server:
        feeds.add("/wire.xml", news_rss("Baltic Wire", []))
        config = write_config(tmp_path, [feeds.url("/wire.xml")], server=server,
                                db_path=db_path)
        processes.append(start_vigie(config, tmp_path / "first.log"))
        wait(lambda: server.calls_of("getUpdates"), "the first run to serve")
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        second = subprocess.run([str(VIGIE), "run", "--config", str(config)], env=env,
                                capture_output=True, timeout=30, check=False)
        polls = len(server.calls_of("getMe"))
        processes[0].send_signal(signal.SIGTERM)
        assert processes[0].wait(timeout=20) == 0
    said = second.stderr.decode() + second.stdout.decode()
    assert second.returncode == 2, said
    assert f"in use by another `vigie run` (pid {processes[0].pid})" in said
    assert "send every alert twice" in said and "Traceback" not in said
    assert polls == 1  # the second never reached Telegram


def test_the_lock_goes_with_a_killed_run(tmp_path: Path) -> None:
    """A SIGKILLed run leaves its lock file behind, but not the lock: the next run starts."""
    from bot.app.lock import exclusive_run

    db_path = str(tmp_path / "vigie.db")
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\nfrom bot.app.lock import exclusive_run\n"
        "with exclusive_run(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(60)\n"),
        db_path], stdout=subprocess.PIPE, cwd=Path(__file__).resolve().parents[1])
    assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
    holder.kill()
    holder.communicate(timeout=10)
    assert Path(f"{db_path}.lock").exists()
    with exclusive_run(db_path):
        assert Path(f"{db_path}.lock").read_text() == str(os.getpid())
    shutil.rmtree(tmp_path, ignore_errors=True)


