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
    if matches.filters:
        _add_filters(chats, matches, filters)
    return chats


def _add_filters(chats: dict[int, list[Reason]], matches: StoryMatches,
                 filters: KnownFilters) -> None:
    """Each matched filter's reason added to its chat's; one Reason per expression (a word
    typed in a hundred chats), found once per story instead of once per filter."""
    by_expr: dict[str, Reason] = {}
    for record in filters.of(sorted(matches.filters)).values():
        shared = by_expr.get(record.expr)
        if shared is None:
            shared = by_expr[record.expr] = _filter_reason(matches, record)
        mine = chats.get(record.chat_id)
        if mine is None:
            chats[record.chat_id] = [shared]
        else:
            mine.append(shared)


def _filter_reason(matches: StoryMatches, record: FilterRecord) -> Reason:
    """The filter's reason, one object for every chat whose filter reads the same (it
    matched at the same place, and the outbox then renders it once)."""
    place = matches.filter_place(record.id)
    if place is None:
        return Reason(ReasonKind.FILTER, record.expr)
    return Reason(ReasonKind.FILTER, record.expr, *place)
