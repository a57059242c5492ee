"""Who gets a story: the chats following a matched topic, and the owners of matched filters."""

from __future__ import annotations

import sqlite_utils

from bot.core.models import Reason, ReasonKind
from bot.match.matcher import Match, StoryMatches
from storage.chats import FilterRecord, topic_followers
from storage.known import KnownFilters


def _reason(match: Match | None, kind: ReasonKind, name: str) -> Reason:
    """What the alert says matched, and where (so it can bold the words)."""
    if match is None:
        return Reason(kind, name)
    return Reason(kind, name, match.field, match.start, match.end)


def audience(db: sqlite_utils.Database, matches: StoryMatches,
             filters: KnownFilters) -> dict[int, list[Reason]]:
    """Each interested chat with the reasons it is interested, topics first; the matched
    filters' records from `filters`, kept in memory."""
    chats: dict[int, list[Reason]] = {}
    topics = sorted(matches.topics)
    for topic, followers in topic_followers(db, topics).items() if topics else ():
        reason = _reason(matches.topic_match(topic), ReasonKind.TOPIC, topic)
        for chat_id in followers:
            chats.setdefault(chat_id, []).append(reason)
    filter_ids = sorted(matches.filters)
    shared: dict[tuple[str, tuple[str, int, int] | None], Reason] = {}
    for record in filters.of(filter_ids).values() if filter_ids else ():
        chats.setdefault(record.chat_id, []).append(_filter_reason(shared, matches, record))
    return chats


def _filter_reason(shared: dict[tuple[str, tuple[str, int, int] | None], Reason],
                   matches: StoryMatches, record: FilterRecord) -> Reason:
    """The filter's reason, one object for every chat whose filter reads the same and
    matched at the same place (the outbox then renders it once)."""
    place = matches.filter_place(record.id)
    reason = shared.get((record.expr, place))
    if reason is None:
        reason = shared[record.expr, place] = (
            Reason(ReasonKind.FILTER, record.expr) if place is None
            else Reason(ReasonKind.FILTER, record.expr, *place))
    return reason
