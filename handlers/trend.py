"""/trend TOPIC|N [days]: a chart of a topic's or a filter's stories per day, per language;
and the chart /stats adds for Vigie's administrators: alerts sent per day.

Counting reads and matches the period's stories again, and drawing takes a fraction of a
second: the matching and the drawing run in a worker thread, so other chats are served
meanwhile (README, "Limits measured"). Nothing to draw is said in words, never an empty chart.
"""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.constants import ParseMode

from bot.core.clock import utcnow
from bot.core.config import TREND_DAYS, TREND_MAX_DAYS
from bot.core.texts import Texts, fill, plain
from bot.match.matcher import Matcher
from bot.report.chart import ChartWords, day_label, draw
from bot.report.trend import Trend, coverage, day_span, sent_trend, since_of
from handlers.common import Context, answer, argument, destination, services, texts
from handlers.settings import mute_target
from handlers.topics import topic_names
from storage.chats import chat_filters, get_chat
from storage.stats import stories_since


def parse_days(words: list[str]) -> int | None:
    """The days asked (default TREND_DAYS), None when not a number from 1 to the maximum."""
    if len(words) == 1:
        return TREND_DAYS
    if len(words) == 2 and words[1].isdigit() and 1 <= int(words[1]) <= TREND_MAX_DAYS:
        return int(words[1])
    return None


def target_matcher(context: Context, chat: int, target: str) -> Matcher:
    """A throwaway matcher holding only the asked topic or filter."""
    svc = services(context)
    kind, _, name = target.partition(":")
    if kind == "topic":
        return Matcher({name: svc.topics[name]})
    matcher = Matcher({})
    records = [r for r in chat_filters(svc.db, chat) if str(r.id) == name]
    for filter_id, parsed in svc.filters.parsed(records):
        matcher.add_filter(filter_id, parsed)
    return matcher


async def count(context: Context, chat: int, target: str, days: int, tz: str) -> Trend:
    """The target's stories per day and language; matched in a worker thread."""
    now, db = utcnow(), services(context).db
    span = day_span(now, tz, days)
    stories = stories_since(db, since_of(span, now))
    matcher = target_matcher(context, chat, target)
    return await asyncio.to_thread(coverage, stories, matcher, target, span, tz)


def chart_words(t: Texts, title: str, trend: Trend) -> ChartWords:
    """The chart's words in the chat's language; languages are shown by their codes."""
    labels = {key: key or t.trend_other_language for key in trend.series}
    return ChartWords(title, t.trend_peak, t.month_names, labels)


async def send_chart(update: Update, trend: Trend, words: ChartWords, caption: str) -> None:
    """Draw in a worker thread, answer with the picture."""
    picture = await asyncio.to_thread(draw, trend, words)
    message = update.effective_message
    assert message is not None
    await message.reply_photo(picture, caption=caption, parse_mode=ParseMode.HTML)


async def trend_command(update: Update, context: Context) -> None:
    """/trend TOPIC|N [days]: a PNG chart, or a sentence when there is nothing to draw."""
    t, words = texts(update, context), argument(update).split()
    target = mute_target(update, context, words[0]) if words else None
    days = parse_days(words) if target else None
    if target is None or days is None:
        known = ", ".join(topic_names(context))
        await answer(update, context, fill(t.usage_trend, known=known, max_days=TREND_MAX_DAYS,
                                 days=TREND_DAYS))
        return
    chat = get_chat(services(context).db, destination(update, context))
    trend = await count(context, destination(update, context), target[0], days,
                        chat.timezone if chat else "UTC")
    if trend.total == 0:
        await answer(update, context, fill(t.trend_empty, target=target[1], days=days))
        return
    index, most = trend.peak
    title = plain(t.trend_title, target=target[1], days=days)
    caption = fill(t.trend_caption, target=target[1], total=trend.total, days=days,
                   day=day_label(trend.days[index], t.month_names), count=most)
    await send_chart(update, trend, chart_words(t, title, trend), caption)


async def stats_chart(update: Update, context: Context) -> None:
    """/stats' picture: alerts sent per day over the last TREND_DAYS days, if any were."""
    t = texts(update, context)
    trend = sent_trend(services(context).db, TREND_DAYS, utcnow())
    if trend.total == 0:
        return
    title = plain(t.stats_chart_title, days=TREND_DAYS)
    caption = fill(t.stats_chart_caption, days=TREND_DAYS, total=trend.total)
    await send_chart(update, trend, chart_words(t, title, trend), caption)
