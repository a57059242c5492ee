"""Counts across languages: a translation may give them in another order or give fewer of
them, and the reports still fold (a changed count within hours is an update:
bot/dedup/figures.py)."""

from __future__ import annotations

import pytest

from tests.support.crosslang import clusters

EN = "Russia launched 42 drones and 7 missiles at Odesa overnight, Ukraine's air force says"


@pytest.mark.parametrize("other, lang", [
    ("L'armée de l'air ukrainienne : 7 missiles et 42 drones lancés par la Russie sur Odessa "
     "dans la nuit", "fr"),
    ("Россия ночью атаковала Одессу 7 ракетами и 42 дронами, сообщили воздушные силы Украины",
     "ru"),
])
def test_the_same_counts_in_another_order_fold(other: str, lang: str) -> None:
    assert clusters((EN, "en"), (other, lang)) == [0, 0]


def test_a_report_giving_fewer_counts_than_the_other_folds() -> None:
    fewer = "La Russie a lancé 42 drones sur Odessa dans la nuit, selon l'armée de l'air"
    assert clusters((EN, "en"), (fewer, "fr")) == [0, 0]
