"""The sender against the fake Bot API, through the real python-telegram-bot client.

Every Telegram answer has to end the way a subscriber would want: sent once, waited for,
moved to a migrated group, or given up with the reason; never lost, never sent twice.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, TypeVar

import pytest
import sqlite_utils
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import ExtBot

from bot.core.clock import utcnow
from bot.core.config import DedupSettings
from bot.core.models import Story
from bot.dedup.index import DedupIndex
from bot.deliver.alerts import render_row
from bot.deliver.messenger import TelegramMessenger
from bot.deliver.sender import MAX_BACKOFF_S, Decision, Sender, backoff_seconds, decide
from bot.match.filters import parse_filter
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics
from bot.pipeline import Pipeline
from storage.chats import add_filter, get_chat, register_chat, subscribe, subscriptions
from storage.outbox import enqueue
from storage.stories import insert_story, start_cluster
from tests.support.delivery import fast_limiter
from tests.support.fakebot import FakeBotServer, local_request
from tests.support.stories import NATO, story

T = TypeVar("T")
# Fast enough that no test waits on pacing; the fake still enforces these limits.








def owe(db: sqlite_utils.Database, chat_id: int, n: int, title: str = "") -> int:
    """A stored story in its own cluster, owed to `chat_id`; returns the row's cluster id."""
    now = utcnow()
    if get_chat(db, chat_id) is None:
        kind = "private" if chat_id > 0 else "group"
        register_chat(db, chat_id, kind, f"chat {chat_id}", None, now)
    story_id = insert_story(db, story(n, title or f"NATO alert number {n}"), None, now)
    cluster_id = start_cluster(db, story_id, "Baltic Wire", now)
    assert enqueue(db, chat_id, cluster_id, story_id, NATO, now)
    return cluster_id


def outbox(db: sqlite_utils.Database, cluster_id: int) -> dict[str, Any]:
    rows = list(db.query("SELECT * FROM outbox WHERE cluster_id = ?", [cluster_id]))
    assert len(rows) == 1
    return rows[0]


def run_sender(server: FakeBotServer, db: sqlite_utils.Database,
               body: Callable[[Sender], Awaitable[T]], read_timeout: float = 5.0) -> T:
    """Run `body` with a Sender whose messenger is the real bot pointed at the fake."""

    async def main() -> T:
        bot = ExtBot(server.token, base_url=server.base_url,
                     request=local_request(read_timeout=read_timeout))
        async with bot:
            sender = Sender(db, TelegramMessenger(bot), fast_limiter(),
                            lambda row: render_row(db, row))
            return await body(sender)

    return asyncio.run(main())


def drain(server: FakeBotServer, db: sqlite_utils.Database, now: datetime | None = None,
          read_timeout: float = 5.0) -> int:
    return run_sender(server, db, lambda sender: sender.drain(now), read_timeout)


def sends(server: FakeBotServer) -> int:
    return len(server.calls_of("sendMessage"))


# --------------------------------------------------------------------------- sent


def test_a_pending_alert_is_sent_once_and_marked_with_its_message_id(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    cluster = owe(db, 42, 1, "NATO opens a new command in Finland")
    assert drain(server, db) == 1
    assert drain(server, db) == 0
    [message] = server.sent(42)
    assert "NATO opens a new command in Finland" in message.text
    assert message.parse_mode == "HTML" and message.link_preview_disabled
    row = outbox(db, cluster)
    assert (row["status"], row["message_id"], row["error"]) == ("sent", message.message_id, None)
    assert sends(server) == 1


def test_each_chat_gets_its_alerts_oldest_first(server: FakeBotServer,
                                                db: sqlite_utils.Database) -> None:
    for n, chat in enumerate([7, 8, 7, 8, 7], start=1):
        owe(db, chat, n, f"NATO story {n}")
    assert drain(server, db) == 5
    order = {chat: [n for m in server.sent(chat) for n in range(1, 6)
                    if f">NATO story {n}<" in m.text] for chat in (7, 8)}
    assert order == {7: [1, 3, 5], 8: [2, 4]}


def test_a_chat_whose_oldest_alert_must_wait_gets_nothing_newer_first(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    """Another chat's success must not let this chat's second alert overtake its first."""
    first, second = owe(db, 7, 1, "NATO first"), owe(db, 7, 2, "NATO second")
    owe(db, 8, 3, "NATO for another chat")
    server.fail_next("sendMessage", 1, "502", chat_id=7)
    assert drain(server, db) == 1
    assert [outbox(db, c)["status"] for c in (first, second)] == ["pending", "pending"]
    assert len(server.sent(7)) == 0
    later = utcnow() + timedelta(seconds=backoff_seconds(0) + 1)
    assert drain(server, db, later) == 2
    assert ["NATO first" in m.text for m in server.sent(7)] == [True, False]


# --------------------------------------------------------------------------- waited for


def test_a_429_keeps_the_alert_pending_until_retry_after_then_delivers(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    cluster = owe(db, 42, 1)
    server.fail_next("sendMessage", 1, "429", retry_after=1)
    before = utcnow()
    assert drain(server, db) == 0
    row = outbox(db, cluster)
    assert row["status"] == "pending" and row["error"].startswith("429")
    assert datetime.fromisoformat(row["next_attempt_at"]) > before
    assert drain(server, db) == 0  # not due yet: no request at all
    assert sends(server) == 1
    assert drain(server, db, utcnow() + timedelta(seconds=2)) == 1
    assert len(server.sent(42)) == 1 and outbox(db, cluster)["status"] == "sent"


@pytest.mark.parametrize("kind", ["502", "timeout"])
def test_a_gateway_error_or_a_timeout_backs_off_without_spinning(
        server: FakeBotServer, db: sqlite_utils.Database, kind: str) -> None:
    cluster = owe(db, 42, 1)
    server.fail_next("sendMessage", 1, kind, delay=0.6)
    before = utcnow()
    assert drain(server, db, read_timeout=0.2) == 0
    row = outbox(db, cluster)
    assert (row["status"], row["attempts"]) == ("pending", 1)
    waited = datetime.fromisoformat(row["next_attempt_at"]) - before
    assert waited >= timedelta(seconds=backoff_seconds(0) - 1)
    assert drain(server, db, utcnow() + timedelta(seconds=2)) == 0
    assert sends(server) == 1  # one try, then nothing until the backoff is over
    assert drain(server, db, utcnow() + waited + timedelta(seconds=1)) == 1
    assert outbox(db, cluster)["status"] == "sent"


# --------------------------------------------------------------------------- ended


def test_a_403_deactivates_the_chat_and_closes_its_pending_alerts(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    clusters = [owe(db, 42, n) for n in (1, 2, 3)]
    other = owe(db, 43, 4)
    server.fail_chat(42, "403")
    assert drain(server, db) == 1
    chat = get_chat(db, 42)
    assert chat is not None and not chat.active
    assert [outbox(db, c)["status"] for c in clusters] == ["closed"] * 3
    assert "blocked" in outbox(db, clusters[0])["error"]
    assert outbox(db, other)["status"] == "sent"
    assert sends(server) == 2


def test_a_migrated_group_moves_to_its_new_id_and_gets_every_alert_there(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    old, new = -555, -1_000_000_000_555
    clusters = [owe(db, old, n) for n in (1, 2)]
    subscribe(db, old, "nato", utcnow())
    server.fail_chat(old, "migrate", migrate_to_chat_id=new)
    assert drain(server, db) == 2
    assert get_chat(db, old) is None
    moved = get_chat(db, new)
    assert moved is not None and moved.active and moved.type == "supergroup"
    assert subscriptions(db, new) == ["nato"]
    assert [outbox(db, c)["chat_id"] for c in clusters] == [new, new]
    assert [outbox(db, c)["status"] for c in clusters] == ["sent", "sent"]
    assert len(server.sent(new)) == 2 and server.sent(old) == []


def test_an_unfixable_400_marks_the_alert_dead_with_telegrams_reason(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    cluster = owe(db, 42, 1)
    server.fail_next("sendMessage", 1, "400", description="Bad Request: chat not found")
    assert drain(server, db) == 0
    row = outbox(db, cluster)
    assert row["status"] == "dead" and "chat not found" in row["error"].lower()
    assert drain(server, db, utcnow() + timedelta(hours=1)) == 0
    assert sends(server) == 1


def test_html_in_a_title_arrives_escaped(server: FakeBotServer,
                                         db: sqlite_utils.Database) -> None:
    title = 'NATO & <b>allies</b> say "<script>" is <not> a tag'
    cluster = owe(db, 42, 1, title)
    assert drain(server, db) == 1
    [message] = server.sent(42)
    assert "NATO &amp; &lt;b&gt;allies&lt;/b&gt;" in message.text
    assert "&lt;not&gt;" in message.text and "<script>" not in message.text
    assert outbox(db, cluster)["status"] == "sent"


# --------------------------------------------------------------------------- edits


def test_a_second_outlet_joining_a_sent_cluster_edits_the_alert(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    register_chat(db, 42, "private", "reader", None, utcnow())
    subscribe(db, 42, "nato", utcnow())
    pipeline = Pipeline(db, DedupIndex(DedupSettings()), Matcher(builtin_topics()))
    title = "NATO defence ministers agree to send more air defence to Ukraine"
    [first] = pipeline.ingest(None, [story(1, title, "Baltic Wire")], utcnow())
    assert first.chats == (42,)
    assert drain(server, db) == 1
    [again] = pipeline.ingest(None, [story(2, title + " (update)", "Kyiv Courier")], utcnow())
    assert (again.cluster_id, again.chats) == (first.cluster_id, ())
    assert drain(server, db) == 0
    [message] = server.sent(42)
    assert len(message.edits) == 1 and "Also reported by Kyiv Courier" in message.text
    assert len(server.calls_of("editMessageText")) == 1
    assert drain(server, db) == 0 and len(server.calls_of("editMessageText")) == 1


RUTTE_CALL = {
    "uk": ("Зеленський обговорив з Рютте запрошення України до НАТО", "Українська правда"),
    "en": ("Zelensky discusses inviting Ukraine to NATO with Rutte", "Kyiv Independent"),
    "fr": ("Zelensky a discuté avec Rutte de l'importance d'inviter l'Ukraine à l'OTAN",
           "Le Veilleur"),
}


def report(n: int, language: str) -> Story:
    """The Rutte call as one outlet in `language` reported it."""
    title, source = RUTTE_CALL[language]
    return replace(story(n, title, source), language=language)


def nato_reader(db: sqlite_utils.Database, language: str) -> Pipeline:
    register_chat(db, 42, "private", "reader", language, utcnow())
    subscribe(db, 42, "nato", utcnow())
    return Pipeline(db, DedupIndex(DedupSettings()), Matcher(builtin_topics()))


def test_one_event_in_three_languages_is_one_alert_in_the_chats_language(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    pipeline = nato_reader(db, "fr")
    done = [pipeline.ingest(None, [report(n, lang)], utcnow())[0]
            for n, lang in enumerate(("uk", "en", "fr"), start=1)]
    assert {item.cluster_id for item in done} == {done[0].id}
    assert [item.chats for item in done] == [(42,), (), ()]
    assert drain(server, db) == 1
    [message] = server.sent(42)
    assert "l'importance d'inviter l'Ukraine" in message.text and "📰 Le Veilleur" in message.text
    assert 'href="https://news.example/3"' in message.text
    assert "Українська правда (UK), Kyiv Independent (EN)" in message.text


def test_without_a_report_in_its_language_the_chat_gets_the_first_and_the_edit_keeps_it(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    pipeline = nato_reader(db, "en")
    pipeline.ingest(None, [report(1, "uk")], utcnow())
    assert drain(server, db) == 1
    pipeline.ingest(None, [report(2, "en")], utcnow() + timedelta(minutes=5))  # next poll
    assert drain(server, db) == 0
    [message] = server.sent(42)
    assert len(message.edits) == 1 and "Зеленський обговорив" in message.text
    assert "Also reported by Kyiv Independent (EN)" in message.text


POWER = {"en": ("Power restored to most of Kyiv after overnight strikes", "Kyiv Courier"),
         "fr": ("L'électricité rétablie dans la majeure partie de Kyiv après les frappes",
                "Le Veilleur")}


def test_a_report_in_another_language_reading_alike_but_unmerged_is_shown_as_perhaps_the_same(
        server: FakeBotServer, db: sqlite_utils.Database) -> None:
    register_chat(db, 42, "private", "reader", "en", utcnow())
    matcher = Matcher(builtin_topics())
    matcher.add_filter(add_filter(db, 42, "Kyiv", utcnow()), parse_filter("Kyiv"))
    pipeline = Pipeline(db, DedupIndex(DedupSettings()), matcher)
    done = [pipeline.ingest(None, [replace(story(n, *POWER[lang]), language=lang, summary="")],
                            utcnow() + timedelta(minutes=n))[0]
            for n, lang in enumerate(("en", "fr"), start=1)]
    assert done[0].cluster_id != done[1].cluster_id  # not sure enough to hide one of them
    assert drain(server, db, utcnow() + timedelta(minutes=3)) == 2
    first, second = server.sent(42)
    assert "Perhaps the same event" not in first.text
    assert ('<i>Perhaps the same event:</i> <a href="https://news.example/1">'
            "Power restored to most of Kyiv after overnight strikes</a> · Kyiv Courier (EN)"
            ) in second.text


# --------------------------------------------------------------------------- decide


# Built inside the test: RetryAfter reads PTB_TIMEDELTA, which the fixture sets.
ERRORS: list[tuple[Callable[[], TelegramError], str, float]] = [
    (lambda: RetryAfter(timedelta(seconds=7)), "wait", 7.0),
    (lambda: ChatMigrated(-1_000_000_000_001), "move", 0.0),
    (lambda: Forbidden("Forbidden: bot was kicked from the group chat"), "deactivate", 0.0),
    (lambda: BadRequest("Bad Request: message is too long"), "dead", 0.0),
    (TimedOut, "backoff", 20.0),
    (lambda: NetworkError("Bad Gateway"), "backoff", 20.0),
    (InvalidToken, "backoff", 20.0),
    (lambda: Conflict("terminated by other getUpdates request"), "backoff", 20.0),
    (lambda: TelegramError("something new"), "backoff", 20.0),
]


@pytest.mark.parametrize(("make", "action", "seconds"), ERRORS)
def test_each_telegram_error_has_one_decision(make: Callable[[], TelegramError], action: str,
                                              seconds: float) -> None:
    decision = decide(make(), attempts=2)
    assert (decision.action, decision.seconds) == (action, seconds)
    assert decision.reason


def test_decisions_carry_what_is_needed_to_act() -> None:
    assert decide(ChatMigrated(-100123), 0) == Decision("move", 0.0, "group migrated", -100123)
    assert "message is too long" in decide(BadRequest("message is too long"), 0).reason


@pytest.mark.parametrize(("attempts", "seconds"), [
    (0, 5.0), (1, 10.0), (2, 20.0), (6, 320.0), (7, MAX_BACKOFF_S), (50, MAX_BACKOFF_S),
])
def test_backoff_doubles_up_to_ten_minutes(attempts: int, seconds: float) -> None:
    assert backoff_seconds(attempts) == seconds
