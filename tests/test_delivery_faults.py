"""Delivery under faults found by attacking the running bot (issue 13, items 1, 2 and 4).

Never twice: once Telegram has taken an alert or a digest part, a database that cannot record
it (another process holding the write lock, a full disk, an I/O error) must not make Vigie
send it again; sending stops until the answer is written, and the log and /stats say so.
Never stuck: one row that cannot be rendered or sent ends alone (dead with its reason, or
retried later) and touches no other; one chat's backlog does not hold the others back; one
poll of one feed owes a chat at most `[delivery] max_alerts_per_poll` alerts, the rest in one
message "and N more from Feed X".
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import subprocess
import sys
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
import sqlite_utils
from telegram.ext import ExtBot

from bot.app.context import Context
from bot.core.clock import to_text, utcnow
from bot.core.config import DeliverySettings, Settings, parse_settings
from bot.core.errors import ConfigError
from bot.core.models import PLAIN, Placement, Story
from bot.dedup.index import DedupIndex, DedupSettings
from bot.deliver.alerts import render_row
from bot.deliver.digest_send import DigestSender
from bot.deliver.messenger import ConsoleMessenger, Messenger, TelegramMessenger
from bot.deliver.sender import Sender
from bot.engine import Engine, fetch_limits
from bot.ingest.fetch import Fetcher
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics
from bot.pipeline import Pipeline
from storage.chats import register_chat, subscribe
from storage.db import open_database
from storage.feeds import add_feed
from storage.outbox import enqueue
from storage.preferences import set_digest
from storage.stories import insert_story, start_cluster
from tests.support.chat import ADMIN, Bot, run_with_engine
from tests.support.delivery import fast_limiter
from tests.support.fakebot import FakeBotServer, local_request, make_bot
from tests.support.faults import HOLD_LOCK, FakeClock, fill, owe
from tests.support.stories import NATO, story

T = TypeVar("T")
CHATS = [501, 502]
SENT_FAILS = ("CREATE TRIGGER fail BEFORE UPDATE ON outbox WHEN NEW.status = 'sent' "
              "BEGIN SELECT RAISE(FAIL, 'disk I/O error'); END")
PART_FAILS = ("CREATE TRIGGER fail BEFORE UPDATE ON digests WHEN NEW.message_ids != "
              "OLD.message_ids BEGIN SELECT RAISE(FAIL, 'disk I/O error'); END")






def with_bot(server: FakeBotServer, body: Callable[[Messenger], Awaitable[T]]) -> T:
    """Run `body` with the real bot client pointed at the fake Bot API."""
    async def main() -> T:
        bot = ExtBot(server.token, base_url=server.base_url, request=local_request())
        async with bot:
            return await body(TelegramMessenger(bot))

    return asyncio.run(main())


async def ticks(clock: FakeClock, count: int, *senders: Sender | DigestSender) -> None:
    """`count` send ticks one fake second apart, each as Engine.send_tick runs it: what a
    tick raises is logged and the next tick tries again."""
    for _ in range(count):
        for sender in senders:
            try:
                await (sender.flush(clock.now) if isinstance(sender, DigestSender)
                       else sender.drain(clock.now))
            except Exception:  # noqa: BLE001 - the engine logs it and goes on
                logging.getLogger("test").exception("tick failed")
        clock.now += timedelta(seconds=1)


def copies(server: FakeBotServer) -> Counter[tuple[int, str]]:
    """(chat, "office number N") -> how many messages carried it."""
    return Counter((m.chat_id, m.text.split("office number ")[1][:1]) for m in server.sent()
                   if "office number " in m.text)


def statuses(db: sqlite_utils.Database) -> dict[str, int]:
    return dict(db.execute("SELECT status, COUNT(*) FROM outbox GROUP BY status").fetchall())


def recorded_right(db: sqlite_utils.Database, server: FakeBotServer) -> bool:
    """Every row is sent, with the message id Telegram gave for it."""
    ids = {(m.chat_id, m.text.split("office number ")[1][:1]): m.message_id
           for m in server.sent()}
    rows = db.execute("SELECT o.chat_id, s.title, o.message_id, o.status FROM outbox o "
                      "JOIN stories s ON s.id = o.story_id").fetchall()
    return all(status == "sent" and ids[(chat, title.split("office number ")[1][:1])] == mid
               for chat, title, mid, status in rows)


# --------------------------------------------------------------------------- 1: never twice


def test_a_locked_database_after_telegram_took_the_alerts_sends_none_twice(
        tmp_path: Path, server: FakeBotServer, caplog: pytest.LogCaptureFixture) -> None:
    db = open_database(tmp_path / "vigie.db", busy_timeout=0.3)
    assert owe(db, CHATS, 3) == 6
    clock = FakeClock()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(tmp_path / "vigie.db")],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    async def body(messenger: Messenger) -> int:
        sender = Sender(db, messenger, fast_limiter(), lambda row: render_row(db, row),
                        clock=clock)
        await ticks(clock, 8, sender)  # eight seconds with the lock held by another process
        during = len(server.sent())
        holder.communicate(b"\n", timeout=10)
        await ticks(clock, 8, sender)
        return during

    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        with caplog.at_level(logging.WARNING, logger="bot"):
            during = with_bot(server, body)
    finally:
        if holder.poll() is None:
            holder.communicate(b"\n", timeout=10)
    got = copies(server)
    assert during <= len(CHATS)  # one send per chat, then nothing until it is recorded
    assert set(got) == {(c, str(n)) for c in CHATS for n in range(3)}
    assert all(n == 1 for n in got.values()), got
    assert recorded_right(db, server)
    assert "sending stopped: the database cannot record" in caplog.text
    assert "database is locked" in caplog.text and "sending resumes" in caplog.text
    db.close()


def test_a_full_disk_after_telegram_took_the_alerts_sends_none_twice(
        small_disk: Path, server: FakeBotServer) -> None:
    db = open_database(small_disk / "vigie.db", busy_timeout=0.3)
    assert owe(db, CHATS, 3) == 6
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no room left in the log to reuse
    clock = FakeClock()
    filler = fill(small_disk)

    async def body(messenger: Messenger) -> int:
        sender = Sender(db, messenger, fast_limiter(), lambda row: render_row(db, row),
                        clock=clock)
        await ticks(clock, 8, sender)
        during = len(server.sent())
        filler.unlink()
        await ticks(clock, 8, sender)
        return during

    during = with_bot(server, body)
    got = copies(server)
    assert 1 <= during <= len(CHATS)
    assert set(got) == {(c, str(n)) for c in CHATS for n in range(3)}
    assert all(n == 1 for n in got.values()), got
    assert recorded_right(db, server)
    db.close()


def held_digest(db: sqlite_utils.Database, chat_id: int, count: int, first: int = 0) -> None:
    """`count` alerts held for `chat_id`, long enough to make a digest of several parts."""
    register_chat(db, chat_id, "private", "reader", None, utcnow())
    at = utcnow() - timedelta(hours=1)
    for n in range(first, first + count):
        title = f"{n} NATO office number {n % 10} " + "Long headline about the front " * 9
        story_id = insert_story(db, story(n, title), None, at)
        cluster = start_cluster(db, story_id, "Baltic Wire", at)
        assert enqueue(db, chat_id, cluster, story_id, NATO, at, "held")


def test_a_digest_part_telegram_took_is_not_sent_again_when_its_write_fails(
        server: FakeBotServer, db: sqlite_utils.Database, caplog: pytest.LogCaptureFixture
) -> None:
    held_digest(db, 9, 60)
    db.execute(PART_FAILS)
    clock = FakeClock()

    async def body(messenger: Messenger) -> int:
        digests = DigestSender(db, messenger, fast_limiter(), clock=clock)
        await ticks(clock, 10, digests)
        during = len(server.sent(9))
        db.execute("DROP TRIGGER fail")
        await ticks(clock, 5, digests)
        return during

    with caplog.at_level(logging.WARNING, logger="bot"):
        during = with_bot(server, body)
    texts = [m.text for m in server.sent(9)]
    assert during == 1 and len(texts) > 2  # the first part, then nothing until recorded
    assert len(set(texts)) == len(texts)  # no part twice
    assert texts[0].startswith("📬 <b>Vigie digest</b> · alerts: 60")
    assert all(t.startswith("📬 <b>Vigie digest</b> (continued)") for t in texts[1:])
    assert statuses(db) == {"sent": 60}
    [(ids,)] = db.execute("SELECT message_ids FROM digests").fetchall()
    assert json.loads(ids) == [m.message_id for m in server.sent(9)]
    assert "sending stopped: the database cannot record" in caplog.text


def test_a_digest_telegram_took_whole_is_not_sent_again_when_closing_it_fails(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    held_digest(db, 9, 2)
    db.execute("CREATE TRIGGER fail BEFORE UPDATE ON digests WHEN NEW.status = 'sent' "
               "BEGIN SELECT RAISE(FAIL, 'disk I/O error'); END")
    clock = FakeClock()

    async def body(messenger: Messenger) -> None:
        digests = DigestSender(db, messenger, fast_limiter(), clock=clock)
        await ticks(clock, 5, digests)
        db.execute("DROP TRIGGER fail")
        await ticks(clock, 5, digests)

    with_bot(server, body)
    assert len(server.sent(9)) == 1 and statuses(db) == {"sent": 2}


def test_stats_says_sending_stopped_while_the_database_cannot_record(
        db: sqlite_utils.Database) -> None:
    owe(db, CHATS[:1], 1)
    answers: list[str] = []

    async def scenario(bot: Bot, engine: Engine) -> None:
        async with make_bot(bot.server) as client:
            sender = engine.sender(TelegramMessenger(client), fast_limiter())
            db.execute(SENT_FAILS)
            await engine.deliver(sender)
            answers.append((await bot.say(ADMIN, "/stats"))[0].text)
            db.execute("DROP TRIGGER fail")
            await engine.deliver(sender)
            answers.append((await bot.say(ADMIN, "/stats"))[0].text)

    server = run_with_engine(db, scenario)
    assert len(server.sent(CHATS[0])) == 1
    stopped, resumed = answers
    assert "Sending stopped</b> since" in stopped and "disk I/O error" in stopped
    assert "Telegram answers kept in memory: 1" in stopped
    assert "Sending stopped" not in resumed and "Alerts: 1 sent, 0 pending" in resumed


# --------------------------------------------------------------------------- 2: one bad row


def test_a_row_that_cannot_be_rendered_is_dead_and_no_other_row_goes_twice(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    owe(db, CHATS, 3)
    [(bad,)] = db.execute("SELECT id FROM outbox WHERE chat_id = ? ORDER BY id LIMIT 1 "
                          "OFFSET 1", [CHATS[0]]).fetchall()
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("UPDATE outbox SET story_id = 9999 WHERE id = ?", [bad])  # its story is gone
    db.execute("PRAGMA foreign_keys = ON")
    clock = FakeClock()

    async def body(messenger: Messenger) -> None:
        sender = Sender(db, messenger, fast_limiter(), lambda row: render_row(db, row),
                        clock=clock)
        await ticks(clock, 3, sender)

    with_bot(server, body)
    got = copies(server)
    assert set(got) == {(c, str(n)) for c in CHATS for n in range(3)} - {(CHATS[0], "1")}
    assert all(n == 1 for n in got.values()), got
    [(status, error)] = db.execute("SELECT status, error FROM outbox WHERE id = ?",
                                   [bad]).fetchall()
    assert status == "dead" and "cannot be rendered" in error and "9999" in error
    assert statuses(db) == {"sent": 5, "dead": 1}


class Flaky:
    """The real client, but a send to one chat fails with what no Telegram error maps."""

    def __init__(self, inner: Messenger, chat_id: int) -> None:
        self.inner, self.chat_id = inner, chat_id

    async def send(self, chat_id: int, text: str, placement: Placement = PLAIN) -> int:
        if chat_id == self.chat_id:
            raise RuntimeError("the client broke")
        return await self.inner.send(chat_id, text, placement)

    async def edit(self, chat_id: int, message_id: int, text: str,
                   placement: Placement = PLAIN) -> None:
        await self.inner.edit(chat_id, message_id, text, placement)


def test_a_send_failing_outside_telegram_is_retried_later_and_touches_no_other_row(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    owe(db, CHATS, 3)
    clock = FakeClock()

    async def body(messenger: Messenger) -> None:
        sender = Sender(db, Flaky(messenger, CHATS[0]), fast_limiter(),
                        lambda row: render_row(db, row), clock=clock)
        await ticks(clock, 3, sender)

    with_bot(server, body)
    got = copies(server)
    assert set(got) == {(CHATS[1], str(n)) for n in range(3)}
    assert all(n == 1 for n in got.values()), got
    rows = db.execute("SELECT status, error, next_attempt_at > ? FROM outbox WHERE chat_id = ? "
                      "ORDER BY id", [to_text(clock.now), CHATS[0]]).fetchall()
    assert [r[0] for r in rows] == ["pending"] * 3
    assert "RuntimeError: the client broke" in rows[0][1] and rows[0][2] == 1


def test_a_digest_failing_outside_telegram_waits_and_the_other_chats_digest_goes(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    held_digest(db, 9, 2)
    held_digest(db, 10, 2, first=100)
    clock = FakeClock()

    async def body(messenger: Messenger) -> None:
        await ticks(clock, 3, DigestSender(db, Flaky(messenger, 9), fast_limiter(), clock=clock))

    with_bot(server, body)
    assert server.sent(9) == [] and len(server.sent(10)) == 1
    [(status, error)] = db.execute("SELECT status, error FROM digests WHERE chat_id = 9")
    assert status == "pending" and error == "RuntimeError: the client broke"
    assert statuses(db) == {"held": 2, "sent": 2}


def test_a_row_whose_reasons_cannot_be_read_still_goes_and_so_do_the_others(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    owe(db, CHATS, 3)
    db.execute("UPDATE outbox SET reasons = '[{broken' WHERE id = 2")

    async def body(messenger: Messenger) -> int:
        clock = FakeClock()
        sender = Sender(db, messenger, fast_limiter(), lambda row: render_row(db, row),
                        clock=clock)
        await ticks(clock, 2, sender)
        return len(server.sent())

    assert with_bot(server, body) == 6
    assert statuses(db) == {"sent": 6}


# --------------------------------------------------------------------------- 4: never stuck


def test_one_chats_backlog_does_not_hold_back_another_chats_alert(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    register_chat(db, 601, "private", "busy", None, utcnow())
    register_chat(db, 602, "private", "quiet", None, utcnow())
    for n in range(400):
        title = f"NATO backlog item {n}" if n < 399 else "NATO the other chat's alert"
        story_id = insert_story(db, story(n, title), None, utcnow())
        cluster = start_cluster(db, story_id, "Baltic Wire", utcnow())
        assert enqueue(db, 601 if n < 399 else 602, cluster, story_id, NATO, utcnow())

    async def body(messenger: Messenger) -> int:
        sender = Sender(db, messenger, fast_limiter(), lambda row: render_row(db, row))
        return await sender.drain()

    assert with_bot(server, body) == 400
    order = [m.chat_id for m in server.sent()]
    assert order.index(602) < 10  # among the first sends, not after the other's 399
    backlog = [int(m.text.split("backlog item ")[1].split("<")[0]) for m in server.sent(601)]
    assert backlog == list(range(399))  # the busy chat still gets its own in order


PLACES = ["Vilnius", "Riga", "Tallinn", "Narva", "Kaunas", "Gdansk", "Rzeszow", "Lublin",
          "Suwalki", "Klaipeda", "Daugavpils", "Tartu"]
UNITS = ["infantry", "artillery", "cavalry", "signals", "medical", "engineer", "naval",
         "airborne", "logistics", "armoured"]


def wire_poll(db: sqlite_utils.Database, flow: Pipeline, first: int, count: int,
              at: datetime) -> None:
    """One poll of the Baltic Wire feed bringing `count` new matching stories."""
    feed, _ = add_feed(db, "http://127.0.0.1/wire.xml", "Baltic Wire", None, at)
    stories = [Story(f"w{n}", feed.url, "Baltic Wire", f"w{n}", f"https://wire.example/{n}",
                     f"NATO {PLACES[n % 12]} {UNITS[n // 12]} exercise", "Ministers met.",
                     at - timedelta(minutes=n))
               for n in range(first, first + count)]
    for start in range(0, count, 20):  # as the engine stores a poll: in slices
        flow.ingest(feed.id, stories[start:start + 20], at)


def test_one_poll_of_one_feed_owes_a_chat_at_most_the_cap_and_the_rest_in_one_message(
        db: sqlite_utils.Database) -> None:
    readers_of_nato(db, [701, 702])
    flow = Pipeline(db, DedupIndex(DedupSettings(threshold=100.0)), Matcher(builtin_topics()),
                    DeliverySettings(max_alerts_per_poll=10))
    at = utcnow()
    wire_poll(db, flow, 0, 47, at)
    assert statuses(db) == {"pending": 20, "held": 74}
    stream = io.StringIO()
    console = ConsoleMessenger(stream)
    clock = FakeClock()
    digests = DigestSender(db, console, fast_limiter(), clock=clock)
    sender = Sender(db, console, fast_limiter(), lambda row: render_row(db, row), clock=clock)
    asyncio.run(ticks(clock, 3, digests, sender))
    messages = [m.split(" ──\n", 1) for m in stream.getvalue().split("\n── alert to chat ")[1:]]
    for chat in (701, 702):
        mine = [text for to, text in messages if int(to) == chat]
        assert len(mine) == 11  # ten alerts, then one message for the rest
        assert all("🔔" in text and "Vigie digest" not in text for text in mine[:10])
        assert mine[10].startswith("📬 And 37 more from Baltic Wire")
        assert mine[10].count("Baltic Wire") == 38  # the header and each of the 37
    assert statuses(db) == {"sent": 94}
    wire_poll(db, flow, 100, 3, at + timedelta(minutes=5))  # the next poll: a fresh cap
    assert statuses(db) == {"sent": 94, "pending": 6}


def readers_of_nato(db: sqlite_utils.Database, chats: list[int]) -> None:
    for chat in chats:
        register_chat(db, chat, "private", f"reader {chat}", None, utcnow())
        subscribe(db, chat, "nato", utcnow())


def test_a_digest_mode_chat_gets_the_whole_poll_in_its_digest(
        db: sqlite_utils.Database) -> None:
    """The cap is for alerts sent one by one; a digest already gathers everything."""
    readers_of_nato(db, [703])
    set_digest(db, 703, "daily", "08:00")
    flow = Pipeline(db, DedupIndex(DedupSettings(threshold=100.0)), Matcher(builtin_topics()),
                    DeliverySettings(max_alerts_per_poll=10))
    wire_poll(db, flow, 0, 15, utcnow())
    assert statuses(db) == {"held": 15}
    assert db.execute("SELECT COUNT(*) FROM outbox WHERE reasons LIKE '%more%'").fetchone()[0] == 0


def test_the_cap_is_a_delivery_setting_of_ten_by_default() -> None:
    assert Settings().delivery.max_alerts_per_poll == 10
    settings = parse_settings({"delivery": {"max_alerts_per_poll": 3}}, "vigie.toml")
    assert settings.delivery.max_alerts_per_poll == 3
    with pytest.raises(ConfigError, match="vigie.toml: delivery.max_alerts_per_poll must be "
                                          "at least 1"):
        parse_settings({"delivery": {"max_alerts_per_poll": 0}}, "vigie.toml")


def test_a_stop_writes_what_telegram_accepted_or_says_it_will_be_sent_again(
        server: FakeBotServer, db: sqlite_utils.Database, caplog: pytest.LogCaptureFixture
) -> None:
    owe(db, CHATS, 1)
    settings = Settings()

    async def main() -> None:
        async with Fetcher(fetch_limits(settings)) as fetcher, make_bot(server) as client:
            engine = Engine(Context(settings, db), fetcher)
            sender = engine.sender(TelegramMessenger(client), fast_limiter())
            db.execute(SENT_FAILS)
            await engine.deliver(sender)
            await engine.stop()  # still failing: said in the log
            db.execute("DROP TRIGGER fail")
            await engine.stop()  # the last chance to write, taken

    with caplog.at_level(logging.ERROR, logger="bot"):
        asyncio.run(main())
    accepted = len(server.sent())  # 1 or 2: the second send may start before the first fails
    assert f"stopping with {accepted} answer(s) from Telegram not recorded" in caplog.text
    left = statuses(db)  # what Telegram accepted is recorded; what it did not is still owed
    assert left.pop("sent") == accepted and left == ({"pending": 1} if accepted == 1 else {})
