"""Notices Vigie owes a chat apart from alerts: filters set aside, channels lost, forum
topics gone.

A stored filter that no longer parses is set aside by `bot.match.filter_book`; its chat is
told once, in its own language, on a send tick, through the same messenger and rate limits
as alerts. Telegram busy or away: the next tick tries again. The same holds for a connected
channel Vigie can no longer post in (the user who connected it is told, in their private
chat) and for a forum topic closed or deleted under a route (the group is told in General,
and the route is dropped).
"""

from __future__ import annotations

import logging
from datetime import datetime

import sqlite_utils
from telegram.error import TelegramError

from bot.core.texts import Html, Texts, fill, texts_for
from bot.deliver.render import cut
from bot.deliver.sender import Sender, decide
from storage.chats import chat_filters, get_chat
from storage.destinations import broken_routes, loss_told, remove_route, untold_losses
from storage.filters_aside import SetAside, mark_told, untold

log = logging.getLogger(__name__)

NOTICE_EXPR_UNITS = 150
"""How much of a set-aside filter its notice shows: 20 of them fit one message."""


def set_aside_notice(t: Texts, items: list[SetAside]) -> str:
    """What a chat is told, once, about its filters set aside (HTML, the chat's language)."""
    lines = [fill(t.filter_set_aside_line, expr=cut(item.expr, NOTICE_EXPR_UNITS),
                  reason=item.reason) for item in items]
    return fill(t.filters_set_aside, lines=Html("\n".join(lines)))


async def tell_set_aside(db: sqlite_utils.Database, sender: Sender, now: datetime) -> None:
    """Tell each chat, once, of its filters set aside."""
    for chat_id, items in untold(db).items():
        if not await notify(sender, chat_id, set_aside_notice(texts_of(db, chat_id), items)):
            return  # Telegram busy or away: the next tick tries again
        mark_told(db, chat_id, now)


async def notify(sender: Sender, chat_id: int, text: str) -> bool:
    """Send one notice; False when Telegram is busy or away (the caller tries next tick).
    Any other refusal is logged and counts as told: a notice is never retried forever."""
    try:
        await sender.limiter.acquire(chat_id)
        await sender.messenger.send(chat_id, text)
    except TelegramError as error:
        if decide(error, 0).action in ("wait", "backoff"):
            return False
        log.warning("could not send a notice to chat %d: %s", chat_id, error)
    return True


def texts_of(db: sqlite_utils.Database, chat_id: int) -> Texts:
    """The catalogue of a chat's language."""
    chat = get_chat(db, chat_id)
    return texts_for(chat.language if chat else None)


async def tell_losses(db: sqlite_utils.Database, sender: Sender, now: datetime) -> None:
    """Tell each user, once, of a channel they connected that Vigie can no longer post in."""
    for loss in untold_losses(db):
        t = texts_of(db, loss.user_id)
        text = fill(t.destination_lost, title=loss.title, reason=cut(loss.reason, 200),
                    chat=str(loss.chat_id))
        if not await notify(sender, loss.user_id, text):
            return
        loss_told(db, loss.chat_id, loss.user_id, now)


def target_label(db: sqlite_utils.Database, t: Texts, chat_id: int, target: str) -> str:
    """A route's target in the chat's words: "topic nato", "filter 2"."""
    kind, _, name = target.partition(":")
    if kind == "topic":
        return fill(t.mute_topic, name=name)
    ids = [str(record.id) for record in chat_filters(db, chat_id)]
    return fill(t.mute_filter, number=ids.index(name) + 1) if name in ids else t.mute_filter_gone


async def tell_broken_routes(db: sqlite_utils.Database, sender: Sender) -> None:
    """Tell each forum group, once, in General, that a topic's alerts fell back there."""
    for chat_id, target in broken_routes(db):
        t = texts_of(db, chat_id)
        text = fill(t.route_fell_back, target=Html(target_label(db, t, chat_id, target)))
        if not await notify(sender, chat_id, text):
            return
        remove_route(db, chat_id, target)
