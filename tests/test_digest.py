"""Digests: composed (grouped, numbered, newest first, split at 4096 on item boundaries) and
sent by the digest tick on a controllable clock: across the Europe/Kyiv daylight-saving
changes, at the end of quiet hours across midnight, after a restart, through Telegram errors."""

from __future__ import annotations

import asyncio
import io
import re
from collections.abc import Awaitable, Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
import sqlite_utils
from telegram.ext import ExtBot

from bot.core.config import DedupSettings, Settings
from bot.core.context import Context
from bot.core.models import Story
from bot.core.texts import ENGLISH, FRENCH
from bot.dedup.index import DedupIndex
from bot.deliver.alerts import render_row
from bot.deliver.digest import DigestItem, compose_digest
from bot.deliver.digest_send import DigestSender
from bot.deliver.messenger import ConsoleMessenger, Messenger, TelegramMessenger
from bot.deliver.ratelimit import SendLimiter
from bot.deliver.render import visible_len
from bot.deliver.sender import Sender
from bot.engine import Engine, fetch_limits
from bot.ingest.fetch import Fetcher
from bot.match.filters import parse_filter
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics
from bot.pipeline import Pipeline
from storage.chats import add_filter, get_chat, register_chat, subscribe
from storage.db import open_database
from storage.digests import due_digests, open_digest, part_sent
from storage.mutes import mute
from storage.preferences import set_digest, set_quiet, set_timezone
from tests.support.fakebot import FakeBotServer, Limits, html_error, local_request, serving
from tests.support.stories import hold, utc

T = TypeVar("T")
FAST = Limits(per_second=1000, chat_per_second=100, chat_burst=10, group_per_minute=6000)




def fast_limiter() -> SendLimiter:
    return SendLimiter(1000, 100, 6000)




def digest_times(db: sqlite_utils.Database) -> list[datetime]:
    return [datetime.fromisoformat(row["due_at"])
            for row in db.query("SELECT due_at FROM digests WHERE status = 'sent' ORDER BY id")]


def statuses(db: sqlite_utils.Database, chat_id: int) -> dict[str, int]:
    sql = "SELECT status, COUNT(*) FROM outbox WHERE chat_id = ? GROUP BY status"
    return dict(db.execute(sql, [chat_id]).fetchall())


def console_messages(stream: io.StringIO) -> list[str]:
    return [part for part in stream.getvalue().split("\n── alert to chat ")[1:]]


# --- composing -----------------------------------------------------------------------------


def item(group: str, n: int, minutes: int, title: str = "") -> DigestItem:
    return DigestItem(group, title or f"Story {n}", f"https://news.example/{n}", f"Outlet {n}",
                      utc("2026-05-01T12:00") + timedelta(minutes=minutes))


def test_a_digest_groups_numbers_and_puts_the_newest_first() -> None:
    items = [item("topic nato", 1, 0), item("filter: drone", 2, 5), item("topic nato", 3, 10),
             item("topic osce", 4, 1, "Observers <report> & more")]
    [message] = compose_digest(ENGLISH, items, "Europe/Kyiv")
    assert message.split("\n") == [
        "📬 <b>Vigie digest</b> · alerts: 4",
        "", "<b>🔔 topic nato</b>",
        '1. <a href="https://news.example/3">Story 3</a> — <i>Outlet 3</i>, 01.05 15:10',
        '2. <a href="https://news.example/1">Story 1</a> — <i>Outlet 1</i>, 01.05 15:00',
        "", "<b>🔔 filter: drone</b>",
        '3. <a href="https://news.example/2">Story 2</a> — <i>Outlet 2</i>, 01.05 15:05',
        "", "<b>🔔 topic osce</b>",
        '4. <a href="https://news.example/4">Observers &lt;report&gt; &amp; more</a> — '
        "<i>Outlet 4</i>, 01.05 15:01",
    ]
    assert html_error(message) is None


def test_nothing_held_means_no_message() -> None:
    assert compose_digest(ENGLISH, [], "UTC") == []


def test_a_long_digest_is_split_between_items_and_every_part_is_valid() -> None:
    long_title = "Ministers discuss air defence and ammunition supply lines " * 6  # > 300 units
    items = [item(f"topic {'nato' if n % 3 else 'osce'}", n, n, f"{n} {long_title}")
             for n in range(1, 121)]
    parts = compose_digest(FRENCH, items, "Europe/Paris")
    assert len(parts) > 3
    numbers: list[int] = []
    for index, part in enumerate(parts):
        assert visible_len(part) <= 4096 and html_error(part) is None
        assert part.startswith(FRENCH.digest_header.split("{")[0] if index == 0
                               else FRENCH.digest_continued)
        lines = part.split("\n")
        assert lines[1:3][0] == "" and lines[2].startswith("<b>🔔")  # heading repeated
        numbers += [int(m.group(1)) for m in map(re.compile(r"(\d+)\. <a ").match, lines) if m]
    assert numbers == list(range(1, 121))  # every item once, whole, in order


# --- the tick on a controllable clock -------------------------------------------------------


def run_ticks(db: sqlite_utils.Database, start: datetime, end: datetime, chat_id: int,
              hold_every: timedelta, tick: timedelta = timedelta(minutes=15)) -> io.StringIO:
    """Tick the digest sender from `start` to `end`, holding an alert every `hold_every`."""
    stream = io.StringIO()
    sender = DigestSender(db, ConsoleMessenger(stream), fast_limiter())

    async def main() -> None:
        now, n = start, 0
        while now < end:
            if (now - start) % hold_every == timedelta(0):
                n += 1
                hold(db, chat_id, n, now)
            await sender.flush(now)
            now += tick

    asyncio.run(main())
    return stream


KYIV_DST = [
    # (first day, digest time, expected digest instants in UTC)
    ("2026-03-27", "03:30", ["03-27T01:30", "03-28T01:30", "03-29T01:30", "03-30T00:30",
                             "03-31T00:30"]),  # 29 March: 03:30 does not exist -> 04:30 EEST
    ("2026-03-27", "08:00", ["03-27T06:00", "03-28T06:00", "03-29T05:00", "03-30T05:00",
                             "03-31T05:00"]),
    ("2026-10-23", "03:30", ["10-23T00:30", "10-24T00:30", "10-25T00:30", "10-26T01:30",
                             "10-27T01:30"]),  # 25 October: 03:30 happens twice -> once
    ("2026-10-23", "08:00", ["10-23T05:00", "10-24T05:00", "10-25T06:00", "10-26T06:00",
                             "10-27T06:00"]),
]


@pytest.mark.parametrize(("first", "at", "expected"), KYIV_DST)
def test_a_daily_digest_in_kyiv_is_neither_lost_nor_doubled_across_dst(
        db: sqlite_utils.Database, first: str, at: str, expected: list[str]) -> None:
    register_chat(db, 5, "private", "reader", "uk", utc(f"{first}T00:00"))
    set_timezone(db, 5, "Europe/Kyiv")
    set_digest(db, 5, "daily", at)
    start = utc(f"{first}T00:00")
    stream = run_ticks(db, start, start + timedelta(days=5), 5, timedelta(hours=3))
    assert digest_times(db) == [utc(f"2026-{when}") for when in expected]
    assert len(console_messages(stream)) == 5
    # an alert held at the very tick its digest goes is in that digest
    held_after_last = sum(1 for h in range(40) if start + timedelta(hours=3 * h)
                          > utc(f"2026-{expected[-1]}"))
    assert statuses(db, 5) == {"sent": 40 - held_after_last, "held": held_after_last}
    sent_twice = db.execute("SELECT COUNT(*) FROM outbox WHERE status = 'sent' "
                            "AND digest_id IS NULL").fetchone()[0]
    assert sent_twice == 0


def test_an_hourly_digest_goes_on_the_hour_and_only_when_something_was_held(
        db: sqlite_utils.Database) -> None:
    register_chat(db, 6, "private", "reader", None, utc("2026-05-01T00:00"))
    set_digest(db, 6, "hourly", None)
    start = utc("2026-05-01T09:10")
    run_ticks(db, start, start + timedelta(hours=6), 6, timedelta(hours=2),
              tick=timedelta(minutes=10))
    # held at 09:10, 11:10, 13:10: each goes at the next hour; the empty hours send nothing
    assert digest_times(db) == [utc("2026-05-01T10:00"), utc("2026-05-01T12:00"),
                                utc("2026-05-01T14:00")]


# --- quiet hours, through the pipeline -----------------------------------------------------


def pipeline(db: sqlite_utils.Database) -> Pipeline:
    return Pipeline(db, DedupIndex(DedupSettings()), Matcher(builtin_topics()))


TITLES = ["NATO ministers meet in Brussels over air defence",
          "NATO opens a logistics hub near Rzeszów airport",
          "NATO publishes the agenda of its Vilnius summit",
          "NATO warships begin Baltic exercise off Klaipėda"]


def news(n: int, at: datetime) -> Story:
    return Story(f"q{n}", "http://127.0.0.1/feed", "Kyiv Courier", f"q{n}",
                 f"https://courier.example/{n}", TITLES[n], "", at)


def night_chat(db: sqlite_utils.Database, chat_id: int = 7) -> None:
    register_chat(db, chat_id, "private", "night owl", "fr", utc("2026-05-01T00:00"))
    subscribe(db, chat_id, "nato", utc("2026-05-01T00:00"))
    set_timezone(db, chat_id, "Europe/Paris")  # UTC+2 in May
    set_quiet(db, chat_id, "22:00", "07:00")


def test_quiet_hours_across_midnight_hold_alerts_then_send_one_digest(
        db: sqlite_utils.Database) -> None:
    night_chat(db)
    flow = pipeline(db)
    stream = io.StringIO()
    sender = DigestSender(db, ConsoleMessenger(stream), fast_limiter())

    async def main() -> list[int]:
        flow.ingest(None, [news(0, utc("2026-05-01T21:30"))], utc("2026-05-01T21:30"))  # 23:30
        flow.ingest(None, [news(1, utc("2026-05-02T01:00"))], utc("2026-05-02T01:00"))  # 03:00
        during = await sender.flush(utc("2026-05-02T02:00"))  # 04:00 local, still quiet
        ended = await sender.flush(utc("2026-05-02T05:00"))  # 07:00 local
        again = await sender.flush(utc("2026-05-02T05:01"))
        return [during, ended, again]

    assert asyncio.run(main()) == [0, 1, 0]
    [digest] = console_messages(stream)
    assert TITLES[0] in digest and TITLES[1] in digest and "Résumé Vigie" in digest
    flow.ingest(None, [news(2, utc("2026-05-02T06:00"))], utc("2026-05-02T06:00"))  # 08:00
    assert statuses(db, 7) == {"sent": 2, "pending": 1}  # after the window: one by one


def test_a_digest_shows_the_report_in_the_chats_language_when_the_event_has_one(
        db: sqlite_utils.Database) -> None:
    """A French chat's held alert for an English report shows, in its digest, the French
    report of that event that came in while the chat slept (as an instant alert would)."""
    night_chat(db)
    flow = pipeline(db)
    stream = io.StringIO()
    sender = DigestSender(db, ConsoleMessenger(stream), fast_limiter())
    french = Story("v1", "http://127.0.0.1/veilleur", "Le Veilleur", "v1",
                   "https://veilleur.example/otan-rzeszow",
                   "L'OTAN ouvre un centre logistique près de l'aéroport de Rzeszów", "",
                   utc("2026-05-02T01:20"), language="fr")
    flow.ingest(None, [news(1, utc("2026-05-02T01:00"))], utc("2026-05-02T01:00"))
    flow.ingest(None, [french], utc("2026-05-02T01:30"))
    assert asyncio.run(sender.flush(utc("2026-05-02T05:00"))) == 1
    [digest] = console_messages(stream)
    assert f"1. {french.title}\n" in digest
    assert "https://veilleur.example/otan-rzeszow" in digest and "Le Veilleur" in digest
    assert TITLES[1] not in digest


def test_a_muted_topic_gives_no_alert_until_the_mute_ends(db: sqlite_utils.Database) -> None:
    register_chat(db, 8, "private", "reader", None, utc("2026-05-01T00:00"))
    subscribe(db, 8, "nato", utc("2026-05-01T00:00"))
    filter_id = add_filter(db, 8, "Vilnius", utc("2026-05-01T00:00"))
    flow = pipeline(db)
    flow.matcher.add_filter(filter_id, parse_filter("Vilnius"))
    mute(db, 8, "topic:nato", utc("2026-05-01T18:00"))
    flow.ingest(None, [news(0, utc("2026-05-01T10:00"))], utc("2026-05-01T10:00"))
    assert statuses(db, 8) == {}  # muted topic, no other reason: nothing owed
    flow.ingest(None, [news(2, utc("2026-05-01T11:00"))], utc("2026-05-01T11:00"))
    [reasons] = [row["reasons"] for row in db.query("SELECT reasons FROM outbox")]
    assert '"filter"' in reasons and '"topic"' not in reasons  # the filter still alerts
    mute(db, 8, f"filter:{filter_id}", utc("2026-05-01T18:00"))
    flow.ingest(None, [news(3, utc("2026-05-01T19:00"))], utc("2026-05-01T19:00"))
    assert statuses(db, 8) == {"pending": 2}  # the mute ended at 18:00


# --- restart, crash, Telegram's answers -----------------------------------------------------


@pytest.fixture
def server() -> Iterator[FakeBotServer]:
    with serving() as fake:
        fake.set_limits(FAST)
        yield fake


def with_bot(server: FakeBotServer, body: Callable[[Messenger], Awaitable[T]]) -> T:
    """Run `body` with the real bot client pointed at the fake Bot API."""
    async def main() -> T:
        bot = ExtBot(server.token, base_url=server.base_url, request=local_request())
        async with bot:
            return await body(TelegramMessenger(bot))

    return asyncio.run(main())


def test_a_restart_during_quiet_hours_delivers_the_held_alerts_once(
        server: FakeBotServer, db_path: Path) -> None:
    settings = Settings()

    async def life(at: datetime, flush_at: datetime, ingest: bool) -> int:
        db = open_database(db_path)
        if ingest:
            night_chat(db)
        async with Fetcher(fetch_limits(settings)) as fetcher:
            engine = Engine(Context(settings, db), fetcher, at)
            if ingest:
                engine.pipeline.ingest(None, [news(0, at), news(1, at)], at)
            bot = ExtBot(server.token, base_url=server.base_url, request=local_request())
            async with bot:
                sender = engine.sender(TelegramMessenger(bot), fast_limiter())
                await engine.deliver(sender, flush_at)
            await engine.stop()
        db.close()
        return len(server.sent(7))

    quiet, later = utc("2026-05-01T23:00"), utc("2026-05-02T05:30")  # 01:00 and 07:30 Paris
    assert asyncio.run(life(quiet, quiet, ingest=True)) == 0  # first run: held, then "crash"
    assert asyncio.run(life(later, later, ingest=False)) == 1  # second run: one digest
    assert asyncio.run(life(later, later + timedelta(hours=1), ingest=False)) == 1  # not twice
    [digest] = server.sent(7)
    assert TITLES[0] in digest.text and TITLES[1] in digest.text


def test_a_digest_resumed_after_a_crash_sends_only_the_parts_not_yet_sent(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    register_chat(db, 9, "private", "reader", None, utc("2026-05-01T00:00"))
    for n in range(60):
        hold(db, 9, n, utc("2026-05-01T08:00"), f"{n} " + "Long headline about the front " * 9)
    assert open_digest(db, 9, utc("2026-05-01T09:00")) is not None
    [digest] = due_digests(db, utc("2026-05-01T09:00"))
    part_sent(db, digest, 4242)  # the first part went, then the process died

    async def body(messenger: Messenger) -> tuple[int, int]:
        sender = DigestSender(db, messenger, fast_limiter())
        parts = len(sender.compose(digest))
        return await sender.flush(utc("2026-05-01T09:01")), parts

    sent, parts = with_bot(server, body)
    assert sent == 1 and parts > 1
    texts = [m.text for m in server.sent(9)]
    assert len(texts) == parts - 1 and texts[0].startswith(ENGLISH.digest_continued)
    assert statuses(db, 9) == {"sent": 60}


def test_a_429_keeps_the_digest_and_its_alerts_held_then_delivers(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    register_chat(db, 10, "private", "reader", None, utc("2026-05-01T00:00"))
    hold(db, 10, 1, utc("2026-05-01T08:00"))
    server.fail_next("sendMessage", kind="429", retry_after=1)

    async def body(messenger: Messenger) -> list[int]:
        sender = DigestSender(db, messenger, fast_limiter())
        return [await sender.flush(utc("2026-05-01T09:00")),
                await sender.flush(utc("2026-05-01T09:00"))]

    assert with_bot(server, body) == [0, 0]  # refused, then not due before retry_after
    assert statuses(db, 10) == {"held": 1} and server.sent(10) == []

    def later(messenger: Messenger) -> Awaitable[int]:
        return DigestSender(db, messenger, fast_limiter()).flush(utc("2030-01-01T00:00"))

    assert with_bot(server, later) == 1
    assert statuses(db, 10) == {"sent": 1} and len(server.sent(10)) == 1


def test_a_403_deactivates_the_chat_and_closes_what_it_held(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    register_chat(db, 11, "private", "reader", None, utc("2026-05-01T00:00"))
    hold(db, 11, 1, utc("2026-05-01T08:00"))
    server.fail_chat(11, "403")

    def body(messenger: Messenger) -> Awaitable[int]:
        return DigestSender(db, messenger, fast_limiter()).flush(utc("2026-05-01T09:00"))

    assert with_bot(server, body) == 0
    chat = get_chat(db, 11)
    assert chat is not None and not chat.active
    assert statuses(db, 11) == {"closed": 1}


def test_a_migrated_group_gets_its_digest_at_its_new_id(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    register_chat(db, -12, "group", "newsroom", None, utc("2026-05-01T00:00"))
    hold(db, -12, 1, utc("2026-05-01T08:00"))
    server.fail_chat(-12, "migrate", migrate_to_chat_id=-10012)

    def body(messenger: Messenger) -> Awaitable[int]:
        return DigestSender(db, messenger, fast_limiter()).flush(utc("2026-05-01T09:00"))

    assert with_bot(server, body) == 1
    assert len(server.sent(-10012)) == 1 and statuses(db, -10012) == {"sent": 1}
    assert get_chat(db, -12) is None


def test_switching_back_to_instant_sends_what_waited_as_one_digest_before_new_alerts(
        db: sqlite_utils.Database) -> None:
    """/digest off: the held alerts go first, as a digest; then alerts one by one again."""
    register_chat(db, 9, "private", "reader", None, utc("2026-05-01T00:00"))
    subscribe(db, 9, "nato", utc("2026-05-01T00:00"))
    set_digest(db, 9, "daily", "08:00")
    flow = pipeline(db)
    flow.ingest(None, [news(0, utc("2026-05-01T10:00"))], utc("2026-05-01T10:00"))
    flow.ingest(None, [news(1, utc("2026-05-01T11:00"))], utc("2026-05-01T11:00"))
    set_digest(db, 9, "off", None)
    flow.ingest(None, [news(2, utc("2026-05-01T12:00"))], utc("2026-05-01T12:00"))
    stream = io.StringIO()
    console = ConsoleMessenger(stream)

    async def tick() -> None:  # what Engine.deliver does on each send tick
        now = utc("2026-05-01T12:00")
        await DigestSender(db, console, fast_limiter()).flush(now)
        await Sender(db, console, fast_limiter(), lambda row: render_row(db, row)).drain(now)

    asyncio.run(tick())
    digest, alert = console_messages(stream)
    assert TITLES[0] in digest and TITLES[1] in digest and TITLES[2] not in digest
    assert TITLES[2] in alert and TITLES[0] not in alert
    assert statuses(db, 9) == {"sent": 3}
