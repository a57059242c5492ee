"""A keyword filter's whole life in one place: its stored row and its entry in the matcher.

Every caller (the engine at start, /filter add and remove, the ❌ buttons, a chat coming back,
/test) goes through `FilterBook`, so the database and the matcher never disagree, and a stored
filter that no longer parses is treated the same way wherever it is met: set aside (kept, with
the reason, out of the matcher) and its chat told once. It never stops anything.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

import sqlite_utils

from bot.core.clock import Clock
from bot.core.errors import FilterSyntaxError
from bot.match.filters import FILTERS_PER_CHAT, FilterExpr, parse_filter
from bot.match.matcher import Matcher
from storage.chats import FilterRecord, add_filter, all_filters, chat_filters, remove_filter
from storage.filters_aside import set_aside

log = logging.getLogger(__name__)


class Added(Enum):
    """How an attempt to add a filter ended."""

    ADDED = "added"
    EXISTS = "exists"
    TOO_MANY = "too many"


@dataclass(frozen=True, slots=True)
class AddResult:
    """The outcome and the filter's number in the chat's list (1-based)."""

    outcome: Added
    number: int


class FilterBook:
    """Adds, removes, re-parses and loads the chats' filters, in storage and in the matcher."""

    def __init__(self, db: sqlite_utils.Database, matcher: Matcher, clock: Clock) -> None:
        self.db = db
        self.matcher = matcher
        self.clock = clock

    def load_all(self) -> None:
        """At start: every stored filter into the matcher; one that no longer parses aside."""
        for filter_id, parsed in self.parsed(all_filters(self.db)):
            self.matcher.add_filter(filter_id, parsed)
        self.matcher.settle()

    def add(self, chat_id: int, parsed: FilterExpr) -> AddResult:
        """Store and index a parsed filter, unless the chat has it already or is full."""
        existing = chat_filters(self.db, chat_id)
        wanted = parsed.source.casefold()
        same = [n for n, f in enumerate(existing, 1) if f.expr.casefold() == wanted]
        if same:
            return AddResult(Added.EXISTS, same[0])
        if len(existing) >= FILTERS_PER_CHAT:
            return AddResult(Added.TOO_MANY, len(existing))
        filter_id = add_filter(self.db, chat_id, parsed.source, self.clock())
        self.matcher.add_filter(filter_id, parsed)
        return AddResult(Added.ADDED, len(existing) + 1)

    def remove(self, chat_id: int, filter_id: int) -> bool:
        """Remove one of the chat's filters from storage, then from the matcher."""
        removed = remove_filter(self.db, chat_id, filter_id)
        if removed:
            self.matcher.remove_filter(filter_id)
        return removed

    def drop_chat(self, chat_id: int) -> None:
        """Take a chat's filters out of the matcher; their rows go with the chat (cascade)."""
        for record in chat_filters(self.db, chat_id):
            self.matcher.remove_filter(record.id)

    def sync_chat(self, chat_id: int) -> None:
        """Put a chat's stored filters (back) in the matcher: a chat deactivated at start had
        them left out. Adding is idempotent by id."""
        for filter_id, parsed in self.parsed(chat_filters(self.db, chat_id)):
            self.matcher.add_filter(filter_id, parsed)

    def parsed(self, records: list[FilterRecord]) -> Iterator[tuple[int, FilterExpr]]:
        """The stored filters parsed again; each one that no longer parses is set aside."""
        for record in records:
            found = self._parse_stored(record, self.clock())
            if found is not None:
                yield record.id, found

    def _parse_stored(self, record: FilterRecord, now: datetime) -> FilterExpr | None:
        try:
            return parse_filter(record.expr)
        except Exception as error:  # noqa: BLE001 - no stored filter may stop anything
            reason = error.reason if isinstance(error, FilterSyntaxError) else type(error).__name__
        set_aside(self.db, record, reason, now)
        log.warning("filter %d of chat %d no longer parses (%s): set aside, the chat will be "
                    "told", record.id, record.chat_id, reason)
        return None
