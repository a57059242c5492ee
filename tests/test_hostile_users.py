"""Users who try to break in or wear the bot down, through the real Application and the fake
Bot API: none gets in, none takes the bot down, and a normal /help is answered afterwards.

What tests/test_handlers.py already proves (forged filter buttons, non-admins and admin
commands, group members and the subscription commands, private /addfeed addresses) is not
repeated; these are the cases it leaves out.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
import sqlite_utils
from telegram.ext import ApplicationBuilder

from bot.core.clock import utcnow
from bot.core.config import FetchSettings, Settings, TelegramSettings
from bot.core.context import Context
from bot.core.texts import ENGLISH, plain
from bot.engine import Engine, fetch_limits
from bot.ingest.fetch import Fetcher
from bot.match.filters import FILTERS_PER_CHAT
from bot.services import CONTEXT_TYPES, Services
from handlers.flood import FloodGate
from handlers.registry import register
from storage.chats import add_filter, chat_filters, register_chat, subscriptions
from storage.feeds import list_feeds
from tests.support.chat import ADMIN, Bot
from tests.support.fakebot import FakeBotServer, local_request, serving


class FakeClock:
    """The flood gate's clock, moved by the test instead of waited for."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        """The gate's wait for a held command's slot: over once the test moves the clock."""
        target = self.now + seconds
        while self.now < target:
            await asyncio.sleep(0.01)


Scenario = Callable[[Bot, FakeClock], Awaitable[None]]


async def _drive(server: FakeBotServer, settings: Settings, db: sqlite_utils.Database,
                 scenario: Scenario, gate: FloodGate, clock: FakeClock) -> None:
    async with Fetcher(fetch_limits(settings)) as fetcher:
        services = Engine(Context(settings, db), fetcher).services
        await _drive_app(server, services, scenario, gate, clock)


async def _drive_app(server: FakeBotServer, services: Services, scenario: Scenario,
                     gate: FloodGate, clock: FakeClock) -> None:
    app = (ApplicationBuilder().token(server.token).base_url(server.base_url)
           .request(local_request()).get_updates_request(local_request())
           .context_types(CONTEXT_TYPES).build())
    app.bot_data.services = services
    register(app, gate)
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        await app.start()
        try:
            await scenario(Bot(server, services), clock)
            [help_text] = await Bot(server, services).say(4242, "/help")
            assert "Vigie commands" in help_text.text  # still standing
        finally:
            await app.updater.stop()
            await app.stop()


def run(db: sqlite_utils.Database, scenario: Scenario, *, limit: int = 20) -> FakeBotServer:
    """The scenario against a fresh bot with the flood limit installed; no apology allowed."""
    settings = Settings(telegram=TelegramSettings(admins=(ADMIN,)),
                        fetch=FetchSettings(allow_private_hosts=False))
    clock = FakeClock()
    gate = FloodGate(limit=limit, window=10.0, clock=clock, sleep=clock.sleep)
    with serving(FakeBotServer(enforce_limits=False, long_poll_cap=0.2)) as server:
        asyncio.run(_drive(server, settings, db, scenario, gate, clock))
    assert [m for m in server.sent() if m.text == ENGLISH.internal_error] == []
    assert server.unknown_methods == []
    return server


def chat_row(db: sqlite_utils.Database, chat_id: int) -> dict[str, object]:
    """Everything stored on a chat's row (language, digest, quiet hours, pause...)."""
    [row] = db.query("SELECT * FROM chats WHERE id = ?", [chat_id])
    return row


# --- what users type -------------------------------------------------------------------------


FLOOD_NOTICE = plain(ENGLISH.flood_notice, seconds=10)
HUGE_FILTERS = [
    "drone OR " * 1111 + "missile",  # 10,000 characters of alternatives
    "x" * 10_000,  # one 10,000-character word
    "(" * 5_000 + "drone" + ")" * 5_000,  # nesting a recursive parser would choke on
    '"' + "kherson " * 1250 + '"',  # a 10,000-character phrase
]


@pytest.mark.parametrize("expr", HUGE_FILTERS, ids=["or", "word", "nested", "phrase"])
def test_a_10000_character_filter_is_refused_with_the_limit(db: sqlite_utils.Database,
                                                           expr: str) -> None:
    async def scenario(bot: Bot, clock: FakeClock) -> None:
        [answer] = await bot.say(501, f"/filter add {expr}")
        assert "at most 200 characters" in answer.text
        assert len(answer.text) <= 4096
        assert chat_filters(bot.db, 501) == []
        [probe] = await bot.say(501, f"/test {expr}")
        assert len(probe.text) <= 4096

    run(db, scenario)


def test_hundreds_of_filters_from_one_chat_stop_at_the_stated_limit(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot, clock: FakeClock) -> None:
        answers = []
        for n in range(300):
            [answer] = await bot.say(502, f"/filter add word{n} OR other{n}")
            answers.append(answer.text)
        assert sum("added" in text for text in answers) == FILTERS_PER_CHAT
        assert all(f"already has {FILTERS_PER_CHAT} filters" in text
                   for text in answers[FILTERS_PER_CHAT:])
        assert len(chat_filters(bot.db, 502)) == FILTERS_PER_CHAT
        assert bot.services.matcher.match("word299 other299", "").filters == frozenset()
        [listing] = await bot.say(502, "/filters")
        assert len(listing.text) <= 4096

    run(db, scenario, limit=1000)  # the flood limit would stop this first; here it is off


INVISIBLE = [
    ("\u200fХерсон\u200f", "Вибухи в місті Херсон уночі"),  # right-to-left marks around
    ("dro\u200dne", "A drone hit the depot near Kherson"),  # zero-width joiner inside
    ("N\u200bATO", "NATO ministers meet in Brussels"),  # zero-width space inside
    ("\u202edrone\u202c", "A drone over the city"),  # right-to-left override
]


@pytest.mark.parametrize(("expr", "title"), INVISIBLE)
def test_invisible_marks_are_folded_away(db: sqlite_utils.Database, expr: str,
                                         title: str) -> None:
    async def scenario(bot: Bot, clock: FakeClock) -> None:
        [added] = await bot.say(503, f"/filter add {expr}")
        assert "added" in added.text, added.text
        [record] = chat_filters(bot.db, 503)
        assert bot.services.matcher.match(title, "").filters == {record.id}
        [probe] = await bot.say(503, f"/test {title} \u200f\u200d\u202e")
        assert "filter 1" in probe.text  # and the fake found the HTML valid
        [listing] = await bot.say(503, "/filters")
        assert listing.text.count("<code>") == 1

    run(db, scenario)


@pytest.mark.parametrize("emoji", ["🛰", "👨\u200d👩\u200d👧", "🇺🇦", "\u200f"])
def test_an_emoji_term_is_refused_with_its_position(db: sqlite_utils.Database,
                                                    emoji: str) -> None:
    async def scenario(bot: Bot, clock: FakeClock) -> None:
        [refused] = await bot.say(504, f"/filter add drone {emoji}")
        assert "has no letter or digit" in refused.text and "^</pre>" in refused.text
        assert chat_filters(bot.db, 504) == []
        [probe] = await bot.say(504, f"/test {emoji * 3000} drone {emoji}")
        assert len(probe.text) <= 4096

    run(db, scenario)


# --- a flood -----------------------------------------------------------------------------------


def test_a_brisk_person_is_never_limited(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot, clock: FakeClock) -> None:
        [shown] = await bot.say(511, "/topics")
        for n in range(19):  # with /topics, 20 actions in 9.5 seconds
            clock.now += 0.5
            if n % 3:
                bot.server.push_callback(511, 511, "topic:nato", shown.message_id)
            else:
                bot.server.push_message(511, "/help")
        await bot.say(506, "/help")
        answers = [a.get("text") for a in bot.server.callback_answers]
        assert FLOOD_NOTICE not in answers + [m.text for m in bot.server.sent(511)]
        assert len(bot.server.sent(511)) == 1 + 7 and len(answers) == 12

    run(db, scenario)


def test_a_flood_gets_one_notice_then_the_held_commands_are_answered(
        db: sqlite_utils.Database) -> None:
    flooder, other = 510, 505

    async def scenario(bot: Bot, clock: FakeClock) -> None:
        for n in range(200):
            bot.server.push_message(flooder, "/help" if n % 2 else f"/filter add w{n}")
        [served] = await bot.say(other, "/help")  # queued behind the whole flood
        assert "Vigie commands" in served.text
        replies = [m.text for m in bot.server.sent(flooder)]
        assert len(replies) == 20 + 1 and replies[-1] == FLOOD_NOTICE
        assert len(chat_filters(bot.db, flooder)) == 10
        assert await _silent(bot, flooder, "/help")  # beyond what is held: dropped
        clock.now += 10.5  # the window frees: the twenty held commands are answered
        await _until(lambda: len(bot.server.sent(flooder)) == 41)
        assert len(chat_filters(bot.db, flooder)) == 20
        assert [m.text for m in bot.server.sent(flooder)].count(FLOOD_NOTICE) == 1
        clock.now += 10.5
        [again] = await bot.say(flooder, "/help")
        assert "Vigie commands" in again.text

    run(db, scenario)


async def _until(condition: Callable[[], bool]) -> None:
    """Wait (at most 10 s) for what the bot does on its own, such as serving held commands."""
    for _ in range(1000):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the bot never got there")


async def _silent(bot: Bot, chat_id: int, text: str) -> bool:
    """True when `text` from `chat_id` gets no answer while another user's /help does."""
    before = len(bot.server.sent(chat_id))
    bot.server.push_message(chat_id, text)
    await bot.say(506, "/help")  # updates are handled in order: this one comes after
    return len(bot.server.sent(chat_id)) == before


def test_flood_gate_memory_is_bounded_and_buttons_count() -> None:
    clock = FakeClock()
    gate = FloodGate(limit=2, window=10.0, max_users=100, clock=clock)
    for user in range(10_000):
        assert gate.admit(user) == ("serve", 0)
    assert len(gate) == 100
    assert [gate.admit(7) for _ in range(6)] == [
        ("serve", 0), ("serve", 0), ("warn", 10), ("hold", 10), ("drop", 0), ("drop", 0)]
    clock.now += 10.5
    assert gate.admit(7) == ("hold", 9.5)  # the two held took the freed slots
    clock.now += 10
    assert gate.admit(7) == ("serve", 0)


def test_a_flood_of_button_presses_is_told_once_then_held_ones_are_answered(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot, clock: FakeClock) -> None:
        [shown] = await bot.say(507, "/topics")
        for _ in range(41):
            bot.server.push_callback(507, 507, "topic:nato", shown.message_id)
        await bot.say(508, "/help")
        answers = [a.get("text") for a in bot.server.callback_answers]
        assert answers.count(FLOOD_NOTICE) == 1
        assert len(answers) == 19 + 1  # /topics used one of the twenty
        clock.now += 10.5
        await _until(lambda: len(bot.server.callback_answers) == 39)  # the notice was one
        assert subscriptions(bot.db, 507) == []  # 19 served and 19 held toggles: even

    run(db, scenario)


# --- forged buttons, groups, admins ------------------------------------------------------------


FORGED = [
    "set:lang:fr:-301",  # a chat id appended: the data never names the chat
    "set:-301:lang:fr",
    "set:digest:daily;chat=-301",
    "topic:nato:-301",
    "filter:1:-301",
    "set:" + "lang:fr" * 9,
    "\x00set:lang:fr",
]


def test_forged_button_data_naming_another_chat_changes_nothing(
        db: sqlite_utils.Database) -> None:
    register_chat(db, -301, "group", "Newsroom", None, utcnow())
    victim_filter = add_filter(db, -301, "missile", utcnow())
    before = chat_row(db, -301)

    async def scenario(bot: Bot, clock: FakeClock) -> None:
        [shown] = await bot.say(509, "/settings")
        for data in FORGED:
            assert await bot.press(509, 509, data, shown.message_id) == (
                ENGLISH.answer_stale_button), data
        assert chat_row(bot.db, -301) == before
        assert [f.id for f in chat_filters(bot.db, -301)] == [victim_filter]
        assert subscriptions(bot.db, -301) == []

    run(db, scenario, limit=1000)


@pytest.mark.parametrize("data", ["set:lang:fr", "set:digest:daily", "set:quiet:off",
                                  "topic:osce", "filter:1"])
def test_a_group_member_who_is_not_admin_cannot_press_the_groups_buttons(
        db: sqlite_utils.Database, data: str) -> None:
    register_chat(db, -302, "group", "Newsroom", None, utcnow())
    add_filter(db, -302, "missile", utcnow())
    before = chat_row(db, -302)

    async def scenario(bot: Bot, clock: FakeClock) -> None:
        bot.server.set_admins(-302, [8])
        [shown] = await bot.say(-302, "/settings", user_id=8)
        answer = await bot.press(-302, 7, data, shown.message_id)
        assert answer == ENGLISH.answer_admins_only
        assert chat_row(bot.db, -302) == before
        assert subscriptions(bot.db, -302) == [] and len(chat_filters(bot.db, -302)) == 1

    run(db, scenario)


@pytest.mark.parametrize("typed", ["/stats", "/feeds", "/addfeed https://example.org/rss x",
                                   "/removefeed https://example.org/rss"])
def test_a_group_admin_is_not_a_bot_admin(db: sqlite_utils.Database, typed: str) -> None:
    async def scenario(bot: Bot, clock: FakeClock) -> None:
        bot.server.set_admins(-303, [8])
        [answer] = await bot.say(-303, typed, user_id=8)
        assert answer.text == ENGLISH.bot_admins_only
        assert list_feeds(bot.db) == []

    run(db, scenario)


PRIVATE_ADDRESSES = [
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata
    "http://localhost:8080/feed",
    "http://2130706433/feed",  # 127.0.0.1 as one decimal number
    "http://0x7f.1/feed",  # 127.0.0.1 in hex shorthand
    "http://0.0.0.0/feed",
    "http://[::ffff:127.0.0.1]/feed",  # IPv4 hidden in IPv6
    "http://[fe80::1]/feed",
    "http://192.168.1.1/admin",
    "http://user:pass@127.0.0.1/feed",
]


@pytest.mark.parametrize("url", PRIVATE_ADDRESSES)
def test_addfeed_of_a_private_address_by_an_admin_is_refused(db: sqlite_utils.Database,
                                                             url: str) -> None:
    async def scenario(bot: Bot, clock: FakeClock) -> None:
        [answer] = await bot.say(ADMIN, f"/addfeed {url} Inside")
        assert answer.text.startswith("Feed refused"), answer.text
        assert list_feeds(bot.db) == []

    run(db, scenario)
