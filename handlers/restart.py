"""After /stop: a command asks whether to start again instead of silently setting the chat up.

/stop deletes everything about a chat; storage keeps only that it stopped (and its language).
Until the chat starts again (/start or the button here), a command or an old button gets the
question, and nothing is stored behind the user's back.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ApplicationHandlerStop

from handlers.access import may_press
from handlers.common import Context, chat_id, register, reply, services, texts
from storage.chats import stopped_language

RESTART_DATA = "restart"
Guard = Callable[[Update, Context], Coroutine[Any, Any, None]]


def command_word(text: str) -> str:
    """`/Subscribe@vigie_bot nato` -> `subscribe`; not a command -> ''."""
    if not text.startswith("/"):
        return ""
    return text.split(maxsplit=1)[0][1:].partition("@")[0].casefold()


def asks(update: Update, asking: frozenset[str]) -> bool:
    """Whether this update would set the chat up: one of `asking`'s commands, or a button."""
    if update.callback_query is not None:
        return update.callback_query.data != RESTART_DATA
    message = update.message
    return message is not None and command_word(message.text or "") in asking


def restart_guard(asking: frozenset[str]) -> Guard:
    """The callback that, in a stopped chat, answers `asking`'s commands with the question."""
    async def check(update: Update, context: Context) -> None:
        chat = update.effective_chat
        if chat is None or not asks(update, asking):
            return
        if not stopped_language(services(context).db, chat.id)[0]:
            return
        await ask(update, context)
        raise ApplicationHandlerStop

    return check


async def ask(update: Update, context: Context) -> None:
    """The question, with its one button; a button press is answered too, so it stops spinning."""
    t = texts(update, context)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(t.restart_button,
                                                         callback_data=RESTART_DATA)]])
    if update.callback_query is not None:
        await update.callback_query.answer()
        await context.bot.send_message(chat_id(update), t.restart_question, reply_markup=markup)
        return
    await reply(update, t.restart_question, markup)


async def restart_button(update: Update, context: Context) -> None:
    """"Start again": set the chat up as /start would, in the language it had."""
    assert update.callback_query is not None
    if not await may_press(update, context):
        return
    register(update, context)
    await update.callback_query.answer(texts(update, context).restarted)
