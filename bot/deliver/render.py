"""Render an alert as Telegram HTML: pure, and always within Telegram's 4096-unit limit.

Feed text is taken as plain text, cut to a budget, then escaped: escaping first and cutting
after could split an entity ("&am") and Telegram would refuse the whole message. Telegram
counts length in UTF-16 code units, so an emoji counts twice.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

MAX_MESSAGE = 4096
ELLIPSIS = "…"
ENGLISH_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"
# Bidi overrides and isolates can reorder the rest of the message; marks (LRM/RLM) are harmless.
_BIDI_CONTROLS = str.maketrans(dict.fromkeys("\u202a\u202b\u202c\u202d\u202e"
                                             "\u2066\u2067\u2068\u2069", None))
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")
_SENTENCE_END = re.compile(r"[.!?…。]+[\"'»”)\]]*\s+|\n+")
_MAX_LINK = 2048
_MAX_SOURCES = 5


@dataclass(frozen=True, slots=True)
class Budget:
    """Per-field caps in UTF-16 units, before escaping (which may grow text up to 5 times)."""

    reasons: int = 200
    title: int = 300
    source: int = 80
    sentence: int = 400


@dataclass(frozen=True, slots=True)
class AlertWords:
    """The renderer's own words, taken from the chat's language catalogue (plain text)."""

    also_reported_by: str = "Also reported by {sources}"
    and_more: str = "{shown} and {count} more"
    untitled: str = "(untitled)"
    months: str = ENGLISH_MONTHS  # twelve names, separated by spaces
    perhaps_same: str = "Perhaps the same event:"


@dataclass(frozen=True, slots=True)
class Perhaps:
    """A report in another language that reads much like the alert's but was not merged
    with it (a wrong merge would hide an event): shown as perhaps the same one."""

    title: str
    link: str | None
    source: str  # with its language: "Le Monde (FR)"


@dataclass(frozen=True, slots=True)
class AlertView:
    """What one alert shows; every string is plain text (not HTML)."""

    reasons: Sequence[str]  # "topic nato", "filter: kherson OR херсон"
    title: str
    link: str | None
    source: str
    snippet: str  # the text the match was found in (title or summary)
    match: tuple[int, int] | None  # [start, end) of the match within `snippet`
    published: datetime  # naive means UTC
    tz: str = "UTC"
    also_reported_by: Sequence[str] = field(default_factory=tuple)
    words: AlertWords = field(default_factory=AlertWords)
    perhaps: Perhaps | None = None


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def visible(markup: str) -> str:
    """The text Telegram shows for this HTML (exact for the HTML Vigie writes, where every
    literal "<" is escaped)."""
    return html.unescape(_TAG.sub("", markup))


def visible_len(markup: str) -> int:
    """What Telegram counts against 4096: UTF-16 units of the text once tags are parsed."""
    return utf16_len(visible(markup))


def cut(text: str, budget: int) -> str:
    """`text` within `budget` UTF-16 units, cut at a word when one is near, with an ellipsis."""
    if utf16_len(text) <= budget:
        return text
    kept = _take_units(text, max(0, budget - 1))
    space = kept.rfind(" ")
    if space >= len(kept) * 4 // 5:
        kept = kept[:space]
    return kept.rstrip() + ELLIPSIS


def _take_units(text: str, budget: int) -> str:
    """The longest prefix of `text` within `budget` UTF-16 units (never half a pair)."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > budget:
            return text[:index]
    return text


def flatten(text: str) -> str:
    """One line of plain text: whitespace runs made one space, bidi overrides dropped."""
    return _SPACE.sub(" ", text.translate(_BIDI_CONTROLS))


def clean(text: str) -> str:
    """`flatten`, stripped."""
    return flatten(text).strip()


def sentence_around(text: str, start: int, end: int, max_chars: int) -> tuple[str, int, int]:
    """The sentence of `text` holding [start, end), at most `max_chars` UTF-16 units.

    Returns the sentence and the match's span within it. A long sentence is windowed around
    the match, with an ellipsis on each cut side; a match longer than the budget is cut.
    """
    first, last = _sentence_bounds(text, start, end)
    before, matched, after = text[first:start], text[start:end], text[end:last]
    matched = _take_units(matched, max_chars)
    room = max_chars - utf16_len(matched)
    before, after = _window(before, after, room)
    return before + matched + after, len(before), len(before) + len(matched)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    first = 0
    for boundary in _SENTENCE_END.finditer(text, 0, start):
        first = boundary.end()
    following = _SENTENCE_END.search(text, max(end, first))
    last = following.start() + len(following.group().rstrip()) if following else len(text)
    return first, max(last, end)


def _window(before: str, after: str, room: int) -> tuple[str, str]:
    """Share `room` units between the text before and after the match, before first."""
    if utf16_len(before) + utf16_len(after) <= room:
        return before, after
    after_room = min(utf16_len(after), max(room // 2, room - utf16_len(before)))
    kept_after = cut(after, after_room) if after_room > 0 else ""
    before_room = room - utf16_len(kept_after)
    if utf16_len(before) <= before_room:
        return before, kept_after
    reversed_kept = _take_units(before[::-1], max(0, before_room - 1))
    return (ELLIPSIS + reversed_kept[::-1] if before_room > 0 else ""), kept_after


def format_time(moment: datetime, tz: str, months: str = ENGLISH_MONTHS) -> str:
    """ "25 Nov 2026 14:05 UTC" in `tz`, with the catalogue's month names (no locale)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    local = aware.astimezone(ZoneInfo(tz))
    zone = local.tzname() or tz
    month = months.split()[local.month - 1]
    return f"{local.day} {month} {local.year} {local:%H:%M} {zone}"


def safe_link(link: str | None) -> str | None:
    """The link when Telegram may show it as one: http(s) with a host, not too long."""
    if not link or len(link) > _MAX_LINK or any(c.isspace() or ord(c) < 32 for c in link):
        return None
    try:
        parts = urlsplit(link)
    except ValueError:
        return None
    return link if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _title_line(alert: AlertView, budget: Budget) -> str:
    title = _escape(cut(clean(alert.title), budget.title)) or _escape(alert.words.untitled)
    link = safe_link(alert.link)
    if link is None:
        return f"<b>{title}</b>"
    return f'<b><a href="{html.escape(link, quote=True)}">{title}</a></b>'


def _snippet_line(alert: AlertView, budget: Budget) -> str:
    if alert.match is None or not 0 <= alert.match[0] < alert.match[1] <= len(alert.snippet):
        return _escape(cut(clean(alert.snippet), budget.sentence))
    sentence, start, end = sentence_around(alert.snippet, *alert.match, budget.sentence)
    before, matched, after = (flatten(part) for part in
                              (sentence[:start], sentence[start:end], sentence[end:]))
    return f"{_escape(before)}<b>{_escape(matched)}</b>{_escape(after)}".strip()


def _reasons_line(alert: AlertView, budget: Budget) -> str:
    reasons = " · ".join(clean(reason) for reason in alert.reasons if clean(reason))
    return "🔔 " + _escape(cut(reasons or "match", budget.reasons))


def _also_line(sources: Sequence[str], budget: Budget, words: AlertWords) -> str:
    names = [clean(s) for s in sources if clean(s)]
    shown = ", ".join(cut(name, budget.source) for name in names[:_MAX_SOURCES])
    if len(names) > _MAX_SOURCES:
        shown = words.and_more.format(shown=shown, count=len(names) - _MAX_SOURCES)
    line = words.also_reported_by.format(sources=shown)
    return f"<i>{_escape(line)}</i>" if names else ""


def _perhaps_line(perhaps: Perhaps | None, budget: Budget, words: AlertWords) -> str:
    """"Perhaps the same event: <headline> · <outlet (FR)>", the headline its link."""
    if perhaps is None:
        return ""
    title = _escape(cut(clean(perhaps.title), budget.title)) or _escape(words.untitled)
    link = safe_link(perhaps.link)
    shown = f'<a href="{html.escape(link, quote=True)}">{title}</a>' if link else title
    source = _escape(cut(clean(perhaps.source), budget.source))
    return f"<i>{_escape(words.perhaps_same)}</i> {shown} · {source}"


def _compose(alert: AlertView, budget: Budget) -> str:
    lines = [
        _reasons_line(alert, budget),
        _title_line(alert, budget),
        "📰 " + _escape(cut(clean(alert.source), budget.source)),
        _snippet_line(alert, budget),
        "🕑 " + format_time(alert.published, alert.tz, alert.words.months),
        _also_line(alert.also_reported_by, budget, alert.words),
        _perhaps_line(alert.perhaps, budget, alert.words),
    ]
    return "\n".join(line for line in lines if line.strip())


def render_alert(alert: AlertView, budget: Budget | None = None) -> str:
    """The alert as Telegram HTML, at most 4096 UTF-16 units (budgets halve until it fits)."""
    budget = budget or Budget()
    text = _compose(alert, budget)
    while utf16_len(text) > MAX_MESSAGE:
        budget = Budget(*(max(1, value // 2) for value in
                          (budget.reasons, budget.title, budget.source, budget.sentence)))
        text = _compose(alert, budget)
    return text


def other_sources(own: str, sources: Sequence[str]) -> tuple[str, ...]:
    """The outlets for "also reported by": each once (case and spacing aside), in order,
    blanks and the alert's own source left out."""
    seen = {clean(own).casefold()}
    unique: list[str] = []
    for source in sources:
        key = clean(source).casefold()
        if key and key not in seen:
            seen.add(key)
            unique.append(source)
    return tuple(unique)
