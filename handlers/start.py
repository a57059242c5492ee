"""/start, /help, and the answer to a command Vigie does not know."""

from __future__ import annotations

from telegram import Update

from bot.core.texts import fill
from bot.deliver.render import cut
from bot.match.filters import FILTER_MAX_LENGTH, FILTERS_PER_CHAT
from handlers.access import is_bot_admin, may_configure
from handlers.common import Context, addressed_elsewhere, chat_id, register, reply, texts
from handlers.filters import sync_filters
from handlers.topics import chat_keyboard

ECHO_UNITS = 64


async def start_command(update: Update, context: Context) -> None:
    """/start: register (or reactivate) the chat, say what Vigie does, show the topics."""
    t = texts(update, context)
    if not await may_configure(update, context):
        await reply(update, t.intro_not_admin)
        return
    register(update, context)
    sync_filters(context, chat_id(update))
    await reply(update, t.intro, chat_keyboard(update, context))


async def help_command(update: Update, context: Context) -> None:
    """/help: every command with an example; admins also see theirs."""
    t = texts(update, context)
    text = fill(t.help, max_length=FILTER_MAX_LENGTH, max_count=FILTERS_PER_CHAT) + t.help_more
    if is_bot_admin(update, context):
        text += t.help_admin
    await reply(update, text)


async def unknown_command(update: Update, context: Context) -> None:
    """Any other /command: never ignored, always pointed at /help."""
    message = update.effective_message
    command = (message.text or "").split(maxsplit=1)[0] if message else ""
    if addressed_elsewhere(command, context.bot.username):
        return
    await reply(update, fill(texts(update, context).unknown_command,
                             command=cut(command.partition("@")[0], ECHO_UNITS)))
