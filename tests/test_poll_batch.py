"""Stories of a batch checked against the database in one query: what was stored before is
skipped whether it comes back by key or by link, and a story twice in one batch is stored once."""

from __future__ import annotations

import pytest
import sqlite_utils

from bot.core.clock import utcnow
from bot.core.config import DedupSettings
from bot.core.models import Story
from bot.dedup.index import DedupIndex
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics
from bot.pipeline import Pipeline
from storage.stories import insert_story, known_among

NOW = utcnow()


def story(key: str, link: str | None, title: str = "Kherson: ferry to the left bank resumes"
          ) -> Story:
    return Story(key, "https://kc.example/rss", "Kyiv Courier", key, link, title, "", NOW)


@pytest.mark.parametrize(("candidate", "known"), [
    (story("k-1", None), True),                              # same key
    (story("other", "https://kc.example/1"), True),          # same canonical link
    (story("k-2", "https://kc.example/2"), False),           # neither
    (story("k-3", None), False),                             # no link, new key
])
def test_a_story_is_known_by_key_or_link(db: sqlite_utils.Database, candidate: Story,
                                         known: bool) -> None:
    insert_story(db, story("k-1", "https://kc.example/1"), None, NOW)
    assert (candidate in known_among(db, [candidate, story("k-9", None)])) is known


def test_no_story_in_an_empty_batch(db: sqlite_utils.Database) -> None:
    assert story("k-1", None) not in known_among(db, [])


def test_a_story_twice_in_one_batch_is_stored_once(db: sqlite_utils.Database) -> None:
    pipeline = Pipeline(db, DedupIndex(DedupSettings()), Matcher(builtin_topics()))
    same_link = story("k-2", "https://kc.example/1", "Another headline on the same page")
    batch = [story("k-1", "https://kc.example/1"), story("k-1", None), same_link,
             story("k-3", "https://kc.example/3", "Odesa port reopens after the storm")]
    stored = pipeline.ingest(None, batch, NOW)
    assert [item.story.key for item in stored] == ["k-1", "k-3"]
    assert pipeline.ingest(None, batch, NOW) == []
    assert db.execute("SELECT COUNT(*) FROM stories").fetchone()[0] == 2


def test_a_batch_without_links_is_looked_up_by_key_not_by_reading_every_story(
        db: sqlite_utils.Database) -> None:
    """A feed whose items have no link (or only bulletin fragments) must not read the whole
    table on each poll: with 3,000 stories stored, the lookup reads a handful of rows."""
    for n in range(3000):
        insert_story(db, story(f"old-{n}", f"https://kc.example/{n}"), None, NOW)
    steps = []
    db.conn.set_progress_handler(lambda: steps.append(1), 100)  # every 100 VM instructions
    known = known_among(db, [story("old-7", None), story("new", None)])
    db.conn.set_progress_handler(None, 0)
    assert story("old-7", None) in known and story("new", None) not in known
    assert len(steps) < 20  # a scan of the table runs 3,000 x several instructions
