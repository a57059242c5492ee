"""Who gets a story: the chats following a matched topic, and the owners of matched filters."""

from __future__ import annotations

import sqlite_utils

from bot.core.models import Reason, ReasonKind
from bot.match.matcher import Match, StoryMatches
from storage.chats import filters_by_id, topic_followers


def _reason(match: Match | None, kind: ReasonKind, name: str) -> Reason:
    """What the alert says matched, and where (so it can bold the words)."""
    if match is None:
        return Reason(kind, name)
    return Reason(kind, name, match.field, match.start, match.end)


def audience(db: sqlite_utils.Database, matches: StoryMatches) -> dict[int, list[Reason]]:
    """Each interested chat with the reasons it is interested, topics first."""
    chats: dict[int, list[Reason]] = {}
    topics = sorted(matches.topics)
    for topic, followers in topic_followers(db, topics).items() if topics else ():
        reason = _reason(matches.topic_match(topic), ReasonKind.TOPIC, topic)
        for chat_id in followers:
            chats.setdefault(chat_id, []).append(reason)
    filter_ids = sorted(matches.filters)
    for record in filters_by_id(db, filter_ids) if filter_ids else ():
        reason = _reason(matches.filter_match(record.id), ReasonKind.FILTER, record.expr)
        chats.setdefault(record.chat_id, []).append(reason)
    return chats
