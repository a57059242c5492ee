"""The database: migrated from the first day, refuses what it must not overwrite, WAL on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from bot.core.clock import utcnow
from bot.core.errors import StorageError
from bot.core.models import Story
from storage.db import open_database, schema_version
from storage.feeds import add_feed, get_feed, list_feeds, remove_feed
from storage.schema import MIGRATIONS
from storage.stories import insert_story, known_among


def _story(key: str, link: str | None) -> Story:
    return Story(key, "https://a.example/rss", "A", "g1", link, "Title", "", utcnow())


def test_new_file_gets_every_table_in_wal_mode(db: sqlite_utils.Database) -> None:
    assert {"feeds", "stories", "clusters", "chats", "subscriptions", "filters", "outbox"} <= set(
        db.table_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert schema_version(db) == len(MIGRATIONS)


def test_newer_schema_is_refused_and_left_untouched(db_path: Path) -> None:
    open_database(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    before = db_path.read_bytes()
    with pytest.raises(StorageError, match="written by a newer Vigie"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("my precious notes\n" * 10)
    with pytest.raises(StorageError, match="not a SQLite database"):
        open_database(path)
    assert path.read_text() == "my precious notes\n" * 10


def test_feeds_add_list_remove(db: sqlite_utils.Database) -> None:
    feed, new = add_feed(db, "https://a.example/rss", "A", None, utcnow())
    again, new_again = add_feed(db, "https://a.example/rss", "other", None, utcnow())
    assert (new, new_again) == (True, False)
    assert again.name == "A"
    assert [f.url for f in list_feeds(db)] == ["https://a.example/rss"]
    assert remove_feed(db, feed.url) and get_feed(db, feed.url) is None


def test_a_story_is_known_by_key_or_link_after_reopening(db_path: Path) -> None:
    first = open_database(db_path)
    insert_story(first, _story("k1", "https://a.example/1"), None, utcnow())
    first.close()
    reopened = open_database(db_path)
    known = known_among(reopened, [_story("k1", None), _story("other-key", "https://a.example/1"),
                                   _story("k2", "https://a.example/2")])
    assert _story("k1", None) in known
    assert _story("other-key", "https://a.example/1") in known
    assert _story("k2", "https://a.example/2") not in known
    reopened.close()
