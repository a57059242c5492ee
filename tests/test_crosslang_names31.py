"""Names read apart until names31: each spelling here names one thing in every language
(bot/dedup/names.py), headlines of our own."""

from __future__ import annotations

import pytest

from bot.dedup.stored import prepare


def _said(title: str, language: str) -> tuple[str, ...]:
    return prepare(title, "", language).signature.said


@pytest.mark.parametrize(("title", "language"), [
    ("Jordan closes its border crossing with Syria", "en"),
    ("La Jordanie ferme son poste-frontière avec la Syrie", "fr"),
    ("Иордания закрыла пограничный переход с Сирией", "ru"),
    ("Король Иордании прибыл в Вашингтон", "ru"),
    ("Йорданія закрила кордон із Сирією", "uk"),
])
def test_jordan_is_one_country_in_every_script(title: str, language: str) -> None:
    assert "jordan" in _said(title, language)


@pytest.mark.parametrize(("title", "language", "name"), [
    ("Перебои со светом в Венесуэле", "ru", "venezuela"),
    ("Snowden asks for asylum in three more countries", "en", "snowden"),
    ("Сноуден попросил убежища ещё в трёх странах", "ru", "snowden"),
    ("Les exportations chinoises reculent en mars", "fr", "china"),
    ("Apple unveils a cheaper phone", "en", "apple"),
    ("Apple представила недорогой телефон", "ru", "apple"),
    ("Apple dévoile un téléphone moins cher", "fr", "apple"),
    ("Новая атака боевиков на Синае", "ru", "sinai"),
    ("Wildfire forces evacuations in Colorado", "en", "colorado"),
    ("Glasgow hospital evacuated after gas leak", "en", "glasgow"),
    ("Microsoft patches a flaw in Windows", "en", "windows"),
    ("Microsoft закрыла уязвимость в Windows", "ru", "windows"),
])
def test_a_name_the_lexicon_read_as_a_word_is_the_name(title: str, language: str,
                                                       name: str) -> None:
    """"Венесуэле" (э, not е), "Snowden" (not snow), "chinoises", "Apple" (not apply),
    "Синае" (not blue), "Colorado" (not colour), "Glasgow" (not glass), "Windows"."""
    assert name in _said(title, language)
