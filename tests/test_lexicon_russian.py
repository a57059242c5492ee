"""Russian and Ukrainian news words in the forms news prints them (issue 15): each reaches
its own concept, not another whose first letters it shares. A Russian report read as
"gas" where it said "newspaper" folds with the wrong story, or with none."""

from __future__ import annotations

import pytest

from bot.core.text import fold
from bot.dedup.lexicon import entry_of


def said(word: str, language: str) -> str | None:
    entry = entry_of(fold(word), language)
    return None if entry is None else entry.concept


@pytest.mark.parametrize(("word", "language", "concept"), [
    ("газете", "ru", "newspaper"),  # not "газ"
    ("ракет", "ru", "missile"),  # not "рак"
    ("долгое", "ru", "long"),  # not "долг"
    ("стоял", "ru", "stand"),  # stood, not "стоить"
    ("искали", "ru", "search"),  # searched, not "иск"
    ("летали", "ru", "fly_air"),  # flew, not "лет"
    ("горели", "ru", "burn"),  # burned, not "гора"
    ("командование", "ru", "commander"),  # not "команда"
    ("учении", "ru", "military_exercise"),  # (in) drills, not "ученый"
    ("производства", "ru", "produce"),  # not a legal proceeding
    ("минут", "ru", "minute"),  # not "мина"
    ("избрали", "ru", "election"),  # elected, not "избить"
    ("ущерб", "ru", "damage"),
    ("сделку", "ru", "agreement"),  # a deal, not "сделать"
    ("скончался", "ru", "kill"),  # died: a toll, as "killed"
    ("теракта", "ru", "terror"),
    ("госдумы", "ru", "parliament"),
    ("погоди", "uk", "weather"),  # not "погодитися"
    ("червоні", "uk", "red"),  # not "червень"
    ("народів", "uk", "people"),  # not "народитися"
    ("зіткненні", "uk", "crash"),
    ("повені", "uk", "flood"),  # floods, not "повний"
    ("training", "en", "r_training"),  # not a railway train
    ("signal", "en", "r_signal"),  # not "sign"
])
def test_a_russian_or_ukrainian_news_word_reaches_its_own_concept(
        word: str, language: str, concept: str) -> None:
    assert said(word, language) == concept
