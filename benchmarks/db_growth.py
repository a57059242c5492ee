"""How large the database grows per 10,000 stories a day, and that retention caps it.

A day of generated stories goes through the real pipeline (store, fold, match, outbox rows)
into a fresh SQLite file; the alerts are then marked sent, as they would be. Titles of about
90 characters, summaries of about `--summary` characters (feeds that carry whole articles
are cut at 5,000), a quarter in Cyrillic (two bytes a letter in UTF-8), `--matching` of the
stories alerted to every one of `--chats` chats. The same day is run without chats, so the
cost of a story and the cost of an alert are printed apart. Then two more days are added
with `[storage] keep_days` pruning the first: the file stops growing (SQLite reuses freed
pages; it does not shrink). Usage:

    .venv/bin/python benchmarks/db_growth.py [--stories 10000] [--chats 100] [--summary 400]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import sqlite_utils

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.core.clock import utcnow  # noqa: E402
from bot.core.models import Story  # noqa: E402
from bot.dedup.index import DedupIndex, DedupSettings  # noqa: E402
from bot.ingest.normalise import story_key  # noqa: E402
from bot.match.matcher import Matcher  # noqa: E402
from bot.match.topics import builtin_topics  # noqa: E402
from bot.pipeline import Pipeline  # noqa: E402
from storage.chats import register_chat, subscribe  # noqa: E402
from storage.db import open_database  # noqa: E402
from storage.retention import prune_step  # noqa: E402

LATIN = "abcdefghijklmnopqrstuvwxyz"
CYRILLIC = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
MB = 1024 * 1024


def words(pick: random.Random, letters: str, chars: int) -> str:
    """Random words of 3-9 letters, about `chars` characters in all."""
    out: list[str] = []
    while sum(len(w) + 1 for w in out) < chars:
        out.append("".join(pick.choices(letters, k=pick.randint(3, 9))))
    return " ".join(out)


def day_of_stories(count: int, summary: int, matching: float, seed: int,
                   start: datetime) -> list[tuple[datetime, Story]]:
    """`count` stories over one day, from 200 feeds."""
    pick = random.Random(seed)
    stories = []
    for n in range(count):
        letters = CYRILLIC if n % 4 == 0 else LATIN
        title = words(pick, letters, 90)
        if pick.random() < matching:
            title = f"NATO {title}"
        feed = f"https://outlet{n % 200}.example/rss.xml"
        slug = title[:30].replace(" ", "-")
        link, guid = f"https://outlet{n % 200}.example/news/2026/{seed}-{n}-{slug}", f"{seed}-{n}"
        at = start + timedelta(seconds=86_400 * n / count)
        key = story_key(feed, guid, link, title, at)
        stories.append((at, Story(key, feed, f"Outlet {n % 200}", guid, link, title,
                                  words(pick, letters, summary), at)))
    return stories


def ingest(db: sqlite_utils.Database, stories: list[tuple[datetime, Story]]) -> None:
    """Through the pipeline in batches of 50 (as a poll stores them); alerts then sent."""
    pipeline = Pipeline(db, DedupIndex(DedupSettings()), Matcher(builtin_topics()))
    for start in range(0, len(stories), 50):
        batch = stories[start:start + 50]
        pipeline.ingest(None, [story for _, story in batch], batch[-1][0])
    db.execute("UPDATE outbox SET status = 'sent', message_id = id + 100000, sent_at = created_at,"
               " attempts = 1 WHERE status = 'pending'")


def size(db: sqlite_utils.Database) -> int:
    """Bytes in use by the file once the WAL is folded in."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    free = db.execute("PRAGMA freelist_count").fetchone()[0]
    return int((pages - free) * db.execute("PRAGMA page_size").fetchone()[0])


def one_day(path: Path, args: argparse.Namespace, chats: int) -> tuple[int, int]:
    """Bytes for one day with `chats` readers; outbox rows written."""
    db = open_database(path)
    now = utcnow()
    for chat in range(1, chats + 1):
        register_chat(db, chat, "private", f"reader {chat}", None, now)
        subscribe(db, chat, "nato", now)
    empty = size(db)
    ingest(db, day_of_stories(args.stories, args.summary, args.matching, 1, now))
    rows = db.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]
    grown = size(db) - empty
    db.close()
    return grown, rows


def capped(path: Path, args: argparse.Namespace, keep_days: int) -> list[int]:
    """File sizes after each of three days, the oldest pruned once it is past keep_days."""
    db = open_database(path)
    now, sizes = utcnow(), []
    register_chat(db, 1, "private", "reader", None, now)
    subscribe(db, 1, "nato", now)
    starts = [now - timedelta(days=keep_days + 1), now - timedelta(days=1), now]
    for n, start in enumerate(starts):  # the first day is past keep_days only at the third
        while prune_step(db, start - timedelta(days=keep_days)):
            pass
        ingest(db, day_of_stories(args.stories, args.summary, args.matching, 10 + n, start))
        size(db)
        sizes.append(path.stat().st_size)
    db.close()
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=10_000, help="stories a day")
    parser.add_argument("--chats", type=int, default=100, help="chats following nato")
    parser.add_argument("--summary", type=int, default=400, help="summary characters")
    parser.add_argument("--matching", type=float, default=0.1, help="share alerted")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        stories, _ = one_day(Path(directory) / "stories.db", args, 0)
        both, rows = one_day(Path(directory) / "alerts.db", args, args.chats)
        sizes = capped(Path(directory) / "capped.db", args, 30)
    alerts = both - stories
    print(f"{args.stories:,} stories a day (summaries ~{args.summary} characters): "
          f"{stories / MB:.1f} MB a day, {stories / args.stories:,.0f} bytes a story")
    print(f"{rows:,} alerts to {args.chats} chats: {alerts / MB:.1f} MB, "
          f"{alerts / max(rows, 1):,.0f} bytes an alert")
    print(f"with keep_days = 30: {30 * stories / MB:,.0f} MB of stories, and "
          f"{30 * alerts / MB:,.0f} MB for these alerts (30 such days)")
    print("file after each day, the first pruned before the third: "
          + ", ".join(f"{s / MB:.1f} MB" for s in sizes))


if __name__ == "__main__":
    main()
