"""An outbox row as the chat will see it: the stored story, why it matched, who else reported it.

Reason labels come from the chat's catalogue (bot/core/texts.py), like every word the bot writes.
"""

from __future__ import annotations

import re

import sqlite_utils

from bot.core.models import Reason, ReasonKind
from bot.core.text import fold, fold_with_offsets
from bot.core.texts import ENGLISH, Texts, plain, texts_for
from bot.deliver.render import AlertView, AlertWords, other_sources, render_alert
from storage.chats import get_chat
from storage.outbox import OutboxRow
from storage.stories import StoredStory, cluster_sources, get_story


def reason_label(reason: Reason | None, t: Texts = ENGLISH) -> str:
    """"topic nato" or "filter: kherson OR херсон", in the chat's language (plain text)."""
    kind = reason.kind if reason else ReasonKind.FILTER
    template = t.reason_topic if kind is ReasonKind.TOPIC else t.reason_filter
    return plain(template, name=reason.name if reason else None)


Span = tuple[int, int] | None


def _snippet(story: StoredStory, reasons: list[Reason]) -> tuple[str, Span]:
    """The text the first located match is in, and the match's span there. The headline is
    the alert's link already: a match in it is shown where the text says it too, else the
    lead of the text is shown, never the headline twice."""
    for reason in reasons:
        if reason.start is not None and reason.end is not None:
            if reason.field != "title" or not story.summary:
                text = story.title if reason.field == "title" else story.summary
                return text, (reason.start, reason.end)
            return story.summary, _same_words(story.summary, story.title[reason.start:reason.end])
    return story.summary or story.title, None


def _same_words(text: str, matched: str) -> Span:
    """Where `text` holds `matched` as whole words (folded), or None."""
    folded, offsets = fold_with_offsets(text)
    needle = fold(matched).strip()
    found = re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", folded) if needle else None
    if found is None:
        return None
    return offsets[found.start()], offsets[found.end() - 1] + 1


def alert_view(db: sqlite_utils.Database, row: OutboxRow, tz: str,
               t: Texts = ENGLISH) -> AlertView:
    """Everything the renderer needs for one row, read from storage."""
    story = get_story(db, row.story_id)
    if story is None:
        raise LookupError(f"outbox row {row.id} names story {row.story_id}, which is gone")
    snippet, match = _snippet(story, row.reasons)
    others = other_sources(story.source, cluster_sources(db, row.cluster_id))
    return AlertView(
        reasons=[reason_label(r, t) for r in row.reasons], title=story.title, link=story.link,
        source=story.source, snippet=snippet, match=match, published=story.published, tz=tz,
        also_reported_by=others, words=alert_words(t),
    )


def alert_words(t: Texts) -> AlertWords:
    """The renderer's words in the chat's language."""
    return AlertWords(t.alert_also_reported, t.alert_and_more, t.alert_untitled, t.month_names)


def render_row(db: sqlite_utils.Database, row: OutboxRow) -> str:
    """The alert's HTML, in the chat's time zone."""
    chat = get_chat(db, row.chat_id)
    t = texts_for(chat.language if chat else None)
    return render_alert(alert_view(db, row, chat.timezone if chat else "UTC", t))
