"""The cross-language lexicon (bot/dedup/lexicon.tsv): a word reaches its own concept in any
of its forms, and never another concept that merely starts with the same letters: a word
read as the wrong concept merges two events."""

from __future__ import annotations

import pytest

from bot.core.text import fold
from bot.dedup.lexicon import entry_of
from tests.support.crosslang import clusters


def said(word: str, language: str) -> str | None:
    entry = entry_of(fold(word), language)
    return None if entry is None else entry.concept


@pytest.mark.parametrize(("word", "language", "not_this"), [
    ("ракети", "uk", "cancer"),  # rockets, not "рак"
    ("умеренные", "ru", "kill"),  # moderates, not "умереть"
    ("летчик", "ru", "year"),  # a pilot, not "лет"
    ("поштовхи", "uk", "email"),  # tremors, not "пошта"
    ("євреї", "uk", "euro"),
    ("заключили", "ru", "prisoner"),  # concluded (a deal), not "заключенный"
    ("думаю", "ru", "parliament"),  # I think, not "дума"
    ("здається", "uk", "surrender"),  # it seems, not "здатися"
    ("корпус", "ru", "measles"),  # a corps, not "корь"
    ("осадки", "ru", "siege"),  # rain, not "осада"
    ("других", "ru", "friend"),  # others, not "друг"
    ("ЗСУ", "uk", "landslide"),  # Ukraine's armed forces, not "зсув"
    ("осенью", "ru", "establish"),  # in autumn, not "основать"
    ("провел", "ru", "failure"),  # held (talks), not "провал"
    ("видно", "uk", "species"),  # it is seen, not "вид"
    ("surgeon", "en", "rise"),  # not "surge"
    ("defendant", "en", "defender"),  # in a court, not at a front
    ("танкер", "ru", "tank"),  # a ship, not an armoured vehicle
    ("acquitted", "en", "buy"),  # not "acquire"
    ("seventh", "en", "serious"),
    ("visant", "fr", "visa"),  # aiming
    ("coup", "fr", "cup"),
    ("bordeaux", "fr", "aboard"),
])
def test_a_word_that_only_starts_like_another_is_not_its_concept(
        word: str, language: str, not_this: str) -> None:
    assert said(word, language) != not_this


@pytest.mark.parametrize(("words", "concept"), [
    ((("peacekeepers", "en"), ("миротворців", "uk"), ("миротворцев", "ru")), "peacekeeper"),
    ((("quarantine", "en"), ("quarantaine", "fr"), ("карантину", "uk"), ("карантина", "ru")),
     "quarantine"),
    ((("snipers", "en"), ("снайперів", "uk"), ("снайпера", "ru")), "sniper"),
    ((("ambushed", "en"), ("embuscade", "fr"), ("засідку", "uk"), ("засаду", "ru")), "ambush"),
    ((("islamists", "en"), ("islamistes", "fr"), ("ісламістів", "uk"), ("исламистов", "ru")),
     "islamist"),
    ((("killed", "en"), ("tués", "fr"), ("tuées", "fr"), ("tuent", "fr")), "kill"),
    ((("decree", "en"), ("décret", "fr"), ("указом", "uk"), ("указа", "ru")), "decree"),
])
def test_a_new_word_reaches_its_concept_through_its_inflections(
        words: tuple[tuple[str, str], ...], concept: str) -> None:
    found = {word: said(word, language) for word, language in words}
    assert found == dict.fromkeys(found, concept)


@pytest.mark.parametrize(("word", "language", "concept"), [
    ("islamiste", "fr", "islamist"),  # not every Muslim
    ("observateurs", "fr", "observer"),
])
def test_a_near_word_keeps_its_own_concept(word: str, language: str, concept: str) -> None:
    assert said(word, language) == concept


def test_a_sniper_attack_on_peacekeepers_told_in_russian_folds_with_the_english() -> None:
    assert clusters(
        ("Sniper kills two peacekeepers in ambush", "en"),
        ("Снайпер убил двух миротворцев в засаде", "ru"),
    ) == [0, 0]

