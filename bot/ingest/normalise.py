"""Entry to Story: one canonical link, one key, plain text cut to length, a date we can trust.

The key decides what is "seen before" across restarts, so it is built only from what the feed
says (never the fetch time): the feed and its guid; else the canonical link, so the same article
with other tracking parameters is one story; else the feed, title and published date.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin, urlsplit, urlunsplit

from bot.core.models import Story
from bot.core.text import drop_controls, plain_text, words
from bot.ingest.bulletins import Part, split_bulletin, without_read_also
from bot.ingest.parse import Entry

TITLE_LIMIT = 500
SUMMARY_LIMIT = 5_000
DERIVED_TITLE_LIMIT = 200  # a title made from the summary when the entry has none
_TRACKING = frozenset({"fbclid", "gclid", "yclid", "mc_cid", "mc_eid"})
_SCHEMES = ("http", "https")
MARKUP_FACTOR = 50
"""How much markup is read for a field: 50 times its text limit (25,000 characters of a title,
250,000 of a summary). Whatever the patterns, a field's cost is then bounded; a summary whose
first 250,000 characters hold under 5,000 of text (an inline image in base64) keeps what they
hold."""
_CODE_OPEN = re.compile(r"<(script|style)\b", re.I)
_CODE_CLOSE = {"script": re.compile(r"</script\s*>", re.I),
               "style": re.compile(r"</style\s*>", re.I)}
_INLINE_TAG = re.compile(r"</?(?:a|abbr|b|cite|code|em|font|i|mark|q|s|small|span|strong|sub|sup|u)"
                         r"\b[^<>]*>", re.I)
_EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
_FUTURE_SLACK = timedelta(days=1)


def canonical_link(url: str) -> str:
    """The link with tracking and fragment dropped, scheme and host lower-cased; "" if not http(s).

    Other query parameters keep their order and their encoding: they may select the article.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    scheme, host = parts.scheme.lower(), (parts.hostname or "")
    if scheme not in _SCHEMES or not host:
        return ""
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != (443 if scheme == "https" else 80):
        netloc = f"{netloc}:{port}"
    if "@" in parts.netloc:
        netloc = f"{parts.netloc.rsplit('@', 1)[0]}@{netloc}"
    return urlunsplit((scheme, netloc, parts.path or "/", _strip_tracking(parts.query), ""))


def _strip_tracking(query: str) -> str:
    """The query without utm_* and click identifiers, the rest untouched and in order."""
    kept = [pair for pair in query.split("&") if pair and not _is_tracking(pair)]
    return "&".join(kept)


def _is_tracking(pair: str) -> bool:
    name = pair.split("=", 1)[0].lower()
    return name.startswith("utm_") or name in _TRACKING


def story_key(
    feed_url: str, guid: str | None, link: str | None, title: str, published: datetime | None
) -> str:
    """SHA-256 hex of the story's identity: feed+guid, else canonical link, else title+date."""
    canonical = canonical_link(link) if link else ""
    if guid and guid.strip():
        identity = f"guid\n{feed_url}\n{guid.strip()}"
    elif canonical:
        identity = f"link\n{canonical}"
    else:
        when = published.astimezone(UTC).isoformat() if published else ""
        identity = f"title\n{feed_url}\n{title}\n{when}"
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()


def normalise_entry(
    entry: Entry, feed_url: str, source: str, feed_language: str | None, fetched_at: datetime
) -> Story | None:
    """A Story from one parsed entry; None when it has neither title nor summary."""
    title = _plain(entry.title, TITLE_LIMIT)
    summary = _plain(entry.summary, SUMMARY_LIMIT)
    if not title and not summary:
        return None
    link = canonical_link(_join(feed_url, entry.link)) if entry.link else ""
    return Story(
        key=story_key(feed_url, entry.guid, link, title, entry.published),
        feed_url=feed_url,
        source=drop_controls(source).strip(),
        guid=entry.guid,
        link=link or None,
        title=cut(title or summary, TITLE_LIMIT if title else DERIVED_TITLE_LIMIT),
        summary=cut(summary, SUMMARY_LIMIT),
        published=trusted_date(entry.published, fetched_at),
        language=language_tag(feed_language),
    )


def normalise_item(
    entry: Entry, feed_url: str, source: str, feed_language: str | None, fetched_at: datetime
) -> list[Story]:
    """The stories of one entry: one per part when it is a bulletin, else the entry whole."""
    whole = normalise_entry(entry, feed_url, source, feed_language, fetched_at)
    if whole is None:
        return []
    markup = _drop_code(_cut_markup(entry.summary, SUMMARY_LIMIT * MARKUP_FACTOR))
    parts = split_bulletin(whole.title, markup)
    if parts is None:
        kept = without_read_also(markup)
        return [whole if kept is None else replace(whole, summary=cut(kept, SUMMARY_LIMIT))]
    return [_part_story(whole, part, number, len(parts))
            for number, part in enumerate(parts, start=1)]


def _part_story(whole: Story, part: Part, number: int, total: int) -> Story:
    """One part as a story of its own: its headline, its body, its link, a key of its own."""
    own = canonical_link(_join(whole.link or whole.feed_url, part.link)) if part.link else ""
    link = own if own and own != whole.link else (f"{whole.link}#part-{number}"
                                                  if whole.link else None)
    return replace(whole, key=part_key(whole.key, part.title), link=link,
                   title=cut(part.title, TITLE_LIMIT), summary=cut(part.body, SUMMARY_LIMIT),
                   part=number, parts=total)


def part_key(item_key: str, headline: str) -> str:
    """The item's key and the part's headline words (sorted, folded): a part keeps its key
    when the outlet reorders the bulletin, adds a part, or retouches case and punctuation."""
    fingerprint = " ".join(sorted(set(words(headline))))
    return hashlib.sha256(f"part\n{item_key}\n{fingerprint}".encode()).hexdigest()


def _join(base: str, link: str) -> str:
    """`link` resolved against the feed's URL; "" when either does not parse ("http://[x")."""
    try:
        return urljoin(base, link)
    except ValueError:
        return ""


def _plain(markup: str, limit: int) -> str:
    """Plain text of feed HTML: script and style bodies go with their tags, not into alerts,
    and inline tags vanish without a space ("<a>source</a>." stays "source.").

    The markup is cut before any pattern runs on it (see MARKUP_FACTOR)."""
    head = _cut_markup(markup, limit * MARKUP_FACTOR)
    return plain_text(_INLINE_TAG.sub("", _drop_code(head)))


def _cut_markup(markup: str, length: int) -> str:
    """The first `length` characters of `markup`, without a tag the cut left open."""
    if len(markup) <= length:
        return markup
    head = markup[:length]
    opened = head.rfind("<")
    return head[:opened] if opened > head.rfind(">") else head


def _drop_code(markup: str) -> str:
    """`markup` without script and style elements, each replaced by a space; an element never
    closed stays (its tags go later, as any tag). One pass: each closing tag is searched for
    once per element found, and an element kind found unclosed is not searched for again (the
    pattern "<(script|style).*?</\\1>" rescanned the rest of the text from every opening)."""
    parts: list[str] = []
    at, unclosed = 0, set[str]()
    while (opening := _CODE_OPEN.search(markup, at)) is not None:
        kind = opening.group(1).lower()
        closing = None if kind in unclosed else _CODE_CLOSE[kind].search(markup, opening.end())
        if closing is None:
            unclosed.add(kind)
            parts.append(markup[at:opening.end()])
            at = opening.end()
            continue
        parts += [markup[at:opening.start()], " "]
        at = closing.end()
    return "".join(parts) + markup[at:]


def cut(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut at a word boundary and marked with "…"."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:-") + "…"


def trusted_date(published: datetime | None, fetched_at: datetime) -> datetime:
    """`published` in UTC, or the fetch time when missing, before 1995 or over a day ahead."""
    now = fetched_at if fetched_at.tzinfo else fetched_at.replace(tzinfo=UTC)
    if published is None:
        return now.astimezone(UTC)
    when = published if published.tzinfo else published.replace(tzinfo=UTC)
    if when < _EARLIEST or when > now + _FUTURE_SLACK:
        return now.astimezone(UTC)
    return when.astimezone(UTC)


def language_tag(tag: str | None) -> str | None:
    """The primary subtag, lower-cased: "fr-FR" and "FR" are both "fr"."""
    primary = (tag or "").strip().replace("_", "-").split("-")[0].lower()
    return primary or None
