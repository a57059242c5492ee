"""A place swapped where a headline's capitalisation cannot show it is a name.

Two strikes on two towns told in one frame are two alerts. The scorer rules a merge out
when each title names a place the other lacks; but a place in a tail after a colon ("…:
Sumy - Reuters") or in a dateline whose colon slipped ("Kherson :Russian …") is not read as
a name (bot/dedup/text.py `_names`, `_label`), so the swap counts as one changed word and a
long shared frame still clears the bar. This is the cause of benchmarks/dedup.py's wrong merges.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.core.config import DedupSettings
from bot.dedup.index import DedupIndex

T0 = datetime(2024, 6, 3, 8, 0, tzinfo=UTC)


def _folds(first: str, second: str, hours: float = 0.5) -> bool:
    index = DedupIndex(DedupSettings())
    index.add(1, first, "", T0)
    return index.add(2, second, "", T0 + timedelta(hours=hours)).duplicate_of == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param("Kharkiv: Russian drones hit power plant, 3 injured",
                     "Russian drones hit power plant, 4 injured: Sumy - Reuters",
                     id="place-in-the-tail"),
        pytest.param("Kherson :Russian artillery shelling hits central market, 2 killed",
                     "Mykolaiv: Russian artillery shelling hits central market, 3 killed",
                     id="colon-slipped-in-the-dateline"),
        pytest.param("Kherson: Russian artillery shelling hits central market, 2 killed",
                     "Mykolaiv: Russian artillery shelling hits central market, 3 killed",
                     id="two-datelines"),
    ],
)
def test_the_same_frame_at_another_place_is_another_alert(first: str, second: str) -> None:
    assert not _folds(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Kharkiv: Russian drones hit power plant, 3 injured",
         "Russian drones hit power plant, 4 injured: Kharkiv - Reuters"),
        ("Kherson :Russian artillery shelling hits central market, 2 killed",
         "Kherson: Russian artillery shelling hits central market, 3 killed"),
    ],
)
def test_the_same_place_moved_or_misspaced_still_folds(first: str, second: str) -> None:
    assert _folds(first, second)
