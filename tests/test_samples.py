"""The demo's bundled bulletins: clean feeds that exercise every topic, trap and duplicate case."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

import bot
from bot.core.text import words
from bot.ingest.normalise import normalise_entry
from bot.ingest.parse import ParsedFeed, parse_feed

SAMPLES = sorted((Path(bot.__file__).parent / "samples").glob("*.xml"))
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
# The single-word names of each built-in topic, folded; inflected Ukrainian forms included.
TOPIC_WORDS = {
    "nato": {"nato", "otan", "нато"},
    "kherson": {"kherson", "херсон", "херсона", "херсоні", "херсонщина", "херсонщині",
                "херсонщини", "херсонська", "херсонської"},
    "osce": {"osce", "osze", "obse", "обсє", "обсе"},
}
# Words that begin like a topic name or hold it, and must never match it.
TRAPS = {"senator", "governor", "coordinator", "губернатор", "херсонес"}


def _parse(path: Path, content_type: str) -> ParsedFeed:
    return parse_feed(path.read_bytes(), {"Content-Type": content_type})


def _words(parsed: ParsedFeed) -> set[str]:
    return {w for e in parsed.entries for w in words(f"{e.title} {e.summary}")}


def test_there_are_five_samples() -> None:
    assert len(SAMPLES) == 5


@pytest.mark.parametrize("content_type", ["application/xml", "text/xml", "application/rss+xml"])
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_parses_cleanly(path: Path, content_type: str) -> None:
    parsed = _parse(path, content_type)
    assert (parsed.error, parsed.warning) == (None, None)
    assert 6 <= len(parsed.entries) <= 10
    assert parsed.title and parsed.language in {"en", "fr", "uk"}
    assert all(e.guid and e.link and e.published and e.published < NOW for e in parsed.entries)
    stories = [normalise_entry(e, path.name, parsed.title, parsed.language, NOW)
               for e in parsed.entries]
    assert all(story is not None and story.summary for story in stories)


def test_guids_and_links_are_unique_across_samples() -> None:
    entries = [e for path in SAMPLES for e in _parse(path, "application/xml").entries]
    assert len({e.guid for e in entries}) == len(entries)
    assert len({e.link for e in entries}) == len(entries)


@pytest.mark.parametrize("topic", sorted(TOPIC_WORDS))
def test_each_topic_occurs_in_at_least_two_samples_in_several_languages(topic: str) -> None:
    feeds = [_parse(path, "application/xml") for path in SAMPLES]
    holding = [feed for feed in feeds if _words(feed) & TOPIC_WORDS[topic]]
    assert len(holding) >= 2
    assert {feed.language for feed in holding} == {"en", "fr", "uk"}


def test_traps_are_present() -> None:
    found = set().union(*(_words(_parse(path, "application/xml")) for path in SAMPLES))
    assert found >= TRAPS


def test_near_duplicates_are_there_to_fold() -> None:
    titles = {e.title for path in SAMPLES for e in _parse(path, "application/xml").entries}
    assert "Russian drone strike hits Kherson market, five injured" in titles
    assert "Russian drone strike hits Kherson market, five injured - Kyiv Courier" in titles
    assert "Russian drone strike hits Kherson market, seven injured" in titles
    assert {"EU foreign ministers meet in Brussels to discuss new Russia sanctions",
            "EU finance ministers meet in Brussels to discuss Ukraine funding",
            "EU-Ukraine summit opens in Kyiv",
            "EU-Ukraine summit ends in Kyiv with energy pledge"} <= titles
