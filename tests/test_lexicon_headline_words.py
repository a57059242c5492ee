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

