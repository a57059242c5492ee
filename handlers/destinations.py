"""/preview, /connect, /disconnect, /route and the bot's own membership: where alerts land.

A channel is connected from a private chat, only when Telegram says both the bot (allowed to
post) and the user administer it; it then has its own settings like any chat, changed from
the private chat while it is the one picked (the buttons of /connect). Nothing is posted
where the connecting user is not an administrator. A forum topic receives a topic's or a
filter's alerts after /route is typed inside it. Telegram's my_chat_member updates
(Vigie removed, demoted, promoted) deactivate or bring back a connected channel.
"""

from __future__ import annotations

import contextlib
import logging

from telegram import ChatMember, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.core.clock import utcnow
from bot.core.models import Preview
from bot.core.texts import Texts, fill, plain
from bot.deliver.render import cut
from handlers.access import ADMIN_STATUSES, is_admin, require_configurer
from handlers.common import (
    Context,
    addressed_elsewhere,
    answer,
    argument,
    destination,
    ensure_chat,
    reply,
    services,
    texts,
)
from handlers.filters import sync_filters
from handlers.settings import mute_target, preview_label
from storage.chats import deactivate_chat, get_chat, register_chat
from storage.destinations import (
    Destination,
    connect,
    connected_by,
    connections_of,
    disconnect,
    found_again,
    get_preview,
    has_connections,
    manage,
    managed,
    remove_route,
    set_preview,
    set_route,
)

log = logging.getLogger(__name__)

MANAGE_DATA = "dest:"
ECHO_UNITS = 64
TITLE_UNITS = 60
REMOVED = "Vigie was removed from the chat or lost the right to post"


# --- /preview ------------------------------------------------------------------------------


async def preview_command(update: Update, context: Context) -> None:
    """/preview off | small | large: the link previews of this destination's alerts."""
    t, typed, db = texts(update, context), argument(update).casefold(), services(context).db
    where = destination(update, context)
    if typed not in set(Preview):
        current = preview_label(t, get_preview(db, where))
        await answer(update, context, fill(t.usage_preview, current=current))
    elif await require_configurer(update, context):
        ensure_chat(update, context)
        set_preview(db, where, Preview(typed))
        await answer(update, context, fill(t.preview_now, current=preview_label(t, Preview(typed))))


# --- /connect, /disconnect and the button that picks ---------------------------------------


def chat_reference(typed: str) -> int | str | None:
    """"@name" or a numeric id as typed; None when it is neither."""
    word = typed.strip()
    if word.startswith("@") and len(word) > 1 and " " not in word:
        return word
    with contextlib.suppress(ValueError):
        return int(word)
    return None


def may_post(member: ChatMember, kind: str) -> bool:
    """Whether this membership of the bot lets it post: an administrator (of a channel, with
    the right to post messages)."""
    if member.status == ChatMember.OWNER:
        return True
    rights = getattr(member, "can_post_messages", None)
    return member.status in ADMIN_STATUSES and (kind != ChatType.CHANNEL or bool(rights))


async def bot_may_post(context: Context, chat_id: int, kind: str) -> bool:
    """Whether Telegram says, now, that the bot may post in the chat."""
    try:
        member = await context.bot.get_chat_member(chat_id, context.bot.id)
    except TelegramError:
        return False
    return may_post(member, kind)


def connections_text(t: Texts, mine: list[Destination], current: int | None) -> str:
    """The user's channels and the one their commands change now."""
    if not mine:
        return t.connections_empty
    names = {d.chat_id: d.title for d in mine}
    lines = [fill(t.connection_line, title=cut(d.title, TITLE_UNITS),
                  state=t.connection_active if d.active else t.connection_lost) for d in mine]
    header = fill(t.connections_header, current=names.get(current or 0, t.this_chat))
    return "\n".join([header, *lines])


def connections_keyboard(t: Texts, mine: list[Destination]) -> InlineKeyboardMarkup | None:
    """A button per channel and one for the private chat itself: which one commands change."""
    if not mine:
        return None
    choices = [(t.this_chat, 0), *((cut(d.title, TITLE_UNITS), d.chat_id) for d in mine)]
    return InlineKeyboardMarkup([[InlineKeyboardButton(
        plain(t.button_manage, title=title), callback_data=f"{MANAGE_DATA}{chat_id}")]
        for title, chat_id in choices])


async def list_connections(update: Update, context: Context, user_id: int) -> None:
    """/connect alone: the user's channels, with the buttons that pick."""
    t, db = texts(update, context), services(context).db
    mine = connections_of(db, user_id)
    await reply(update, connections_text(t, mine, managed(db, user_id)),
                connections_keyboard(t, mine))


async def connect_command(update: Update, context: Context) -> None:
    """/connect @channel | -100…: check both administer it, then connect; alone: list."""
    t, chat, user = texts(update, context), update.effective_chat, update.effective_user
    assert chat is not None
    if chat.type != ChatType.PRIVATE or user is None:
        await reply(update, t.connect_private_only)
        return
    typed = argument(update)
    if not typed:
        await list_connections(update, context, user.id)
        return
    reference = chat_reference(typed)
    if reference is None:
        await reply(update, t.usage_connect)
        return
    await reply(update, await try_connect(context, t, reference, user.id))


async def try_connect(context: Context, t: Texts, reference: int | str, user_id: int) -> str:
    """Connect the chat if Telegram says both the bot and the user administer it; the answer."""
    shown = cut(str(reference), ECHO_UNITS)
    try:
        found = await context.bot.get_chat(reference)
    except (BadRequest, Forbidden):
        return fill(t.connect_not_found, chat=shown)
    title = cut(found.effective_name or shown, TITLE_UNITS)
    if found.type == ChatType.PRIVATE or not await bot_may_post(context, found.id, found.type):
        return fill(t.connect_bot_not_admin, title=title, chat=shown)
    if not await is_admin(context, found.id, user_id):
        return fill(t.connect_user_not_admin, title=title)
    connect(services(context).db, found.id, found.type, title, user_id, utcnow())
    sync_filters(context, found.id)  # a channel connected again gets its filters back
    return fill(t.connect_done, title=title)


async def disconnect_command(update: Update, context: Context) -> None:
    """/disconnect [@channel | id]: stop posting there; alone, the channel picked now."""
    t, user, db = texts(update, context), update.effective_user, services(context).db
    typed = argument(update)
    if user is None:
        return
    chat_id = await resolve(context, typed) if typed else managed(db, user.id)
    if chat_id is None and not typed:
        await reply(update, t.usage_disconnect)
        return
    stored = get_chat(db, chat_id) if chat_id is not None else None
    if chat_id is None or stored is None or not disconnect(db, chat_id, user.id):
        await reply(update, fill(t.disconnect_unknown, chat=cut(typed, ECHO_UNITS)))
        return
    if get_chat(db, chat_id) is None:
        services(context).filters.drop_chat(chat_id)
    await reply(update, fill(t.disconnected, title=stored.title))


async def resolve(context: Context, typed: str) -> int | None:
    """The id of a chat typed as "@name" (asked of Telegram) or as its id."""
    reference = chat_reference(typed)
    if isinstance(reference, str):
        try:
            return (await context.bot.get_chat(reference)).id
        except (BadRequest, Forbidden):
            return None
    return reference


async def manage_button(update: Update, context: Context) -> None:
    """A tap on a /connect button: the chosen channel (or this chat) is the one commands change."""
    query, user, db = update.callback_query, update.effective_user, services(context).db
    assert query is not None and query.data is not None
    t = texts(update, context)
    picked = query.data.removeprefix(MANAGE_DATA)
    chosen = int(picked) if picked.lstrip("-").isdigit() else None
    if user is None or chosen is None or (chosen and not connected_by(db, chosen, user.id)):
        await query.answer(t.answer_stale_button)
        return
    manage(db, user.id, chosen or None)
    mine = connections_of(db, user.id)
    with contextlib.suppress(BadRequest):
        await query.edit_message_text(connections_text(t, mine, chosen or None),
                                      parse_mode="HTML", reply_markup=connections_keyboard(t, mine))
    name = next((d.title for d in mine if d.chat_id == chosen), t.this_chat)
    await query.answer(plain(t.answer_managing, title=name))


# --- /route --------------------------------------------------------------------------------


async def route_command(update: Update, context: Context) -> None:
    """/route TOPIC|N [off], typed inside a forum topic: that target's alerts go there."""
    t, words, message = texts(update, context), argument(update).split(), update.effective_message
    chat = update.effective_chat
    assert chat is not None and message is not None
    target = mute_target(update, context, words[0]) if 1 <= len(words) <= 2 else None
    if target is None or (len(words) == 2 and words[1].casefold() != "off"):
        await reply(update, t.usage_route)
    elif len(words) == 2:
        if await require_configurer(update, context):
            removed = remove_route(services(context).db, chat.id, target[0])
            await reply(update, fill(t.route_off if removed else t.route_was_not,
                                     target=target[1]))
    elif not chat.is_forum or not message.is_topic_message or message.message_thread_id is None:
        await reply(update, t.route_forum_only)
    elif await require_configurer(update, context):
        ensure_chat(update, context)
        set_route(services(context).db, chat.id, target[0], message.message_thread_id, utcnow())
        await reply(update, fill(t.route_now, target=target[1]))


# --- the bot's own membership --------------------------------------------------------------


async def channel_command(update: Update, context: Context) -> None:
    """A command posted in a channel: setting up happens in private (an answer here is
    read by every subscriber), so say once where and how."""
    post = update.channel_post
    assert post is not None
    if addressed_elsewhere((post.text or "").split(maxsplit=1)[0], context.bot.username):
        return
    chat = f"@{post.chat.username}" if post.chat.username else str(post.chat.id)
    text = fill(texts(update, context).channel_command, bot=context.bot.username, chat=chat)
    with contextlib.suppress(TelegramError):  # not allowed to post there: nothing to say it with
        await reply(update, text)


async def my_membership(update: Update, context: Context) -> None:
    """Vigie's status changed in a chat: removed or demoted deactivates a connected channel
    (its connectors are told on the next send tick); made an administrator allowed to post
    brings it back."""
    change, db = update.my_chat_member, services(context).db
    if change is None or not has_connections(db, change.chat.id):
        return
    chat = change.chat
    if may_post(change.new_chat_member, chat.type):
        register_chat(db, chat.id, chat.type, cut(chat.effective_name or "", TITLE_UNITS),
                      None, utcnow())
        found_again(db, chat.id)
        sync_filters(context, chat.id)
        log.info("Vigie may post in chat %s again", chat.id)
    else:
        deactivate_chat(db, chat.id, REMOVED)
        log.info("Vigie can no longer post in chat %s: deactivated", chat.id)
