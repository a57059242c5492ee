"""What every handler needs: the services, the chat's texts, its argument, a safe reply."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ChatType

from bot.core.clock import utcnow
from bot.core.texts import Texts, fill, texts_for
from bot.deliver.render import MAX_MESSAGE, cut, visible, visible_len
from bot.services import Services, VigieContext
from storage.chats import get_chat, register_chat, stopped_language
from storage.destinations import managed

Context = VigieContext
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def services(context: Context) -> Services:
    """The engine's state, attached to the application at start."""
    return context.services


def texts(update: Update, context: Context | None = None) -> Texts:
    """The texts in the chat's language (/lang, or its first user's Telegram language; kept
    after /stop);
    without the context, or for a chat not stored yet, the sender's Telegram language."""
    chat = update.effective_chat
    if context is not None and chat is not None:
        stored = get_chat(services(context).db, chat.id)
        if stored is not None and stored.language:
            return texts_for(stored.language)
        kept = stopped_language(services(context).db, chat.id)[1]
        if kept:
            return texts_for(kept)
    user = update.effective_user
    return texts_for(user.language_code if user else None)


def chat_id(update: Update) -> int:
    """The chat the update is about (for a button: the chat of its message, never its data)."""
    chat = update.effective_chat
    assert chat is not None, "handlers are registered for chat updates only"
    return chat.id


def destination(update: Update, context: Context) -> int:
    """The chat a command reads or changes: in a private chat, the channel its user picked
    (/connect) if any; elsewhere the chat it is typed in."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None, "handlers are registered for chat updates only"
    if chat.type == ChatType.PRIVATE and user is not None:
        picked = managed(services(context).db, user.id)
        if picked is not None:
            return picked
    return chat.id


def argument(update: Update) -> str:
    """Everything after the command word, as typed (quotes and spacing kept), stripped."""
    message = update.effective_message
    text = message.text if message and message.text else ""
    parts = text.split(maxsplit=1)
    return parts[1].strip() if len(parts) == 2 else ""


def addressed_elsewhere(command: str, username: str) -> bool:
    """`/cmd@otherbot` in a group or channel is for another bot: not ours to answer."""
    _, at, target = command.partition("@")
    return bool(at) and target.casefold() != username.casefold()


def ensure_chat(update: Update, context: Context) -> None:
    """Register the chat before storing anything about it (/start does it explicitly)."""
    if get_chat(services(context).db, chat_id(update)) is None:
        register(update, context)


def register(update: Update, context: Context) -> bool:
    """Store (or reactivate) the chat with its type, name and the user's language."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None
    language = user.language_code if user else None
    title = chat.effective_name or ""
    return register_chat(services(context).db, chat.id, chat.type, title, language, utcnow())


async def reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Answer in the update's chat as HTML, without link previews, within Telegram's limit."""
    message = update.effective_message
    assert message is not None
    if visible_len(text) <= MAX_MESSAGE:
        await message.reply_html(text, reply_markup=markup, link_preview_options=NO_PREVIEW)
        return
    await message.reply_text(as_plain_text(text), reply_markup=markup,
                             link_preview_options=NO_PREVIEW)


async def answer(update: Update, context: Context, text: str,
                 markup: InlineKeyboardMarkup | None = None) -> None:
    """`reply`, headed by the channel's name when the command read or changed a channel the
    user picked (/connect), so nobody mistakes it for their own chat."""
    where = destination(update, context)
    if where != chat_id(update):
        stored = get_chat(services(context).db, where)
        header = fill(texts(update, context).managing_header,
                      title=stored.title if stored else str(where))
        text = f"{header}\n{text}"
    await reply(update, text, markup)


def as_plain_text(markup: str) -> str:
    """Last resort for an over-long answer: its visible text, cut, sent without markup
    (cutting HTML could leave a tag open, and Telegram would refuse the whole message)."""
    return cut(visible(markup), MAX_MESSAGE)


def join_fitting(header: str, lines: list[str], limit: int = MAX_MESSAGE - 96) -> str:
    """The header and as many whole lines as fit, with "…" when some were left out."""
    kept = [header]
    used = visible_len(header)
    for line in lines:
        used += visible_len(line) + 1
        if used > limit:
            kept.append("…")
            break
        kept.append(line)
    return "\n".join(kept)
