"""/topics, /subscribe, /unsubscribe and the follow/leave buttons."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.core.clock import utcnow
from bot.core.texts import Texts, fill, plain
from bot.deliver.render import cut
from handlers.access import may_press, require_configurer
from handlers.common import (
    Context,
    answer,
    argument,
    destination,
    ensure_chat,
    services,
    texts,
)
from storage.chats import subscribe, subscriptions, unsubscribe

TOPIC_DATA = "topic:"
CALLBACK_DATA_MAX = 64
BUTTONS_PER_ROW = 3
ALIASES_SHOWN = 6
ECHO_UNITS = 100


def find_topic(names: list[str], typed: str) -> str | None:
    """The topic named `typed`, whatever its case."""
    wanted = typed.casefold()
    return next((name for name in names if name.casefold() == wanted), None)


def topic_names(context: Context) -> list[str]:
    """Every topic this bot knows, sorted."""
    return sorted(services(context).topics)


def topic_keyboard(names: list[str], followed: list[str], t: Texts) -> InlineKeyboardMarkup:
    """One button per topic, showing whether the chat follows it; a tap toggles it."""
    buttons = [
        InlineKeyboardButton(plain(t.topic_button_on if name in followed else t.topic_button_off,
                                   name=name), callback_data=TOPIC_DATA + name)
        for name in names if len((TOPIC_DATA + name).encode()) <= CALLBACK_DATA_MAX
    ]
    rows = [buttons[i:i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
    return InlineKeyboardMarkup(rows)


def chat_keyboard(update: Update, context: Context) -> InlineKeyboardMarkup:
    """The topic buttons for this chat, in their current state."""
    followed = subscriptions(services(context).db, destination(update, context))
    return topic_keyboard(topic_names(context), followed, texts(update, context))


def topics_text(context: Context, t: Texts) -> str:
    """The topics with a few of their names in other languages."""
    topics = services(context).topics
    lines = [fill(t.topic_line, name=name,
                  aliases=", ".join(list(topics[name].aliases)[:ALIASES_SHOWN]))
             for name in topic_names(context)]
    return "\n".join([t.topics_header, *lines])


def unknown_topic(update: Update, names: list[str], context: Context | None = None) -> str:
    """The answer to a topic name nobody knows: the names that exist."""
    typed = cut(argument(update), ECHO_UNITS)
    return fill(texts(update, context).unknown_topic, topic=typed, known=", ".join(names))


async def topics_command(update: Update, context: Context) -> None:
    """/topics: the topics, with a follow/leave button each."""
    t = texts(update, context)
    await answer(update, context, topics_text(context, t), chat_keyboard(update, context))


async def subscribe_command(update: Update, context: Context) -> None:
    """/subscribe TOPIC: follow a topic by name."""
    t, names = texts(update, context), topic_names(context)
    topic = find_topic(names, argument(update))
    if not argument(update):
        await answer(update, context, fill(t.usage_subscribe, known=", ".join(names)))
    elif topic is None:
        await answer(update, context, unknown_topic(update, names, context))
    elif await require_configurer(update, context):
        ensure_chat(update, context)
        added = subscribe(services(context).db, destination(update, context), topic, utcnow())
        await answer(update, context,
                     fill(t.subscribed if added else t.already_subscribed, topic=topic))


async def unsubscribe_command(update: Update, context: Context) -> None:
    """/unsubscribe TOPIC: leave a topic by name."""
    t, names = texts(update, context), topic_names(context)
    followed = subscriptions(services(context).db, destination(update, context))
    topic = find_topic(names + followed, argument(update))
    if not argument(update):
        shown = ", ".join(followed) or t.nothing_followed
        await answer(update, context, fill(t.usage_unsubscribe, followed=shown))
    elif topic is None:
        await answer(update, context, unknown_topic(update, names, context))
    elif await require_configurer(update, context):
        removed = unsubscribe(services(context).db, destination(update, context), topic)
        await answer(update, context,
                     fill(t.unsubscribed if removed else t.not_subscribed, topic=topic))


async def topic_button(update: Update, context: Context) -> None:
    """A tap on a topic button: toggle it for the chat the button is in."""
    query, t = update.callback_query, texts(update, context)
    assert query is not None and query.data is not None
    topic = find_topic(topic_names(context), query.data.removeprefix(TOPIC_DATA))
    if topic is None:
        await query.answer(t.answer_stale_button)
        return
    if not await may_press(update, context):
        return
    now_following = toggle(update, context, topic)
    await refresh_keyboard(update, context)
    await query.answer(plain(t.answer_followed if now_following else t.answer_left, topic=topic))


def toggle(update: Update, context: Context, topic: str) -> bool:
    """Follow the topic if the chat does not, else leave it; returns whether it now follows."""
    ensure_chat(update, context)
    db, chat = services(context).db, destination(update, context)
    if subscribe(db, chat, topic, utcnow()):
        return True
    unsubscribe(db, chat, topic)
    return False


async def refresh_keyboard(update: Update, context: Context) -> None:
    """Redraw the buttons; a message too old to edit or already up to date is left as is."""
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_reply_markup(chat_keyboard(update, context))
    except BadRequest:
        return
