"""Control characters from a feed (NUL, \\x01-\\x1f but tab and newline, DEL) reach neither the
database nor an alert: normalising removes them, and white-space ones become a space.

The feed file tests/data/feeds/control_chars.xml checks the parsed fields; these check the
story fields one by one and the whole path to the chat.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.ingest.normalise import normalise_entry
from bot.ingest.parse import Entry
from tests.support.feedserver import FeedServer, make_fixture
from tests.support.hostile import CHAT, poll, rss_items

feed_server = make_fixture()
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
CONTROLS = "".join(chr(code) for code in [*range(0, 9), *range(11, 32), 127])


@pytest.mark.parametrize(("title", "expected"), [
    ("NA\x00TO summit", "NATO summit"),
    ("Kherson\x01\x02\x03\x1b[31m red", "Kherson[31m red"),
    ("tab\there, new\nline, return\r, feed\x0c, separators\x1c\x1d\x1e\x1f",
     "tab here, new line, return , feed , separators"),
    (f"all{CONTROLS}gone", "all gone"),
    ("&lt;b&gt;NA\x00TO&lt;/b&gt; \x7fsummit", "<b>NATO</b> summit"),
])
def test_normalising_removes_control_characters(title: str, expected: str) -> None:
    entry = Entry("g-1", "https://w.example/1", title, title, None)
    story = normalise_entry(entry, "https://w.example/rss", "Wire\x00\x07", None, NOW)
    assert story is not None
    assert (story.title, story.summary, story.source) == (expected, expected, "Wire")


def test_control_characters_reach_neither_the_database_nor_the_alert(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    """Raw control bytes make the XML invalid; feedparser's loose parser still reads the item."""
    feed = rss_items([("NA\x00TO\x01 summit\x1b opens", "Leaders\x07 arrive\x00 today",
                       "https://x.example/1")], channel="Control\x00 Wire")
    feed_server.add("/controls.xml", feed)
    outcome = poll(tmp_path, [feed_server.url("/controls.xml")])
    assert [(s["title"], s["summary"]) for s in outcome.stories] == [
        ("NATO summit opens", "Leaders arrive today")]
    assert [m.chat_id for m in outcome.sent] == [CHAT]
    text = outcome.sent[0].text
    assert "NATO summit opens" in text and "Control Wire" in text
    assert not set(text) & set(CONTROLS.replace("\n", ""))
