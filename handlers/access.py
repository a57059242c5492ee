"""Who may do what: anyone reads, group administrators change a group, bot admins run Vigie.

A private chat belongs to its user. In a group, settings are the group's, so only its
administrators change them (asked of Telegram with getChatMember each time: roles change and
a cache would lag). An anonymous administrator posts as the group itself, which proves the
role. Admin commands are for the user ids in `[telegram] admins`, wherever they are typed.
"""

from __future__ import annotations

from telegram import ChatMember, Update
from telegram.constants import ChatType

from handlers.common import Context, reply, services, texts

ADMIN_STATUSES = frozenset({ChatMember.OWNER, ChatMember.ADMINISTRATOR})


def _posted_as_the_group(update: Update) -> bool:
    """An anonymous group administrator's message carries the group as its sender."""
    message, chat = update.message, update.effective_chat
    return bool(message and chat and message.sender_chat and message.sender_chat.id == chat.id)


async def may_configure(update: Update, context: Context) -> bool:
    """Whether the sender may change this chat's settings."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return False
    if chat.type == ChatType.PRIVATE or _posted_as_the_group(update):
        return True
    if user is None:
        return False
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in ADMIN_STATUSES


async def require_configurer(update: Update, context: Context) -> bool:
    """True when the sender may change settings; otherwise say so politely and return False."""
    if await may_configure(update, context):
        return True
    await reply(update, texts(update, context).group_admins_only)
    return False


async def may_press(update: Update, context: Context) -> bool:
    """`require_configurer` for a button: a refusal is answered as an alert on the press."""
    if await may_configure(update, context):
        return True
    assert update.callback_query is not None
    await update.callback_query.answer(texts(update, context).answer_admins_only,
                                       show_alert=True)
    return False


def is_bot_admin(update: Update, context: Context) -> bool:
    """Whether the sender is one of Vigie's administrators (`[telegram] admins`)."""
    user = update.effective_user
    return user is not None and user.id in services(context).settings.telegram.admins


async def require_bot_admin(update: Update, context: Context) -> bool:
    """True for a Vigie administrator; anyone else is told the command is not theirs."""
    if is_bot_admin(update, context):
        return True
    await reply(update, texts(update, context).bot_admins_only)
    return False
