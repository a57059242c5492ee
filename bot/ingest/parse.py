"""Feed bytes to entries: feedparser on the raw body, with the guards it lacks.

feedparser is handed the body as a stream (bare bytes that name a file, it would open and read)
and the response headers, with HTML sanitising and URI rewriting off, since normalise reduces
everything to plain text anyway.
Three guards sit around it:

- a body that declares XML entities is refused: when expat rejects the document, feedparser's
  loose parser expands every "safe" entity itself, and 2,000 references to a 100 kB entity gave
  a 200 MB title. External entities (file:///etc/passwd) are never read either way.
- `text/xml` or a missing Content-Type no longer means US-ASCII (RFC 3023); the XML declaration
  decides, as RFC 7303 says, so a plain UTF-8 feed carries no false warning.
- a body declared UTF-8 that is not, but reads as Cyrillic windows-1251, is decoded as such
  (feedparser would fall back to windows-1252 and print mojibake).

A malformed feed that still yields entries is kept, with a warning; one without is an error.
"""

from __future__ import annotations

import calendar
import codecs
import io
import re
import time
import xml.sax
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import feedparser

from bot.core.text import drop_controls

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ELEMENT = re.compile(r"<[A-Za-z0-9_]")
_SPACE = re.compile(r"\s*")
_HTML_ROOT = re.compile(r"<(?:!doctype\s+html|html)\b", re.I)
# What may precede the root element and hide a "<": comments, PIs, quoted literals (DOCTYPE).
_PROLOG_TOKEN = re.compile(r"<!--.*?(?:-->|\Z)|<\?.*?(?:\?>|\Z)|\"[^\"]*\"|'[^']*'"
                           r"|<!entity|<[A-Za-z0-9_]", re.I | re.S)
# Runs of numeric character references; feedparser's loose parser raises on a surrogate or a
# code point past U+10FFFF, so these are rewritten first.
_REF_RUN = re.compile(rb"(?:&#(?:[xX][0-9a-fA-F]{1,24}|[0-9]{1,24});)+")
_REF = re.compile(rb"&#([xX][0-9a-fA-F]+|[0-9]+);")
_XML_ENCODING = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']+)")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_HIGH_RUN = re.compile(rb"[\x80-\xff]{3,}")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
    (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00", "utf-16-be"), (b"<\x00", "utf-16-le"), (b"Lo\xa7\x94", "cp037"),
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed entry as the feed gave it: title and summary may hold HTML."""

    guid: str | None
    link: str | None
    title: str
    summary: str
    published: datetime | None  # UTC; None when the feed gave no date it could read


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """What a body held. `error` set means no entries and says why; `warning` is a flaw survived."""

    title: str | None
    language: str | None
    entries: list[Entry]
    warning: str | None = None
    error: str | None = None


def parse_feed(body: bytes, headers: Mapping[str, str]) -> ParsedFeed:
    """Parse one fetched body (sync and CPU-bound: run it in a thread)."""
    text = _sniff_text(body)
    if _ELEMENT.search(text) is None:
        return ParsedFeed(None, None, [], error="empty body")
    if _declares_entities(text):
        return ParsedFeed(None, None, [], error="refused: the document declares XML entities")
    fixed_headers, charset_warning = _feed_headers(body, headers)
    try:
        result = feedparser.parse(  # a stream: bytes naming a local file would be opened as one
            io.BytesIO(_fix_char_refs(body)), response_headers=fixed_headers,
            sanitize_html=False, resolve_relative_uris=False,
        )
    except Exception as error:  # hostile bytes can break feedparser's internals in many ways
        return ParsedFeed(None, None, [], error=f"unreadable feed: {_short(error)}")
    return _parsed(result, text, fixed_headers.get("content-type", ""), charset_warning)


def _parsed(result: Any, text: str, content_type: str, charset_warning: str | None) -> ParsedFeed:
    """Turn feedparser's answer into a ParsedFeed, deciding between warning and error."""
    feed = result.get("feed", {})
    title, language = _clean(feed.get("title")), _clean(feed.get("language"))
    entries = [_entry(raw) for raw in result.get("entries", [])]
    problem = _describe(result.get("bozo_exception")) if result.get("bozo") else None
    if entries:
        return ParsedFeed(title, language, entries, warning=charset_warning or problem)
    if _starts_as_html(text) or _media_type(content_type) == "text/html":
        return ParsedFeed(title, language, [], error="not a feed: the server sent an HTML page")
    if isinstance(result.get("bozo_exception"), xml.sax.SAXException):
        return ParsedFeed(title, language, [], error=problem)
    if not result.get("version"):
        return ParsedFeed(title, language, [], error="not a feed: no RSS, Atom or RDF document")
    if problem:  # a broken document that yields nothing failed, whatever the HTTP status
        return ParsedFeed(title, language, [], error=f"no entries: {problem}")
    return ParsedFeed(title, language, [], warning=charset_warning)


def _entry(raw: dict[str, Any]) -> Entry:
    """Copy the fields the pipeline uses out of one feedparser entry.

    Plain dict lookups: FeedParserDict's own maps `updated_parsed` to `published_parsed` with a
    DeprecationWarning, and we want each date for what it is.
    """
    summary = dict.get(raw, "summary") or ""
    content = dict.get(raw, "content")
    full = (content[0].get("value") or "") if content else ""
    if len(full) > len(summary):  # content:encoded is the whole text; a bulletin shows there
        summary = full
    return Entry(
        guid=_clean(dict.get(raw, "id")),
        link=_link(raw),
        title=dict.get(raw, "title") or "",
        summary=summary,
        published=_utc(dict.get(raw, "published_parsed") or dict.get(raw, "updated_parsed")),
    )


def _link(raw: dict[str, Any]) -> str | None:
    """The entry's link; not one feedparser copied from a guid that is no URL ("b-1")."""
    link = _clean(dict.get(raw, "link"))
    if link and dict.get(raw, "guidislink") and "://" not in link:
        return None
    return link


def _utc(parsed: time.struct_time | None) -> datetime | None:
    """feedparser's UTC struct_time as an aware datetime; None if absent or out of range."""
    if parsed is None:
        return None
    try:
        return _EPOCH + timedelta(seconds=calendar.timegm(parsed))
    except (OverflowError, ValueError):
        return None


def _clean(value: object) -> str | None:
    """A stripped non-empty string without control characters, or None."""
    return drop_controls(value).strip() or None if isinstance(value, str) else None


def _starts_as_html(text: str) -> bool:
    """Whether the first thing past an XML declaration, comments and space is an HTML root.

    A scan, not one pattern: "(?:<!--.*?-->\\s*)*" backtracked exponentially on empty
    comments before a root that is not HTML (40 "<!---->" before "<rss>" never ended).
    """
    at = _past_space(text, 0)
    if text.startswith("<?xml", at):
        at = _past_space(text, _past(text, "?>", at + 5))
    while text.startswith("<!--", at):
        at = _past_space(text, _past(text, "-->", at + 4))
    return at >= 0 and _HTML_ROOT.match(text, at) is not None


def _past(text: str, token: str, start: int) -> int:
    """The index just after the next `token` from `start`; -1 when there is none (or start<0)."""
    found = text.find(token, start) if start >= 0 else -1
    return found + len(token) if found >= 0 else -1


def _past_space(text: str, start: int) -> int:
    match = _SPACE.match(text, start) if start >= 0 else None
    return match.end() if match else -1


def _describe(error: object) -> str:
    """A short, readable reason from feedparser's bozo exception."""
    if isinstance(error, xml.sax.SAXParseException):
        return f"invalid XML: {error.getMessage()}"
    return str(error) or type(error).__name__


def _sniff_text(body: bytes) -> str:
    """The body as text, good enough to find its prolog (any encoding feedparser would read)."""
    for mark, encoding in _BOMS:
        if body.startswith(mark):
            return body.decode(encoding, "replace")
    return body.decode("latin-1")


def _prolog(text: str) -> str:
    """What precedes the first element: where feedparser looks for a DOCTYPE and entities."""
    match = _ELEMENT.search(text)
    return text[: match.start()] if match else text


def _fix_char_refs(body: bytes) -> bytes:
    """Character references feedparser can decode: surrogate pairs joined ("&#xD83D;&#xDE00;"
    is how some sites write an emoji), lone surrogates and too-large numbers made U+FFFD."""
    return _REF_RUN.sub(_fix_ref_run, body) if b"&#" in body else body


def _fix_ref_run(run: re.Match[bytes]) -> bytes:
    codes = [int(ref[1:], 16) if ref[:1] in b"xX" else int(ref)
             for ref in _REF.findall(run.group())]
    fixed: list[int] = []
    while codes:
        code = codes.pop(0)
        if 0xD800 <= code < 0xDC00 and codes and 0xDC00 <= codes[0] < 0xE000:
            code = 0x10000 + ((code - 0xD800) << 10) + (codes.pop(0) - 0xDC00)
        fixed.append(0xFFFD if 0xD800 <= code < 0xE000 or code > 0x10FFFF else code)
    return b"".join(b"&#x%X;" % code for code in fixed)


def _short(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:200]


def _declares_entities(text: str) -> bool:
    """Whether an entity is declared before the root element, as either parser would see it.

    feedparser's loose parser takes everything before the first "<" and a letter as the
    prolog; expat reads comments, PIs and quoted literals for what they are, so a comment
    holding "<rss" must not end the prolog early (it hid a billion laughs from the first check).
    """
    if "<!entity" in _prolog(text).lower():
        return True
    for token in _PROLOG_TOKEN.finditer(text):
        found = token.group()
        if found.lower() == "<!entity":
            return True
        if found[0] == "<" and found[1] not in "!?":
            return False
    return False


def _feed_headers(body: bytes, headers: Mapping[str, str]) -> tuple[dict[str, str], str | None]:
    """The headers feedparser reads, lower-cased, with the charset corrected; and any warning."""
    lowered = {key.lower(): value for key, value in headers.items()}
    wanted = ("content-type", "content-location", "content-language")
    fixed = {key: lowered[key] for key in wanted if key in lowered}
    content_type = fixed.get("content-type", "")
    charset = _charset(content_type)
    if not charset and _media_type(content_type) in ("", "text/xml"):
        fixed["content-type"] = content_type = "application/xml"
    declared = (charset or _xml_encoding(body) or "utf-8").lower().replace("_", "-")
    if declared in ("utf-8", "utf8") and _cp1251_not_utf8(body):
        fixed["content-type"] = "application/xml; charset=windows-1251"
        return fixed, "declared as UTF-8 but is not; decoded as windows-1251"
    return fixed, None


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'")
    return None


def _xml_encoding(body: bytes) -> str | None:
    match = _XML_ENCODING.search(body[:512])
    return match.group(1).decode("ascii", "replace") if match else None


def _cp1251_not_utf8(body: bytes) -> bool:
    """True for a body that is not UTF-8 and whose high bytes come in word-long runs.

    Cyrillic letters in windows-1251 are all high bytes, so its words are runs of them; the
    accents of Western text in windows-1252 stand mostly alone between ASCII letters.
    """
    if b"\x00" in body[:4]:
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        high = len(_HIGH_BYTE.findall(body))
        in_runs = sum(len(run) for run in _HIGH_RUN.findall(body))
        return high > 0 and in_runs * 2 >= high
    return False
