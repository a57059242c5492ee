"""/test TEXT: which of this chat's topics and filters would match TEXT, and where.

The answer comes from a throwaway matcher holding only this chat's topics and filters (a
few dozen terms, built per call): it can never show another chat's filter, and it never
touches the shared index the pipeline uses.
"""

from __future__ import annotations

from telegram import Update

from bot.core.texts import Html, Texts, fill
from bot.deliver.render import cut, sentence_around
from bot.match.matcher import Match, Matcher
from handlers.common import (
    Context,
    answer,
    argument,
    destination,
    join_fitting,
    services,
    texts,
)
from handlers.filters import LISTED_EXPR_UNITS
from storage.chats import FilterRecord, chat_filters, subscriptions

SNIPPET_UNITS = 300


def chat_matcher(context: Context, chat: int) -> tuple[Matcher, list[FilterRecord]]:
    """A throwaway matcher holding only this chat's topics and filters.

    Built per /test (a few dozen terms) so the answer never shows other chats' filters and
    never touches the shared index the pipeline is using.
    """
    svc = services(context)
    followed = [name for name in subscriptions(svc.db, chat) if name in svc.topics]
    matcher = Matcher({name: svc.topics[name] for name in followed})
    records = chat_filters(svc.db, chat)
    for filter_id, parsed in svc.filters.parsed(records):
        matcher.add_filter(filter_id, parsed)
    return matcher, records


def bolded(text: str, found: Match) -> Html:
    """The sentence around the match, escaped, with the matched words in bold."""
    sentence, start, end = sentence_around(text, found.start, found.end, SNIPPET_UNITS)
    parts = (sentence[:start], sentence[start:end], sentence[end:])
    return Html(fill("{before}<b>{words}</b>{after}", before=parts[0], words=parts[1],
                     after=parts[2]))


def match_line(t: Texts, text: str, found: Match, records: list[FilterRecord]) -> str:
    """One topic or filter that matched, and where."""
    where = t.field_title if found.field == "title" else t.field_summary
    if found.kind == "topic":
        return fill(t.test_topic, name=found.name, where=where, snippet=bolded(text, found))
    number, record = next((n, r) for n, r in enumerate(records, 1) if str(r.id) == found.name)
    return fill(t.test_filter, number=number, expr=cut(record.expr, LISTED_EXPR_UNITS),
                where=where, snippet=bolded(text, found))


async def test_command(update: Update, context: Context) -> None:
    """/test TEXT: which of this chat's topics and filters would match TEXT as a title."""
    t, text = texts(update, context), argument(update)
    if not text:
        await answer(update, context, t.usage_test)
        return
    matcher, records = chat_matcher(context, destination(update, context))
    found = matcher.match(text, "").matches()
    if not found:
        await answer(update, context, t.test_nothing)
        return
    lines = [match_line(t, text, match, records) for match in found]
    await answer(update, context, join_fitting(t.test_header, lines))
