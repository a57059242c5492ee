"""A seed-shaped French bulletin and single-story reports from two other outlets, through the
real Application and JobQueue to the fake Bot API: each chat gets exactly its part, once, with
"Also reported by" where another outlet told the same story, and never the whole bulletin."""

from __future__ import annotations

import asyncio
from email.utils import format_datetime
from html import escape
from pathlib import Path

import pytest

from bot.app.context import open_context
from bot.app.telegram_app import run_bot
from bot.core.clock import utcnow
from bot.engine import running_engine
from storage.feeds import make_all_due
from tests.support.bulletins import load_cases
from tests.support.fakebot import FakeBotServer, SentMessage, serving
from tests.support.feeds import write_config
from tests.support.feedserver import FeedServer
from tests.support.news import news_rss
from tests.support.running import until

NATO, KHERSON, OSCE, FILTER, NOBODY = 401, 402, 403, 404, 405
[SEED] = [case for case in load_cases() if case.name == "fr_headline_paragraphs"]
KHERSON_REPORT = ("Kherson : des drones russes traquent les civils, selon l'ONU",
                  "Selon la mission de l'ONU, des drones russes visent les passants et les "
                  "voitures dans les quartiers de Kherson riverains du Dniepr.")
OSCE_REPORT = ("À Malte, Kyiv rejette tout accord imposé, dit le MAE",
               "À la réunion ministérielle de l'OSCE à Malte, le ministère ukrainien des "
               "Affaires étrangères a refusé tout compromis sur son territoire.")


def bulletin_rss() -> bytes:
    """Le Veilleur's feed: the bulletin's title, a one-line description, and its full text in
    content:encoded (where a bulletin's structure shows)."""
    item = (f"<item><guid>v-1</guid><title>{escape(SEED.title)}</title>"
            f"<link>https://le-veilleur.example/bulletin/1</link>"
            f"<description>Trois informations ce matin.</description>"
            f"<content:encoded><![CDATA[{SEED.html}]]></content:encoded>"
            f"<pubDate>{format_datetime(utcnow())}</pubDate></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Le Veilleur</title><link>https://le-veilleur.example/</link>"
            f"<description>test</description>{item}</channel></rss>").encode()


async def say(server: FakeBotServer, chat_id: int, text: str) -> None:
    before = len(server.sent(chat_id))
    server.push_message(chat_id, text)
    await until(lambda: len(server.sent(chat_id)) > before, f"an answer to {text!r}")


async def follow(server: FakeBotServer) -> None:
    for chat, command in ((NATO, "/subscribe nato"), (KHERSON, "/subscribe kherson"),
                          (OSCE, "/subscribe osce"), (FILTER, "/filter add drone* Kherson"),
                          (NOBODY, "/help")):
        await say(server, chat, "/start")
        await say(server, chat, command)


def alerts(server: FakeBotServer, chat: int) -> list[SentMessage]:
    return [m for m in server.sent(chat) if "📰" in m.text]


async def scenario(config: Path, server: FakeBotServer, feeds: FeedServer) -> None:
    context = open_context(str(config))
    stop = asyncio.Event()
    async with running_engine(context) as engine:
        bot = asyncio.create_task(run_bot(engine, stop))
        await until(lambda: server.calls_of("getUpdates"), "the bot to poll for updates")
        await follow(server)
        feeds.set_body("/veilleur.xml", bulletin_rss())
        make_all_due(engine.db, utcnow())
        for chat in (NATO, KHERSON, OSCE, FILTER):
            await until(lambda chat=chat: alerts(server, chat), f"the alert to {chat}")  # type: ignore[misc]
        feeds.set_body("/courrier.xml", news_rss("Courrier du Sud", [("c-1", *KHERSON_REPORT)]))
        feeds.set_body("/depeche.xml", news_rss("La Dépêche de l'Est", [("d-1", *OSCE_REPORT)]))
        make_all_due(engine.db, utcnow())
        await until(lambda: all(m.edits for c in (KHERSON, FILTER, OSCE)
                                for m in alerts(server, c)), "the 'also reported by' edits")
        await asyncio.sleep(1)  # time for any wrong extra alert to arrive
        stop.set()
        await bot
    context.db.close()


@pytest.mark.usefixtures("fast_ticks")
def test_each_chat_gets_only_its_part_of_the_bulletin_once(tmp_path: Path) -> None:
    with FeedServer() as feeds, serving() as server:
        names = {"/veilleur.xml": "Le Veilleur", "/courrier.xml": "Courrier du Sud",
                 "/depeche.xml": "La Dépêche de l'Est"}
        for path, name in names.items():
            feeds.add(path, news_rss(name, []))
        config = write_config(tmp_path, server=server, feeds=[feeds.url(p) for p in names])
        asyncio.run(scenario(config, server, feeds))
    [nato] = alerts(server, NATO)
    assert "Zelensky s'entretient avec Rutte" in nato.text and "Kherson" not in nato.text
    assert "bulletin/1#part-1" in nato.text and nato.text.count("Zelensky") == 1
    assert "secrétaire général de l'<b>OTAN</b>" in nato.text
    for chat in (KHERSON, FILTER):
        [alert] = alerts(server, chat)
        assert "Des drones russes traquent les civils à Kherson" in alert.text
        assert "#part-2" in alert.text and "OTAN" not in alert.text and "Malte" not in alert.text
        assert "Also reported by Courrier du Sud" in alert.text
    [osce] = alerts(server, OSCE)
    assert "#part-3" in osce.text and "Also reported by La Dépêche de l'Est" in osce.text
    assert alerts(server, NOBODY) == []
    assert not any(SEED.title in m.text for m in server.sent())
