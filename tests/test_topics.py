"""Built-in topics: what each must catch in five languages, and the traps it must not."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.core.errors import ConfigError
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics, merge_topics


def topics_of(text: str) -> set[str]:
    return set(Matcher(builtin_topics()).match(text, "").topics)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("NATO summit opens in Vilnius", "nato"),
        ("NATO's eastern flank", "nato"),
        ("Le sommet de l’OTAN s’ouvre", "nato"),
        ("l'OTAN et l`Ukraine", "nato"),
        ("Rencontre avec l'Alliance atlantique", "nato"),
        ("Organisation du traité de l'Atlantique Nord : réunion", "nato"),
        ("Міністри НАТО зібралися у Брюсселі", "nato"),
        ("Північноатлантичний альянс посилює фланг", "nato"),
        ("Генсек Північноатлантичного альянсу заявив", "nato"),
        ("Саміт натовських союзників", "nato"),
        ("Генсек Североатлантического альянса", "nato"),
        ("Der NATO-Gipfel beginnt", "nato"),
        ("Die Nordatlantische Allianz tagt", "nato"),
        ("The North Atlantic Alliance met", "nato"),
        ("Fighting near Kherson", "kherson"),
        ("Kherson's mayor said", "kherson"),
        ("Combats à Kherson", "kherson"),
        ("Kämpfe bei Cherson", "kherson"),
        ("Walki pod Chersoniem w Chersoń", "kherson"),
        ("Обстріл Херсона вночі", "kherson"),
        ("У Херсоні знову вибухи", "kherson"),
        ("Херсонщина під обстрілом", "kherson"),
        ("Херсонщину обстріляли", "kherson"),
        ("Херсонська область, Херсонської області", "kherson"),
        ("В Херсонской области", "kherson"),
        ("Khersonska oblast authorities", "kherson"),
        ("OSCE observers leave", "osce"),
        ("Die OSZE warnt", "osce"),
        ("Місія ОБСЄ", "osce"),
        ("Миссия ОБСЕ", "osce"),
        ("Organization for Security and Co-operation in Europe", "osce"),
        ("l'Organisation pour la sécurité et la coopération en Europe", "osce"),
        ("Організація з безпеки та співробітництва в Європі", "osce"),
        ("Организация по безопасности и сотрудничеству в Европе", "osce"),
    ],
)
def test_topic_is_found(text: str, topic: str) -> None:
    assert topic in topics_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "The senator spoke", "Signatories agreed", "The coordinator resigned",
        "Senatorin und Koordinatorin", "Губернатор області", "Губернатор области",
        "Натовп зібрався на площі", "У натовпі", "Натомість уряд мовчить",
        "Анатолій Петренко", "Анатолий сказал", "Натолкнулись на мину",
        "Natolin palace", "Natoli said", "Donato and Renato", "natomiast",
        "Botanique et cotangente", "Ботаніка", "Potanine",
        "Херсонес Таврійський", "Херсонеса", "Херсонесский музей", "Chersonesus",
        "Khersones", "Hersonissos in Crete", "Chersonissos",
        "Обсерваторія", "обсервация", "Osceola county", "obscene",
        "донат", "Kersonas",
    ],
)
def test_trap_matches_no_topic(text: str) -> None:
    assert topics_of(text) == set()


def test_kherson_still_matches_beside_an_excluded_word() -> None:
    assert topics_of("Від Херсонеса до Херсона") == {"kherson"}


@dataclass(frozen=True)
class Override:
    aliases: tuple[str, ...] = ()
    extra_aliases: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()


def test_aliases_replace_and_extra_aliases_extend() -> None:
    merged = merge_topics(builtin_topics(), {
        "nato": Override(aliases=("alliance",)),
        "osce": Override(extra_aliases=("SMM",)),
        "mariupol": Override(aliases=("Mariupol", "Маріупол*")),
    })
    matcher = Matcher(merged)
    assert matcher.match("NATO", "").topics == frozenset()
    assert matcher.match("the alliance", "").topics == {"nato"}
    assert matcher.match("OSCE SMM", "").topics == {"osce"}
    assert matcher.match("SMM", "").topics == {"osce"}
    assert matcher.match("Маріуполя", "").topics == {"mariupol"}


def test_config_excludes_extend_a_builtin() -> None:
    merged = merge_topics(builtin_topics(), {"kherson": Override(excludes=("херсонка",))})
    assert Matcher(merged).match("село Херсонка", "").topics == frozenset()


@pytest.mark.parametrize(
    ("name", "override", "message"),
    [
        ("Bad Name", Override(aliases=("x",)), "topic name"),
        ("new", Override(), "at least one alias"),
        ("new", Override(aliases=("!!!",)), "no letter"),
        ("new", Override(aliases=("ab*",)), "at least 3 letters"),
        ("new", Override(aliases=("-war",)), "a word, a phrase or a prefix"),
        ("new", Override(aliases=("war",), excludes=("two words",)), "one word"),
    ],
)
def test_bad_topic_config_names_the_key(name: str, override: Override, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        merge_topics(builtin_topics(), {name: override})
    assert f"topics.{name}" in str(caught.value)
