"""Faults on demand: a full disk, a lock held by another process, a clock moved by hand."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import sqlite_utils

from bot.core.clock import utcnow
from storage.chats import register_chat, subscribe
from tests.support.news import SUMMARY


def readers(db: sqlite_utils.Database, chats: list[int], topic: str = "nato") -> None:
    for chat in chats:
        register_chat(db, chat, "private", f"reader {chat}", None, utcnow())
        subscribe(db, chat, topic, utcnow())


class FakeClock:
    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now


def owe(db: sqlite_utils.Database, chats: list[int], per_chat: int) -> int:
    """Stories matching nato, each owed to every chat, in order; returns how many rows."""
    from bot.core.config import DedupSettings
    from bot.core.models import Story
    from bot.dedup.index import DedupIndex
    from bot.match.matcher import Matcher
    from bot.match.topics import builtin_topics
    from bot.pipeline import Pipeline

    readers(db, chats)
    pipeline = Pipeline(db, DedupIndex(DedupSettings()), Matcher(builtin_topics()))
    towns = ["Vilnius", "Tallinn", "Riga", "Warsaw", "Helsinki", "Oslo"]
    stories = [Story(f"k{n}", "http://127.0.0.1/feed", "Baltic Wire", f"g{n}",
                     f"https://news.example/{n}", f"NATO opens a {towns[n]} office number {n}",
                     SUMMARY, utcnow()) for n in range(per_chat)]
    return sum(len(i.chats) for i in pipeline.ingest(None, stories, utcnow()))


HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


def fill(directory: Path) -> Path:
    """Fill the disk to the last byte; returns the filler to delete."""
    filler = directory / "filler"
    handle = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(handle, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(handle)
    return filler
