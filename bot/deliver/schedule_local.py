"""Wall-clock time in a chat's zone: daily HH:MM occurrences, hour boundaries, quiet windows.

Pure functions of an aware `now`. A daily time is one instant per local date (`fold=0`):
on the October night that repeats 03:00-04:00 it is the first 03:30, and on the March night
that skips 03:00-04:00 a 03:30 falls an hour later, at 04:30. Either way each local day has
exactly one occurrence, which is what keeps daylight-saving changes from losing or doubling
a digest: a digest is due when the latest occurrence is after the oldest held alert.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from difflib import get_close_matches
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.core.models import Plan

_HHMM = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


def parse_hhmm(text: str) -> time | None:
    """"7:05" or "07:05" as a time; anything else None."""
    found = _HHMM.fullmatch(text.strip())
    return time(int(found.group(1)), int(found.group(2))) if found else None


def hhmm(moment: time) -> str:
    """A time as stored and shown: "07:05"."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def find_zone(typed: str) -> str | None:
    """The IANA zone named `typed` (any case), or None: "europe/kyiv" -> "Europe/Kyiv"."""
    wanted = typed.strip().casefold()
    names = available_timezones() | {"UTC"}
    return next((name for name in sorted(names) if name.casefold() == wanted), None)


def close_zones(typed: str) -> list[str]:
    """Known zones a mistyped name is close to, best first: "Kyiv" -> ["Europe/Kyiv"]."""
    wanted = typed.strip().casefold().replace(" ", "_")
    names = sorted(available_timezones() | {"UTC"})
    cities = [name for name in names if name.rsplit("/", 1)[-1].casefold() == wanted]
    if cities:
        return cities[:3]
    folded = {name.casefold(): name for name in names}
    by_city = {name.rsplit("/", 1)[-1].casefold(): name for name in names}
    close = get_close_matches(wanted, list(folded), n=3, cutoff=0.75)
    close_city = get_close_matches(wanted, list(by_city), n=3, cutoff=0.75)
    return list(dict.fromkeys([*(folded[n] for n in close), *(by_city[n] for n in close_city)]))[:3]


def time_problem(text: str) -> bool:
    """Whether `text` has the shape of a time (H:MM) but is out of range, like 25:00 or 8:75."""
    found = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    return found is not None and parse_hhmm(text) is None


def zone(name: str) -> ZoneInfo:
    """The zone, or UTC for a name this machine does not know (a stored name never breaks)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local(now: datetime, tz: str) -> datetime:
    """`now` on the chat's wall clock."""
    return now.astimezone(zone(tz))


def last_daily(now: datetime, tz: str, at: time) -> datetime:
    """The latest occurrence of local `at` that is not after `now`, in UTC."""
    today = local(now, tz).date()
    for day in (today, today - timedelta(days=1), today - timedelta(days=2)):
        occurrence = datetime.combine(day, at, tzinfo=zone(tz)).astimezone(UTC)
        if occurrence <= now:
            return occurrence
    raise AssertionError("a daily time always occurs within two days")


def last_hour(now: datetime, tz: str) -> datetime:
    """The latest local hour boundary not after `now` (a :30 zone has its hours at :30 UTC)."""
    wall = local(now, tz)
    boundary = wall - timedelta(minutes=wall.minute, seconds=wall.second,
                                microseconds=wall.microsecond)
    return boundary.astimezone(UTC)


def in_quiet(now: datetime, plan: Plan) -> bool:
    """Whether `now` falls in the chat's quiet window; a window may span midnight."""
    start, end = _window(plan)
    if start is None or end is None or start == end:
        return False
    wall = local(now, plan.timezone).time().replace(tzinfo=None)
    if start < end:
        return start <= wall < end
    return wall >= start or wall < end


def _window(plan: Plan) -> tuple[time | None, time | None]:
    start = parse_hhmm(plan.quiet_start) if plan.quiet_start else None
    end = parse_hhmm(plan.quiet_end) if plan.quiet_end else None
    return start, end


def holds(plan: Plan, now: datetime) -> bool:
    """Whether an alert matched at `now` waits for a digest instead of going at once."""
    return plan.digest != "off" or in_quiet(now, plan)


def digest_due(plan: Plan, oldest: datetime, now: datetime) -> bool:
    """Whether alerts held since `oldest` go out now as one digest.

    Never inside the quiet window. Out of digest mode (quiet hours ended, or /digest off)
    at once; in digest mode once an hour boundary or the daily time has passed since the
    oldest alert was held, so a digest missed while the process was down goes at start.
    """
    if in_quiet(now, plan):
        return False
    if plan.digest == "hourly":
        return last_hour(now, plan.timezone) > oldest
    if plan.digest == "daily":
        at = parse_hhmm(plan.digest_time or "") or time(8, 0)
        return last_daily(now, plan.timezone, at) > oldest
    return True
