"""/digest, /quiet, /timezone, /lang, /mute, /settings through the real Application and the
fake Bot API: what a user types, what the bot answers (in the chat's language), what is
stored."""

from __future__ import annotations

import sqlite_utils

from bot.core.clock import utcnow
from bot.core.models import Plan
from bot.core.texts import ENGLISH, FRENCH, UKRAINIAN
from storage.chats import register_chat
from storage.mutes import chat_mutes
from storage.preferences import get_preferences
from tests.support.chat import NOW, Bot, buttons, run
from tests.support.stories import hold, utc


def plan(db: sqlite_utils.Database, chat_id: int) -> Plan:
    found = get_preferences(db, chat_id)
    assert found is not None
    return found.plan


def test_a_chat_in_each_language(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        [fr] = await bot.say(201, "/start", language_code="fr-FR")
        [uk] = await bot.say(202, "/start", language_code="uk")
        [ru] = await bot.say(203, "/start", language_code="ru")
        assert (fr.text, uk.text, ru.text) == (FRENCH.intro, UKRAINIAN.intro, ENGLISH.intro)
        helps = [(await bot.say(chat, "/help"))[0].text for chat in (201, 202, 203)]
        assert helps[0].startswith("<b>Commandes de Vigie</b>")
        assert helps[1].startswith("<b>Команди Vigie</b>")
        assert helps[2].startswith("<b>Vigie commands</b>")
        # the chat's choice wins over the sender's Telegram language
        [switched] = await bot.say(203, "/lang uk", language_code="ru")
        assert switched.text == UKRAINIAN.lang_now
        [again] = await bot.say(203, "/help", language_code="en")
        assert again.text == helps[1]
        [usage] = await bot.say(201, "/lang de")
        assert usage.text.startswith("Usage : /lang") and "Français" in usage.text

    run(db, scenario)


def test_timezone_is_checked_and_shows_the_local_time(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        [done] = await bot.say(204, "/timezone europe/kyiv")
        assert done.text.startswith("Time zone: Europe/Kyiv. It is ")
        assert plan(bot.db, 204).timezone == "Europe/Kyiv"
        [wrong] = await bot.say(204, "/timezone Mars/Olympus")
        assert "There is no time zone “Mars/Olympus”" in wrong.text
        [usage] = await bot.say(204, "/timezone")
        assert "Now: Europe/Kyiv" in usage.text
        for typed, close in (("Kyiv", "Europe/Kyiv"), ("europe/kiyv", "Europe/Kyiv"),
                             ("New York", "America/New_York")):
            [suggested] = await bot.say(204, f"/timezone {typed}")
            assert suggested.text == (f"There is no time zone “{typed}”. Did you mean {close}? "
                                      f"Send <code>/timezone {close}</code>.")
        [quiet] = await bot.say(204, "/quiet 22:00-07:75")
        assert quiet.text.startswith("“07:75” is not a time of day")
        assert plan(bot.db, 204).timezone == "Europe/Kyiv"

    run(db, scenario)


DIGEST_CASES = [
    ("/digest daily 07:30", "Digest every day at 07:30 (UTC)", ("daily", "07:30")),
    ("/digest hourly", "Digest every hour", ("hourly", None)),
    ("/digest daily", "Digest every day at 08:00", ("daily", "08:00")),
    ("/digest weekly", "Usage: /digest", ("daily", "08:00")),
    ("/digest daily 25:00", "“25:00” is not a time of day: hours go from 00 to 23",
     ("daily", "08:00")),
    ("/digest off", ENGLISH.digest_now_off, ("off", None)),
]


def test_digest_modes_are_set_and_a_wrong_one_gets_the_usage(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        for typed, answer, stored in DIGEST_CASES:
            [reply] = await bot.say(205, typed)
            assert answer in reply.text, typed
            found = plan(bot.db, 205)
            assert (found.digest, found.digest_time) == stored, typed

    run(db, scenario)


def test_switching_digest_off_says_what_waited_goes_now(db: sqlite_utils.Database) -> None:
    register_chat(db, 206, "private", "me", None, NOW)

    async def scenario(bot: Bot) -> None:
        await bot.say(206, "/digest hourly")
        hold(bot.db, 206, 1, utcnow())
        [reply] = await bot.say(206, "/digest off")
        assert reply.text == ENGLISH.digest_off_flush

    run(db, scenario)


QUIET_CASES = [
    ("/quiet 22:00-07:00", "Quiet hours 22:00–07:00 (UTC)", ("22:00", "07:00")),
    ("/quiet 9:00 - 17:30", "Quiet hours 09:00–17:30", ("09:00", "17:30")),
    ("/quiet 22:00-22:00", "Usage: /quiet", ("09:00", "17:30")),
    ("/quiet tonight", "Now: 09:00–17:30", ("09:00", "17:30")),
    ("/quiet off", ENGLISH.quiet_now_off, (None, None)),
]


def test_quiet_hours_are_set_and_lifted(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        for typed, answer, stored in QUIET_CASES:
            [reply] = await bot.say(207, typed)
            assert answer in reply.text, typed
            found = plan(bot.db, 207)
            assert (found.quiet_start, found.quiet_end) == stored, typed

    run(db, scenario)


def test_mute_a_topic_or_a_filter_and_list_them(db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        [empty] = await bot.say(208, "/mute")
        assert empty.text == ENGLISH.mutes_empty
        await bot.say(208, "/filter add drone")
        [topic] = await bot.say(208, "/mute Kherson 6h")
        assert topic.text.startswith("topic kherson is muted until ")
        [filt] = await bot.say(208, "/mute 1 30m")
        assert filt.text.startswith("filter 1 is muted until ")
        [listed] = await bot.say(208, "/mute")
        assert listed.text.split("\n")[0] == ENGLISH.mutes_header
        assert [line.split(" until ")[0] for line in listed.text.split("\n")[1:]] == [
            "• filter 1", "• topic kherson"]  # soonest to end first
        [too_long] = await bot.say(208, "/mute nato 45d")
        assert too_long.text == ("“45d” is out of range: a mute lasts from 1 minute to 30 days, "
                                 "e.g. <code>/mute nato 30d</code>.")
        for wrong in ("/mute mars 6h", "/mute kherson soon", "/mute 2 1h",
                      "/mute kherson"):
            [usage] = await bot.say(208, wrong)
            assert usage.text.startswith("Usage: /mute"), wrong
        [lifted] = await bot.say(208, "/mute kherson off")
        assert lifted.text == "topic kherson is no longer muted."
        assert [m.target for m in chat_mutes(bot.db, 208, utc("2020-01-01T00:00"))] == [
            "filter:1"]

    run(db, scenario)


def test_settings_shows_everything_and_its_buttons_change_it(
        db: sqlite_utils.Database) -> None:
    async def scenario(bot: Bot) -> None:
        await bot.say(209, "/subscribe nato")
        await bot.say(209, "/timezone Europe/Paris")
        await bot.say(209, "/quiet 23:00-06:30")
        [shown] = await bot.say(209, "/settings")
        lines = shown.text.split("\n")
        assert lines[1:3] == ["Language: English", lines[2]] and "Europe/Paris" in lines[2]
        assert lines[3:8] == ["Digest: off (alerts one by one)", "Quiet hours: 23:00–06:30",
                              "Alerts: on", "Topics: nato", "Filters: 0"]
        assert ("🕐 Hourly digest", "set:digest:hourly") in buttons(shown)
        assert await bot.press(209, 209, "set:digest:hourly", shown.message_id) == "Saved"
        assert plan(bot.db, 209).digest == "hourly"
        assert await bot.press(209, 209, "set:quiet:off", shown.message_id) == "Saved"
        assert plan(bot.db, 209).quiet_start is None
        assert await bot.press(209, 209, "set:lang:fr", shown.message_id) == "Enregistré"
        [redrawn] = [m for m in bot.server.sent(209) if m.message_id == shown.message_id]
        assert redrawn.text.startswith("<b>Réglages de cette discussion</b>")
        assert "Résumé : toutes les heures" in redrawn.text
        stale = await bot.press(209, 209, "set:digest:weekly", shown.message_id)
        assert stale == FRENCH.answer_stale_button

    run(db, scenario)


def test_a_group_member_who_is_not_admin_cannot_change_delivery(
        db: sqlite_utils.Database) -> None:
    register_chat(db, -310, "group", "Newsroom", None, NOW)

    async def scenario(bot: Bot) -> None:
        bot.server.set_admins(-310, [8])
        for typed in ("/digest hourly", "/quiet 22:00-07:00", "/timezone Europe/Kyiv",
                      "/lang fr", "/mute nato 1h"):
            [answer] = await bot.say(-310, typed, user_id=7)
            assert answer.text == ENGLISH.group_admins_only, typed
        assert plan(bot.db, -310) == Plan()

    run(db, scenario)
