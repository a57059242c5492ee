"""Prints computed in the parsing workers: the bot folds what they read as it folds what it
computes itself, and a print from other code is never trusted."""

from __future__ import annotations

import asyncio
import csv
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from bot.app.context import open_context
from bot.core.config import DedupSettings
from bot.core.models import Printed, Story
from bot.dedup.index import DedupIndex
from bot.dedup.printed import prepared_of, printed, read_printed
from bot.dedup.stored import Prepared, codec, decode, prepare
from bot.engine import running_engine
from bot.ingest.reader import FeedJob, process_reader
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics
from bot.pipeline import Pipeline
from storage.db import open_database
from tests.support.feeds import rss, write_config
from tests.support.feedserver import FeedServer, make_fixture

feed_server = make_fixture()
PAIRS = Path(__file__).parent / "data" / "dedup_pairs.tsv"
NOW = datetime(2025, 6, 2, 9, 0, tzinfo=UTC)
XML = {"content-type": "application/rss+xml"}


def _pairs() -> list[tuple[str, str, str]]:
    """(language, a, b): headline pairs in four languages, duplicates and not."""
    with PAIRS.open(encoding="utf-8", newline="") as handle:
        return [(row["lang"], row["a"], row["b"])
                for row in csv.DictReader(handle, delimiter="\t")]


def _body(titles: list[str]) -> bytes:
    return rss("Kyiv Courier", [(f"g{n}", title, f"https://kc.example/{n}")
                                for n, title in enumerate(titles)])


def _read_in_worker(titles: list[str]) -> list[Story]:
    """The stories of a feed of `titles`, as a parsing worker process reads them."""
    with process_reader(1, read=read_printed) as reader:
        read = asyncio.run(reader(FeedJob(_body(titles), XML, "https://kc.example/rss", "",
                                          None, NOW)))
    assert read.error is None
    return read.stories


def _judged(prepared: Prepared) -> tuple[object, object]:
    """What dedup judges by: the bytes may differ between processes (marshal shares repeated
    strings by reference as it finds them) while the values are the same."""
    return prepared.fingerprint, prepared.signature


def test_a_worker_sends_each_story_with_the_print_the_bot_would_compute() -> None:
    titles = [title for _, a, b in _pairs() for title in (a, b)]
    stories = _read_in_worker(titles)
    assert [story.title for story in stories] == titles
    for story in stories:
        assert story.printed is not None and story.printed.codec == codec()
        assert _judged(decode(story.printed.data)) == _judged(
            prepare(story.title, story.summary, story.language))


def test_stories_read_in_a_worker_fold_as_stories_computed_here(tmp_path: Path) -> None:
    """Each pair through a fresh window, printed by the worker or not: the same clusters."""
    pairs = _pairs()
    stories = _read_in_worker([title for _, a, b in pairs for title in (a, b)])
    computed, printed_ = open_database(tmp_path / "a.db"), open_database(tmp_path / "b.db")
    for n, (language, _, _) in enumerate(pairs):
        pair = [replace(s, language=language, printed=None) for s in stories[2 * n: 2 * n + 2]]
        ours = [replace(s, printed=printed(s)) for s in pair]
        assert _clusters(computed, pair) == _clusters(printed_, ours), pair[1].title
    computed.close()
    printed_.close()


def _clusters(db: sqlite_utils.Database, stories: list[Story]) -> list[int]:
    """The clusters of `stories` judged in a fresh window."""
    pipeline = Pipeline(db, DedupIndex(DedupSettings()), Matcher(builtin_topics()))
    return [item.cluster_id for item in pipeline.ingest(None, stories, NOW)]


def test_a_print_from_other_code_is_computed_again() -> None:
    story = Story("k1", "https://kc.example/rss", "Kyiv Courier", "g1", "https://kc.example/1",
                  "Five injured in Odesa strike", "", NOW, "en")
    other = prepare("Parliament debates the budget", "", "en")
    trusted = replace(story, printed=Printed(other.data, codec()))
    old = replace(story, printed=Printed(other.data, "m4-0000000000000000"))
    # today's codec: the worker's print is the print; another codec: computed again
    assert _judged(prepared_of(trusted)) == _judged(other)
    assert _judged(prepared_of(old)) == _judged(prepare(story.title, story.summary, "en"))


def test_poll_once_takes_the_prints_its_parsing_workers_computed(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.add("/news.xml", _body(["Five injured in Odesa strike",
                                        "Зеленський обговорив з Рютте запрошення до НАТО"]))
    context = open_context(str(write_config(tmp_path, [feed_server.url("/news.xml")])))

    async def poll() -> list[Story]:
        async with running_engine(context) as engine:
            return [new.story for new in (await engine.poll_once()).new]

    try:
        stories = asyncio.run(poll())
    finally:
        context.db.close()
    assert len(stories) == 2
    for story in stories:
        assert story.printed is not None
        assert _judged(decode(story.printed.data)) == _judged(
            prepare(story.title, story.summary, story.language))
