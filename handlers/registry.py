"""One place that wires every handler into the Application, and the menus setMyCommands shows.

Commands answer new messages only (an edited "/stop" must not run twice). A command no
handler knows gets a pointer to /help, unless it names another bot. Button presses are
routed by the prefix of their data; any other button is answered as out of date, so no
press is left spinning. One error handler logs what escapes, with the token scrubbed.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from telegram import (
    Bot,
    BotCommand,
    BotCommandScope,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    Update,
)
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
)
from telegram.ext import filters as tg_filters

from bot.core.redact import redact_token
from bot.core.texts import CATALOGUES, ENGLISH, Texts
from handlers import (
    admin,
    chat,
    destinations,
    flood,
    probe,
    restart,
    settings,
    start,
    topics,
    trend,
)
from handlers import filters as filter_commands
from handlers.common import Context, texts

log = logging.getLogger(__name__)

Callback = Callable[[Update, Context], Coroutine[Any, Any, None]]
Menu = tuple[list[BotCommand], BotCommandScope]

PUBLIC: tuple[tuple[str, Callback], ...] = (
    ("start", start.start_command), ("help", start.help_command),
    ("topics", topics.topics_command), ("subscribe", topics.subscribe_command),
    ("unsubscribe", topics.unsubscribe_command), ("filter", filter_commands.filter_command),
    ("filters", filter_commands.filters_command), ("test", probe.test_command),
    ("recent", chat.recent_command), ("pause", chat.pause_command),
    ("resume", chat.resume_command), ("stop", chat.stop_command),
    ("digest", settings.digest_command), ("quiet", settings.quiet_command),
    ("timezone", settings.timezone_command), ("lang", settings.lang_command),
    ("mute", settings.mute_command), ("settings", settings.settings_command),
    ("preview", destinations.preview_command), ("route", destinations.route_command),
    ("connect", destinations.connect_command), ("disconnect", destinations.disconnect_command),
    ("trend", trend.trend_command),
)
# what a chat that said /stop may still send without being asked to start again
WITHOUT_RESTART = frozenset({"start", "help", "stop"})
ADMIN: tuple[tuple[str, Callback], ...] = (
    ("feeds", admin.feeds_command), ("addfeed", admin.addfeed_command),
    ("removefeed", admin.removefeed_command), ("stats", admin.stats_command),
)


def register(application: Application[Any, Any, Any, Any, Any, Any],
             flood_gate: flood.FloodGate | None = None) -> None:
    """Add the flood limit, every command, button and fallback handler, and the error handler;
    and from now on keep the token out of every log line (PTB's DEBUG lines show the bot id)."""
    redact_token(application.bot.token)
    only_new = tg_filters.UpdateType.MESSAGE
    for name, callback in (*PUBLIC, *ADMIN):
        application.add_handler(CommandHandler(name, callback, filters=only_new))
    application.add_handler(CallbackQueryHandler(topics.topic_button,
                                                 pattern=f"^{topics.TOPIC_DATA}"))
    application.add_handler(CallbackQueryHandler(filter_commands.filter_button,
                                                 pattern=f"^{filter_commands.FILTER_DATA}"))
    application.add_handler(CallbackQueryHandler(settings.settings_button,
                                                 pattern=f"^{settings.SETTINGS_DATA}"))
    application.add_handler(CallbackQueryHandler(destinations.manage_button,
                                                 pattern=f"^{destinations.MANAGE_DATA}"))
    application.add_handler(ChatMemberHandler(destinations.my_membership,
                                              ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_handler(CallbackQueryHandler(restart.restart_button,
                                                 pattern=f"^{restart.RESTART_DATA}$"))
    application.add_handler(CallbackQueryHandler(stale_button))
    application.add_handler(MessageHandler(tg_filters.COMMAND & only_new, start.unknown_command))
    application.add_handler(MessageHandler(
        tg_filters.COMMAND & tg_filters.UpdateType.CHANNEL_POST, destinations.channel_command))
    private_text = tg_filters.TEXT & ~tg_filters.COMMAND & tg_filters.ChatType.PRIVATE & only_new
    application.add_handler(MessageHandler(private_text, chat.plain_text))
    # a group of its own: python-telegram-bot runs one handler per group, and the membership
    # handler above must see the same update
    application.add_handler(ChatMemberHandler(chat.added_to_chat, ChatMemberHandler.MY_CHAT_MEMBER),
                            group=1)
    asking = frozenset(name for name, _ in PUBLIC) - WITHOUT_RESTART
    application.add_handler(TypeHandler(Update, restart.restart_guard(asking)), group=-1)
    application.add_error_handler(on_error)
    flood.install(application, flood_gate)


async def stale_button(update: Update, context: Context) -> None:
    """A button Vigie no longer knows (older version, forged data): answer, change nothing."""
    assert update.callback_query is not None
    await update.callback_query.answer(texts(update, context).answer_stale_button)


def scrub(text: str, token: str) -> str:
    """The text with the bot token (and its secret half alone) replaced."""
    for secret in (token, token.partition(":")[2]):
        if secret:  # any case: PTB capitalises error messages (BadRequest: "Boom 123:abc")
            text = re.sub(re.escape(secret), "<token>", text, flags=re.IGNORECASE)
    return text


def describe(update: object) -> str:
    """Which update failed, without its content (users' messages stay out of logs)."""
    if not isinstance(update, Update):
        return "no update"
    chat = update.effective_chat
    return f"update {update.update_id} in chat {chat.id if chat else '?'}"


async def on_error(update: object, context: Context) -> None:
    """Log what a handler let escape, never the token; tell the user something failed."""
    error = context.error
    if isinstance(error, NetworkError) and not isinstance(update, Update):
        log.warning("Telegram unreachable while polling: %s", scrub(str(error), context.bot.token))
        return
    trace = "".join(traceback.format_exception(error)) if error else "no exception"
    log.error("handler failed (%s):\n%s", describe(update), scrub(trace, context.bot.token))
    if isinstance(update, Update):
        await apologise(update)


async def apologise(update: Update) -> None:
    """Best effort: answer the button or the message, ignoring a second failure."""
    t = texts(update)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(t.internal_error)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(t.internal_error)
    except TelegramError as error:
        log.warning("could not tell the user about the failure: %s", type(error).__name__)


def _commands(entries: Sequence[tuple[str, Callback]], t: Texts) -> list[BotCommand]:
    return [BotCommand(name, str(getattr(t, f"menu_{name}"))) for name, _ in entries]


def bot_commands(t: Texts = ENGLISH) -> tuple[list[BotCommand], list[BotCommand]]:
    """(public commands, admin-only commands), with their menu descriptions."""
    return _commands(PUBLIC, t), _commands(ADMIN, t)


def command_menus(admins: Sequence[int], t: Texts = ENGLISH) -> list[Menu]:
    """Every setMyCommands call to make: the public menu for everyone, and for each admin
    (in their private chat with the bot) the public commands followed by the admin ones."""
    public, admin_only = bot_commands(t)
    menus: list[Menu] = [(public, BotCommandScopeDefault())]
    menus += [(public + admin_only, BotCommandScopeChat(admin_id)) for admin_id in admins]
    return menus


def menus_by_language(admins: Sequence[int]) -> list[tuple[Menu, str | None]]:
    """Every menu in every catalogue language: English for anyone, French and Ukrainian for
    users whose Telegram speaks them (Telegram picks by the user's language code)."""
    return [(menu, None if code == "en" else code)
            for code, t in CATALOGUES.items() for menu in command_menus(admins, t)]


async def publish_commands(bot: Bot, admins: Sequence[int]) -> None:
    """Set every menu; an admin who never wrote to the bot has no chat yet, so is skipped."""
    for (commands, scope), language in menus_by_language(admins):
        try:
            await bot.set_my_commands(commands, scope=scope, language_code=language)
        except BadRequest as error:
            log.warning("command menu not set for %s (%s): %s", scope.type, language or "en",
                        error.message)
