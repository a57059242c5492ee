"""`vigie demo`: what a newcomer sees first must show the whole pipeline working, on any date."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta

import pytest

from bot.app.cli import main
from bot.app.demo import demo_command
from bot.core.clock import Clock, utcnow


def check_demo_output(out: str) -> None:
    """The folding, the alerts, the stale archive item and the digest the demo must show."""
    assert ("first cycle: polled 5 feed(s): 0 not modified, 0 failed, 41 new stories "
            "(1 stale: stored, not alerted)") in out
    assert "second cycle: polled 5 feed(s): 5 not modified, 0 failed, 0 new stories" in out
    assert "41 stories folded into 24 clusters (17 near-duplicates)" in out  # 12 across languages
    assert "1 stale (already old when first seen: stored, never alerted)" in out
    assert out.count("── alert to chat 0 ──") == 12
    assert out.count("Also reported by") >= 3  # near-duplicates from other outlets, folded
    assert "From our archive" not in out.split("== alerts to the console chat")[1]
    for topic in ("topic nato", "topic kherson", "topic osce", "filter: Odesa"):
        assert topic in out
    assert "1 digest sent to chat 1" in out
    assert "same story as #" in out
    also = [line for line in out.splitlines() if line.startswith("Also reported by")]
    assert any("(FR)" in line and "(UK)" in line for line in also)  # one strike, 3 languages


def test_demo_polls_folds_alerts_and_digests_the_sample_bulletins(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    check_demo_output(capsys.readouterr().out)


def years_ahead() -> datetime:
    return utcnow() + timedelta(days=7 * 365 + 13)


def leap_day() -> datetime:
    return datetime(2036, 2, 29, 6, 30, tzinfo=UTC)


@pytest.mark.parametrize("clock", [years_ahead, leap_day], ids=["7-years-ahead", "leap-day"])
def test_the_demo_gives_the_same_result_whatever_the_date(
        clock: Clock, capsys: pytest.CaptureFixture[str]) -> None:
    """The samples are dated from the demo's clock: the same folds and alerts on any day."""
    assert demo_command(argparse.Namespace(config=None), clock) == 0
    out = capsys.readouterr().out
    check_demo_output(out)
    assert f"{clock():%Y}" in out  # the alerts carry the moved dates, not 2026's
