"""What the pipeline keeps in memory of chats' settings and filters, and when it forgets.

A story owed to 900 chats read their settings and filters from SQLite each time (3.5 ms of its
15). Kept here instead, by id, filled as stories ask; each look-up first reads the table's
token (schema V9), which a trigger changes on every write that touches what is kept, by any
code or process. A token unlike the one kept empties the memory: nothing stale is ever used,
and the write paths need not know this exists.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

import sqlite_utils

from bot.core.models import Plan
from storage.chats import FilterRecord, filters_by_id
from storage.preferences import Preferences, preferences_of

T = TypeVar("T")


def change_token(db: sqlite_utils.Database, table: str) -> int:
    """The token the V9 triggers give `table` on each write to what is kept of it."""
    return int(db.execute("SELECT token FROM changes WHERE name = ?", [table]).fetchone()[0])


class _Kept(Generic[T]):
    """Values by id, valid while the table's token stays what it was when they were read."""

    def __init__(self, db: sqlite_utils.Database, table: str) -> None:
        self.db, self.table = db, table
        self.token: int | None = None
        self.values: dict[int, T] = {}

    def of(self, ids: list[int]) -> dict[int, T]:
        """These ids' values (those stored), read from SQLite only when not kept."""
        token = change_token(self.db, self.table)
        if token != self.token:
            self.values.clear()
            self.forget()
            self.token = token
        values = self.values
        missing = [key for key in ids if key not in values]
        if missing:
            values.update(self.read(missing))
        return {key: values[key] for key in ids if key in values}

    def read(self, ids: list[int]) -> dict[int, T]:
        raise NotImplementedError

    def forget(self) -> None:
        """What else was kept with the values goes with them."""


class KnownPreferences(_Kept[Preferences]):
    """Chats' settings; chats with the same plan share one Plan, across stories too."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        super().__init__(db, "chats")
        self.plans: dict[tuple[Any, ...], Plan] = {}

    def read(self, ids: list[int]) -> dict[int, Preferences]:
        return preferences_of(self.db, ids, self.plans)

    def forget(self) -> None:
        self.plans.clear()


class KnownFilters(_Kept[FilterRecord]):
    """Filters with their chats, by filter id."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        super().__init__(db, "filters")

    def read(self, ids: list[int]) -> dict[int, FilterRecord]:
        return {record.id: record for record in filters_by_id(self.db, ids)}
