"""Folding across languages: one event's reports in en, fr, uk and ru join one cluster, and
different events stay apart in every language pair (our labelled events, hard negatives
included: tests/data/crosslang_events.tsv)."""

from __future__ import annotations

import itertools
import json
import tomllib
from collections import Counter
from datetime import timedelta
from importlib.resources import files
from pathlib import Path

import pytest
import sqlite_utils

from bot.app.cli import main
from bot.core.config import DedupSettings
from bot.core.models import Story
from bot.core.text import fold
from bot.dedup.crosslang import report_language
from bot.dedup.index import DedupIndex
from bot.dedup.lexicon import entry_of
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics
from bot.pipeline import Pipeline, load_window
from tests.support.crosslang import (
    LANGS,
    T0,
    clusters,
    merged,
    pairs,
    reports,
    shown_perhaps,
)

LANGUAGE_PAIRS = sorted({pair.languages for pair in pairs()})


def test_every_language_pair_has_at_least_ten_events_and_hard_negatives() -> None:
    same = Counter(pair.languages for pair in pairs() if pair.same)
    assert {langs for langs in same} == {f"{a}-{b}" for i, a in enumerate(LANGS)
                                         for b in LANGS[i + 1:]}
    assert min(same.values()) >= 10
    groups = Counter(r.group for r in reports() if r.lang == "en")
    assert sum(count > 1 for count in groups.values()) >= 5  # contrast sets: two events each


@pytest.mark.parametrize("languages", LANGUAGE_PAIRS)
def test_different_events_stay_apart(languages: str) -> None:
    wrong = [f"{p.first.title} / {p.second.title}" for p in pairs()
             if p.languages == languages and not p.same and merged(p)]
    assert wrong == []


@pytest.mark.parametrize("languages", LANGUAGE_PAIRS)
def test_different_events_are_not_even_shown_as_perhaps_the_same(languages: str) -> None:
    linked = [f"{p.first.title} / {p.second.title}" for p in pairs()
              if p.languages == languages and not p.same and shown_perhaps(p)]
    assert linked == []


@pytest.mark.parametrize("languages", [langs for langs in LANGUAGE_PAIRS
                                       if langs.split("-")[0] != langs.split("-")[1]])
def test_one_event_in_two_languages_is_one_cluster(languages: str) -> None:
    missed = [f"{p.first.title} / {p.second.title}" for p in pairs()
              if p.languages == languages and p.same and not merged(p)]
    assert missed == []


def test_a_week_later_the_same_words_are_another_exchange() -> None:
    index = DedupIndex(DedupSettings(window_hours=24 * 9))
    first = index.add(1, "Ukraine and Russia swap 95 prisoners of war", "", T0, language="en")
    later = index.add(2, "Україна і Росія обмінялися полоненими: 95 захисників вдома", "",
                      T0 + timedelta(days=7), language="uk")
    assert later.cluster_id == 2 != first.cluster_id


def test_the_language_is_guessed_when_the_feed_names_none() -> None:
    assert [report_language(t) for t in (
        "Зеленський обговорив з Рютте запрошення України до НАТО",
        "Зеленский обсудил с Рютте приглашение Украины в НАТО",
        "Zelensky a discuté avec Rutte de l'importance d'inviter l'Ukraine à l'OTAN",
        "Zelensky discusses inviting Ukraine to NATO with Rutte",
        "Херсон", "NATO")] == ["uk", "ru", "fr", "en", "cyrillic", "latin"]
    assert report_language("NATO", "fr") == "fr" and report_language("NATO", "de") == "latin"


def test_switched_off_in_the_config_nothing_folds_across_languages() -> None:
    index = DedupIndex(DedupSettings(across_languages=False))
    index.add(1, "Zelensky discusses inviting Ukraine to NATO with Rutte", "", T0)
    judged = index.add(2, "Зеленський обговорив з Рютте запрошення України до НАТО", "", T0)
    assert judged.cluster_id == 2


def test_after_a_restart_a_report_in_another_language_joins_the_stored_cluster(
        db: sqlite_utils.Database) -> None:
    pipeline = Pipeline(db, DedupIndex(DedupSettings()), Matcher(builtin_topics()))
    uk = Story("k1", "http://127.0.0.1/uk", "Українська правда", "g1", "https://uk.example/1",
               "Херсон: російський дрон атакував місто, троє цивільних поранені", "", T0,
               "uk")
    [first] = pipeline.ingest(None, [uk], T0)
    restarted = Pipeline(db, load_window(db, DedupSettings(), T0), Matcher(builtin_topics()))
    en = Story("k2", "http://127.0.0.1/en", "Kyiv Independent", "g2", "https://en.example/2",
               "Russian drone attack on Kherson injures three civilians", "", T0, "en")
    [second] = restarted.ingest(None, [en], T0 + timedelta(minutes=20))
    assert second.cluster_id == first.id and second.duplicate_of == first.id


def test_analyze_shows_the_same_judgement(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    lines = [
        {"id": "uk", "title": "Зеленський обговорив з Рютте запрошення України до НАТО",
         "published": "2026-11-24T06:00:00+00:00"},
        {"id": "en", "title": "Zelensky discusses inviting Ukraine to NATO with Rutte",
         "published": "2026-11-24T06:20:00+00:00", "language": "en-GB"},
        {"id": "fr", "title": "Kharkiv : trois blessés dans une attaque de drones russes",
         "published": "2026-11-24T06:30:00+00:00"},
        {"id": "ru", "title": "Херсон: три мирных жителя ранены при атаке российского дрона",
         "published": "2026-11-24T06:40:00+00:00"},
    ]
    path = tmp_path / "stories.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    assert main(["analyze", str(path)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(o["cluster"], o["duplicate_of"]) for o in out] == [
        ("uk", None), ("uk", "uk"), ("fr", None), ("ru", None)]  # Kharkiv is not Kherson


KHERSON_MARKET = [
    ("Херсон: російський дрон атакував ринок, п'ятеро поранених", "uk"),
    ("Kherson : sept blessés dans une frappe de drone sur un marché", "fr"),
    ("Russian drone strike hits Kherson market, five injured", "en"),
    ("Russian drone strike hits Kherson market, seven injured", "en"),
]


@pytest.mark.parametrize("order", list(itertools.permutations(range(4))), ids=str)
def test_one_event_is_one_cluster_whatever_order_the_outlets_come_in(
        order: tuple[int, ...]) -> None:
    index = DedupIndex(DedupSettings())
    clusters = {index.add(n, KHERSON_MARKET[i][0], "", T0 + timedelta(minutes=n),
                          language=KHERSON_MARKET[i][1]).cluster_id
                for n, i in enumerate(order)}
    assert clusters == {0}


def test_a_strike_on_gaza_told_in_three_languages_is_one_event() -> None:
    assert clusters(
        ("Israeli air strike on Gaza kills 5, wounds 12", "en"),
        ("Une frappe israélienne sur Gaza fait 5 morts et 12 blessés", "fr"),
        ("Израильский удар по Газе: 5 погибших, 12 раненых", "ru"),
    ) == [0, 0, 0]


def test_two_reports_sharing_only_their_countries_stay_two_events() -> None:
    assert clusters(
        ("Turkey hosts Syrian refugees at the border", "en"),
        ("La Turquie et la Syrie signent un accord gazier", "fr"),
    ) == [0, 1]


def test_a_report_naming_nothing_known_folds_by_what_it_says() -> None:
    assert clusters(
        ("Shares of the carmaker fell 5 percent after a quarterly loss", "en"),
        ("Les actions du constructeur automobile ont chuté de 5 % après une perte "
         "trimestrielle", "fr"),
        ("Акции автопроизводителя упали на 5 процентов после квартального убытка", "ru"),
    ) == [0, 0, 0]


def test_saying_the_opposite_in_another_language_is_another_event() -> None:
    assert clusters(
        ("Shares of the carmaker rose 5 percent after a quarterly profit", "en"),
        ("Акции автопроизводителя упали на 5 процентов после квартального убытка", "ru"),
    ) == [0, 1]


def test_an_inflected_word_says_the_same_in_every_language() -> None:
    said = {entry_of(fold(word), language) for word, language in (
        ("discusses", "en"), ("discuté", "fr"), ("обговорив", "uk"), ("обсудил", "ru"),
        ("обсуждает", "ru"))}
    assert len(said) == 1 and None not in said


@pytest.mark.parametrize(("words", "concept"), [
    # aspect and tense of a verb: imperfective -ыва-/-ува- and perfective, past and present
    ((("signed", "en"), ("підписав", "uk"), ("підписувати", "uk"), ("подписывает", "ru"),
      ("подписали", "ru")), "sign"),
    # a noun's fleeting vowel ("повстанец", "повстанцы")
    ((("rebels", "en"), ("повстанцы", "ru"), ("повстанец", "ru")), "militant"),
    # a verbal noun meets its verb
    ((("return", "en"), ("возвращение", "ru"), ("возвращается", "ru"),
      ("повертається", "uk")), "return"),
])
def test_a_cyrillic_word_reaches_its_concept_in_any_form(
        words: tuple[tuple[str, str], ...], concept: str) -> None:
    said = {word: getattr(entry_of(fold(word), language), "concept", None)
            for word, language in words}
    assert said == dict.fromkeys(said, concept)


def test_a_ukrainian_report_folds_with_the_english_and_russian_ones() -> None:
    assert clusters(
        ("The EU approves a new aid tranche for Ukraine", "en"),
        ("ЄС схвалив новий транш допомоги Україні", "uk"),
        ("ЕС одобрил новый транш помощи Украине", "ru"),
    ) == [0, 0, 0]


def test_the_same_words_said_of_another_decision_stay_apart() -> None:
    assert clusters(
        ("ЕС одобрил новый транш помощи Украине", "ru"),
        ("ЄС відхилив новий транш допомоги Україні", "uk"),
    ) == [0, 1]


def test_the_lexicon_is_installed_with_the_package() -> None:
    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    assert "dedup/lexicon.tsv" in pyproject["tool"]["setuptools"]["package-data"]["bot"]
    assert files("bot.dedup").joinpath("lexicon.tsv").is_file()


@pytest.mark.parametrize(("first", "second"), [
    (("Kharkiv drone strike: 11 injured, 3 killed", "en"),
     ("Удар дронів по Харкову: 3 загиблих і 11 поранених", "uk")),
    (("Russian strike on Kharkiv kills 3, injures 11", "en"),
     ("Frappe russe sur Kharkiv : 11 blessés, 3 morts", "fr")),
], ids=["en-uk", "en-fr"])
def test_a_translation_may_give_the_figures_in_another_order(
        first: tuple[str, str], second: tuple[str, str]) -> None:
    assert clusters(first, second) == [0, 0]


def test_a_report_may_give_fewer_figures_than_another_of_the_same_event() -> None:
    assert clusters(("Frappe russe sur Odessa : 2 morts", "fr"),
                    ("Ракетный удар по Одессе: 2 погибших и 5 раненых", "ru")) == [0, 0]


def test_another_toll_told_in_another_language_stays_another_event() -> None:
    assert clusters(("Frappe russe sur Kharkiv : 3 morts", "fr"),
                    ("Удар по Харкову: 5 погибших, 3 раненых", "ru")) == [0, 1]


@pytest.mark.parametrize(("first", "second"), [
    (("Shares of the steelmaker closed at $47.98 yesterday", "en"),
     ("Акции сталелитейной компании закрылись вчера на уровне 47,98 доллара", "ru")),
    (("The steelmaker's shares closed at 47.98 dollars yesterday", "en"),
     ("Les actions du sidérurgiste ont clôturé hier à 47,98 dollars", "fr")),
    (("Champion wins the final in three sets", "en"),
     ("Le champion remporte la finale en trois sets", "fr")),
], ids=["en-ru", "en-fr", "en-fr-words"])
def test_a_report_naming_nobody_is_found_by_its_figures_and_telling_words(
        first: tuple[str, str], second: tuple[str, str]) -> None:
    assert clusters(first, second) == [0, 0]


@pytest.mark.parametrize(("first", "second"), [
    (("Aussie stocks open lower", "en"), ("Акции Токио открылись ниже", "ru")),
    (("Les actions de Tokyo ouvrent en baisse", "fr"), ("Aussie stocks open lower", "en")),
], ids=["en-ru", "fr-en"])
def test_one_market_or_another_told_in_three_words_stays_two_events(
        first: tuple[str, str], second: tuple[str, str]) -> None:
    assert clusters(first, second) == [0, 1]
