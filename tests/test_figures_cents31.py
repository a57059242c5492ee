"""A "cent" is a hundred only when it counts one: "trois cents blessés", "cent morts". A share
said in words ("12 pour cent", "12 per cent") and a coin after its figure ("35 cents",
"nine cents") count no hundred, in the figures every reader takes (`bot.dedup.figures`)."""

from __future__ import annotations

import pytest

from bot.dedup.figures import figures
from bot.dedup.stored import prepare
from bot.dedup.text import normalise_title


def counts(title: str) -> tuple[int, ...]:
    return figures(normalise_title(title).split()).counts


def numbers(title: str, language: str) -> tuple[str, ...]:
    return prepare(title, "", language).signature.numbers


@pytest.mark.parametrize(("title", "expected"), [
    ("Le chômage recule à 12 pour cent dans la région", (12,)),
    ("Douze pour cent des électeurs indécis", (12,)),
    ("Le chômage recule à 7,5 pour cent", ()),
    ("Unemployment falls to 12 per cent in the region", (12,)),
    ("Petrol rises 35 cents a litre", (35,)),
    ("Petrol rises one cent a litre", (1,)),
    ("Petrol rises nine cents a litre after the storm", (9,)),
    ("Coffee now costs 3 dollars and 20 cents", (3, 20)),
])
def test_a_share_or_a_coin_counts_no_hundred(title: str, expected: tuple[int, ...]) -> None:
    assert counts(title) == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("Trois cents blessés après l'explosion", (3, 100)),
    ("Cent morts dans les inondations", (100,)),
    ("Deux cent quarante familles évacuées", (2, 100, 40)),
    ("Six cents soldats rentrent du front", (6, 100)),
    ("Hundreds flee as the river floods", (100,)),
    ("Сто загиблих після повені", (100,)),
    ("Сотни жителей эвакуированы", (100,)),
])
def test_a_hundred_counted_in_words_stays_a_hundred(title: str,
                                                    expected: tuple[int, ...]) -> None:
    assert counts(title) == expected


def test_a_coin_in_words_reads_as_its_figure_in_every_language() -> None:
    assert numbers("Bread rises nine cents", "en") == numbers(
        "Хлеб подорожал на девять центов", "ru") == numbers(
        "Хліб подорожчав на дев'ять центів", "uk") == ("9",)


def test_a_share_in_words_reads_as_its_figure_in_every_language() -> None:
    assert numbers("Les loyers augmentent de 12 pour cent", "fr") == numbers(
        "Rents rise 12 per cent", "en") == numbers(
        "Аренда подорожала на 12 процентов", "ru") == ("12",)


def test_a_hundred_dead_read_alike_in_french_and_ukrainian() -> None:
    assert numbers("Cent morts dans les inondations", "fr") == numbers(
        "Сто загиблих через повінь", "uk") == ("100",)
