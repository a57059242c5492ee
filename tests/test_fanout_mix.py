"""One story owed to many chats at once, each on its own settings: the rows the fan-out writes
are the ones each chat asked for (paused, left, quiet, digest, muted, capped), with its own
reasons, however many chats share a reason or a plan."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import sqlite_utils

from bot.core.config import DedupSettings, DeliverySettings
from bot.core.models import Story
from bot.dedup.index import DedupIndex
from bot.match.filters import parse_filter
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics
from bot.pipeline import Pipeline
from storage.chats import add_filter, deactivate_chat, register_chat, set_paused, subscribe
from storage.mutes import mute
from storage.preferences import set_digest, set_quiet, set_timezone

NOW = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)  # 13:00 in Kyiv, 12:00 in Paris


def news(n: int, title: str) -> Story:
    return Story(f"k{n}", "http://127.0.0.1/feed", "Baltic Wire", f"g{n}",
                 f"https://news.example/{n}", title, "Ministers met on Thursday.", NOW)


def setup(db: sqlite_utils.Database, per_poll: int = 10) -> tuple[Pipeline, dict[str, int]]:
    """Chats 1-9, each with its own settings, all interested in a story on NATO in Vilnius."""
    flow = Pipeline(db, DedupIndex(DedupSettings()), Matcher(builtin_topics()),
                    DeliverySettings(max_alerts_per_poll=per_poll))
    filters: dict[str, int] = {}
    for chat_id in range(1, 10):
        register_chat(db, chat_id, "private", f"chat {chat_id}", None, NOW)
        subscribe(db, chat_id, "nato", NOW)
    for chat_id, expr in [(1, "Vilnius"), (2, "vilnius"), (2, "summit OR Riga"), (3, "Vilnius"),
                          (7, "Vilnius"), (8, "Vilnius"), (9, "Vilnius")]:
        filters[f"{chat_id}:{expr}"] = add_filter(db, chat_id, expr, NOW)
        flow.matcher.add_filter(filters[f"{chat_id}:{expr}"], parse_filter(expr))
    set_paused(db, 3, True)
    deactivate_chat(db, 4, "blocked")
    set_timezone(db, 5, "Europe/Kyiv")
    set_quiet(db, 5, "12:30", "14:00")  # quiet at 13:00 in Kyiv
    set_timezone(db, 6, "Europe/Paris")
    set_quiet(db, 6, "12:30", "14:00")  # 12:00 in Paris: not quiet yet
    set_digest(db, 9, "hourly", None)
    mute(db, 7, f"filter:{filters['7:Vilnius']}", NOW + timedelta(hours=1))
    mute(db, 8, f"filter:{filters['8:Vilnius']}", NOW + timedelta(hours=1))
    mute(db, 8, "topic:nato", NOW + timedelta(hours=1))
    mute(db, 1, "topic:nato", NOW - timedelta(minutes=1))  # over: it mutes nothing
    return flow, filters


def rows(db: sqlite_utils.Database) -> dict[int, tuple[str, list[tuple[str, str, str]]]]:
    """Each chat's row for the first story: its status and its reasons (kind, name, field)."""
    found = db.execute("SELECT chat_id, status, reasons FROM outbox ORDER BY chat_id").fetchall()
    return {chat: (status, [(r["kind"], r.get("name", ""), r.get("field", ""))
                            for r in json.loads(reasons)]) for chat, status, reasons in found}


NATO = ("topic", "nato", "title")


def test_each_chat_gets_the_row_its_own_settings_ask_for(db: sqlite_utils.Database) -> None:
    flow, _ = setup(db)
    [stored] = flow.ingest(None, [news(1, "NATO summit in Vilnius ends")], NOW)
    assert rows(db) == {
        1: ("pending", [NATO, ("filter", "Vilnius", "title")]),
        2: ("pending", [NATO, ("filter", "vilnius", "title"),
                        ("filter", "summit OR Riga", "title")]),
        3: ("skipped", [NATO, ("filter", "Vilnius", "title")]),
        5: ("held", [NATO]),
        6: ("pending", [NATO]),
        7: ("pending", [NATO]),
        9: ("held", [NATO, ("filter", "Vilnius", "title")]),
    }
    assert sorted(stored.chats) == [1, 2, 5, 6, 7, 9]  # not the paused chat


def test_shared_reasons_keep_each_chat_its_own_span(db: sqlite_utils.Database) -> None:
    flow, _ = setup(db)
    flow.ingest(None, [news(1, "Vilnius: NATO summit in Vilnius ends")], NOW)
    spans = {chat: json.loads(text) for chat, text in
             db.execute("SELECT chat_id, reasons FROM outbox").fetchall()}
    assert spans[1][1] == spans[3][1] == {"kind": "filter", "name": "Vilnius", "field": "title",
                                          "start": 0, "end": 7}
    assert spans[2][2] == {"kind": "filter", "name": "summit OR Riga", "field": "title",
                           "start": 14, "end": 20}


def test_a_chat_past_the_poll_cap_is_held_with_more_while_others_are_not(
        db: sqlite_utils.Database) -> None:
    flow, _ = setup(db, per_poll=1)
    flow.ingest(None, [news(1, "NATO summit in Vilnius ends")], NOW)
    flow.ingest(None, [news(2, "Riga hosts a summit on drones")], NOW)  # only chat 2 follows
    second = db.execute("SELECT chat_id, status, reasons FROM outbox WHERE story_id = 2"
                        ).fetchall()
    assert [(chat, status) for chat, status, _ in second] == [(2, "held")]
    assert [r["kind"] for r in json.loads(second[0][2])] == ["filter", "more"]


def test_filters_reading_alike_share_a_place_and_others_keep_their_own() -> None:
    matcher = Matcher(builtin_topics())
    for filter_id, expr in [(1, "vilnius"), (2, "Vilnius"), (3, "ends Vilnius"), (4, "thursday")]:
        matcher.add_filter(filter_id, parse_filter(expr))
    title = "NATO summit in Vilnius ends"
    found = matcher.match(title, "Ministers met on Thursday.")
    matcher.remove_filter(2)  # removed after the match: it has no place any more
    assert found.filter_place(1) == ("title", 15, 22)
    assert found.filter_place(2) is None
    assert found.filter_place(3) == ("title", 15, 22)  # its first word in the title
    assert found.filter_place(4) == ("summary", 17, 25)
    assert found.filter_place(5) is None  # never a filter
    assert [m.name for m in found.matches()] == ["nato", "1", "3", "4"]
