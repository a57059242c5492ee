"""Who may do what: anyone reads, group administrators change a group, bot admins run Vigie.

A private chat belongs to its user; a channel the user connected (/connect) and picked is
changed from there only while Telegram still says they administer it. In a group, settings
are the group's, so only its administrators change them (asked of Telegram with
getChatMember each time: roles change and a cache would lag). An anonymous administrator
posts as the group itself, which proves the role. Admin commands are for the user ids in
`[telegram] admins`, wherever they are typed.
"""

from __future__ import annotations

from telegram import ChatMember, Update
from telegram.constants import ChatType

from bot.core.texts import fill
from handlers.common import Context, destination, reply, services, texts
from storage.chats import get_chat

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
    if _posted_as_the_group(update):
        return True
    if user is None:
        return False
    where = destination(update, context)
    if where == chat.id and chat.type == ChatType.PRIVATE:
        return True
    return await is_admin(context, where, user.id)


async def is_admin(context: Context, chat_id: int, user_id: int) -> bool:
    """Whether Telegram says this user administers this chat, now."""
    member = await context.bot.get_chat_member(chat_id, user_id)
    return member.status in ADMIN_STATUSES


def refusal(update: Update, context: Context) -> str:
    """Why the sender may not change the settings: a group's, or a channel's they picked."""
    t, where = texts(update, context), destination(update, context)
    chat = update.effective_chat
    if chat is not None and where != chat.id:
        stored = get_chat(services(context).db, where)
        return fill(t.channel_admins_only, title=stored.title if stored else str(where))
    return t.group_admins_only


async def require_configurer(update: Update, context: Context) -> bool:
    """True when the sender may change settings; otherwise say so politely and return False."""
    if await may_configure(update, context):
        return True
    await reply(update, refusal(update, context))
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
