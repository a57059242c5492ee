"""/feeds, /addfeed, /removefeed, /stats: for the user ids in `[telegram] admins` only.

A feed address typed in chat is checked like one in the config: http(s) with a host, and,
unless `[fetch] allow_private_hosts`, a host whose every address is public, so that the bot
cannot be pointed at its own machine or network.
"""

from __future__ import annotations

from datetime import datetime

from telegram import Update

from bot.core.models import OutboxStatus
from bot.core.texts import Html, Texts, fill
from bot.deliver.render import cut, utf16_len
from bot.deliver.sender import Ledger
from bot.ingest.addresses import feed_address_problem
from bot.ingest.listing import format_feeds
from bot.ingest.schedule import FAILING_AFTER
from bot.services import Services
from handlers.access import require_bot_admin
from handlers.common import Context, argument, reply, services, texts
from handlers.trend import stats_chart
from storage.feeds import FeedRecord, add_feed, get_feed, list_feeds, remove_feed
from storage.stats import counts, last_poll_at

CHUNK_UNITS = 3900
NAME_UNITS = 100
ECHO_UNITS = 300


def chunks(text: str, limit: int = CHUNK_UNITS) -> list[str]:
    """Whole lines grouped into pieces of at most `limit` units (a longer line is cut)."""
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for line in (cut(line, limit) for line in text.split("\n")):
        if current and size + utf16_len(line) + 1 > limit:
            pieces.append("\n".join(current))
            current, size = [], 0
        current.append(line)
        size += utf16_len(line) + 1
    return [*pieces, "\n".join(current)]


async def feeds_command(update: Update, context: Context) -> None:
    """/feeds: each feed's schedule and health, as the CLI lists them."""
    if not await require_bot_admin(update, context):
        return
    svc = services(context)
    t, listing = texts(update, context), format_feeds(list_feeds(svc.db), svc.settings)
    for piece in chunks(listing):
        await reply(update, fill(t.feeds_block, body=piece))


async def addfeed_command(update: Update, context: Context) -> None:
    """/addfeed URL [name]: add a feed and poll it at once, answering with what it found."""
    if not await require_bot_admin(update, context):
        return
    t, svc = texts(update, context), services(context)
    url, name = [*argument(update).split(maxsplit=1), "", ""][:2]
    if not url:
        await reply(update, t.usage_addfeed)
        return
    problem = await feed_address_problem(url, svc.settings.fetch.allow_private_hosts)
    if problem:
        await reply(update, fill(t.feed_refused, reason=Html(problem.said(t, fill))))
        return
    feed, new = add_feed(svc.db, url, cut(name.strip(), NAME_UNITS), None, svc.clock())
    if not new:
        await reply(update, fill(t.feed_exists, url=feed.url))
        return
    await reply(update, await first_poll(t, svc, feed))


async def first_poll(t: Texts, svc: Services, feed: FeedRecord) -> str:
    """Poll a feed just added at once and say what it found, or why it failed."""
    report = await svc.poller.poll_now(feed)
    if report.failed:
        polled = get_feed(svc.db, feed.url)
        error = polled.last_error if polled and polled.last_error else "?"
        return fill(t.feed_added_failed, url=feed.url, error=cut(error, ECHO_UNITS))
    stale = sum(1 for new in report.new if new.stale)
    return fill(t.feed_added, url=feed.url, stories=len(report.new), stale=stale,
                fresh=len(report.new) - stale)


async def removefeed_command(update: Update, context: Context) -> None:
    """/removefeed URL: stop polling a feed; its stories stay."""
    if not await require_bot_admin(update, context):
        return
    t, url = texts(update, context), argument(update)
    if not url or len(url.split()) > 1:
        await reply(update, t.usage_removefeed)
        return
    removed = remove_feed(services(context).db, url)
    await reply(update, fill(t.feed_removed if removed else t.feed_unknown,
                             url=cut(url, ECHO_UNITS)))


def when(t: Texts, moment: datetime | None) -> str:
    """A moment as /stats shows it."""
    return f"{moment:%Y-%m-%d %H:%M:%S} UTC" if moment else t.never


async def stats_command(update: Update, context: Context) -> None:
    """/stats: feeds, stories, clusters, chats, alerts, last poll; a chart of alerts sent."""
    if not await require_bot_admin(update, context):
        return
    t, svc = texts(update, context), services(context)
    found = counts(svc.db, FAILING_AFTER)
    polls = [moment for moment in (svc.last_poll_at, last_poll_at(svc.db)) if moment]
    await reply(update, fill(
        t.stats, feeds=found.feeds, failing=found.failing_feeds, stories=found.stories,
        clusters=found.clusters, chats=found.active_chats, paused=found.paused_chats,
        inactive=found.inactive_chats, sent=found.alerts.get(OutboxStatus.SENT, 0),
        pending=found.alerts.get(OutboxStatus.PENDING, 0),
        skipped=found.alerts.get(OutboxStatus.SKIPPED, 0),
        dead=found.alerts.get(OutboxStatus.DEAD, 0), last_poll=when(t, max(polls, default=None)),
        started=when(t, svc.started_at)) + stopped(t, svc.ledger))
    await stats_chart(update, context)


def stopped(t: Texts, ledger: Ledger) -> str:
    """A line saying sending stands still because the database cannot record, or nothing."""
    if ledger.stopped is None:
        return ""
    return "\n" + fill(t.stats_stopped, since=when(t, ledger.since),
                       reason=cut(ledger.stopped, ECHO_UNITS), kept=ledger.kept)
