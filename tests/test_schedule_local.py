"""Wall-clock arithmetic in a chat's zone: daily times across daylight saving, quiet windows
across midnight, zone names as users type them."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from bot.deliver.schedule_local import (
    Plan,
    digest_due,
    find_zone,
    holds,
    in_quiet,
    last_daily,
    last_hour,
    parse_hhmm,
)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(("typed", "parsed"), [
    ("07:05", time(7, 5)), ("7:05", time(7, 5)), ("23:59", time(23, 59)), (" 00:00 ", time(0)),
    ("24:00", None), ("7:5", None), ("07h05", None), ("", None), ("12:60", None),
])
def test_times_are_hh_mm(typed: str, parsed: time | None) -> None:
    assert parse_hhmm(typed) == parsed


@pytest.mark.parametrize(("typed", "zone"), [
    ("Europe/Kyiv", "Europe/Kyiv"), ("europe/paris", "Europe/Paris"), ("UTC", "UTC"),
    ("America/New_York", "America/New_York"), ("Mars/Olympus", None), ("../etc/passwd", None),
])
def test_zone_names_are_checked_against_tzdata(typed: str, zone: str | None) -> None:
    assert find_zone(typed) == zone


# Kyiv: EET (UTC+2) in winter, EEST (UTC+3) in summer; 2026 changes on 29 March 03:00 -> 04:00
# and 25 October 04:00 -> 03:00.
@pytest.mark.parametrize(("now", "at", "occurrence"), [
    ("2026-03-28T10:00", time(8), "2026-03-28T06:00"),  # winter: 08:00 is 06:00 UTC
    ("2026-03-29T10:00", time(8), "2026-03-29T05:00"),  # the day it changes: already summer
    ("2026-03-29T04:59", time(8), "2026-03-28T06:00"),  # before 08:00 local: the day before
    ("2026-03-29T03:00", time(3, 30), "2026-03-29T01:30"),  # 03:30 does not exist: at 04:30
    ("2026-10-25T10:00", time(8), "2026-10-25T06:00"),  # winter again
    ("2026-10-25T03:00", time(3, 30), "2026-10-25T00:30"),  # 03:30 happens twice: the first
    ("2026-10-25T01:00", time(3, 30), "2026-10-25T00:30"),  # not again an hour later
])
def test_a_daily_time_occurs_once_a_day_across_daylight_saving(now: str, at: time,
                                                              occurrence: str) -> None:
    assert last_daily(utc(now), "Europe/Kyiv", at) == utc(occurrence)


def test_hours_follow_the_zone() -> None:
    assert last_hour(utc("2026-05-01T10:47"), "Europe/Kyiv") == utc("2026-05-01T10:00")
    assert last_hour(utc("2026-05-01T10:47"), "Asia/Kolkata") == utc("2026-05-01T10:30")


NIGHT = Plan("Europe/Paris", quiet_start="22:00", quiet_end="07:00")  # UTC+2 in May
DAY = Plan("UTC", quiet_start="09:00", quiet_end="17:30")


@pytest.mark.parametrize(("plan", "now", "quiet"), [
    (NIGHT, "2026-05-01T19:59", False),  # 21:59 Paris
    (NIGHT, "2026-05-01T20:00", True),  # 22:00
    (NIGHT, "2026-05-01T23:30", True),  # 01:30, past midnight
    (NIGHT, "2026-05-02T04:59", True),  # 06:59
    (NIGHT, "2026-05-02T05:00", False),  # 07:00: the window has ended
    (DAY, "2026-05-01T08:59", False), (DAY, "2026-05-01T09:00", True),
    (DAY, "2026-05-01T17:29", True), (DAY, "2026-05-01T17:30", False),
    (Plan("UTC"), "2026-05-01T12:00", False),
])
def test_quiet_windows_work_across_midnight(plan: Plan, now: str, quiet: bool) -> None:
    assert in_quiet(utc(now), plan) is quiet
    assert holds(plan, utc(now)) is quiet


@pytest.mark.parametrize(("plan", "oldest", "now", "due"), [
    (Plan(digest="hourly"), "2026-05-01T10:05", "2026-05-01T10:59", False),
    (Plan(digest="hourly"), "2026-05-01T10:05", "2026-05-01T11:00", True),
    (Plan(digest="daily", digest_time="08:00"), "2026-05-01T08:01", "2026-05-02T07:59", False),
    (Plan(digest="daily", digest_time="08:00"), "2026-05-01T08:01", "2026-05-02T08:00", True),
    # missed while the process was down: due as soon as it starts
    (Plan(digest="daily", digest_time="08:00"), "2026-05-01T08:01", "2026-05-05T13:00", True),
    # a digest time inside quiet hours waits for the window to end
    (Plan(digest="hourly", quiet_start="10:00", quiet_end="12:00"),
     "2026-05-01T09:10", "2026-05-01T11:00", False),
    (Plan(digest="hourly", quiet_start="10:00", quiet_end="12:00"),
     "2026-05-01T09:10", "2026-05-01T12:00", True),
    (Plan(digest="off"), "2026-05-01T09:10", "2026-05-01T09:11", True),  # /digest off: now
])
def test_when_a_digest_is_due(plan: Plan, oldest: str, now: str, due: bool) -> None:
    assert digest_due(plan, utc(oldest), utc(now)) is due
