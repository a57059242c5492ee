"""/recent, /pause, /resume, /stop: the chat's own alerts and its life cycle."""

from __future__ import annotations

import html

from telegram import Update

from bot.core.models import OutboxStatus
from bot.core.texts import Html, Texts, fill
from bot.deliver.render import cut, safe_link
from bot.deliver.schedule_local import local
from handlers.access import require_configurer
from handlers.common import (
    Context,
    answer,
    chat_id,
    destination,
    ensure_chat,
    join_fitting,
    reply,
    services,
    texts,
)
from storage.chats import delete_chat, get_chat, set_paused
from storage.outbox import OutboxRow, recent_for_chat
from storage.stories import get_story

RECENT_COUNT = 10
TITLE_UNITS = 200


def status_label(t: Texts, status: OutboxStatus) -> str:
    """An outbox status in the user's words."""
    labels = {OutboxStatus.SENT: t.status_sent, OutboxStatus.PENDING: t.status_pending,
              OutboxStatus.SKIPPED: t.status_skipped, OutboxStatus.DEAD: t.status_dead,
              OutboxStatus.CLOSED: t.status_closed, OutboxStatus.HELD: t.status_held,
              OutboxStatus.STALE: t.status_stale}
    return labels.get(status, status)


def recent_line(context: Context, t: Texts, row: OutboxRow, tz: str) -> str:
    """One alert: when (on the chat's clock, `tz`), its status, and the story's title as a
    link to it."""
    story = get_story(services(context).db, row.story_id)
    title = cut(story.title, TITLE_UNITS) if story else "?"
    link = safe_link(story.link) if story else None
    href = Html(html.escape(link, quote=True)) if link else None
    shown = fill(t.recent_link, link=href, title=title) if href else html.escape(title)
    wall = local(row.created_at, tz)
    when = f"{wall:%Y-%m-%d %H:%M} {wall.tzname()}"
    return fill(t.recent_line, when=when, title=Html(shown),
                status=status_label(t, row.status), source=story.source if story else "?")


async def recent_command(update: Update, context: Context) -> None:
    """/recent: the last alerts this chat got or would have got, newest first."""
    t, db = texts(update, context), services(context).db
    rows = recent_for_chat(db, destination(update, context), RECENT_COUNT)
    if not rows:
        await answer(update, context, t.recent_empty)
        return
    chat = get_chat(db, destination(update, context))
    tz = chat.timezone if chat else "UTC"
    lines = [recent_line(context, t, row, tz) for row in rows]
    await answer(update, context, join_fitting(t.recent_header, lines))


async def pause_command(update: Update, context: Context) -> None:
    """/pause: no alerts until /resume; what matches meanwhile is never sent."""
    await set_pause(update, context, True)


async def resume_command(update: Update, context: Context) -> None:
    """/resume: alerts again, from now on."""
    await set_pause(update, context, False)


async def set_pause(update: Update, context: Context, paused: bool) -> None:
    """Flip the chat's paused flag (the pipeline reads it); say when nothing changes."""
    t = texts(update, context)
    if not await require_configurer(update, context):
        return
    ensure_chat(update, context)
    db = services(context).db
    chat = get_chat(db, destination(update, context))
    if chat is not None and chat.paused == paused:
        await answer(update, context, t.already_paused if paused else t.not_paused)
        return
    set_paused(db, destination(update, context), paused)
    await answer(update, context, t.paused if paused else t.resumed)


async def stop_command(update: Update, context: Context) -> None:
    """/stop: forget the chat entirely, its filters leaving the matcher too."""
    t = texts(update, context)
    if not await require_configurer(update, context):
        return
    svc, chat = services(context), chat_id(update)
    if get_chat(svc.db, chat) is None:
        await reply(update, t.stop_nothing)
        return
    svc.filters.drop_chat(chat)
    delete_chat(svc.db, chat, svc.clock())
    await reply(update, t.stopped)


# --- a group joined, plain text --------------------------------------------------------------

_OUTSIDE = ("left", "kicked")


async def added_to_chat(update: Update, context: Context) -> None:
    """Greet a group or channel the bot was just added to, with how to set it up."""
    change = update.my_chat_member
    if change is None or change.chat.type == "private":
        return
    if change.old_chat_member.status in _OUTSIDE and change.new_chat_member.status not in _OUTSIDE:
        await context.bot.send_message(change.chat.id, texts(update, context).group_greeting,
                                       parse_mode="HTML")


async def plain_text(update: Update, context: Context) -> None:
    """Text that is not a command, in a private chat: a short pointer to /help."""
    await reply(update, texts(update, context).plain_text_help)
