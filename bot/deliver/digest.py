"""A digest as Telegram HTML: alerts grouped by topic and filter, numbered, newest first,
each a linked title with its source, split into messages of at most 4096 units.

Pure. Splits fall between items, never inside one: an item is capped (title, source) so it
always fits a message of its own. A group cut by a split repeats its heading on the next
message, so every part reads on its own.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.core.texts import Html, Texts, fill
from bot.deliver.render import MAX_MESSAGE, clean, cut, safe_link, visible_len
from bot.deliver.schedule_local import local

TITLE_UNITS = 300
SOURCE_UNITS = 80
GROUP_UNITS = 200


@dataclass(frozen=True, slots=True)
class DigestItem:
    """One alert in a digest; `group` is its first reason, already a label (plain text)."""

    group: str
    title: str
    link: str | None
    source: str
    published: datetime  # naive means UTC


def grouped(items: Sequence[DigestItem]) -> list[tuple[str, list[DigestItem]]]:
    """Items by group, newest first within a group; the group with the newest item first."""
    ordered = sorted(items, key=lambda item: _aware(item.published), reverse=True)
    groups: dict[str, list[DigestItem]] = {}
    for item in ordered:
        groups.setdefault(item.group, []).append(item)
    return list(groups.items())


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def item_line(t: Texts, number: int, item: DigestItem, tz: str) -> str:
    """"3. <linked title> — <i>source</i>, 25.11 14:05" (time on the chat's clock)."""
    title = cut(clean(item.title), TITLE_UNITS) or "…"
    link = safe_link(item.link)
    shown = (Html(f'<a href="{html.escape(link, quote=True)}">{html.escape(title, quote=False)}'
                  "</a>") if link else title)
    when = f"{local(_aware(item.published), tz):%d.%m %H:%M}"
    return fill(t.digest_item, number=number, title=shown,
                source=cut(clean(item.source), SOURCE_UNITS), time=when)


def compose_digest(t: Texts, items: Sequence[DigestItem], tz: str,
                   limit: int = MAX_MESSAGE) -> list[str]:
    """The digest's messages, in order; none when there is nothing to say."""
    if not items:
        return []
    parts = _Parts(t, limit, fill(t.digest_header, count=len(items)))
    number = 0
    for group, members in grouped(items):
        heading = fill(t.digest_group, name=cut(clean(group), GROUP_UNITS))
        for item in members:
            number += 1
            parts.add(heading, item_line(t, number, item, tz))
    return parts.done()


class _Parts:
    """Messages filled line by line, a new one begun (with its heading) when one is full."""

    def __init__(self, t: Texts, limit: int, header: str) -> None:
        self.t, self.limit = t, limit
        self.messages: list[list[str]] = [[header]]
        self.size = visible_len(header)
        self.heading = ""

    def add(self, heading: str, line: str) -> None:
        block = [line] if heading == self.heading else ["", heading, line]
        if self.size + _units(block) > self.limit:
            self.messages.append([self.t.digest_continued])
            self.size = visible_len(self.t.digest_continued)
            block = ["", heading, line]
        self.messages[-1].extend(block)
        self.size += _units(block)
        self.heading = heading

    def done(self) -> list[str]:
        return ["\n".join(lines) for lines in self.messages]


def _units(lines: list[str]) -> int:
    """The lines' visible length, each with the newline that joins it to what precedes."""
    return sum(visible_len(line) + 1 for line in lines)
