"""/filter add|remove, /filters with a remove button each.

A filter is parsed before it is stored, and the shared matcher learns of every change at
once, so a new filter applies to the next story without a restart. The numbers users see
are positions in /filters (oldest first); buttons carry the filter's id instead, and act
only on the chat the button is in, so a forged button cannot reach another chat's filter.
"""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.core.errors import FilterSyntaxError
from bot.core.texts import Texts, fill, plain
from bot.deliver.render import cut
from bot.match.filter_book import Added
from bot.match.filters import FILTER_MAX_LENGTH, FILTERS_PER_CHAT, FilterExpr, parse_filter
from handlers.access import may_press, require_configurer
from handlers.common import (
    Context,
    answer,
    argument,
    destination,
    ensure_chat,
    join_fitting,
    services,
    texts,
)
from storage.chats import FilterRecord, chat_filters

FILTER_DATA = "filter:"
BUTTONS_PER_ROW = 5
CARET_WINDOW = 60
LISTED_EXPR_UNITS = 190  # 20 filters of 190 units and their numbers fit one message
MAX_DIGITS = 15
_SPACE = re.compile(r"\s")


def usage(t: Texts) -> str:
    """How /filter is used, with the limits."""
    return fill(t.usage_filter, max_length=FILTER_MAX_LENGTH, max_count=FILTERS_PER_CHAT)


async def filter_command(update: Update, context: Context) -> None:
    """/filter add EXPR | /filter remove N | /filter list (the same as /filters)."""
    action, rest = [*argument(update).split(maxsplit=1), "", ""][:2]
    action, rest = action.casefold(), rest.strip()
    if action == "add" and rest:
        await add(update, context, _SPACE.sub(" ", rest))
    elif action == "remove" and rest:
        await remove(update, context, rest)
    elif action == "list" and not rest:
        await filters_command(update, context)
    else:
        await answer(update, context, usage(texts(update, context)))


def parse_number(typed: str) -> int | None:
    """A plain decimal number of sane size, or None (no "²", no 30 digits for SQLite)."""
    if typed.isascii() and typed.isdigit() and len(typed) <= MAX_DIGITS:
        return int(typed)
    return None


def around(expr: str, position: int, width: int = CARET_WINDOW) -> tuple[str, int]:
    """The part of a long filter around `position` (ellipses where cut), and where the
    position falls in it; a short filter is shown whole."""
    position = min(max(position, 0), len(expr))
    start = max(0, min(position - width // 2, len(expr) - width))
    shown = expr[start:start + width]
    head = "…" if start > 0 else ""
    tail = "…" if start + width < len(expr) else ""
    return head + shown + tail, len(head) + position - start


def syntax_message(t: Texts, expr: str, error: FilterSyntaxError) -> str:
    """What is wrong and where: the filter with a caret under the position."""
    shown, column = around(expr, error.position)
    template = getattr(t, f"filter_reason_{error.key}", None)
    reason = plain(template, **error.values) if isinstance(template, str) else error.reason
    return fill(t.filter_syntax, reason=reason, expr=shown, caret=" " * column + "^")


async def add(update: Update, context: Context, expr: str) -> None:
    """Parse, check the limits, store, and teach the matcher."""
    t = texts(update, context)
    if not await require_configurer(update, context):
        return
    try:
        parsed = parse_filter(expr)
    except FilterSyntaxError as error:
        await answer(update, context, syntax_message(t, expr, error))
        return
    await answer(update, context, store(update, context, parsed))


def store(update: Update, context: Context, parsed: FilterExpr) -> str:
    """Store a parsed filter unless the chat is at its limit or has it already; the answer."""
    t, svc = texts(update, context), services(context)
    ensure_chat(update, context)
    result = svc.filters.add(destination(update, context), parsed)
    if result.outcome is Added.EXISTS:
        return fill(t.filter_exists, number=result.number)
    if result.outcome is Added.TOO_MANY:
        return fill(t.filter_too_many, count=result.number)
    return fill(t.filter_added, number=result.number, expr=parsed.source)


async def remove(update: Update, context: Context, typed: str) -> None:
    """/filter remove N, N as numbered in /filters."""
    t = texts(update, context)
    existing = chat_filters(services(context).db, destination(update, context))
    number = parse_number(typed)
    if number is None:
        await answer(update, context, usage(t))
    elif not 1 <= number <= len(existing):
        await answer(update, context, fill(t.filter_no_such, number=number, count=len(existing)))
    elif await require_configurer(update, context):
        drop(context, existing[number - 1])
        await answer(update, context,
                     fill(t.filter_removed, number=number, expr=existing[number - 1].expr))


def drop(context: Context, record: FilterRecord) -> bool:
    """Remove one of a chat's filters, from storage and from the matcher."""
    return services(context).filters.remove(record.chat_id, record.id)


def sync_filters(context: Context, chat: int) -> None:
    """Put the chat's stored filters (back) in the shared matcher."""
    services(context).filters.sync_chat(chat)


def filters_view(update: Update, context: Context) -> tuple[str, InlineKeyboardMarkup | None]:
    """The numbered list and its remove buttons (no buttons when there is nothing)."""
    t = texts(update, context)
    existing = chat_filters(services(context).db, destination(update, context))
    if not existing:
        return t.filters_empty, None
    header = fill(t.filters_header, count=len(existing), max_count=FILTERS_PER_CHAT)
    lines = [fill(t.filter_line, number=n, expr=cut(f.expr, LISTED_EXPR_UNITS))
             for n, f in enumerate(existing, 1)]
    buttons = [InlineKeyboardButton(plain(t.filter_button, number=n),
                                    callback_data=f"{FILTER_DATA}{f.id}")
               for n, f in enumerate(existing, 1)]
    rows = [buttons[i:i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
    return join_fitting(header, lines), InlineKeyboardMarkup(rows)


async def filters_command(update: Update, context: Context) -> None:
    """/filters: this chat's filters, numbered, with a remove button each."""
    text, markup = filters_view(update, context)
    await answer(update, context, text, markup)


async def filter_button(update: Update, context: Context) -> None:
    """A tap on ❌ N: remove that filter if it belongs to the chat the button is in."""
    query, t = update.callback_query, texts(update, context)
    assert query is not None and query.data is not None
    filter_id = parse_number(query.data.removeprefix(FILTER_DATA))
    if filter_id is None:
        await query.answer(t.answer_stale_button)
        return
    if not await may_press(update, context):
        return
    record = FilterRecord(filter_id, destination(update, context), "")
    removed = drop(context, record)
    await redraw(update, context)
    await query.answer(t.answer_filter_removed if removed else t.answer_filter_gone)


async def redraw(update: Update, context: Context) -> None:
    """Show the list as it now is in the message whose button was tapped."""
    query = update.callback_query
    assert query is not None
    text, markup = filters_view(update, context)
    try:
        await query.edit_message_text(text, parse_mode="HTML", reply_markup=markup)
    except BadRequest:
        return
