"""A feed that names no language: its headlines' language is guessed, and a wrong guess
keeps a report from folding with its translation."""

from __future__ import annotations

import pytest

from bot.dedup.crosslang import report_language


@pytest.mark.parametrize("title, language", [
    ("NATO opens a logistics hub near Rzeszów airport", "en"),  # "a" is French too
    ("Drone attack hits a power plant near Kharkiv", "en"),
    ("Zelensky meets Rutte ahead of a NATO summit", "en"),
    ("L'OTAN ouvre un centre logistique près de l'aéroport de Rzeszów", "fr"),
    ("Kyiv a reçu une nouvelle aide militaire", "fr"),
    ("Une centrale électrique touchée près de Kharkiv", "fr"),
    ("Херсон: ракетний удар по центру міста", "uk"),
])
def test_the_language_of_a_headline_is_guessed_from_its_words(title: str,
                                                              language: str) -> None:
    assert report_language(title, None) == language
