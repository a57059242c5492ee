"""Sound keys: a name the gazetteer lacks, spelt in Latin letters by an English or French
outlet and in Cyrillic by a Ukrainian or Russian one, keeps one key (bot/dedup/translit.py)."""

from __future__ import annotations

import pytest

from bot.core.text import fold
from bot.dedup.translit import sound_key


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("John", "Джон"), ("Jones", "Джонс"), ("Jackson", "Джексон"), ("Jim", "Джим"),
    ("Djibril", "Джибриль"), ("Dzhokhar", "Джохар"), ("Jean", "Жан"), ("Zhytomyr", "Житомир"),
    ("Smith", "Смит"), ("Thomas", "Томас"), ("Elizabeth", "Элизабет"),
    ("Poutine", "Путин"), ("Houston", "Хьюстон"), ("Qaida", "Каида"),
    ("Schwarzenegger", "Шварценеггер"), ("Sarah", "Сара"),
])
def test_english_and_french_spellings_of_a_name_share_its_cyrillic_key(
        latin: str, cyrillic: str) -> None:
    assert sound_key(fold(latin)) == sound_key(fold(cyrillic)) is not None


@pytest.mark.parametrize(("a", "b"), [
    ("Jones", "Johnson"), ("Smith", "Smyrna"), ("Jackson", "Jacobs"), ("Путин", "Путилин"),
    ("Thomas", "Tomsk"),
])
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert sound_key(fold(a)) != sound_key(fold(b))
