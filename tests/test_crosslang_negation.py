"""Across languages a negation tells two events apart only where it changes what happened:
"won't go" and "не поїде" are one refusal, "will go" and "не поїде" two events; but "at
least 15" said "не менее 15", a French "ne" with no "pas" ("avant qu'ils n'arrivent") or
"no" inside a noun ("no-fly zone") negate nothing."""

from __future__ import annotations

import pytest

from tests.support.crosslang import clusters

ONE_EVENT = [
    # "не менее" / "not less than": at least, said as a negation in Russian only
    (("Gas leak kills 15 in Kharkiv", "en"),
     ("Утечка газа в Харькове убила не менее 15 человек", "ru")),
    (("Витік газу в Харкові вбив щонайменше 15 людей", "uk"),
     ("Утечка газа в Харькове убила не менее 15 человек", "ru")),
    # the French "ne" of "avant que ... n'arrivent" negates nothing
    (("Army evacuates Kupiansk villages before Russian troops arrive", "en"),
     ("L'armée évacue les villages de Koupiansk avant que les troupes russes n'arrivent",
      "fr")),
    # an English contraction is a negation as much as "ne ... pas" and "не"
    (("Kyiv police can't find the missing drone pilot", "en"),
     ("La police de Kyiv ne retrouve pas le pilote de drone disparu", "fr")),
    (("Zelensky won't go to the Vilnius summit", "en"),
     ("Зеленський не поїде на саміт у Вільнюсі", "uk")),
    # "no" inside a noun: the zone, not a refusal
    (("Macron calls for a no-fly zone over Odesa", "en"),
     ("Макрон закликав до безпольотної зони над Одесою", "uk")),
]

TWO_EVENTS = [
    (("Kyiv police find the missing drone pilot", "en"),
     ("La police de Kyiv ne retrouve pas le pilote de drone disparu", "fr")),
    (("Zelensky will go to the Vilnius summit", "en"),
     ("Зеленський не поїде на саміт у Вільнюсі", "uk")),
    (("Zelensky will go to the Vilnius summit", "en"),
     ("Зеленский не поедет на саммит в Вильнюсе", "ru")),
    (("Зеленський поїде на саміт у Вільнюсі", "uk"),
     ("Zelensky n'ira pas au sommet de Vilnius", "fr")),
]


def _ids(cases: list[tuple[tuple[str, str], tuple[str, str]]]) -> list[str]:
    return [f"{n}-{a[1]}-{b[1]}" for n, (a, b) in enumerate(cases)]


@pytest.mark.parametrize(("first", "second"), ONE_EVENT, ids=_ids(ONE_EVENT))
def test_a_negation_that_changes_nothing_keeps_one_event(
        first: tuple[str, str], second: tuple[str, str]) -> None:
    assert clusters(first, second) == [0, 0]


@pytest.mark.parametrize(("first", "second"), TWO_EVENTS, ids=_ids(TWO_EVENTS))
def test_a_negation_on_one_side_is_another_event(
        first: tuple[str, str], second: tuple[str, str]) -> None:
    assert clusters(first, second) == [0, 1]
