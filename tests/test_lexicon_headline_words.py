"""Headline words a translation says otherwise (issue 15): "suicide bomber" is one
"смертник", "in early trading" is "на утренних торгах". Read word by word, each side said a
concept the other lacked, and one story told in two languages read as less alike than it
is."""

from __future__ import annotations

import pytest

from bot.dedup.stored import prepare


def said(title: str, language: str) -> frozenset[str]:
    """The concepts a headline says, as the cross-language step reads them."""
    return frozenset(prepare(title, "", language).signature.said)


@pytest.mark.parametrize(("title", "language"), [
    ("Suicide bomber kills 12 at a market in Kabul", "en"),
    ("Two suicide bombings hit a police station in Quetta", "en"),
    ("Un attentat-suicide vise un commissariat à Quetta", "fr"),
    ("Террорист-смертник подорвал себя у рынка в Кабуле", "ru"),
    ("Террорист-самоубийца подорвал себя у рынка в Кабуле", "ru"),
])
def test_a_suicide_bombing_reads_as_terror_not_as_a_suicide(title: str, language: str) -> None:
    found = said(title, language)
    assert "terror" in found and "suicide_death" not in found, found


@pytest.mark.parametrize(("title", "language"), [
    ("Tokyo shares slip in early trading", "en"),
    ("Oil steadies in afternoon trading in London", "en"),
    ("Акции в Токио дешевеют на утренних торгах", "ru"),
])
def test_a_trading_session_reads_as_the_session(title: str, language: str) -> None:
    found = said(title, language)
    assert "trading_session" in found and "trade" not in found, found


def test_trade_between_countries_stays_trade() -> None:
    assert "trade" in said("China and India sign a trade deal", "en")



@pytest.mark.parametrize(("title", "language"), [
    ("Officials in Lyon close the schools", "en"),
    ("Официальные лица Лиона закрыли школы", "ru"),
    ("Должностные лица Лиона закрыли школы", "ru"),
])
def test_official_persons_are_officials_with_no_face(title: str, language: str) -> None:
    found = said(title, language)
    assert "official" in found and not found & {"face", "people", "position"}, found


@pytest.mark.parametrize(("title", "language"), [
    ("Le Sénat vote le projet de loi sur l'immigration", "fr"),
    ("Сенат голосует за законопроект об иммиграции", "ru"),
])
def test_a_draft_law_is_a_bill(title: str, language: str) -> None:
    found = said(title, language)
    assert "bill" in found and "law" not in found, found


def test_a_sum_in_us_dollars_names_no_country() -> None:
    assert "usa" not in said("Кредит на 5 млн долларов США для Молдовы", "ru")


def test_a_french_pm_is_a_prime_minister() -> None:
    assert "prime" in said("Le PM grec annonce des élections", "fr")
