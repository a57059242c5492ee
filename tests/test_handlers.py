"""The command handlers, driven by the real python-telegram-bot Application through the fake
Bot API: what a user types, what the bot answers, and what ends up stored."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
import sqlite_utils

from bot.core.models import Story
from bot.core.texts import ENGLISH, texts_for
from handlers.registry import bot_commands, command_menus, publish_commands
from storage.chats import (
    add_filter,
    chat_filters,
    deactivate_chat,
    get_chat,
    register_chat,
    subscriptions,
)
from storage.feeds import add_feed, list_feeds
from storage.outbox import enqueue
from storage.stories import insert_story, start_cluster
from tests.support.chat import (
    ADMIN,
    NOW,
    Bot,
    buttons,
    run,
    until,
)
from tests.support.fakebot import FakeBotServer, SentMessage, make_bot, serving
from tests.support.feedserver import FeedServer

# --- /start, /help, topics -------------------------------------------------------------------


def test_start_registers_the_chat_and_shows_topic_buttons(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        [answer] = await bot.say(101, "/start", language_code="fr")
        assert "Vigie" in answer.text and answer.parse_mode == "HTML"
        assert buttons(answer) == [("➕ kherson", "topic:kherson"), ("➕ nato", "topic:nato"),
                                   ("➕ osce", "topic:osce")]
        chat = get_chat(bot.db, 101)
        assert chat is not None and (chat.type, chat.language) == ("private", "fr")

    run(db, scenario)


def test_start_brings_back_a_deactivated_chat_and_its_filters(
        db: sqlite_utils.Database) -> None:
    register_chat(db, 122, "private", "me", None, NOW)
    filter_id = add_filter(db, 122, "drone", NOW)
    deactivate_chat(db, 122, "Forbidden: bot was blocked by the user")

    async def scenario(bot: Bot) -> None:
        assert bot.services.matcher.match("drone", "").filters == frozenset()  # as at start
        await bot.say(122, "/start")
        chat = get_chat(bot.db, 122)
        assert chat is not None and chat.active
        assert bot.services.matcher.match("drone", "").filters == {filter_id}

    run(db, scenario)


def test_a_topic_button_toggles_and_shows_the_state(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        [answer] = await bot.say(102, "/topics")
        assert "НАТО" in answer.text  # aliases in other languages are shown
        assert await bot.press(102, 102, "topic:nato", answer.message_id) == "Following nato"
        assert subscriptions(bot.db, 102) == ["nato"]
        [shown] = [m for m in bot.server.sent(102) if m.message_id == answer.message_id]
        assert ("✅ nato", "topic:nato") in buttons(shown)
        assert await bot.press(102, 102, "topic:nato", answer.message_id) == "Left nato"
        assert subscriptions(bot.db, 102) == []

    run(db, scenario)


def test_help_lists_every_command_and_admin_ones_only_to_admins(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        [public] = await bot.say(103, "/help")
        [admin] = await bot.say(ADMIN, "/help")
        for command in ("/subscribe", "/filter add", "/filters", "/test", "/recent", "/pause",
                        "/resume", "/stop"):
            assert command in public.text
        assert "/addfeed" not in public.text and "/addfeed" in admin.text

    run(db, scenario)


@pytest.mark.parametrize(("typed", "followed"), [
    ("/subscribe nato", ["nato"]),
    ("/subscribe NATO", ["nato"]),
    ("/subscribe   Kherson ", ["kherson"]),
])
def test_subscribe_by_name_any_case(db: sqlite_utils.Database, typed: str,
                                    followed: list[str]) -> None:
    async def scenario(bot: Bot) -> None:
        [answer] = await bot.say(104, typed)
        assert "now follows" in answer.text
        assert subscriptions(bot.db, 104) == followed
        [again] = await bot.say(104, typed)
        assert "already follows" in again.text
        [left] = await bot.say(104, typed.replace("/subscribe", "/unsubscribe"))
        assert "no longer follows" in left.text and subscriptions(bot.db, 104) == []

    run(db, scenario)


@pytest.mark.parametrize("command", ["/subscribe", "/unsubscribe"])
def test_an_unknown_topic_lists_the_known_ones(db: sqlite_utils.Database, command: str) -> None:
    async def scenario(bot: Bot) -> None:
        [answer] = await bot.say(105, f"{command} <mars>")
        assert "&lt;mars&gt;" in answer.text and "kherson, nato, osce" in answer.text
        assert subscriptions(bot.db, 105) == []

    run(db, scenario)


# --- wrong commands and arguments ----------------------------------------------------------

USAGE_CASES = [
    ("/subscribe", "Usage: /subscribe TOPIC"),
    ("/unsubscribe", "Usage: /unsubscribe TOPIC"),
    ("/filter", "/filter add EXPR"),
    ("/filter add", "/filter add EXPR"),
    ("/filter delete 1", "/filter add EXPR"),
    ("/filter remove one", "/filter add EXPR"),
    ("/filter remove 3", "There is no filter 3: this chat has 0"),
    ("/test", "Usage: /test TEXT"),
    ("/frobnicate now", "Unknown command /frobnicate: see /help."),
    ("/FROB@vigie_test_bot", "Unknown command /FROB: see /help."),
]


def test_a_wrong_command_or_argument_is_answered_with_the_usage(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        for typed, expected in USAGE_CASES:
            [answer] = await bot.say(106, typed)
            assert expected in answer.text, typed

    run(db, scenario)


LONG_INPUTS = [
    (106, "/subscribe " + "é" * 4000, "There is no topic"),
    (106, "/unsubscribe " + "🛰" * 2000, "There is no topic"),
    (106, "/frob" + "x" * 4000, "Unknown command /frob"),
    (106, "/filter add (" + "word " * 800, "at most 200 characters"),
    (106, "/test " + "NATO " * 800, "As a story title"),
    (ADMIN, "/addfeed https://example.org/" + "a" * 4000, "at most 2048 characters"),
    (ADMIN, "/removefeed https://example.org/" + "a" * 4000, "There is no feed"),
]


def test_long_input_is_answered_within_telegrams_limit(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        await bot.say(106, "/subscribe nato")
        for chat, typed, expected in LONG_INPUTS:
            [answer] = await bot.say(chat, typed)
            assert expected in answer.text, typed[:20]

    run(db, scenario)  # the fake refuses anything over 4096 units: that would be an apology


# --- filters ---------------------------------------------------------------------------------

SYNTAX_CASES = [
    ("kherson (drone", "this '(' is never closed", "kherson (drone\n        ^"),
    ('"power plant', "this quote is never closed", '"power plant\n^'),
    ("drone OR", "a word is missing at the end", "drone OR\n        ^"),
    ("-war", "only exclusions", "-war\n^"),
    ("drone " * 40 + "(", "at most 200 characters",  # a long filter: a window around it
     "…one drone drone drone drone drone drone drone drone drone dr…\n" + " " * 31 + "^"),
]


@pytest.mark.parametrize(("expr", "reason", "caret"), SYNTAX_CASES)
def test_a_filter_syntax_error_says_what_and_where(db: sqlite_utils.Database, expr: str,
                                                  reason: str, caret: str) -> None:
    async def scenario(bot: Bot) -> None:
        [answer] = await bot.say(107, f"/filter add {expr}")
        assert reason in answer.text and f"<pre>{caret}</pre>" in answer.text
        assert chat_filters(bot.db, 107) == []

    run(db, scenario)


def test_a_filter_syntax_error_is_in_the_chats_language_with_the_fix(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        await bot.say(107, "/lang fr")
        [french] = await bot.say(107, "/filter add (kherson")
        assert "Ce filtre ne se lit pas : cette « ( » n'est jamais fermée : ajoutez la « ) »" \
            in french.text
        await bot.say(107, "/lang uk")
        [ukrainian] = await bot.say(107, "/filter add drone OR")
        assert "Цей фільтр не розібрано: бракує слова в кінці." in ukrainian.text

    run(db, scenario)


def test_filter_list_lists_like_filters(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        await bot.say(107, "/filter add drone")
        [listed] = await bot.say(107, "/filter list")
        [same] = await bot.say(107, "/filters")
        assert listed.text == same.text and "drone" in listed.text

    run(db, scenario)


def test_markup_typed_into_a_filter_is_refused_with_the_reason(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        [answer] = await bot.say(107, "/filter add <b>Kherson</b>")
        assert "markup such as &lt;b&gt; is not searched" in answer.text
        assert "type the words alone" in answer.text and chat_filters(bot.db, 107) == []
        [kept] = await bot.say(107, "/filter add Kherson")
        assert "Filter 1 added" in kept.text

    run(db, scenario)


def test_filter_add_list_and_remove_with_the_button(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        [added] = await bot.say(108, '/filter add kherson (drone OR "power plant")')
        assert "Filter 1 added" in added.text
        [record] = chat_filters(bot.db, 108)
        assert bot.services.matcher.match("Kherson power plant hit", "").filters == {record.id}
        [listing] = await bot.say(108, "/filters")
        assert '1. <code>kherson (drone OR "power plant")</code>' in listing.text
        assert buttons(listing) == [("❌ 1", f"filter:{record.id}")]
        answer = await bot.press(108, 108, f"filter:{record.id}", listing.message_id)
        assert answer == "Filter removed" and chat_filters(bot.db, 108) == []
        assert bot.services.matcher.match("Kherson power plant hit", "").filters == frozenset()
        [redrawn] = [m for m in bot.server.sent(108) if m.message_id == listing.message_id]
        assert "no keyword filters" in redrawn.text and buttons(redrawn) == []

    run(db, scenario)


def test_filter_remove_by_number_and_limits(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        await bot.say(109, "/filter add\ndrone")  # a line break is a space
        await bot.say(109, "/filter   ADD  missile")
        [duplicate] = await bot.say(109, "/filter add DRONE")
        assert "already has that filter (number 1" in duplicate.text
        [removed] = await bot.say(109, "/filter remove 1")
        assert "Filter 1 removed: <code>drone</code>" in removed.text
        assert [f.expr for f in chat_filters(bot.db, 109)] == ["missile"]
        assert bot.services.matcher.match("drone", "").filters == frozenset()
        for n in range(19):
            await bot.say(109, f"/filter add word{n}")
        [refused] = await bot.say(109, "/filter add one more")
        assert "already has 20 filters" in refused.text and len(chat_filters(bot.db, 109)) == 20

    run(db, scenario)


def test_a_forged_button_cannot_remove_another_chats_filter(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        await bot.say(110, "/filter add drone")
        [victim] = chat_filters(bot.db, 110)
        [listing] = await bot.say(111, "/filters")
        answer = await bot.press(111, 111, f"filter:{victim.id}", listing.message_id)
        assert answer == "That filter no longer exists"
        assert chat_filters(bot.db, 110) == [victim]
        assert bot.services.matcher.match("drone", "").filters == {victim.id}
        for forged in ("filter:１２", "filter:-1", "filter:" + "9" * 40, "topic:mars", "zzz"):
            assert await bot.press(111, 111, forged, listing.message_id) == (
                "This button is out of date")
        assert chat_filters(bot.db, 110) == [victim]

    run(db, scenario)


def test_test_shows_only_this_chats_matches_in_bold(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        await bot.say(112, "/subscribe nato")
        await bot.say(112, "/filter add drone OR missile")
        await bot.say(113, "/filter add allies")  # another chat's filter: never shown
        [answer] = await bot.say(112, "/test NATO allies discuss <drone> defence & more")
        assert "topic <b>nato</b>, in the title: <b>NATO</b> allies" in answer.text
        assert "filter 1 <code>drone OR missile</code>" in answer.text
        assert "&lt;<b>drone</b>&gt; defence &amp; more" in answer.text
        assert "allies</code>" not in answer.text
        [nothing] = await bot.say(112, "/test Weather in Lviv")
        assert nothing.text == ENGLISH.test_nothing

    run(db, scenario)


# --- /recent, /pause, /resume, /stop ---------------------------------------------------------


def _alert(db: sqlite_utils.Database, chat_id: int, key: str, title: str, status: str) -> None:
    story = Story(key, "https://example.org/rss", "Example News", key,
                  f"https://example.org/{key}", title, "", NOW)
    story_id = insert_story(db, story, None, NOW)
    enqueue(db, chat_id, start_cluster(db, story_id, story.source, NOW), story_id, [], NOW,
            status)


def test_recent_lists_the_last_alerts_newest_first(db: sqlite_utils.Database) -> None:
    register_chat(db, 114, "private", "me", None, NOW)
    register_chat(db, 115, "private", "other", None, NOW)
    _alert(db, 114, "a", "Older <story>", "sent")
    _alert(db, 114, "b", "Newer story", "skipped")
    _alert(db, 115, "c", "Someone else's", "sent")

    async def scenario(bot: Bot) -> None:
        [answer] = await bot.say(114, "/recent")
        lines = answer.text.split("\n")[1:]
        assert lines == [
            '2024-05-01 12:00 UTC · skipped while paused · '
            '<a href="https://example.org/b">Newer story</a> (Example News)',
            '2024-05-01 12:00 UTC · sent · '
            '<a href="https://example.org/a">Older &lt;story&gt;</a> (Example News)',
        ]
        [empty] = await bot.say(116, "/recent")
        assert empty.text == ENGLISH.recent_empty

    run(db, scenario)


def test_pause_and_resume_flip_the_flag_and_keep_settings(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        await bot.say(117, "/subscribe osce")
        [paused] = await bot.say(117, "/pause")
        chat = get_chat(bot.db, 117)
        assert "paused" in paused.text and chat is not None and chat.paused
        [again] = await bot.say(117, "/pause")
        assert "already paused" in again.text
        [resumed] = await bot.say(117, "/resume")
        chat = get_chat(bot.db, 117)
        assert resumed.text == ENGLISH.resumed and chat is not None and not chat.paused
        assert subscriptions(bot.db, 117) == ["osce"]

    run(db, scenario)


def test_stop_deletes_everything_about_the_chat(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        await bot.say(118, "/start")
        await bot.say(118, "/subscribe nato")
        await bot.say(118, "/filter add drone")
        [answer] = await bot.say(118, "/stop")
        assert "deleted everything" in answer.text
        assert get_chat(bot.db, 118) is None and subscriptions(bot.db, 118) == []
        assert bot.db.execute("SELECT COUNT(*) FROM filters").fetchone()[0] == 0
        assert bot.services.matcher.match("drone", "").filters == frozenset()
        [nothing] = await bot.say(118, "/stop")
        assert nothing.text == ENGLISH.stop_nothing

    run(db, scenario)


def test_after_stop_a_command_asks_before_starting_again(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        await bot.say(119, "/start", language_code="fr")
        await bot.say(119, "/stop")
        [asked] = await bot.say(119, "/subscribe nato")
        assert asked.text == texts_for("fr").restart_question
        assert get_chat(bot.db, 119) is None  # nothing registered behind the user's back
        [(label, data)] = buttons(asked)
        assert label == texts_for("fr").restart_button
        assert await bot.press(119, 119, data, asked.message_id) == texts_for("fr").restarted
        chat = get_chat(bot.db, 119)
        assert chat is not None and chat.language == "fr"
        [followed] = await bot.say(119, "/subscribe nato")
        assert subscriptions(bot.db, 119) == ["nato"] and "nato" in followed.text

    run(db, scenario)


def test_after_stop_an_old_topic_button_asks_too(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        [shown] = await bot.say(121, "/start")
        await bot.say(121, "/stop")
        before = len(bot.server.sent(121))
        await bot.press(121, 121, "topic:nato", shown.message_id)
        [asked] = await until(lambda: bot.server.sent(121)[before:] or None)
        assert asked.text == ENGLISH.restart_question
        assert get_chat(bot.db, 121) is None and subscriptions(bot.db, 121) == []

    run(db, scenario)


def test_after_stop_start_and_help_need_no_question(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        await bot.say(120, "/start")
        await bot.say(120, "/stop")
        [helped] = await bot.say(120, "/help")
        assert "/subscribe" in helped.text and get_chat(bot.db, 120) is None
        [again] = await bot.say(120, "/start")
        assert "Vigie" in again.text and get_chat(bot.db, 120) is not None
        [followed] = await bot.say(120, "/subscribe nato")
        assert subscriptions(bot.db, 120) == ["nato"] and "nato" in followed.text

    run(db, scenario)


# --- groups ----------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", [
    "/subscribe nato", "/unsubscribe nato", "/filter add drone", "/filter remove 1", "/pause",
    "/resume", "/stop",
])
def test_a_group_member_who_is_not_admin_is_refused(db: sqlite_utils.Database,
                                                    typed: str) -> None:
    register_chat(db, -301, "group", "Newsroom", None, NOW)
    add_filter(db, -301, "missile", NOW)

    async def scenario(bot: Bot) -> None:
        bot.server.set_admins(-301, [8])
        [answer] = await bot.say(-301, typed, user_id=7)
        assert answer.text == ENGLISH.group_admins_only
        chat = get_chat(bot.db, -301)
        assert chat is not None and not chat.paused
        assert subscriptions(bot.db, -301) == [] and len(chat_filters(bot.db, -301)) == 1

    run(db, scenario)


def test_group_admins_configure_and_buttons_refuse_others(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        bot.server.set_admins(-302, [8])
        [intro] = await bot.say(-302, "/start", user_id=7)
        assert intro.text == ENGLISH.intro_not_admin and get_chat(bot.db, -302) is None
        [start] = await bot.say(-302, "/start@vigie_test_bot", user_id=8)
        assert get_chat(bot.db, -302) is not None and buttons(start)
        answer = await bot.press(-302, 7, "topic:nato", start.message_id)
        assert answer == ENGLISH.answer_admins_only and subscriptions(bot.db, -302) == []
        [done] = await bot.say(-302, "/subscribe@Vigie_Test_Bot nato", user_id=8)
        assert "now follows" in done.text and subscriptions(bot.db, -302) == ["nato"]

    run(db, scenario)


def test_a_command_for_another_bot_is_left_alone(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        bot.server.push_message(-303, "/start@otherbot", user_id=8)
        bot.server.push_message(-303, "/frob@otherbot", user_id=8)
        [answer] = await bot.say(-303, "/help@vigie_test_bot", user_id=8)
        assert "Vigie commands" in answer.text
        assert len(bot.server.sent(-303)) == 1 and get_chat(bot.db, -303) is None

    run(db, scenario)


# --- administrators --------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["/stats", "/feeds", "/addfeed https://example.org/rss",
                                   "/removefeed https://example.org/rss"])
def test_admin_commands_refuse_other_users(db: sqlite_utils.Database, typed: str) -> None:
    add_feed(db, "https://example.org/rss", "Example", None, NOW)

    async def scenario(bot: Bot) -> None:
        [answer] = await bot.say(119, typed)
        assert answer.text == ENGLISH.bot_admins_only
        assert [f.url for f in list_feeds(bot.db)] == ["https://example.org/rss"]

    run(db, scenario)


@pytest.mark.parametrize(("url", "reason"), [
    ("http://127.0.0.1/x", "loopback address 127.0.0.1"),
    ("http://[::1]:8080/feed", "loopback address ::1"),
    ("http://10.1.2.3/feed", "private address 10.1.2.3"),
    ("ftp://example.org/feed", "is not an http(s) URL"),
    ("http://93.184.216.34:99999/feed", "invalid port"),
])
def test_addfeed_refuses_addresses_that_are_not_public(db: sqlite_utils.Database, url: str,
                                                       reason: str) -> None:
    async def scenario(bot: Bot) -> None:
        [answer] = await bot.say(ADMIN, f"/addfeed {url} Local")
        assert answer.text.startswith("Feed refused") and reason in answer.text
        assert list_feeds(bot.db) == []

    run(db, scenario)


@pytest.mark.parametrize(("language", "url", "said"), [
    ("fr", "http://127.0.0.1:8080/rss",
     "Flux refusé : 127.0.0.1 pointe vers une adresse de bouclage (loopback) 127.0.0.1, et "
     "Vigie ne lit que des hôtes publics (sauf si [fetch] allow_private_hosts = true)."),
    ("uk", "ftp://example.org/feed",
     "Стрічку відхилено: «ftp://example.org/feed» — не адреса http(s) (наприклад, "
     "https://example.org/rss.xml)."),
])
def test_addfeed_says_why_it_refused_wholly_in_the_chat_language(
        db: sqlite_utils.Database, language: str, url: str, said: str) -> None:
    async def scenario(bot: Bot) -> None:
        await bot.say(ADMIN, f"/lang {language}")
        [answer] = await bot.say(ADMIN, f"/addfeed {url}")
        assert answer.text == said
        assert list_feeds(bot.db) == []

    run(db, scenario)


def test_addfeed_allows_private_hosts_when_configured(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        [answer] = await bot.say(ADMIN, "/addfeed http://127.0.0.1/x Local desk")
        assert answer.text.startswith("Feed added")
        assert [(f.url, f.name) for f in list_feeds(bot.db)] == [("http://127.0.0.1/x",
                                                                  "Local desk")]

    run(db, scenario, allow_private=True)


def test_admin_feeds_add_remove_and_stats(db: sqlite_utils.Database) -> None:
    """/addfeed polls the new feed at once (an empty one here, on loopback) and says so."""
    register_chat(db, 120, "private", "me", None, NOW)
    _alert(db, 120, "a", "One", "sent")
    _alert(db, 120, "b", "Two", "pending")
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title></channel></rss>'

    async def scenario(bot: Bot) -> None:
        with FeedServer() as feeds:
            feeds.add("/rss.xml", empty)
            url = feeds.url("/rss.xml")
            [added] = await bot.say(ADMIN, f"/addfeed {url} Kyiv <Desk>")
        assert "Feed added" in added.text and "First poll: 0 new stories" in added.text
        [listed] = await bot.say(ADMIN, "/feeds")
        assert listed.text.startswith("<pre>") and "Kyiv &lt;Desk&gt;" in listed.text
        assert "new stories in the last 3 days: every 5 min" in listed.text
        [stats] = await bot.say(ADMIN, "/stats")
        for line in ("Feeds: 1 (0 failing)", "Stories: 2 in 2 clusters", "Chats: 1 active",
                     "Alerts: 1 sent, 1 pending"):
            assert line in stats.text
        assert "Last poll: never" not in stats.text
        [removed] = await bot.say(ADMIN, f"/removefeed {url}")
        assert "Feed removed" in removed.text and list_feeds(bot.db) == []
        [unknown] = await bot.say(ADMIN, f"/removefeed {url}")
        assert "There is no feed" in unknown.text

    run(db, scenario, allow_private=True)


def _all_feeds_shown(pieces: list[SentMessage], count: int) -> list[SentMessage] | None:
    shown = "".join(piece.text for piece in pieces)
    return pieces if all(f"feeds{n}.example.org" in shown for n in range(count)) else None


def test_a_long_feed_list_is_split_under_the_limit(db: sqlite_utils.Database) -> None:
    for n in range(80):
        add_feed(db, f"https://feeds{n}.example.org/{'x' * 60}.xml", f"Feed «{n}» 🛰", None, NOW)

    async def scenario(bot: Bot) -> None:
        bot.server.push_message(ADMIN, "/feeds")
        pieces = await until(lambda: _all_feeds_shown(bot.server.sent(ADMIN), 80))
        assert len(pieces) >= 2
        assert all(p.text.startswith("<pre>") and p.text.endswith("</pre>") for p in pieces)

    run(db, scenario)


# --- menus and errors ------------------------------------------------------------------------


def test_command_menus_give_admins_their_own_menu() -> None:
    public, admin_only = bot_commands()
    names = [c.command for c in public]
    assert "subscribe" in names and "stats" not in names
    assert [c.command for c in admin_only] == ["feeds", "addfeed", "removefeed", "stats"]
    menus = command_menus([ADMIN, 901])
    assert menus[0][0] == public and menus[0][1].type == "default"
    for (commands, scope), admin_id in zip(menus[1:], [ADMIN, 901], strict=True):
        assert scope.type == "chat" and scope.chat_id == admin_id  # type: ignore[attr-defined]
        assert commands == public + admin_only


def test_publish_commands_goes_on_past_a_refused_menu() -> None:
    async def scenario(server: FakeBotServer) -> list[list[Any]]:
        seen = []
        server.fail_next("setMyCommands", 1, "400", description="Bad Request: chat not found")
        async with make_bot(server) as bot:
            for _ in range(2):
                await publish_commands(bot, [ADMIN])
                seen.append([record["scope"] for record in server.my_commands])
        return seen

    with serving(FakeBotServer()) as server:
        first, second = asyncio.run(scenario(server))
        french = [r for r in server.my_commands if r["language_code"] == "fr"]
    assert first[0] == {"type": "chat", "chat_id": ADMIN}  # the refused default was skipped
    assert len(second) == 6 and {"type": "default"} in second  # 2 scopes x en, fr, uk
    assert french[0]["commands"][0]["description"] == texts_for("fr").menu_start


def test_a_failing_handler_is_logged_without_the_token(db: sqlite_utils.Database,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR, logger="handlers")

    async def scenario(bot: Bot) -> None:
        bot.server.fail_next("sendMessage", 1, "400", description="Bad Request: boom " +
                             bot.server.token)
        [apology] = await bot.say(121, "/help")
        assert apology.text == ENGLISH.internal_error

    server = run(db, scenario, failures_expected=True)
    logged = caplog.text.casefold()
    assert "handler failed" in logged and "boom <token>" in logged
    assert server.token.partition(":")[2].casefold() not in logged


def test_added_to_a_group_the_bot_greets_with_how_to_set_it_up(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        bot.server.push_my_chat_member(-300, 106, "left", "member")
        [greeting] = await until(lambda: bot.server.sent(-300) or None)
        assert greeting.text == ENGLISH.group_greeting
        bot.server.push_my_chat_member(-300, 106, "member", "administrator")  # promoted
        bot.server.push_my_chat_member(-301, 106, "member", "left")  # removed
        await bot.say(106, "/help")
        assert len(bot.server.sent(-300)) == 1 and bot.server.sent(-301) == []

    run(db, scenario)


def test_plain_text_in_a_private_chat_points_to_help_and_not_in_a_group(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        [pointer] = await bot.say(106, "hello, what can you do?")
        assert pointer.text == texts_for("en").plain_text_help
        bot.server.push_message(-300, "just talking among ourselves")
        await bot.say(106, "/help")
        assert bot.server.sent(-300) == []

    run(db, scenario)
