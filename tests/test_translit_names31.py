"""Sound keys of names31: letters English writes and does not sound, and French ligatures
(bot/dedup/translit.py)."""

from __future__ import annotations

import pytest

from bot.core.text import fold
from bot.dedup.translit import sound_key


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("Knight", "Найт"), ("Wright", "Райт"), ("Knox", "Нокс"),
    ("œstrogène", "эстроген"),
])
def test_a_silent_letter_or_a_ligature_keeps_the_cyrillic_key(latin: str,
                                                              cyrillic: str) -> None:
    assert sound_key(fold(latin)) == sound_key(fold(cyrillic)) is not None


@pytest.mark.parametrize(("a", "b"), [("Knight", "Kant"), ("Wright", "Ward")])
def test_a_sounded_letter_still_tells_names_apart(a: str, b: str) -> None:
    assert sound_key(fold(a)) != sound_key(fold(b))
