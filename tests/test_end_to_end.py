"""Vigie as its users meet it: feeds on a local server, the real Application and JobQueue,
the fake Bot API answering like Telegram, and `vigie run` killed and started again."""

from __future__ import annotations

import asyncio
import signal
import subprocess
from collections import Counter
from pathlib import Path
from typing import TypeVar

import pytest
import sqlite_utils

from bot.app.context import open_context
from bot.app.telegram_app import api_urls, run_bot
from bot.core.clock import utcnow
from bot.engine import running_engine
from storage.chats import get_chat, register_chat, subscribe
from storage.db import open_database
from storage.feeds import make_all_due
from tests.support.fakebot import FakeBotServer, SentMessage, serving
from tests.support.feeds import write_config
from tests.support.feedserver import FeedServer
from tests.support.news import SUMMARY, news_rss
from tests.support.running import VIGIE, start_vigie, until, wait

T = TypeVar("T")
TITLE = "NATO defence ministers agree to send more air defence to Ukraine"
TWIN = "NATO defence ministers agree to send more air defences to Ukraine"
A, B, C, BLOCKED, GROUP, ADMIN_USER = 101, 102, 103, 104, -205, 205
SUPERGROUP = -1_000_000_000_205




def alerts(server: FakeBotServer, chat_id: int) -> list[SentMessage]:
    """The alerts about the NATO story a chat received (command replies left out)."""
    return [m for m in server.sent(chat_id) if TITLE in m.text or TWIN in m.text]






@pytest.mark.parametrize(("configured", "expected"), [
    ("https://api.telegram.org/bot", ("https://api.telegram.org/bot",
                                      "https://api.telegram.org/file/bot")),
    ("http://127.0.0.1:8081", ("http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/file/bot")),
    ("http://127.0.0.1:8081/", ("http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/file/bot")),
    ("http://127.0.0.1:8081/bot/", ("http://127.0.0.1:8081/bot",
                                    "http://127.0.0.1:8081/file/bot")),
])
def test_api_base_url_is_accepted_with_or_without_bot(configured: str,
                                                      expected: tuple[str, str]) -> None:
    assert api_urls(configured) == expected


# --------------------------------------------------------------------------- in process




async def say(server: FakeBotServer, chat_id: int, text: str, **kwargs: object) -> None:
    """Type a command and wait for the bot's answer in that chat."""
    before = len(server.sent(chat_id))
    server.push_message(chat_id, text, **kwargs)  # type: ignore[arg-type]
    await until(lambda: len(server.sent(chat_id)) > before, f"an answer to {text!r}")


async def commands(server: FakeBotServer) -> None:
    await say(server, A, "/start")
    await say(server, A, "/subscribe nato")
    await say(server, B, "/start")
    await say(server, B, "/filter add air defence Brussels")
    await say(server, C, "/start")
    await say(server, BLOCKED, "/start")
    await say(server, BLOCKED, "/subscribe nato")
    server.set_admins(GROUP, [ADMIN_USER])
    await say(server, GROUP, "/start", user_id=ADMIN_USER)
    await say(server, GROUP, "/subscribe@vigie_test_bot nato", user_id=ADMIN_USER)


async def scenario(config: Path, server: FakeBotServer, feeds: FeedServer) -> None:
    context = open_context(str(config))
    stop = asyncio.Event()
    async with running_engine(context) as engine:
        bot = asyncio.create_task(run_bot(engine, stop))
        await until(lambda: server.calls_of("getUpdates"), "the bot to poll for updates")
        await commands(server)
        server.fail_next("sendMessage", 1, "429", chat_id=A, retry_after=1)
        server.fail_chat(BLOCKED, "403")
        server.fail_chat(GROUP, "migrate", migrate_to_chat_id=SUPERGROUP)
        feeds.set_body("/wire.xml", news_rss("Baltic Wire", [("w1", TITLE, SUMMARY)]))
        make_all_due(engine.db, utcnow())
        for chat in (A, B, SUPERGROUP):
            await until(lambda chat=chat: alerts(server, chat), f"the alert to {chat}")  # type: ignore[misc]
        feeds.set_body("/courier.xml", news_rss("Kyiv Courier", [("c1", TWIN, SUMMARY)]))
        make_all_due(engine.db, utcnow())
        await until(lambda: all(m.edits for c in (A, B) for m in alerts(server, c)),
                    "the 'also reported by' edits")
        stop.set()
        await bot
    check_chats(context.db)
    context.db.close()


def check_chats(db: sqlite_utils.Database) -> None:
    blocked, group = get_chat(db, BLOCKED), get_chat(db, SUPERGROUP)
    assert blocked is not None and not blocked.active
    assert group is not None and group.active and get_chat(db, GROUP) is None


@pytest.mark.usefixtures("fast_ticks")
def test_commands_then_one_alert_per_story_edited_with_the_second_outlet(
        tmp_path: Path) -> None:
    with FeedServer() as feeds, serving() as server:
        empty = {path: news_rss(name, []) for path, name in
                 (("/wire.xml", "Baltic Wire"), ("/courier.xml", "Kyiv Courier"))}
        for path, body in empty.items():
            feeds.add(path, body)
        config = write_config(tmp_path, server=server, feeds=
                              [feeds.url(path) for path in empty])
        asyncio.run(scenario(config, server, feeds))
    for chat in (A, B):
        [alert] = alerts(server, chat)
        assert "Baltic Wire" in alert.text and "Also reported by Kyiv Courier" in alert.text
    assert "topic nato" in alerts(server, A)[0].text
    assert "air defence Brussels" in alerts(server, B)[0].text
    assert alerts(server, C) == [] and alerts(server, BLOCKED) == []
    assert len(alerts(server, SUPERGROUP)) == 1 and alerts(server, GROUP) == []
    assert server.count_429 == 1


# --------------------------------------------------------------------------- killed




def statuses(db: sqlite_utils.Database) -> dict[int, tuple[str, int]]:
    rows = db.execute("SELECT chat_id, status, attempts FROM outbox").fetchall()
    return {chat: (status, attempts) for chat, status, attempts in rows}


@pytest.mark.skipif(not VIGIE.exists(), reason="the vigie entry point is not installed")
def test_killed_with_alerts_pending_then_restarted_delivers_each_once(
        tmp_path: Path, processes: list[subprocess.Popen[bytes]]) -> None:
    chats, held = [301, 302, 303, 304, 305, 306], [304, 305, 306]
    db_path, log = tmp_path / "vigie.db", tmp_path / "vigie.log"
    db = open_database(db_path)
    for chat in chats:
        register_chat(db, chat, "private", f"reader {chat}", None, utcnow())
        subscribe(db, chat, "nato", utcnow())
    with FeedServer() as feeds, serving() as server:
        feeds.add("/wire.xml", news_rss("Baltic Wire", [("w1", TITLE, SUMMARY)]))
        config = write_config(tmp_path, [feeds.url("/wire.xml")], server=server,
                              db_path=db_path)
        for chat in held:
            server.fail_chat(chat, "429", retry_after=1)
        processes.append(start_vigie(config, log))
        wait(lambda: all(statuses(db).get(c, ("", 0))[1] >= 1 for c in chats),
             "every alert to be tried once")
        processes[0].send_signal(signal.SIGKILL)
        processes[0].wait(timeout=10)
        assert {c: s for c, (s, _) in statuses(db).items() if c in held} == dict.fromkeys(
            held, "pending")
        for chat in held:
            server.clear_chat(chat)
        processes.append(start_vigie(config, log))
        wait(lambda: all(s == "sent" for s, _ in statuses(db).values()), "the pending alerts")
        processes[1].send_signal(signal.SIGTERM)
        assert processes[1].wait(timeout=20) == 0, log.read_text()
    db.close()
    received = Counter(m.chat_id for m in server.sent() if TITLE in m.text)
    assert received == dict.fromkeys(chats, 1), log.read_text()
    assert "Traceback" not in log.read_text()
