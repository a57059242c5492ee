"""A sentence and its translation read to the same ids (`Signature.said`) whatever words
each language takes to say the same thing: a reporting verb ("said", "заявила"), a sign or
its word ("$5", "5 dollars", "5 %", "5 pour cent"), a year word beside a year ("in 2024",
"в 2024 году"), or a phrase that only joins a sentence ("as a result", "в результате")."""

from __future__ import annotations

import pytest

from bot.dedup.stored import prepare
from tests.support.crosslang import clusters


def said(title: str, language: str) -> tuple[str, ...]:
    return prepare(title, "", language).signature.said


def numbers(title: str, language: str) -> tuple[str, ...]:
    return prepare(title, "", language).signature.numbers


Side = tuple[str, str]

READ_ALIKE: list[tuple[str, Side, Side]] = [
    # 1. a reporting verb says who spoke, not what happened: alike in every language
    ("say", ("Ukraine's army said on Tuesday", "en"), ("армия Украины заявила во вторник", "ru")),
    ("say", ("Ukraine's army said on Tuesday", "en"), ("армія України заявила у вівторок", "uk")),
    ("say", ("Ukraine's army said on Tuesday", "en"), ("l'armée ukrainienne a déclaré mardi",
                                                       "fr")),
    ("say", ("the mayor says the bridge is closed", "en"), ("мэр говорит, что мост закрыт",
                                                            "ru")),
    ("say", ("the mayor says the bridge is closed", "en"), ("мер каже, що міст закрито", "uk")),
    # 2. a sign reads as its word
    ("sign", ("Kyiv receives $5 million for shelters", "en"),
     ("Kyiv reçoit 5 millions de dollars pour des abris", "fr")),
    ("sign", ("Kyiv receives $5 million for shelters", "en"),
     ("Киев получил 5 млн долларов на укрытия", "ru")),
    ("sign", ("Bread prices rose 5 percent in March", "en"),
     ("Le prix du pain a augmenté de 5 pour cent en mars", "fr")),
    ("sign", ("Bread prices rose 5 percent in March", "en"),
     ("Цены на хлеб выросли на 5% в марте", "ru")),
    ("sign", ("Ціни на хліб зросли на 5 відсотків у березні", "uk"),
     ("Les prix du pain ont augmenté de 5 % en mars", "fr")),
    ("sign", ("Gas costs €40 more a month", "en"), ("Le gaz coûte 40 euros de plus par mois",
                                                    "fr")),
    # 3. a year word beside a year figure
    ("year", ("The bridge was built in 2024", "en"), ("Мост построен в 2024 году", "ru")),
    ("year", ("The bridge was opened in 2024", "en"), ("Міст відкрито у 2024 році", "uk")),
    ("year", ("Le pont a été construit en 2024", "fr"), ("Мост построен в 2024 г.", "ru")),
    # 4. phrases that only join a sentence read as nothing ...
    ("phrase", ("Three houses burned as a result of the shelling", "en"),
     ("В результате обстрела сгорели три дома", "ru")),
    ("phrase", ("Three houses burned as a result of the shelling", "en"),
     ("Внаслідок обстрілу згоріли три будинки", "uk")),
    ("phrase", ("At least ten people were injured in Odesa", "en"),
     ("По крайней мере десять человек ранены в Одессе", "ru")),
    ("phrase", ("At least ten people were injured in Odesa", "en"),
     ("Принаймні десять людей поранені в Одесі", "uk")),
    ("phrase", ("Farmers protest in Lviv, according to the police", "en"),
     ("Фермеры протестуют во Львове, по данным полиции", "ru")),
    ("phrase", ("Farmers protest in Lviv, according to the police", "en"),
     ("Фермери протестують у Львові, за даними поліції", "uk")),
    ("phrase", ("Farmers protest in Lviv, according to the police", "en"),
     ("Des agriculteurs protestent à Lviv, selon la police", "fr")),
    ("phrase", ("Exports fell compared with January", "en"),
     ("Экспорт упал по сравнению с январем", "ru")),
    ("phrase", ("Exports fell compared with January", "en"),
     ("Експорт впав порівняно з січнем", "uk")),
    ("phrase", ("Prices rise amid the talks", "en"),
     ("Цены растут на фоне переговоров", "ru")),
    ("phrase", ("Prices rise amid the talks", "en"),
     ("Ціни зростають на тлі переговорів", "uk")),
    ("phrase", ("Schools close because of the storm", "en"),
     ("Les écoles ferment en raison de la tempête", "fr")),
    ("phrase", ("Prices rise while wages fall", "en"),
     ("Цены растут, в то время как зарплаты падают", "ru")),
    ("phrase", ("Prices rise while wages fall", "en"),
     ("Ціни зростають, у той час як зарплати падають", "uk")),
    ("phrase", ("Two men were detained in connection with the fire", "en"),
     ("Двое мужчин задержаны в связи с пожаром", "ru")),
    ("phrase", ("Two men were detained in connection with the fire", "en"),
     ("Двоє чоловіків затримані у зв'язку з пожежею", "uk")),
    ("phrase", ("He will serve as a mediator", "en"), ("Он будет служить в качестве посредника",
                                                      "ru")),
    ("phrase", ("Two were injured during the storm", "en"),
     ("Двое ранены во время шторма", "ru")),
    ("phrase", ("The foreign minister arrived in Warsaw", "en"),
     ("Министр иностранных дел прибыл в Варшаву", "ru")),
    ("phrase", ("The foreign minister arrived in Warsaw", "en"),
     ("Le ministre des Affaires étrangères est arrivé à Varsovie", "fr")),
    ("sign", ("Bread costs 47 cents more", "en"), ("Хлеб стоит на 47 центов больше", "ru")),
    # ... and one that says something reads as what it says
    ("phrase", ("The mayor warns of floods", "en"), ("Le maire met en garde contre des crues",
                                                      "fr")),
    ("phrase", ("A car bomb kills five in Kherson", "en"),
     ("Une voiture piégée tue cinq à Kherson", "fr")),
    ("phrase", ("Kyiv faces blackouts", "en"), ("Kyiv fait face à des coupures", "fr")),
    ("phrase", ("The mayor will appeal", "en"), ("Le maire fera appel", "fr")),
    ("phrase", ("The death toll rises to 40", "en"), ("Число погибших выросло до 40", "ru")),
    ("phrase", ("The death toll rises to 40", "en"), ("Кількість загиблих зросла до 40", "uk")),
]


def _ids(cases: list[tuple[str, Side, Side]]) -> list[str]:
    return [f"{n}-{kind}-{a[1]}-{b[1]}" for n, (kind, a, b) in enumerate(cases)]


@pytest.mark.parametrize(("kind", "first", "second"), READ_ALIKE, ids=_ids(READ_ALIKE))
def test_a_sentence_and_its_translation_read_alike(kind: str, first: Side,
                                                   second: Side) -> None:
    assert said(*first) == said(*second)


def test_a_reporting_verb_reads_as_nothing_in_every_language() -> None:
    assert said("The governor said", "en") == said("Le gouverneur a dit", "fr") == (
        said("Губернатор сказал", "ru")) == said("Губернатор повідомив", "uk") == ("governor",)


def test_a_year_word_without_a_year_figure_still_reads() -> None:
    """"Last year" is said in every language: only beside a year figure is the word idle."""
    assert "year" in said("в прошлом году", "ru")
    assert "year" in said("last year", "en")


def test_per_cent_is_no_count_of_a_hundred() -> None:
    assert numbers("Le prix a augmenté de 5 pour cent", "fr") == numbers(
        "The price rose 5 percent", "en") == ("5",)


def test_the_dollar_named_as_a_subject_still_reads() -> None:
    assert "dollar" in said("Le dollar recule face au yen", "fr")


ONE_EVENT: list[tuple[Side, Side]] = [
    (("Ukraine's inflation slows to 5 percent", "en"),
     ("L'inflation en Ukraine ralentit à 5 pour cent", "fr")),
    (("Schools in Kharkiv close because of the shelling", "en"),
     ("Les écoles de Kharkiv ferment en raison des bombardements", "fr")),
    (("Mayor of Lviv warns of power cuts", "en"),
     ("Le maire de Lviv met en garde contre des coupures de courant", "fr")),
    (("Drone attack on Odesa injures at least 5, governor says", "en"),
     ("По крайней мере 5 человек ранены в результате атаки дронов на Одессу, заявил "
      "губернатор", "ru")),
]

TWO_EVENTS: list[tuple[Side, Side]] = [
    # alike in all but the figure, the place or the deed: another event
    (("Ukraine's inflation slows to 5 percent", "en"),
     ("L'inflation en Ukraine ralentit à 7 pour cent", "fr")),
    (("Mayor of Lviv warns of power cuts", "en"),
     ("Le maire d'Odessa met en garde contre des coupures de courant", "fr")),
    (("Schools in Kharkiv close because of the shelling", "en"),
     ("Les écoles de Kharkiv rouvrent malgré les bombardements", "fr")),
    (("Drone attack on Odesa injures at least 5, governor says", "en"),
     ("По крайней мере 5 человек ранены в результате атаки дронов на Херсон, заявил "
      "губернатор", "ru")),
]


@pytest.mark.parametrize(("first", "second"), ONE_EVENT)
def test_one_event_told_with_other_joining_words_is_one_cluster(first: Side,
                                                                second: Side) -> None:
    assert clusters(first, second) == [0, 0]


@pytest.mark.parametrize(("first", "second"), TWO_EVENTS)
def test_the_same_joining_words_said_of_another_event_stay_apart(first: Side,
                                                                 second: Side) -> None:
    assert clusters(first, second) == [0, 1]
