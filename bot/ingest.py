"""Storing what a poll found: each story once, ever, whatever feed or restart brings it again."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from bot.models import Story
from storage.db import transaction
from storage.stories import insert_story, is_known


@dataclass(frozen=True, slots=True)
class NewStory:
    """A story stored for the first time, with the id it got."""

    id: int
    story: Story


def store_new(db: sqlite_utils.Database, feed_id: int | None, stories: Iterable[Story],
              fetched_at: datetime) -> list[NewStory]:
    """Store the stories never seen before (same key or canonical link), in one transaction."""
    new: list[NewStory] = []
    with transaction(db):
        for story in stories:
            if not is_known(db, story.key, story.link):
                new.append(NewStory(insert_story(db, story, feed_id, fetched_at), story))
    return new
