"""One story owed to many chats is rendered once per way of seeing it (bot/deliver/alerts.py).

What a chat reads must not change for it: each chat's alert is exactly what `render_row`
makes for it, in its language and zone, with every outlet the cluster has at that moment.
"""

from __future__ import annotations

import sqlite_utils

from bot.core.clock import utcnow
from bot.deliver.alerts import RowRenderer, render_row
from storage.chats import register_chat
from storage.outbox import OutboxRow, due_rows, enqueue
from storage.preferences import set_language, set_timezone
from storage.stories import insert_story, join_cluster, start_cluster
from tests.support.stories import NATO, story

TITLE = "NATO defence ministers agree to send more air defence to Ukraine"


def owed(db: sqlite_utils.Database, chats: dict[int, str | None]) -> int:
    """One NATO story owed to each chat (id -> language); returns its cluster."""
    now = utcnow()
    story_id = insert_story(db, story(1, TITLE), None, now)
    cluster = start_cluster(db, story_id, "Baltic Wire", now)
    for chat, language in chats.items():
        register_chat(db, chat, "private", f"reader {chat}", language, now)
        assert enqueue(db, chat, cluster, story_id, NATO, now)
    return cluster


def rows(db: sqlite_utils.Database) -> dict[int, OutboxRow]:
    return {row.chat_id: row for row in due_rows(db, utcnow(), 100)}


def test_each_chat_reads_what_render_row_makes_for_it(db: sqlite_utils.Database) -> None:
    owed(db, {1: "en", 2: "en", 3: "fr", 4: "uk", 5: None, 6: "en"})
    set_timezone(db, 6, "Asia/Tokyo")
    render = RowRenderer(db)
    texts = {chat: render(row) for chat, row in rows(db).items()}
    assert texts == {chat: render_row(db, row) for chat, row in rows(db).items()}
    assert texts[1] == texts[2] == texts[5]
    assert len({texts[1], texts[3], texts[4], texts[6]}) == 4  # language and zone show


def test_an_outlet_joining_between_two_chats_is_named_to_the_later(
        db: sqlite_utils.Database) -> None:
    cluster = owed(db, {1: "en", 2: "en"})
    render = RowRenderer(db)
    first = render(rows(db)[1])
    assert "Kyiv Courier" not in first
    joined = insert_story(db, story(2, TITLE + " (update)", "Kyiv Courier"), None, utcnow())
    join_cluster(db, joined, cluster, 1, "Kyiv Courier", utcnow())
    later = render(rows(db)[2])
    assert "Kyiv Courier" in later and later == render_row(db, rows(db)[2])


def test_a_chat_that_changes_its_language_reads_the_next_alert_in_it(
        db: sqlite_utils.Database) -> None:
    owed(db, {1: "en"})
    render = RowRenderer(db)
    english = render(rows(db)[1])
    set_language(db, 1, "fr")
    french = render(rows(db)[1])
    assert french != english and french == render_row(db, rows(db)[1])
