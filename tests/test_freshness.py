"""On time, and only news: what a user of `vigie run` sees of old items, backdated reports and
the polling schedule, on the loopback feed server and the fake Bot API.

Every date here is taken from the clock the test hands Vigie (the real one, or one set years
ahead), never from the calendar: the suite passes on any day.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path

import pytest
import sqlite_utils

from bot.app.cli import main
from bot.app.context import context_for
from bot.app.telegram_app import run_bot
from bot.core.clock import to_text, utcnow
from bot.core.config import load_settings
from bot.engine import running_engine
from bot.ingest.listing import format_feeds
from storage.feeds import get_feed, list_feeds
from tests.support.fakebot import FakeBotServer, SentMessage, serving
from tests.support.feeds import write_config
from tests.support.feedserver import FeedServer
from tests.support.news import dated_rss
from tests.support.running import until

READER, ADMIN = 401, 402

ARCHIVE = "NATO opened a liaison office in Kyiv last month, officials recall"
LAST_WEEK = "NATO ministers discussed winter fuel supplies at their spring meeting"
FRESH = "NATO allies pledge four more air defence systems for Ukraine"
TWIN = "NATO allies pledge 4 more air defence systems for Ukraine - Kyiv Courier"


class Clock:
    """A clock the test sets: Vigie's "now", moved by hand, independent of the calendar."""

    def __init__(self, start: datetime) -> None:
        self.now = start.replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)




async def say(server: FakeBotServer, chat_id: int, text: str, **kwargs: object) -> SentMessage:
    """Type a command and return the bot's answer in that chat."""
    before = len(server.sent(chat_id))
    server.push_message(chat_id, text, **kwargs)  # type: ignore[arg-type]
    await until(lambda: len(server.sent(chat_id)) > before, f"an answer to {text!r}")
    return server.sent(chat_id)[before]


def with_bot(config: Path, server: FakeBotServer,
             scenario: Callable[[sqlite_utils.Database], Awaitable[None]]) -> None:
    """Run `vigie run`'s engine and Telegram application in process around `scenario`."""
    async def run() -> None:
        context = context_for(load_settings(str(config)))
        stop = asyncio.Event()
        async with running_engine(context) as engine:
            bot = asyncio.create_task(run_bot(engine, stop))
            await until(lambda: server.calls_of("getUpdates"), "the bot to poll for updates")
            await say(server, READER, "/start")
            await say(server, READER, "/subscribe nato")
            try:
                await scenario(context.db)
            finally:
                stop.set()
                await bot
        context.db.close()
    asyncio.run(run())


def nato_alerts(server: FakeBotServer) -> list[SentMessage]:
    """The alerts READER received about this file's stories (command answers left out)."""
    titles = (ARCHIVE, LAST_WEEK, FRESH, TWIN)
    return [m for m in server.sent(READER)
            if "🔔" in m.text and any(escape(t) in m.text for t in titles)]


# --------------------------------------------------------------------------- only news


@pytest.mark.usefixtures("fast_ticks")
def test_a_new_feeds_backlog_is_stored_but_only_its_fresh_item_alerted(tmp_path: Path) -> None:
    now = utcnow()
    backlog = [("old-1", ARCHIVE, now - timedelta(days=30)),
               ("old-2", LAST_WEEK, now - timedelta(days=3)),
               ("new-1", FRESH, now - timedelta(minutes=10))]
    with FeedServer() as feeds, serving() as server:
        feeds.add("/courier.xml", dated_rss("Kyiv Courier", backlog))

        async def scenario(db: sqlite_utils.Database) -> None:
            answer = await say(server, ADMIN, f"/addfeed {feeds.url('/courier.xml')}")
            assert "First poll: 3 new stories, 2 of them already old" in answer.text
            assert "1 may be alerted" in answer.text
            await until(lambda: nato_alerts(server), "the fresh alert")
            await asyncio.sleep(1.0)  # five more send ticks: nothing else may come
            recent = await say(server, READER, "/recent")
            assert recent.text.count("already old when Vigie first saw it") == 2

        with_bot(write_config(tmp_path, [], server=server, admins=[ADMIN]), server, scenario)
    [alert] = nato_alerts(server)
    assert FRESH in alert.text
    assert ARCHIVE not in alert.text and LAST_WEEK not in alert.text


@pytest.mark.parametrize("backdated_first", [False, True], ids=["fresh-first", "backdated-first"])
@pytest.mark.usefixtures("fast_ticks")
def test_a_backdated_report_folds_with_the_fresh_one_beside_it(
        tmp_path: Path, backdated_first: bool) -> None:
    """A feed whose clock dates the story three days back: it still joins the event's
    cluster, and the reader gets one alert, naming both outlets, whichever came first."""
    now = utcnow()
    fresh = dated_rss("Baltic Wire", [("w1", FRESH, now - timedelta(minutes=5))])
    backdated = dated_rss("Kyiv Courier", [("c1", TWIN, now - timedelta(days=3))])
    first, second = ("/courier.xml", backdated), ("/wire.xml", fresh)
    if not backdated_first:
        first, second = second, first
    with FeedServer() as feeds, serving() as server:
        feeds.add("/wire.xml", dated_rss("Baltic Wire", []))
        feeds.add("/courier.xml", dated_rss("Kyiv Courier", []))
        urls = [feeds.url("/wire.xml"), feeds.url("/courier.xml")]

        async def scenario(db: sqlite_utils.Database) -> None:
            await until(lambda: all(f.last_poll_at for f in list_feeds(db)),
                        "the start's polls of the empty feeds")  # else one lands after ours
            feeds.set_body(*first)
            due_now(db, feeds.url(first[0]))
            await until(lambda: db.execute("SELECT COUNT(*) FROM stories").fetchone()[0] == 1,
                        "the first report")
            if not backdated_first:  # the fresh report's alert is out before the twin comes
                await until(lambda: nato_alerts(server), "the fresh report's alert")
            feeds.set_body(*second)
            due_now(db, feeds.url(second[0]))
            await until(lambda: any("Also reported by" in m.text for m in nato_alerts(server)),
                        "one alert naming both outlets")

        with_bot(write_config(tmp_path, urls, server=server, admins=[ADMIN]), server, scenario)
    [alert] = nato_alerts(server)
    assert "Baltic Wire" in alert.text and "Kyiv Courier" in alert.text


def due_now(db: sqlite_utils.Database, url: str) -> None:
    """Make one feed due: making both due would let a poll of the other, still in flight with
    its old body, push that feed's next poll 5 minutes away after the test changed it."""
    db.execute("UPDATE feeds SET next_poll_at = ? WHERE url = ?", [to_text(utcnow()), url])


# --------------------------------------------------------------------------- polling


def poll(config: Path, clock: Clock) -> None:
    """One `poll --once` cycle at the clock's time."""
    async def cycle() -> None:
        context = context_for(load_settings(str(config)), clock)
        async with running_engine(context) as engine:
            await engine.poll_once()
        context.db.close()
    asyncio.run(cycle())


def next_poll_in(db_path: Path, url: str) -> timedelta:
    """How long after its last poll a feed is polled next."""
    db = sqlite_utils.Database(db_path)
    feed = get_feed(db, url)
    db.close()
    assert feed is not None and feed.last_poll_at and feed.next_poll_at
    return feed.next_poll_at - feed.last_poll_at


def test_a_busy_feed_is_repolled_at_its_interval_and_a_quiet_one_stretched(
        tmp_path: Path) -> None:
    clock = Clock(datetime(2033, 7, 4, 9, 0, tzinfo=UTC))  # years ahead: no calendar involved
    with FeedServer() as feeds:
        # two items in the last three hours: few a week, but the next may be the one that counts
        feeds.add("/busy.xml", dated_rss("Busy", [
            ("b1", FRESH, clock.now - timedelta(hours=3)),
            ("b2", LAST_WEEK, clock.now - timedelta(hours=1))]))
        feeds.add("/quiet.xml", dated_rss("Quiet", [
            ("q1", ARCHIVE, clock.now - timedelta(hours=2))]))
        feeds.add("/empty.xml", dated_rss("Empty", []))
        feeds.add("/own.xml", dated_rss("Own", []))
        urls = [feeds.url(p) for p in ("/busy.xml", "/quiet.xml", "/empty.xml", "/own.xml")]
        config = write_config(tmp_path, urls, own_interval={urls[3]: 30})
        poll(config, clock)
        assert [next_poll_in(tmp_path / "vigie.db", url) for url in urls] == [
            timedelta(minutes=5), timedelta(minutes=5), timedelta(minutes=5),
            timedelta(seconds=30)]
        clock.advance(days=6)  # nothing new anywhere for six days
        poll(config, clock)
        assert [next_poll_in(tmp_path / "vigie.db", url) for url in urls] == [
            timedelta(minutes=40), timedelta(minutes=40), timedelta(minutes=40),
            timedelta(seconds=30)]
        assert listing(tmp_path, config).count("quiet 6 days: every 40 min") == 3
        assert "own interval: every 30 s" in listing(tmp_path, config)
        feeds.set_body("/busy.xml", dated_rss("Busy", [("b3", TWIN, clock.now)]))
        clock.advance(hours=1)
        poll(config, clock)
    assert next_poll_in(tmp_path / "vigie.db", urls[0]) == timedelta(minutes=5)
    assert "new stories in the last 3 days: every 5 min" in listing(tmp_path, config)


def listing(directory: Path, config: Path) -> str:
    """What `vigie feeds list` prints."""
    db = sqlite_utils.Database(directory / "vigie.db")
    shown = format_feeds(list_feeds(db), load_settings(str(config)))
    db.close()
    return shown


def test_a_second_poll_says_how_many_feeds_wait_and_when_the_next_is_due(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with FeedServer() as feeds:
        feeds.add("/a.xml", dated_rss("A", [("a1", FRESH, utcnow())]))
        feeds.add("/b.xml", dated_rss("B", []))
        config = write_config(tmp_path, [feeds.url("/a.xml"), feeds.url("/b.xml")])
        assert main(["poll", "--once", "--config", str(config)]) == 0
        capsys.readouterr()
        assert main(["poll", "--once", "--config", str(config)]) == 0
    summary = capsys.readouterr().err
    assert "polled 0 feed(s)" in summary
    assert "2 feed(s) not due yet, the next at" in summary and "(in 5 min)" in summary


def test_poll_json_marks_the_stale_story(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    now = utcnow()
    with FeedServer() as feeds:
        feeds.add("/a.xml", dated_rss("A", [("a1", FRESH, now), ("a2", ARCHIVE, now - timedelta(
            days=2))]))
        config = write_config(tmp_path, [feeds.url("/a.xml")])
        assert main(["poll", "--once", "--json", "--config", str(config)]) == 0
    printed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {line["title"]: line["stale"] for line in printed} == {FRESH: False, ARCHIVE: True}


def test_a_feed_answering_200_with_broken_xml_and_no_entries_failed(tmp_path: Path) -> None:
    broken = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
              b"<title>Broken</title></chanel></rss>")
    with FeedServer() as feeds:
        feeds.add("/broken.xml", broken)
        config = write_config(tmp_path, [feeds.url("/broken.xml")])
        poll(config, Clock(utcnow()))
        db = sqlite_utils.Database(tmp_path / "vigie.db")
        [feed] = list_feeds(db)
        db.close()
    assert feed.error_count == 1 and feed.last_status == "200 failed"
    assert feed.last_error == "invalid XML: mismatched tag"
