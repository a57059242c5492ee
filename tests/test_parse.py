"""Feed bytes to entries: every file in tests/data/feeds says what it proves, and is checked.

Each data file starts (after any XML declaration) with a comment:

    Description: what the file proves
    File-encoding: windows-1251      (optional: how to read this comment; default utf-8)
    Header: Content-Type: ...        (optional, repeatable: the HTTP response headers)
    Expect: entries=2 title0="..." warning~"windows-1251" error=none

`key=value` must match exactly, `key~value` must be contained; `none` means absent. Keys:
entries, stories, feedtitle, language, warning, error, and titleN, summaryN, linkN, guidN,
publishedN for the N-th normalised story (the feed URL is FEED_URL, fetched at FETCHED_AT).
"""

from __future__ import annotations

import re
import shlex
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.models import Story
from bot.ingest.normalise import normalise_entry
from bot.ingest.parse import ParsedFeed, parse_feed

FEEDS = Path(__file__).parent / "data" / "feeds"
FEED_URL = "https://feeds.example/news/rss.xml"
FETCHED_AT = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
_EXPECT = re.compile(r"^([a-z]+?)(\d*)([=~])(.*)$", re.S)


def _header_block(raw: bytes) -> dict[str, list[str]]:
    """The lines of the leading comment, by name (the comment is read in its File-encoding)."""
    latin = raw.decode("latin-1")
    encoding = re.search(r"^File-encoding: (\S+)", latin, re.M)
    text = raw.decode(encoding.group(1) if encoding else "utf-8")
    comment = text[text.index("<!--") + 4 : text.index("-->")]
    block: dict[str, list[str]] = {}
    for line in comment.strip().splitlines():
        name, _, value = line.partition(": ")
        block.setdefault(name, []).append(value)
    return block


def _headers(block: dict[str, list[str]]) -> dict[str, str]:
    pairs = (line.split(": ", 1) for line in block.get("Header", []))
    return {name: value for name, value in pairs}


def _stories(parsed: ParsedFeed) -> list[Story]:
    found = (normalise_entry(e, FEED_URL, "Test", parsed.language, FETCHED_AT)
             for e in parsed.entries)
    return [story for story in found if story is not None]


def _actual(key: str, index: str, parsed: ParsedFeed, stories: list[Story]) -> object:
    """The observed value for one Expect key."""
    if index:
        story = stories[int(index)]
        field = {"title": story.title, "summary": story.summary, "link": story.link,
                 "guid": story.guid, "published": story.published.isoformat()}
        return field[key]
    counts = {"entries": len(parsed.entries), "stories": len(stories)}
    if key in counts:
        return str(counts[key])
    return {"feedtitle": parsed.title, "language": parsed.language,
            "warning": parsed.warning, "error": parsed.error}[key]


@pytest.mark.parametrize("path", sorted(FEEDS.glob("*.xml")), ids=lambda p: p.stem)
def test_feed_file(path: Path) -> None:
    raw = path.read_bytes()
    block = _header_block(raw)
    assert block.get("Description"), f"{path.name} has no Description"
    parsed = parse_feed(raw, _headers(block))
    stories = _stories(parsed)
    for token in shlex.split(block["Expect"][0]):
        match = _EXPECT.match(token)
        assert match, f"{path.name}: bad Expect token {token!r}"
        key, index, operator, wanted = match.groups()
        actual = _actual(key, index, parsed, stories)
        if wanted == "none":
            assert actual is None, f"{path.name}: {key}{index} is {actual!r}"
        elif operator == "=":
            assert actual == wanted, f"{path.name}: {key}{index}"
        else:
            assert isinstance(actual, str) and wanted in actual, f"{path.name}: {key}{index}"


@pytest.mark.parametrize("body", [b"", b"   \n\t", b"\xef\xbb\xbf  "])
def test_empty_body_is_an_error(body: bytes) -> None:
    parsed = parse_feed(body, {"Content-Type": "application/rss+xml"})
    assert parsed.error == "empty body"
    assert parsed.entries == []


def _rss(title: str, prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="utf-16"?>{prolog}<rss version="2.0"><channel>'
            f"<title>t</title><item><title>{title}</title><guid>1</guid></item></channel></rss>")


def test_quadratic_entity_blowup_is_refused_before_expanding() -> None:
    """feedparser's loose parser expands "safe" entities itself: 2,000 x 100 kB would be 200 MB."""
    entity = "<!DOCTYPE rss [\n<!ENTITY big \"" + "x" * 100_000 + "\">\n]>"
    body = _rss("&big;" * 2_000, entity).replace("utf-16", "utf-8").encode("utf-8")
    tracemalloc.start()
    try:
        parsed = parse_feed(body, {"content-type": "application/rss+xml"})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert parsed.error == "refused: the document declares XML entities"
    assert peak < 20_000_000  # nothing near the 200 MB an expansion would take


def test_entities_are_refused_in_utf16_too() -> None:
    body = _rss("&a;", '<!DOCTYPE rss [<!ENTITY a "b">]>').encode("utf-16")
    assert parse_feed(body, {}).error == "refused: the document declares XML entities"


def test_utf16_feed_without_entities_parses() -> None:
    parsed = parse_feed(_rss("Засідання ОБСЄ у Відні").encode("utf-16"), {})
    assert [entry.title for entry in parsed.entries] == ["Засідання ОБСЄ у Відні"]


def test_external_entity_never_reads_the_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-LINE")
    for declaration in (f'<!ENTITY x SYSTEM "{secret.as_uri()}">',
                        f'<!ENTITY % p SYSTEM "{secret.as_uri()}"> %p;'):
        body = _rss("&x;", f"<!DOCTYPE rss [\n{declaration}\n]>").replace("utf-16", "utf-8")
        parsed = parse_feed(body.encode(), {"content-type": "application/rss+xml"})
        assert parsed.error is not None and "TOP-SECRET" not in repr(parsed)


def test_a_body_naming_a_local_file_is_not_read(tmp_path: Path) -> None:
    """feedparser opens bytes that name an existing file; the body must stay data."""
    folder = tmp_path / "<rss"
    folder.mkdir()
    local = folder / "feed.xml"
    local.write_bytes(_rss("LOCAL FILE CONTENT").replace("utf-16", "utf-8").encode())
    parsed = parse_feed(str(local).encode(), {"content-type": "application/rss+xml"})
    assert parsed.entries == [] and parsed.error is not None


def test_entity_words_inside_content_are_not_refused() -> None:
    """Only the prolog is checked: an article about XML may quote "<!ENTITY" in its text."""
    body = _rss("How &lt;!ENTITY declarations work").replace("utf-16", "utf-8").encode()
    parsed = parse_feed(body, {"content-type": "application/rss+xml"})
    assert parsed.error is None
    assert parsed.entries[0].title == "How <!ENTITY declarations work"


@pytest.mark.parametrize(
    ("headers", "title"),
    [
        ({"CONTENT-TYPE": "application/rss+xml; charset=windows-1251"}, "Херсонщина"),
        ({"content-type": 'text/xml; charset="WINDOWS-1251"'}, "Херсонщина"),
        ({"Content-Type": "application/rss+xml; charset=iso-8859-1"}, "Õåðñîíùèíà"),
    ],
)
def test_header_charset_is_read_whatever_the_header_case(headers: dict[str, str],
                                                         title: str) -> None:
    body = ('<rss version="2.0"><channel><title>t</title><item><title>Херсонщина</title>'
            "<guid>1</guid></item></channel></rss>").encode("cp1251")
    assert parse_feed(body, headers).entries[0].title == title


def test_entry_fields_come_through() -> None:
    body = (b'<rss version="2.0"><channel><title> Wire </title><language>uk-UA</language>'
            b"<item><title>A</title><link> https://w.example/a </link><guid> g-1 </guid>"
            b"<pubDate>Sat, 31 May 2025 23:30:00 -0200</pubDate><description>S</description>"
            b"</item></channel></rss>")
    parsed = parse_feed(body, {"content-type": "application/rss+xml"})
    entry = parsed.entries[0]
    assert (parsed.title, parsed.language) == ("Wire", "uk-UA")
    assert (entry.guid, entry.link, entry.title, entry.summary) == (
        "g-1", "https://w.example/a", "A", "S")
    assert entry.published == datetime(2025, 6, 1, 1, 30, tzinfo=UTC)


def test_an_empty_but_valid_feed_is_not_an_error() -> None:
    body = b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    parsed = parse_feed(body, {"content-type": "application/rss+xml"})
    assert (parsed.entries, parsed.error, parsed.title) == ([], None, "Quiet")
