"""A hyphenated word is read as one word when the lexicon or the gazetteer knows it whole:
"porte-parole" is a spokesman, not a door and a word; "прес-секретар" a spokesman, not the
press and a secretary. A compound nobody listed whole still reads by its parts
("сирийско-турецкой": Syria and Turkey)."""

from __future__ import annotations

import pytest

from bot.dedup.lexicon import entry_of
from bot.dedup.stored import prepare


def _said(title: str, language: str) -> set[str]:
    return set(prepare(title, "", language).signature.said)


SPOKESMAN = entry_of("spokesman", "en")


@pytest.mark.parametrize(("title", "language"), [
    ("le porte-parole du ministère", "fr"), ("la porte-parole du gouvernement", "fr"),
    ("прес-секретар міністерства", "uk"), ("прес-секретарка уряду", "uk"),
    ("пресс-секретарь министерства", "ru"),
])
def test_a_spokesman_of_two_words_is_a_spokesman(title: str, language: str) -> None:
    assert SPOKESMAN is not None
    said = _said(title, language)
    assert SPOKESMAN.concept in said
    assert not {"door", "word", "media", "secretary"} & said


def test_the_russian_press_secretary_is_one_word_in_every_case() -> None:
    """Read whole (its id is the lexicon's: see the report on "speak_out"), never as the press
    and a secretary."""
    forms = [_said(f"{form} министерства", "ru")
             for form in ("пресс-секретарь", "пресс-секретаря", "пресс-секретарём")]
    assert forms[0] == forms[1] == forms[2]
    assert not {"media", "secretary"} & forms[0]


@pytest.mark.parametrize(("title", "language", "concept"), [
    ("un sous-marin nucléaire", "fr", "submarine"),
    ("le chef d'état-major", "fr", "general_staff"),
    ("un cessez-le-feu à Gaza", "fr", "ceasefire"),
    ("ce week-end", "fr", "week"),
    ("из-за снегопада", "ru", "due"),
])
def test_a_compound_listed_whole_reads_whole(title: str, language: str, concept: str) -> None:
    said = _said(title, language)
    assert concept in said
    assert not {"b_sailor", "state", "fire"} & said


def test_a_compound_nobody_listed_reads_by_its_parts() -> None:
    said = _said("на сирийско-турецкой границе", "ru")
    assert {"syria", "turkey"} <= said


def test_a_spokesman_says_the_same_in_french_and_english() -> None:
    english = _said("Ministry spokesman rejects the report", "en")
    assert english & _said("Le porte-parole du ministère rejette le rapport", "fr") >= {
        "representative", "minister"}
