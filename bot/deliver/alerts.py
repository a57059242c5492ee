"""An outbox row as the chat will see it: the stored story, why it matched, who else reported it.

Reason labels come from the chat's catalogue (bot/core/texts.py), like every word the bot writes.
When the cluster holds a report in the chat's language (`/lang`) when the alert goes out, the
alert shows that report; the others are listed as also reported, each with its language when
the cluster spans several ("Kyiv Independent (EN), Українська правда (UK)").
"""

from __future__ import annotations

import re

import sqlite_utils

from bot.core.models import Reason, ReasonKind
from bot.core.text import fold, fold_with_offsets
from bot.core.texts import ENGLISH, Texts, language_of, plain, texts_for
from bot.dedup.crosslang import LANGUAGES, languages_differ, report_language
from bot.deliver.render import (
    AlertView,
    AlertWords,
    Perhaps,
    clean,
    other_sources,
    render_alert,
)
from storage.chats import get_chat
from storage.outbox import OutboxRow
from storage.stories import (
    StoredStory,
    cluster_reports,
    cluster_sources,
    cluster_state,
    get_story,
    perhaps_same,
)


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
               t: Texts = ENGLISH, language: str = "en") -> AlertView:
    """Everything the renderer needs for one row, read from storage; `language` the chat's."""
    story = get_story(db, row.story_id)
    if story is None:
        raise LookupError(f"outbox row {row.id} names story {row.story_id}, which is gone")
    reports = cluster_reports(db, row.cluster_id) or [story]
    shown = shown_report(story, reports, language, row)
    snippet, match = (_snippet(story, row.reasons) if shown is story
                      else (shown.summary or shown.title, None))  # the match was in another
    return AlertView(
        reasons=[reason_label(r, t) for r in row.reasons], title=shown.title, link=shown.link,
        source=shown.source, snippet=snippet, match=match, published=shown.published, tz=tz,
        also_reported_by=also_reported(shown, reports, cluster_sources(db, row.cluster_id)),
        words=alert_words(t), perhaps=_perhaps(db, row, language),
    )


def _perhaps(db: sqlite_utils.Database, row: OutboxRow, language: str) -> Perhaps | None:
    """The report in another language the cluster perhaps tells the same event as: of its
    cluster, the report in the chat's language when there is one, as for the alert."""
    other = perhaps_same(db, row.cluster_id)
    if other is None or other.cluster_id is None:
        return None
    shown = shown_report(other, cluster_reports(db, other.cluster_id) or [other], language, row)
    return Perhaps(shown.title, shown.link, _tagged(shown.source, _language(shown)))


def _language(story: StoredStory) -> str:
    return report_language(story.title, story.language)


def shown_report(story: StoredStory, reports: list[StoredStory], language: str,
                 row: OutboxRow) -> StoredStory:
    """The row's story, or the cluster's first report in the chat's language that Vigie had
    when the alert went out (so an edit keeps the headline the chat saw; times are stored to
    the second, so a report stored in the very second of the send counts as had)."""
    if _language(story) == language:
        return story
    told = [r for r in reports if row.sent_at is None or r.seen <= row.sent_at]
    return next((r for r in told if _language(r) == language), story)


def also_reported(shown: StoredStory, reports: list[StoredStory],
                  sources: list[str]) -> tuple[str, ...]:
    """The cluster's other outlets (`sources`, as the cluster lists them), each once; with its
    language ("(UK)") when the cluster's reports are in several."""
    tags: dict[str, str] = {}
    for report in reports:
        tags.setdefault(clean(report.source).casefold(), _language(report))
    found = set(tags.values())
    several = any(languages_differ(a, b) for a in found for b in found)
    names = other_sources(shown.source, sources)
    return tuple(_tagged(name, tags.get(clean(name).casefold(), "") if several else "")
                 for name in names)


def _tagged(name: str, language: str) -> str:
    return f"{name} ({language.upper()})" if language in LANGUAGES else name


def alert_words(t: Texts) -> AlertWords:
    """The renderer's words in the chat's language."""
    return AlertWords(t.alert_also_reported, t.alert_and_more, t.alert_untitled, t.month_names,
                      t.alert_perhaps_same)


def render_row(db: sqlite_utils.Database, row: OutboxRow) -> str:
    """The alert's HTML, in the chat's time zone."""
    language, tz = seen_by(db, row.chat_id)
    return render_alert(alert_view(db, row, tz, texts_for(language), language))


def seen_by(db: sqlite_utils.Database, chat_id: int) -> tuple[str, str]:
    """The language and time zone a chat reads its alerts in (a chat not stored: defaults)."""
    chat = get_chat(db, chat_id)
    return language_of(chat.language if chat else None), chat.timezone if chat else "UTC"


MEMO_SIZE = 512


class RowRenderer:
    """`render_row` that renders a cluster's alert once for every chat that sees it alike.

    A story owed to 10,000 chats is, for each language and time zone, one alert: rendering it
    per chat read the story and its cluster 10,000 times. The memo's key is everything the
    alert is made of: the row's story, reasons and send time, the chat's language and zone,
    and the cluster's size and outlets (a report joining it changes them, so a later row or
    an edit shows it). The chat is still read per row: /lang and /tz apply at once.
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self.memo: dict[tuple[object, ...], str] = {}

    def __call__(self, row: OutboxRow) -> str:
        language, tz = seen_by(self.db, row.chat_id)
        state = cluster_state(self.db, row.cluster_id)
        key = (row.story_id, row.cluster_id, tuple(row.reasons), row.sent_at, language, tz, state)
        if state is None or key not in self.memo:
            text = render_alert(alert_view(self.db, row, tz, texts_for(language), language))
            if len(self.memo) >= MEMO_SIZE:
                self.memo.clear()
            self.memo[key] = text
        return self.memo[key]
