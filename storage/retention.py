"""Retention: what is older than `[storage] keep_days` is deleted, a small batch at a time.

A cluster goes, with its stories and its outbox rows, once its last story was seen before the
cutoff and no chat is still owed it (no pending or held row). Stories in no cluster and
digests already sent or dead go by the same cutoff. Each step is one short transaction, so a
prune never holds SQLite's write lock, or the event loop, for long.
"""

from __future__ import annotations

from datetime import datetime

import sqlite_utils

from bot.core.clock import to_text
from storage.db import transaction

PRUNE_BATCH = 200
"""Clusters (and as many loose stories and digests) per step: a few milliseconds each."""


def prune_step(db: sqlite_utils.Database, cutoff: datetime, limit: int = PRUNE_BATCH) -> int:
    """Delete one batch of what is past `cutoff` and owed to nobody; rows deleted (0: done)."""
    when = to_text(cutoff)
    with transaction(db):
        deleted = _delete_clusters(db, _old_clusters(db, when, limit))
        deleted += _delete_loose_stories(db, when, limit)
        deleted += _delete_digests(db, when, limit)
    return deleted


def _old_clusters(db: sqlite_utils.Database, when: str, limit: int) -> list[int]:
    sql = """SELECT id FROM clusters c WHERE last_story_at < ? AND NOT EXISTS
                 (SELECT 1 FROM outbox o WHERE o.cluster_id = c.id
                  AND o.status IN ('pending', 'held'))
             ORDER BY last_story_at LIMIT ?"""
    return [row[0] for row in db.execute(sql, [when, limit]).fetchall()]


def _delete_clusters(db: sqlite_utils.Database, ids: list[int]) -> int:
    """The clusters, their outbox rows and their stories (children first: foreign keys)."""
    if not ids:
        return 0
    marks = ",".join("?" * len(ids))
    deleted = 0
    for table, column in (("outbox", "cluster_id"), ("stories", "cluster_id"), ("clusters", "id")):
        deleted += db.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", ids).rowcount
    return deleted


def _delete_loose_stories(db: sqlite_utils.Database, when: str, limit: int) -> int:
    sql = """DELETE FROM stories WHERE id IN (SELECT id FROM stories s WHERE cluster_id IS NULL
                 AND fetched_at < ? AND NOT EXISTS (SELECT 1 FROM outbox WHERE story_id = s.id)
                 LIMIT ?)"""
    return int(db.execute(sql, [when, limit]).rowcount)


def _delete_digests(db: sqlite_utils.Database, when: str, limit: int) -> int:
    sql = """DELETE FROM digests WHERE id IN (SELECT id FROM digests
                 WHERE status != 'pending' AND created_at < ? LIMIT ?)"""
    return int(db.execute(sql, [when, limit]).rowcount)
