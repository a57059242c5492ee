"""`vigie demo`: what a newcomer sees first must show the whole pipeline working."""

from __future__ import annotations

import pytest

from bot.cli import main


def test_demo_polls_folds_alerts_and_digests_the_sample_bulletins(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "first cycle: polled 5 feed(s): 0 not modified, 0 failed, 40 new stories" in out
    assert "second cycle: polled 5 feed(s): 5 not modified, 0 failed, 0 new stories" in out
    assert "40 stories folded into 35 clusters (5 near-duplicates)" in out
    assert out.count("── alert to chat 0 ──") == 18
    assert "Also reported by" in out  # a near-duplicate from another outlet, folded
    for topic in ("topic nato", "topic kherson", "topic osce", "filter: Odesa"):
        assert topic in out
    assert "1 digest sent to chat 1" in out
    assert "same story as #" in out
