"""Stories and the clusters of near-duplicates they fold into."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from bot.core.clock import from_text, to_text
from bot.core.models import Story


@dataclass(frozen=True, slots=True)
class StoredStory:
    """A story read back for the dedup window or for rendering."""

    id: int
    title: str
    summary: str
    link: str | None
    source: str
    published: datetime
    cluster_id: int | None
    seen: datetime
    """When Vigie first saw it (`fetched_at`)."""
    language: str | None = None
    """The feed's language ("en", "uk"), when it named one."""


@dataclass(frozen=True, slots=True)
class DedupPrint:
    """What the dedup window needs of a story, encoded (bot/dedup/stored.py), and the codec
    that wrote it: a start reads it back instead of recomputing it."""

    data: bytes
    codec: str


@dataclass(frozen=True, slots=True)
class WindowRow:
    """A story of the window as a start reads it: its print when of the current codec, else
    its title and summary to compute one from."""

    id: int
    cluster_id: int | None
    told: datetime
    """The later of published and first seen: when it counts as told."""
    language: str | None
    data: bytes | None
    title: str | None
    summary: str | None


@dataclass(slots=True)
class Known:
    """The keys and links of a batch already stored; `add` as each new story is stored."""

    keys: set[str]
    links: set[str]

    def __contains__(self, story: Story) -> bool:
        link = _identity_link(story)
        return story.key in self.keys or (link is not None and link in self.links)

    def add(self, story: Story) -> None:
        self.keys.add(story.key)
        if (link := _identity_link(story)) is not None:
            self.links.add(link)


def _identity_link(story: Story) -> str | None:
    """The link that says "seen before": a canonical link never has a fragment, so a link
    with one ("#part-2") is a place in a bulletin, and its part's key is its identity (the
    outlet may reorder the parts)."""
    return None if story.link is None or "#" in story.link else story.link


def known_among(db: sqlite_utils.Database, stories: list[Story]) -> Known:
    """Which of `stories` are stored already (by key or link), in one query, not one each."""
    keys = [story.key for story in stories]
    links = [link for story in stories if (link := _identity_link(story)) is not None]
    sql = f"SELECT key, link FROM stories WHERE key IN ({', '.join('?' * len(keys))})"
    if links:  # "OR link IN ()" made SQLite scan the whole table (a feed without links)
        sql += f" OR link IN ({', '.join('?' * len(links))})"
    rows = db.execute(sql, keys + links).fetchall() if stories else []
    return Known({row[0] for row in rows}, {row[1] for row in rows if row[1] is not None})


def insert_story(db: sqlite_utils.Database, story: Story, feed_id: int | None,
                 fetched_at: datetime, dedup: DedupPrint | None = None) -> int:
    """Store a new story, with its dedup print when given; returns its id."""
    cursor = db.execute(
        """INSERT INTO stories (key, feed_id, source, guid, link, title, summary, published,
               fetched_at, language, dedup_print, dedup_codec)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [story.key, feed_id, story.source, story.guid, story.link, story.title, story.summary,
         to_text(story.published), to_text(fetched_at), story.language,
         dedup.data if dedup else None, dedup.codec if dedup else None],
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def start_cluster(db: sqlite_utils.Database, story_id: int, source: str, at: datetime,
                  perhaps: int | None = None) -> int:
    """A new cluster whose id is its first story's id (the id `vigie analyze` prints);
    `perhaps`, a report in another language that reads much alike but did not merge."""
    db.execute(
        """INSERT INTO clusters (id, first_story_id, created_at, last_story_at, sources,
                                 perhaps_story_id)
           VALUES (?, ?, ?, ?, ?, ?)""",
        [story_id, story_id, to_text(at), to_text(at), json.dumps([source]), perhaps],
    )
    db.execute("UPDATE stories SET cluster_id = ? WHERE id = ?", [story_id, story_id])
    return story_id


def join_cluster(db: sqlite_utils.Database, story_id: int, cluster_id: int, duplicate_of: int,
                 source: str, at: datetime) -> bool:
    """Put a story in an existing cluster; returns whether `source` is a new outlet for it."""
    sources = cluster_sources(db, cluster_id)
    new_outlet = source not in sources
    if new_outlet:
        sources.append(source)
    db.execute(
        "UPDATE clusters SET size = size + 1, last_story_at = ?, sources = ? WHERE id = ?",
        [to_text(at), json.dumps(sources, ensure_ascii=False), cluster_id],
    )
    db.execute("UPDATE stories SET cluster_id = ?, duplicate_of = ? WHERE id = ?",
               [cluster_id, duplicate_of, story_id])
    return new_outlet


def cluster_sources(db: sqlite_utils.Database, cluster_id: int) -> list[str]:
    """The outlets that reported a cluster, first reporter first."""
    row = db.execute("SELECT sources FROM clusters WHERE id = ?", [cluster_id]).fetchone()
    return list(json.loads(row[0])) if row else []


_COLUMNS = ("id, title, summary, link, source, published, cluster_id, fetched_at AS seen, "
            "language")


def window_rows(db: sqlite_utils.Database, since: datetime, codec: str) -> Iterator[WindowRow]:
    """Stories Vigie first saw since `since`, in the order it saw them (a publisher's date
    says nothing of when a story reached us): the dedup window to rebuild at start, each with
    its print when written by `codec`; title and summary only for the rows without one."""
    sql = """SELECT id, cluster_id, max(published, fetched_at), language,
                    CASE WHEN dedup_codec = :codec THEN dedup_print END,
                    CASE WHEN dedup_codec = :codec THEN NULL ELSE title END,
                    CASE WHEN dedup_codec = :codec THEN NULL ELSE summary END
             FROM stories WHERE fetched_at >= :since ORDER BY fetched_at, id"""
    cursor = db.execute(sql, {"codec": codec, "since": to_text(since)})
    for id_, cluster_id, told, language, data, title, summary in cursor:
        yield WindowRow(id_, cluster_id, from_text(told), language, data, title, summary)


def store_prints(db: sqlite_utils.Database, prints: list[tuple[int, DedupPrint]]) -> None:
    """Write the prints a start had to compute (rows stored before them, or by older code)."""
    db.conn.executemany("UPDATE stories SET dedup_print = ?, dedup_codec = ? WHERE id = ?",
                        [(p.data, p.codec, story_id) for story_id, p in prints])


def _stored(row: dict[str, Any]) -> StoredStory:
    return StoredStory(**{**row, "published": from_text(row["published"]),
                          "seen": from_text(row["seen"])})


def get_story(db: sqlite_utils.Database, story_id: int) -> StoredStory | None:
    """One story by id."""
    sql = f"SELECT {_COLUMNS} FROM stories WHERE id = ?"
    rows = list(db.query(sql, [story_id]))
    return _stored(rows[0]) if rows else None


def cluster_reports(db: sqlite_utils.Database, cluster_id: int) -> list[StoredStory]:
    """Every story of a cluster, first reporter first: the alert picks the one to show in
    the chat's language and lists the others."""
    sql = f"SELECT {_COLUMNS} FROM stories WHERE cluster_id = ? ORDER BY id"
    return [_stored(row) for row in db.query(sql, [cluster_id])]


def perhaps_same(db: sqlite_utils.Database, cluster_id: int) -> StoredStory | None:
    """The report in another language a cluster perhaps tells the same event as, if any."""
    row = db.execute("SELECT perhaps_story_id FROM clusters WHERE id = ?",
                     [cluster_id]).fetchone()
    return get_story(db, row[0]) if row and row[0] is not None else None


def cluster_state(db: sqlite_utils.Database, cluster_id: int) -> tuple[int, str] | None:
    """A cluster's size and outlets as stored, or None when it is gone. Both change whenever a
    report joins it and stories are never rewritten, so an alert rendered from the cluster
    earlier is the same alert while they are the same (bot/deliver/alerts.RowRenderer)."""
    row = db.execute("SELECT size, sources FROM clusters WHERE id = ?", [cluster_id]).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))
