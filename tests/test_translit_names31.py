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


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("Bruce", "Брюс"), ("Lance", "Лэнс"), ("Vincent", "Винсент"), ("Cindy", "Синди"),
    ("Marcel", "Марсель"), ("Pierce", "Пирс"),
])
def test_a_c_before_e_i_or_y_keeps_the_key_of_its_cyrillic_s(latin: str, cyrillic: str) -> None:
    """English and French sound c as s before e, i and y, as Cyrillic writes it."""
    assert sound_key(fold(latin)) == sound_key(fold(cyrillic)) is not None


@pytest.mark.parametrize(("latin", "cyrillic"), [("Carter", "Картер"), ("Clark", "Кларк")])
def test_a_c_elsewhere_keeps_the_key_of_its_cyrillic_k(latin: str, cyrillic: str) -> None:
    assert sound_key(fold(latin)) == sound_key(fold(cyrillic)) is not None


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("Matthew", "Мэттью"), ("Mathews", "Мэтьюс"), ("Newton", "Ньютон"),
])
def test_an_english_ew_is_the_vowel_cyrillic_writes(latin: str, cyrillic: str) -> None:
    """"ew" before a consonant or at the end is "ью", as "ow" is "оу"."""
    assert sound_key(fold(latin)) == sound_key(fold(cyrillic)) is not None


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("Anthony", "Энтони"), ("Andy", "Энди"), ("Osama", "Усама"), ("Ashcroft", "Эшкрофт"),
])
def test_an_opening_vowel_spelt_otherwise_keeps_the_key(latin: str, cyrillic: str) -> None:
    """Cyrillic writes an English opening a as э, an Arabic o as у: a key's opening vowel is
    one letter, whichever vowel it is."""
    assert sound_key(fold(latin)) == sound_key(fold(cyrillic)) is not None
