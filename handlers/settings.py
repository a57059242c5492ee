"""/digest, /quiet, /timezone, /lang, /mute and /settings: when and how a chat hears from Vigie.

Times typed and shown are on the chat's own clock (/timezone). Changing the delivery never
loses an alert: held alerts stay in the outbox, and the digest tick sends them when they are
due (at once when /digest goes off, outside quiet hours). Settings buttons act on the chat
the button is in, only for those who may configure it, like the topic buttons.
"""

from __future__ import annotations

import contextlib
import re
from datetime import datetime, time, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.core.clock import utcnow
from bot.core.models import Plan, Preview
from bot.core.texts import CATALOGUES, LANGUAGE_NAMES, Texts, fill, language_of, texts_for
from bot.deliver.render import cut, format_time
from bot.deliver.schedule_local import (
    close_zones,
    find_zone,
    hhmm,
    in_quiet,
    local,
    parse_hhmm,
    time_problem,
)
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
from handlers.filters import parse_number
from handlers.topics import find_topic, topic_names
from storage.chats import chat_filters, subscriptions
from storage.destinations import get_preview
from storage.digests import held_count
from storage.mutes import Mute, chat_mutes, mute, unmute
from storage.preferences import (
    Preferences,
    get_preferences,
    set_digest,
    set_language,
    set_quiet,
    set_timezone,
)

SETTINGS_DATA = "set:"
DEFAULT_DAILY = time(8, 0)
MAX_MUTE_DAYS = 30
ECHO_UNITS = 64
_DURATION = re.compile(r"(\d{1,5})([mhd])")
_UNITS = {"m": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1)}
_WINDOW = re.compile(r"(\S+)\s*[-–]\s*(\S+)")


def preferences(update: Update, context: Context) -> Preferences:
    """This chat's settings (registering it first, so there always are some)."""
    ensure_chat(update, context)
    found = get_preferences(services(context).db, destination(update, context))
    assert found is not None
    return found


def clock(plan: Plan, now: datetime) -> str:
    """The time now on the chat's clock, "14:05"."""
    return f"{local(now, plan.timezone):%H:%M}"


def preview_label(t: Texts, preview: Preview) -> str:
    """A preview mode in the user's words."""
    return {Preview.OFF: t.preview_off, Preview.SMALL: t.preview_small,
            Preview.LARGE: t.preview_large}[preview]


def mode_label(t: Texts, plan: Plan) -> str:
    """The digest mode in the user's words."""
    if plan.digest == "hourly":
        return t.mode_hourly
    if plan.digest == "daily":
        return fill(t.mode_daily, time=plan.digest_time or hhmm(DEFAULT_DAILY))
    return t.mode_off


def quiet_label(t: Texts, plan: Plan) -> str:
    """"22:00–07:00", or none."""
    if plan.quiet_start and plan.quiet_end:
        return f"{plan.quiet_start}–{plan.quiet_end}"
    return t.quiet_none


# --- /digest -------------------------------------------------------------------------------


def parse_digest(typed: str) -> tuple[str, time | None] | None:
    """("off"|"hourly", None) or ("daily", HH:MM); None when it does not parse."""
    words = typed.casefold().split()
    if words in (["off"], ["hourly"]):
        return words[0], None
    if words[:1] == ["daily"] and len(words) <= 2:
        at = parse_hhmm(words[1]) if len(words) == 2 else DEFAULT_DAILY
        return ("daily", at) if at else None
    return None


def apply_digest(context: Context, chat: int, mode: str, at: time | None, t: Texts) -> str:
    """Store the mode; the answer says what now happens to alerts."""
    db = services(context).db
    set_digest(db, chat, mode, hhmm(at) if at else None)
    plan = stored_plan(context, chat)
    if mode == "hourly":
        return fill(t.digest_now_hourly, tz=plan.timezone)
    if mode == "daily":
        return fill(t.digest_now_daily, time=plan.digest_time, tz=plan.timezone)
    waiting = held_count(db, chat) and not in_quiet(utcnow(), plan)
    return t.digest_off_flush if waiting else t.digest_now_off


def stored_plan(context: Context, chat: int) -> Plan:
    """The chat's stored plan."""
    found = get_preferences(services(context).db, chat)
    return found.plan if found else Plan()


async def digest_command(update: Update, context: Context) -> None:
    """/digest off | hourly | daily HH:MM."""
    t, parsed = texts(update, context), parse_digest(argument(update))
    wrong_time = next((word for word in argument(update).split() if time_problem(word)), None)
    if wrong_time:
        await answer(update, context, fill(t.time_out_of_range, typed=cut(wrong_time, ECHO_UNITS)))
    elif parsed is None:
        plan = preferences(update, context).plan
        await answer(update, context,
                     fill(t.usage_digest, tz=plan.timezone, current=mode_label(t, plan)))
    elif await require_configurer(update, context):
        ensure_chat(update, context)
        await answer(update, context,
                     apply_digest(context, destination(update, context), *parsed, t))


# --- /quiet --------------------------------------------------------------------------------


def parse_window(typed: str) -> tuple[time, time] | None:
    """"22:00-07:00" as (start, end); None unless both parse and differ."""
    found = _WINDOW.fullmatch(typed.strip())
    if not found:
        return None
    start, end = parse_hhmm(found.group(1)), parse_hhmm(found.group(2))
    return (start, end) if start is not None and end is not None and start != end else None


async def quiet_command(update: Update, context: Context) -> None:
    """/quiet HH:MM-HH:MM | off."""
    t, typed = texts(update, context), argument(update)
    window = parse_window(typed)
    wrong_time = next((part for part in typed.split("-") if time_problem(part)), None)
    if wrong_time:
        await answer(update, context, fill(t.time_out_of_range, typed=cut(wrong_time, ECHO_UNITS)))
    elif window is None and typed.casefold() != "off":
        plan = preferences(update, context).plan
        await answer(update, context,
                     fill(t.usage_quiet, tz=plan.timezone, current=quiet_label(t, plan)))
    elif await require_configurer(update, context):
        ensure_chat(update, context)
        start, end = (hhmm(window[0]), hhmm(window[1])) if window else (None, None)
        set_quiet(services(context).db, destination(update, context), start, end)
        tz = preferences(update, context).plan.timezone
        await answer(update, context, fill(t.quiet_now, start=start, end=end, tz=tz) if window
                    else t.quiet_now_off)


# --- /timezone, /lang ---------------------------------------------------------------------


async def timezone_command(update: Update, context: Context) -> None:
    """/timezone Area/City: validated against the zones zoneinfo (tzdata) knows."""
    t, typed = texts(update, context), argument(update)
    zone = find_zone(typed) if typed else None
    if not typed:
        plan = preferences(update, context).plan
        await answer(update, context,
                     fill(t.usage_timezone, tz=plan.timezone, time=clock(plan, utcnow())))
    elif zone is None:
        await answer(update, context, zone_unknown(t, typed))
    elif await require_configurer(update, context):
        ensure_chat(update, context)
        set_timezone(services(context).db, destination(update, context), zone)
        await answer(update, context,
                     fill(t.timezone_now, tz=zone, time=clock(Plan(zone), utcnow())))


def zone_unknown(t: Texts, typed: str) -> str:
    """No such zone: the closest known one suggested when there is one, else the general rule."""
    close = close_zones(typed)
    shown = cut(typed, ECHO_UNITS)
    if close:
        return fill(t.timezone_suggest, typed=shown, suggestion=close[0])
    return fill(t.timezone_unknown, typed=shown)


async def lang_command(update: Update, context: Context) -> None:
    """/lang en | fr | uk: the bot's messages in this chat from now on."""
    t, typed = texts(update, context), argument(update).casefold()
    if typed not in CATALOGUES:
        current = LANGUAGE_NAMES[language_of(preferences(update, context).language)]
        await answer(update, context, fill(t.usage_lang, language=current))
    elif await require_configurer(update, context):
        ensure_chat(update, context)
        set_language(services(context).db, destination(update, context), typed)
        await answer(update, context, texts_for(typed).lang_now)


# --- /mute ---------------------------------------------------------------------------------


def parse_duration(typed: str) -> timedelta | None:
    """"30m", "6h", "2d" (at most 30 days); None otherwise."""
    found = _DURATION.fullmatch(typed.strip().casefold())
    if not found:
        return None
    length = int(found.group(1)) * _UNITS[found.group(2)]
    return length if timedelta(0) < length <= timedelta(days=MAX_MUTE_DAYS) else None


def mute_target(update: Update, context: Context, typed: str) -> tuple[str, str] | None:
    """(stored target, label) for a topic name or a filter number; None if neither."""
    t = texts(update, context)
    topic = find_topic(topic_names(context), typed)
    if topic is not None:
        return f"topic:{topic}", fill(t.mute_topic, name=topic)
    number = parse_number(typed)
    existing = chat_filters(services(context).db, destination(update, context))
    if number is not None and 1 <= number <= len(existing):
        return f"filter:{existing[number - 1].id}", fill(t.mute_filter, number=number)
    return None


def filter_ids(context: Context, chat: int) -> list[str]:
    """The chat's filter ids in /filters order, read once per list of mutes."""
    return [str(record.id) for record in chat_filters(services(context).db, chat)]


def mute_label(t: Texts, ids: list[str], target: str) -> str:
    """How a stored target reads: "topic nato", "filter 2" (its place in `ids`), or a
    removed filter."""
    kind, _, name = target.partition(":")
    if kind == "topic":
        return fill(t.mute_topic, name=name)
    return fill(t.mute_filter, number=ids.index(name) + 1) if name in ids else t.mute_filter_gone


def mutes_text(update: Update, context: Context, mutes: list[Mute]) -> str:
    """The list /mute alone shows, each with its end on the chat's clock."""
    t, tz = texts(update, context), preferences(update, context).plan.timezone
    if not mutes:
        return t.mutes_empty
    ids = filter_ids(context, destination(update, context))
    lines = [fill(t.mute_line, target=mute_label(t, ids, m.target),
                  until=format_time(m.until, tz, t.month_names)) for m in mutes]
    return "\n".join([t.mutes_header, *lines])


async def mute_command(update: Update, context: Context) -> None:
    """/mute TOPIC|N DURATION, /mute TOPIC|N off, or /mute alone to list."""
    t, words = texts(update, context), argument(update).split()
    if not words:
        mutes = chat_mutes(services(context).db, destination(update, context), utcnow())
        await answer(update, context, mutes_text(update, context, mutes))
        return
    target = mute_target(update, context, words[0]) if len(words) == 2 else None
    length = parse_duration(words[1]) if target else None
    if target is not None and _DURATION.fullmatch(words[1].casefold()) and length is None:
        await answer(update, context, fill(t.duration_out_of_range, typed=cut(words[1], ECHO_UNITS),
                                 max_days=MAX_MUTE_DAYS, target=cut(words[0], ECHO_UNITS)))
    elif target is None or (length is None and words[1].casefold() != "off"):
        await answer(update, context, fill(t.usage_mute, max_days=MAX_MUTE_DAYS))
    elif await require_configurer(update, context):
        await answer(update, context, apply_mute(update, context, target, length))


def apply_mute(update: Update, context: Context, target: tuple[str, str],
               length: timedelta | None) -> str:
    """Mute for `length`, or lift the mute (None); the answer."""
    t, db, chat = texts(update, context), services(context).db, destination(update, context)
    ensure_chat(update, context)
    if length is None:
        lifted = unmute(db, chat, target[0])
        return fill(t.mute_lifted if lifted else t.mute_was_not, target=target[1])
    until = utcnow() + length
    mute(db, chat, target[0], until)
    tz = preferences(update, context).plan.timezone
    return fill(t.mute_now, target=target[1], until=format_time(until, tz, t.month_names))


# --- /settings -----------------------------------------------------------------------------


def settings_text(update: Update, context: Context) -> str:
    """Everything this chat has set, in one message."""
    t, pref, db = texts(update, context), preferences(update, context), services(context).db
    now, chat = utcnow(), destination(update, context)
    ids = filter_ids(context, chat)
    mutes = [mute_label(t, ids, m.target) for m in chat_mutes(db, chat, now)]
    return fill(
        t.settings, language=LANGUAGE_NAMES[language_of(pref.language)], tz=pref.plan.timezone,
        time=clock(pref.plan, now), digest=mode_label(t, pref.plan),
        quiet=quiet_label(t, pref.plan), state=t.state_paused if pref.paused else t.state_on,
        topics=", ".join(subscriptions(db, chat)) or t.nothing_followed,
        filters=len(ids), mutes=", ".join(mutes) or t.quiet_none,
        held=held_count(db, chat)) + fill(t.settings_preview,
                                          preview=preview_label(t, get_preview(db, chat)))


def settings_keyboard(t: Texts) -> InlineKeyboardMarkup:
    """Buttons for the common changes: digest mode, quiet hours off, language."""
    def button(label: str, data: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=SETTINGS_DATA + data)

    return InlineKeyboardMarkup([
        [button(t.button_instant, "digest:off"), button(t.button_hourly, "digest:hourly"),
         button(t.button_daily, "digest:daily")],
        [button(t.button_quiet_off, "quiet:off")],
        [button(name, f"lang:{code}") for code, name in LANGUAGE_NAMES.items()],
    ])


async def settings_command(update: Update, context: Context) -> None:
    """/settings: one message with everything, and buttons."""
    t = texts(update, context)
    await answer(update, context, settings_text(update, context), settings_keyboard(t))


def apply_button(context: Context, chat: int, action: str) -> bool:
    """Apply one settings button to `chat`; False for data Vigie does not know."""
    db = services(context).db
    kind, _, value = action.partition(":")
    if kind == "digest" and value in ("off", "hourly", "daily"):
        set_digest(db, chat, value, hhmm(DEFAULT_DAILY) if value == "daily" else None)
    elif kind == "quiet" and value == "off":
        set_quiet(db, chat, None, None)
    elif kind == "lang" and value in CATALOGUES:
        set_language(db, chat, value)
    else:
        return False
    return True


async def settings_button(update: Update, context: Context) -> None:
    """A tap on a settings button: change it, redraw the message, say it is saved."""
    query = update.callback_query
    assert query is not None and query.data is not None
    if not await may_press(update, context):
        return
    ensure_chat(update, context)
    action = query.data.removeprefix(SETTINGS_DATA)
    if not apply_button(context, destination(update, context), action):
        await query.answer(texts(update, context).answer_stale_button)
        return
    t = texts(update, context)
    with contextlib.suppress(BadRequest):
        await query.edit_message_text(settings_text(update, context), parse_mode="HTML",
                                      reply_markup=settings_keyboard(t))
    await query.answer(t.answer_saved)
