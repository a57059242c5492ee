"""Notices Vigie owes a chat apart from alerts: today, the filters set aside.

A stored filter that no longer parses is set aside by `bot.match.filter_book`; its chat is
told once, in its own language, on a send tick, through the same messenger and rate limits
as alerts. Telegram busy or away: the next tick tries again.
"""

from __future__ import annotations

import logging
from datetime import datetime

import sqlite_utils
from telegram.error import TelegramError

from bot.core.texts import Html, Texts, fill, texts_for
from bot.deliver.render import cut
from bot.deliver.sender import Sender, decide
from storage.chats import get_chat
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
        chat = get_chat(db, chat_id)
        t = texts_for(chat.language if chat else None)
        try:
            await sender.limiter.acquire(chat_id)
            await sender.messenger.send(chat_id, set_aside_notice(t, items))
        except TelegramError as error:
            if decide(error, 0).action in ("wait", "backoff"):
                return  # Telegram busy or away: the next tick tries again
            log.warning("could not tell chat %d of its filters set aside: %s", chat_id, error)
        mark_told(db, chat_id, now)
