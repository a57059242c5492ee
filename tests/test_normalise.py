"""Entry to Story: canonical links, stable keys, plain text cut to length, dates we can trust."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.core.models import Story
from bot.ingest.normalise import canonical_link, cut, normalise_entry, story_key
from bot.ingest.parse import Entry

FEED = "https://feeds.example/news/rss.xml"
NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://w.example/a?utm_source=x&id=1&utm_campaign=y", "https://w.example/a?id=1"),
        ("https://w.example/a?fbclid=1&gclid=2&yclid=3&mc_cid=4&mc_eid=5", "https://w.example/a"),
        ("https://w.example/a?UTM_Source=x&b=2&a=1", "https://w.example/a?b=2&a=1"),
        ("https://w.example/a?q=%D0%9A%D0%B8&x&", "https://w.example/a?q=%D0%9A%D0%B8&x"),
        ("https://w.example/a#comments", "https://w.example/a"),
        ("HTTPS://News.Example.COM/Path/Case", "https://news.example.com/Path/Case"),
        ("https://w.example:443/a", "https://w.example/a"),
        ("http://w.example:80/a", "http://w.example/a"),
        ("http://w.example:8080/a", "http://w.example:8080/a"),
        ("https://w.example", "https://w.example/"),
        ("  https://w.example/a  ", "https://w.example/a"),
        ("https://[2001:DB8::1]:8443/a", "https://[2001:db8::1]:8443/a"),
        ("javascript:alert(1)", ""),
        ("JavaScript:alert(1)", ""),
        ("data:text/html,hi", ""),
        ("ftp://w.example/file", ""),
        ("mailto:desk@w.example", ""),
        ("/relative/path", ""),
        ("https://w.example:99999/a", ""),
        ("https:///no-host", ""),
        ("", ""),
    ],
)
def test_canonical_link(url: str, expected: str) -> None:
    assert canonical_link(url) == expected
    assert canonical_link(expected) == expected  # idempotent


def test_story_key_prefers_feed_and_guid() -> None:
    key = story_key(FEED, "g-1", "https://w.example/a", "Title", NOW)
    assert key == story_key(FEED, "g-1", "https://w.example/other", "Edited title", None)
    assert key != story_key("https://other.example/rss", "g-1", "https://w.example/a", "Title", NOW)
    assert len(key) == 64 and int(key, 16) >= 0


def test_story_key_falls_back_to_the_canonical_link_across_feeds() -> None:
    first = story_key(FEED, None, "https://w.example/a?utm_source=rss#top", "One", NOW)
    second = story_key("https://b.example/rss", "  ", "HTTPS://W.example/a", "Two", None)
    assert first == second


def test_story_key_falls_back_to_title_and_date() -> None:
    key = story_key(FEED, None, "javascript:void(0)", "Title", NOW)
    assert key == story_key(FEED, None, None, "Title", NOW.astimezone(timezone(timedelta(hours=3))))
    assert key != story_key(FEED, None, None, "Title", NOW + timedelta(minutes=1))
    assert key != story_key(FEED, None, None, "Other title", NOW)


def _entry(title: str = "Title", summary: str = "Summary", link: str | None = "https://w.example/a",
           guid: str | None = "g-1", published: datetime | None = NOW) -> Entry:
    return Entry(guid=guid, link=link, title=title, summary=summary, published=published)


def _story(entry: Entry, language: str | None = "fr") -> Story | None:
    return normalise_entry(entry, FEED, "Le Veilleur", language, NOW)


def test_normalise_fills_every_field() -> None:
    story = _story(_entry(link="https://w.example/a?utm_medium=rss&id=7"), "fr-FR")
    assert story is not None
    assert (story.feed_url, story.source, story.guid, story.language) == (
        FEED, "Le Veilleur", "g-1", "fr")
    assert story.link == "https://w.example/a?id=7"
    assert story.key == story_key(FEED, "g-1", story.link, "Title", NOW)


@pytest.mark.parametrize(
    ("title", "summary", "expected_title", "expected_summary"),
    [
        ("<b>Kherson</b> &amp; Mykolaiv", "<p>Two&nbsp;<i>towns</i>.</p>", "Kherson & Mykolaiv",
         "Two towns."),
        ("Alert<script>steal()</script> lifted", "<style>p{}</style>Calm <a href='x'>now</a>.",
         "Alert lifted", "Calm now."),
        ("  many\n\n  spaces\t here ", "", "many spaces here", ""),
        ("", "<p>Only a summary here.</p>", "Only a summary here.", "Only a summary here."),
    ],
)
def test_text_comes_out_plain(title: str, summary: str, expected_title: str,
                              expected_summary: str) -> None:
    story = _story(_entry(title=title, summary=summary))
    assert story is not None
    assert (story.title, story.summary) == (expected_title, expected_summary)


@pytest.mark.parametrize(("title", "summary"), [("", ""), ("<p> </p>", "&nbsp;"), ("<br/>", "")])
def test_entry_without_text_is_skipped(title: str, summary: str) -> None:
    assert _story(_entry(title=title, summary=summary)) is None


def test_long_text_is_cut_on_a_word_boundary() -> None:
    story = _story(_entry(title="word " * 200, summary="mot " * 2_000))
    assert story is not None
    assert len(story.title) <= 500 and story.title.endswith("word…")
    assert len(story.summary) <= 5_000 and story.summary.endswith("mot…")


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("exactly ten", 11, "exactly ten"),
        ("one two three four", 12, "one two…"),
        ("averyveryverylongword", 8, "averyve…"),
        ("Kyiv, Kharkiv, Odesa", 15, "Kyiv, Kharkiv…"),
    ],
)
def test_cut(text: str, limit: int, expected: str) -> None:
    assert cut(text, limit) == expected
    assert len(cut(text, limit)) <= limit


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (None, NOW),
        (datetime(2025, 5, 31, 23, 0, tzinfo=timezone(timedelta(hours=3))),
         datetime(2025, 5, 31, 20, 0, tzinfo=UTC)),
        (datetime(2025, 5, 31, 20, 0), datetime(2025, 5, 31, 20, 0, tzinfo=UTC)),
        (NOW + timedelta(hours=23), NOW + timedelta(hours=23)),
        (NOW + timedelta(days=2), NOW),
        (datetime(2090, 1, 1, tzinfo=UTC), NOW),
        (datetime(1994, 12, 31, tzinfo=UTC), NOW),
        (datetime(1995, 1, 2, tzinfo=UTC), datetime(1995, 1, 2, tzinfo=UTC)),
    ],
)
def test_published_is_utc_and_trusted(published: datetime | None, expected: datetime) -> None:
    story = _story(_entry(published=published))
    assert story is not None
    assert story.published == expected and story.published.utcoffset() == timedelta(0)


def test_key_of_an_undated_story_does_not_change_with_the_fetch_time() -> None:
    entry = _entry(guid=None, link=None, published=None)
    first = normalise_entry(entry, FEED, "S", None, NOW)
    later = normalise_entry(entry, FEED, "S", None, NOW + timedelta(hours=5))
    assert first is not None and later is not None
    assert first.key == later.key
    assert first.published != later.published


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("javascript:alert(1)", None),
        ("../world/item-9", "https://feeds.example/world/item-9"),
        ("https://w.example/a?gclid=9", "https://w.example/a"),
        (None, None),
    ],
)
def test_story_link(link: str | None, expected: str | None) -> None:
    story = _story(_entry(link=link))
    assert story is not None and story.link == expected


@pytest.mark.parametrize(("language", "expected"), [("uk-UA", "uk"), ("EN_us", "en"), (" ", None),
                                                    (None, None), ("fr", "fr")])
def test_language_is_the_primary_subtag(language: str | None, expected: str | None) -> None:
    story = _story(_entry(), language)
    assert story is not None and story.language == expected
