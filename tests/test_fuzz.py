"""Properties over arbitrary text: the filter parser, the normaliser and the renderer never fail.

Feed text and filters come from strangers. Whatever they hold (right-to-left marks, zero-width
joiners, emoji, markup, 10,000 characters), parsing a filter ends in a filter or a clear
FilterSyntaxError, normalising never raises, and an alert is always HTML Telegram accepts,
within 4096 UTF-16 units. (Short filters are covered in test_filters.py; these add long ones.)
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.core.errors import FilterSyntaxError
from bot.core.text import plain_text
from bot.deliver.render import AlertView, Perhaps, render_alert
from bot.ingest.normalise import SUMMARY_LIMIT, TITLE_LIMIT, canonical_link, normalise_entry
from bot.ingest.parse import Entry, parse_feed
from bot.match.filters import parse_filter
from tests.support.fakebot import MAX_TEXT, html_error, utf16_len

FETCHED = datetime(2025, 6, 2, 12, 0, tzinfo=UTC)
TRICKY = [
    "\u200f", "\u200e", "\u202e", "\u2066", "\u2069", "\u200d", "\u200b", "\ufeff", "\u00ad",
    "👩\u200d👩\u200d👧", "🇺🇦", "😀", "\u0301", "Ї", "ї", "’", "«", "»", "&", "&amp;", "&#",
    "<", ">", "</b>", "<b>", '"', "'", "<a href='x'>", "<script>", "]]>", "\n", "\t", " ",
    "НАТО", "OTAN", "Херсон", "OR", "-", "*", "(", ")", '"', "\x00", "\x1f", "\x7f",
    "&" * 600, "😀" * 2100, "<" * 900, "x" * 5000, "\u202e" * 300,
]
SHORT = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])


def tricky_text(max_pieces: int = 60) -> st.SearchStrategy[str]:
    """Text mixing arbitrary characters with the pieces that break renderers and parsers."""
    piece = st.sampled_from(TRICKY) | st.text(max_size=12)
    return st.lists(piece, max_size=max_pieces).map("".join)


URLS = st.one_of(
    st.text(max_size=40),
    st.builds("".join, st.lists(st.sampled_from(
        ["http://", "https://", "HTTP://", "javascript:", "//", "[", "]", "::1", ":", "@",
         "a.example", "?", "&", "=", "#", "utm_source=x", "%", "%zz", "\u0430", " ", ":99999",
         ":0", "/", "..", "\\", "\x00"]), max_size=14)),
)


@SHORT
@given(st.text(max_size=10_000) | tricky_text() | st.integers(0, 5000).map(lambda n: "(" * n))
def test_filter_parser_fails_only_with_a_syntax_error(text: str) -> None:
    try:
        parse_filter(text)
    except FilterSyntaxError as error:
        assert error.reason


def _rss(title: bytes, declaration: bytes = b'<?xml version="1.0" encoding="utf-8"?>') -> bytes:
    return (declaration + b'<rss version="2.0"><channel><title>T</title><item><title>' + title
            + b"</title><link>https://x.example/1</link></item></channel></rss>")


# Inputs benchmarks/fuzz_feeds.py found, each once an exception out of parse_feed.
FOUND = [
    ("encoding name not UTF-8", _rss(b"NATO", b'<?xml version="1.0" encoding="ut\x84-8"?>'),
     {"content-type": "text/html; charset=windows-1251"}),
    ("lone surrogate reference", _rss(b"NATO &#xD800; <x>"), {}),
    ("reference past U+10FFFF", _rss(b"NATO &#x110000; <x>"), {}),
    ("reference with 30 digits", _rss(b"NATO &#" + b"9" * 30 + b"; <x>"), {}),
    ("surrogate pair references", _rss(b"NATO &#xD83D;&#xDE00; <x>"), {}),
]


@pytest.mark.parametrize(("body", "headers"), [case[1:] for case in FOUND],
                         ids=[case[0] for case in FOUND])
def test_inputs_the_fuzzer_found_give_entries_or_a_reason(body: bytes,
                                                          headers: dict[str, str]) -> None:
    parsed = parse_feed(body, headers)
    assert parsed.entries or parsed.error
    for entry in parsed.entries:
        entry.title.encode("utf-8")


@SHORT
@example(title="NATO", summary="", link="http://[x", guid=None, base="https://a.example/",
         language=None, days=None)
@example(title="NATO", summary="", link="/a", guid=None, base="http://[::1", language=None,
         days=None)
@given(title=tricky_text(), summary=tricky_text(), link=st.none() | URLS,
       guid=st.none() | st.text(max_size=30), base=URLS, language=st.none() | st.text(max_size=8),
       days=st.none() | st.integers(-20_000, 20_000))
def test_normalise_never_raises_and_cuts(title: str, summary: str, link: str | None,
                                         guid: str | None, base: str, language: str | None,
                                         days: int | None) -> None:
    published = None if days is None else FETCHED + timedelta(days=days)
    entry = Entry(guid=guid, link=link, title=title, summary=summary, published=published)
    story = normalise_entry(entry, base, "Source", language, FETCHED)
    if story is not None:
        assert len(story.title) <= TITLE_LIMIT and len(story.summary) <= SUMMARY_LIMIT
        assert story.link is None or story.link.startswith(("http://", "https://"))
        assert story.published <= FETCHED + timedelta(days=1)


@SHORT
@given(URLS)
def test_canonical_link_never_raises(url: str) -> None:
    link = canonical_link(url)
    assert link == "" or link.startswith(("http://", "https://"))


@SHORT
@given(tricky_text())
def test_plain_text_never_raises_and_is_one_line(markup: str) -> None:
    assert "\n" not in plain_text(markup)


SPAN = st.none() | st.tuples(st.integers(-5, 12_000), st.integers(-5, 12_000))


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(reasons=st.lists(tricky_text(8), max_size=4), title=tricky_text(),
       snippet=tricky_text(), source=tricky_text(10), link=st.none() | URLS | tricky_text(5),
       match=SPAN, also=st.lists(tricky_text(6), max_size=8),
       tz=st.sampled_from(["UTC", "Europe/Kyiv", "Europe/Paris", "America/St_Johns"]),
       minutes=st.integers(0, 60 * 24 * 365 * 50),
       perhaps=st.none() | st.builds(Perhaps, tricky_text(), st.none() | URLS | tricky_text(5),
                                     tricky_text(10)))
def test_any_alert_renders_to_html_telegram_accepts(
    reasons: list[str], title: str, snippet: str, source: str, link: str | None,
    match: tuple[int, int] | None, also: list[str], tz: str, minutes: int,
    perhaps: Perhaps | None,
) -> None:
    view = AlertView(reasons=reasons, title=title, link=link, source=source, snippet=snippet,
                     match=match, published=datetime(1990, 1, 1) + timedelta(minutes=minutes),
                     tz=tz, also_reported_by=also, perhaps=perhaps)
    text = render_alert(view)
    assert html_error(text) is None
    assert utf16_len(text) <= MAX_TEXT
    for override in ("\u202e", "\u2066", "\u2069"):
        assert override not in text
