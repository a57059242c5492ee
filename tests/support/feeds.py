"""Feeds for tests: RSS bodies dated relative to the run, the one config writer, poll helpers."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest

from bot.app.cli import main
from bot.core.clock import utcnow
from storage.db import open_database
from storage.feeds import FeedRecord, list_feeds, make_all_due
from tests.support.fakebot import FakeBotServer

Item = tuple[str, str, str]  # guid ("" for none), title, link


PUBLISHED = utcnow() - timedelta(hours=1)
"""When the test feeds' items were published: an hour before the run, so they are news."""


NEWS: list[Item] = [
    ("kc-1", "Kherson: power restored in three districts", "https://kc.example/news/1"),
    ("kc-2", "NATO ministers meet in Brussels", "https://kc.example/news/2"),
]


def rss(title: str, items: Sequence[Item], *, encoding: str = "utf-8",
        declared: str | None = "utf-8", extra: str = "") -> bytes:
    """An RSS 2.0 body in `encoding`, whose XML declaration names `declared` (None: none)."""
    prolog = f'<?xml version="1.0" encoding="{declared}"?>\n' if declared else ""
    entries = "".join(
        "<item>" + (f"<guid>{escape(guid)}</guid>" if guid else "")
        + f"<title>{escape(text)}</title><link>{escape(link)}</link>"
        + f"<pubDate>{format_datetime(PUBLISHED)}</pubDate></item>"
        for guid, text, link in items
    )
    channel = f"<title>{escape(title)}</title>{extra}{entries}"
    return f"{prolog}<rss version='2.0'><channel>{channel}</channel></rss>".encode(encoding)


def write_config(directory: Path, feeds: Sequence[str | tuple[str, str]] = (), *,
                 server: FakeBotServer | None = None, token: str | None = None,
                 admins: Sequence[int] = (), db_path: Path | None = None,
                 allow_private: bool = True, timeout: float = 3.0,
                 max_bytes: int = 10_000_000, own_interval: Mapping[str, int] | None = None,
                 ) -> Path:
    """`directory`/config.toml, its database beside it (or at `db_path`); feeds are URLs or
    (URL, name), with their own interval from `own_interval`; with `server`, the fake Bot
    API as Telegram (its token unless `token` is given) and `admins`."""
    database = db_path or directory / "vigie.db"
    lines = [
        "[storage]", f"path = {json.dumps(str(database))}",
        "[polling]", "interval = 300", f"timeout = {timeout}", "concurrency = 4",
        "[fetch]", f"allow_private_hosts = {str(allow_private).lower()}",
        f"max_bytes = {max_bytes}",
    ]
    if server is not None:
        lines += ["[telegram]", f"token = {json.dumps(token or server.token)}",
                  f"api_base_url = {json.dumps(server.api_base_url)}",
                  f"admins = [{', '.join(str(a) for a in admins)}]"]
    for feed in feeds:
        url, name = (feed, "") if isinstance(feed, str) else feed
        lines += ["[[feeds]]", f"url = {json.dumps(url)}", f"name = {json.dumps(name)}"]
        if own_interval and url in own_interval:
            lines.append(f"interval = {own_interval[url]}")
    path = directory / "config.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def poll_json(config: Path, capsys: pytest.CaptureFixture[str]) -> tuple[list[dict[str, Any]], str]:
    """Run `vigie poll --once --json`; the stories printed and the summary line."""
    code = main(["poll", "--once", "--json", "--config", str(config)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()], err.strip().splitlines()[-1]


def feeds_in(db_path: Path) -> dict[str, FeedRecord]:
    """Every feed row by URL, read through a connection of its own."""
    db = open_database(db_path)
    try:
        return {feed.url: feed for feed in list_feeds(db)}
    finally:
        db.close()


def titles_in(db_path: Path) -> list[str]:
    db = open_database(db_path)
    try:
        return [row[0] for row in db.execute("SELECT title FROM stories ORDER BY id").fetchall()]
    finally:
        db.close()


def make_due(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        make_all_due(db, utcnow())
    finally:
        db.close()
