"""Alerts where people read them: link previews, connected channels, forum topics. The real
Application and sender against the fake Bot API; what a user types, where the alerts land."""

from __future__ import annotations

from datetime import timedelta

import sqlite_utils

from bot.core.clock import utcnow
from bot.core.models import Story
from bot.engine import Engine
from storage.chats import get_chat, register_chat, subscriptions
from storage.feeds import add_feed
from tests.support.chat import Bot, buttons, deliver, run_with_engine, until
from tests.support.fakebot import SentMessage

ME, OTHER = 301, 302
CHANNEL, FORUM = -100_111, -100_222
TOPIC = 77


def nato_story(n: int, title: str = "") -> Story:
    """A fresh story on NATO, its own event (distinct words: no fold)."""
    words = ["Vilnius", "Tallinn", "Riga", "Warsaw", "Oslo", "Madrid"][n % 6]
    return Story(f"d{n}", "http://127.0.0.1/feed", "Baltic Wire", f"g{n}",
                 f"https://news.example/{n}", title or f"NATO ministers gather in {words} {n}",
                 "", utcnow() - timedelta(minutes=5))


def ingest(engine: Engine, *stories: Story) -> None:
    feed, _ = add_feed(engine.db, "http://127.0.0.1/feed", "Baltic Wire", None, utcnow())
    engine.pipeline.ingest(feed.id, list(stories), utcnow())


def alerts(messages: list[SentMessage]) -> list[SentMessage]:
    """The alerts among a chat's messages (each names its source)."""
    return [m for m in messages if "Baltic Wire" in m.text]


async def connected(bot: Bot) -> None:
    """ME connects CHANNEL, which both administer."""
    bot.server.add_channel(CHANNEL, "vigie_news", admins=[ME])
    bot.server.set_bot_rights(CHANNEL, True)
    [answer] = await bot.say(ME, "/connect @vigie_news")
    assert "Connected <b>Channel -100111</b>" in answer.text


# --- /preview ------------------------------------------------------------------------------


def test_previews_are_off_by_default_and_set_as_asked(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot, engine: Engine) -> None:
        await bot.say(ME, "/subscribe nato")
        [usage] = await bot.say(ME, "/preview sometimes")
        assert "Now: off" in usage.text
        ingest(engine, nato_story(1))
        await deliver(bot, engine)
        assert await bot.say(ME, "/preview small")
        ingest(engine, nato_story(2))
        await deliver(bot, engine)
        await bot.say(ME, "/preview large")
        ingest(engine, nato_story(3))
        await deliver(bot, engine)
        off, small, large = alerts(bot.server.sent(ME))
        assert off.link_preview_disabled
        assert small.link_preview == {"url": "https://news.example/2",
                                      "prefer_small_media": True}
        assert large.link_preview == {"url": "https://news.example/3",
                                      "prefer_large_media": True, "show_above_text": True}

    run_with_engine(db, scenario)


# --- /connect ------------------------------------------------------------------------------


def test_a_command_in_a_channel_is_answered_with_how_to_connect_it(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot, engine: Engine) -> None:
        bot.server.add_channel(CHANNEL, "vigie_news", admins=[ME])
        bot.server.push_channel_post(CHANNEL, "/subscribe nato")
        [answer] = await until(lambda: bot.server.sent(CHANNEL) or None)
        assert "/connect @vigie_news" in answer.text and "@" + bot.server.username in answer.text
        assert get_chat(bot.db, CHANNEL) is None  # nothing set up from the channel itself
        bot.server.push_channel_post(CHANNEL, "Morning briefing: no command here")
        bot.server.push_channel_post(CHANNEL, "/help@another_bot")
        await bot.say(ME, "/help")  # the two posts were handled before this
        assert len(bot.server.sent(CHANNEL)) == 1

    run_with_engine(db, scenario)



def test_connect_is_refused_unless_both_the_bot_and_the_user_administer_the_channel(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot, engine: Engine) -> None:
        bot.server.add_channel(CHANNEL, "vigie_news", admins=[ME])
        [answer] = await bot.say(ME, "/connect @vigie_news")
        assert "Vigie is not an administrator of Channel -100111" in answer.text
        bot.server.set_bot_rights(CHANNEL, False)  # an admin that may not post
        [answer] = await bot.say(ME, f"/connect {CHANNEL}")
        assert "allowed to post messages" in answer.text
        bot.server.set_bot_rights(CHANNEL, True)
        [answer] = await bot.say(OTHER, "/connect @vigie_news")
        assert "you are not one there" in answer.text
        [answer] = await bot.say(ME, "/connect @nobody_here")
        assert "Vigie cannot see @nobody_here" in answer.text
        [answer] = await bot.say(-100_999, "/connect @vigie_news", user_id=ME,
                                 chat_type="supergroup")
        assert "from your private chat" in answer.text
        assert get_chat(bot.db, CHANNEL) is None

    run_with_engine(db, scenario)


def test_a_connected_channel_gets_its_alerts_and_the_private_chat_does_not(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot, engine: Engine) -> None:
        await connected(bot)
        [answer] = await bot.say(ME, "/subscribe nato")
        assert answer.text.startswith("📢 <b>Channel -100111</b>\nThis chat now follows")
        await bot.say(ME, "/preview large")
        [shown] = await bot.say(ME, "/settings")
        assert "Link previews: large, above the text" in shown.text
        await bot.say(ME, "/lang fr")
        assert subscriptions(bot.db, CHANNEL) == ["nato"]
        assert subscriptions(bot.db, ME) == []
        ingest(engine, nato_story(1))
        await deliver(bot, engine)
        [alert] = alerts(bot.server.sent(CHANNEL))
        assert "thème nato" in alert.text  # the channel's language, set from the private chat
        assert alerts(bot.server.sent(ME)) == []

    run_with_engine(db, scenario)


def test_the_connect_buttons_switch_which_chat_the_commands_change(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot, engine: Engine) -> None:
        await connected(bot)
        [listing] = await bot.say(ME, "/connect")
        assert "change: <b>Channel -100111</b>" in listing.text
        assert buttons(listing) == [("✏️ this chat", "dest:0"),
                                    ("✏️ Channel -100111", f"dest:{CHANNEL}")]
        assert await bot.press(ME, ME, "dest:0", listing.message_id) == (
            "Commands here now change this chat")
        await bot.say(ME, "/subscribe osce")
        assert subscriptions(bot.db, ME) == ["osce"] and subscriptions(bot.db, CHANNEL) == []
        forged = await bot.press(ME, OTHER, f"dest:{CHANNEL}", listing.message_id)
        assert forged == "This button is out of date"  # OTHER never connected it
        await bot.press(ME, ME, f"dest:{CHANNEL}", listing.message_id)
        await bot.say(ME, "/subscribe kherson")
        assert subscriptions(bot.db, CHANNEL) == ["kherson"]
        [gone] = await bot.say(ME, "/disconnect")
        assert "Disconnected <b>Channel -100111</b>" in gone.text
        assert get_chat(bot.db, CHANNEL) is None
        await bot.say(ME, "/subscribe nato")
        assert subscriptions(bot.db, ME) == ["nato", "osce"]

    run_with_engine(db, scenario)


def test_a_user_no_longer_admin_cannot_change_the_channel(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot, engine: Engine) -> None:
        await connected(bot)
        bot.server.set_admins(CHANNEL, [])
        [answer] = await bot.say(ME, "/subscribe nato")
        assert "only an administrator of Channel -100111" in answer.text
        assert subscriptions(bot.db, CHANNEL) == []

    run_with_engine(db, scenario)


def test_403_in_a_channel_deactivates_it_and_tells_who_connected_it_once(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot, engine: Engine) -> None:
        await connected(bot)
        await bot.say(ME, "/subscribe nato")
        bot.server.fail_chat(CHANNEL, "403", description="Forbidden: bot is not a member of "
                             "the channel chat")
        ingest(engine, nato_story(1))
        await deliver(bot, engine)
        chat = get_chat(bot.db, CHANNEL)
        assert chat is not None and not chat.active
        before = len(bot.server.sent(ME))
        for _ in range(3):
            await deliver(bot, engine)
        [told] = bot.server.sent(ME)[before:]
        assert "Vigie can no longer post in <b>Channel -100111</b>" in told.text
        assert "bot is not a member" in told.text

    run_with_engine(db, scenario)


def test_the_bot_removed_then_promoted_again_deactivates_then_restores_the_channel(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot, engine: Engine) -> None:
        await connected(bot)
        before = len(bot.server.sent(ME))
        bot.server.push_my_chat_member(CHANNEL, ME, "administrator", "left")
        await until_inactive(bot, True)
        await deliver(bot, engine)
        [told] = bot.server.sent(ME)[before:]
        assert "can no longer post" in told.text
        bot.server.push_my_chat_member(CHANNEL, ME, "left", "administrator", can_post=True)
        await until_inactive(bot, False)

    run_with_engine(db, scenario)


async def until_inactive(bot: Bot, inactive: bool) -> None:
    def probe() -> bool:
        chat = get_chat(bot.db, CHANNEL)
        return chat is not None and chat.active != inactive

    await until(probe)


# --- forum topics --------------------------------------------------------------------------


async def routed(bot: Bot) -> None:
    """The forum's admin follows nato and routes it to TOPIC."""
    bot.server.set_forum(FORUM)
    bot.server.set_admins(FORUM, [ME])
    await bot.say(FORUM, "/subscribe nato", user_id=ME)
    [answer] = await bot.say(FORUM, "/route nato", user_id=ME, thread_id=TOPIC)
    assert answer.text == "Alerts for topic nato now go to this topic."


def test_a_route_sends_the_topic_s_alerts_into_its_forum_topic(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot, engine: Engine) -> None:
        await routed(bot)
        [refused] = await bot.say(FORUM, "/route osce", user_id=OTHER, thread_id=TOPIC)
        assert "only this group's administrators" in refused.text
        ingest(engine, nato_story(1))
        await deliver(bot, engine)
        [alert] = alerts(bot.server.sent(FORUM))
        assert alert.thread_id == TOPIC
        [back] = await bot.say(FORUM, "/route nato off", user_id=ME)
        assert "General topic again" in back.text
        ingest(engine, nato_story(2))
        await deliver(bot, engine)
        assert [m.thread_id for m in alerts(bot.server.sent(FORUM))] == [TOPIC, None]

    run_with_engine(db, scenario)


def test_a_closed_forum_topic_falls_back_to_general_and_tells_the_group_once(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot, engine: Engine) -> None:
        await routed(bot)
        bot.server.close_topic(FORUM, TOPIC)
        ingest(engine, nato_story(1), nato_story(2))
        for _ in range(3):
            await deliver(bot, engine)
        sent = bot.server.sent(FORUM)
        assert [m.thread_id for m in alerts(sent)] == [None, None]
        [told] = [m for m in sent if "closed or deleted" in m.text]
        assert "topic nato" in told.text and told.thread_id is None

    run_with_engine(db, scenario)


def test_route_outside_a_forum_topic_says_where_to_type_it(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot, engine: Engine) -> None:
        register_chat(bot.db, ME, "private", "me", None, utcnow())
        [answer] = await bot.say(ME, "/route nato")
        assert "type /route inside the forum topic" in answer.text
        [usage] = await bot.say(ME, "/route")
        assert "inside a forum topic" in usage.text

    run_with_engine(db, scenario)
