"""One thing said in two languages reads one concept (issue 15): where one language's word
and its translation read as two concepts ("armes" a gun, "оружие" a weapon; "morts" dead,
"погибли" killed), one event told in both is two events. And a word read as a concept it
only looks like ("temps" the weather, "porte" a door, "отметке" saying) merges a report with
the wrong story. Different things stay apart: killed is not wounded."""

from __future__ import annotations

import pytest

from bot.core.text import fold
from bot.dedup.crosslang import cross_score
from bot.dedup.lexicon import entry_of, opposed
from bot.dedup.phrases import readings
from bot.dedup.stored import prepare


def said(word: str, language: str) -> str | None:
    entry = entry_of(fold(word), language)
    return None if entry is None else entry.concept


def merged(first: tuple[str, str], second: tuple[str, str]) -> bool:
    """Two headlines half an hour apart, judged as the window judges them across languages."""
    a, b = (prepare(title, "", language).signature for title, language in (first, second))
    return cross_score(a, b, 0.5) is not None


@pytest.mark.parametrize("words", [
    # a weapon: "armes" and "оружие" both, and a gun among them
    (("weapons", "en"), ("arms", "en"), ("guns", "en"), ("armes", "fr"), ("arme", "fr"),
     ("оружия", "ru"), ("оружием", "ru"), ("зброя", "uk"), ("зброї", "uk")),
    # troops, the military, an army: "troupes", "militaires", "войска", "війська"
    (("troops", "en"), ("military", "en"), ("army", "en"), ("troupes", "fr"),
     ("militaires", "fr"), ("войска", "ru"), ("военные", "ru"), ("війська", "uk"),
     ("військові", "uk")),
    # killed or dead: a toll in every language
    (("killed", "en"), ("dead", "en"), ("died", "en"), ("morts", "fr"), ("tués", "fr"),
     ("victimes", "fr"), ("погибли", "ru"), ("погибших", "ru"), ("убиты", "ru"),
     ("загинули", "uk"), ("загиблих", "uk"), ("вбиті", "uk")),
    # a director is a director ("directeur" is a chief executive only as "PDG")
    (("director", "en"), ("directeur", "fr"), ("директор", "ru"), ("директора", "uk")),
    # a group, armed or not: "groupe" as much as "группа"
    (("group", "en"), ("groupe", "fr"), ("groupes", "fr"), ("группа", "ru"),
     ("групи", "uk")),
    # new: "nouvelle" is mostly the adjective ("une nouvelle loi")
    (("new", "en"), ("nouvelle", "fr"), ("nouvelles", "fr"), ("новый", "ru"),
     ("нові", "uk")),
    # a representative, the spokesman of a ministry among them
    (("representative", "en"), ("spokesman", "en"), ("représentant", "fr"),
     ("представитель", "ru"), ("представник", "uk"), ("речник", "uk")),
    # talks are discussions, in every language (to discuss is another concept)
    (("talks", "en"), ("discussions", "en"), ("discussions", "fr"), ("négociations", "fr"),
     ("переговоры", "ru"), ("переговоров", "ru"), ("переговори", "uk"), ("переговорів", "uk")),
    # a strike hits: "frappe", "touche", "удар", "ударил"
    (("strike", "en"), ("hits", "en"), ("frappe", "fr"), ("touche", "fr"), ("удар", "ru"),
     ("ударил", "ru"), ("удару", "uk")),
    # a rise, an increase, growth, a hike: "рост", "повысил", "croissance"
    (("rise", "en"), ("growth", "en"), ("raises", "en"), ("croissance", "fr"),
     ("hausse", "fr"), ("рост", "ru"), ("повысил", "ru"), ("повышение", "ru"),
     ("зростання", "uk"), ("підвищив", "uk")),
], ids=["weapon", "army", "kill", "director", "group", "new", "representative", "talks",
        "strike", "rise"])
def test_a_word_and_its_translations_read_one_concept(
        words: tuple[tuple[str, str], ...]) -> None:
    found = {word: said(word, language) for word, language in words}
    assert len(set(found.values())) == 1 and None not in found.values(), found


@pytest.mark.parametrize("words", [
    (("charged", "en"), ("accuses", "en"), ("allegations", "en"), ("accuse", "fr"),
     ("accusations", "fr"), ("обвинения", "ru"), ("обвиняет", "ru"), ("звинувачення", "uk")),
    (("missile", "en"), ("rockets", "en"), ("missiles", "fr"), ("roquettes", "fr"),
     ("ракеты", "ru"), ("ракети", "uk")),
    (("council", "en"), ("board", "en"), ("conseil", "fr"), ("совет", "ru"),
     ("правління", "uk")),
    (("factory", "en"), ("plant", "en"), ("usine", "fr"), ("завод", "ru"), ("завод", "uk")),
    (("members", "en"), ("membres", "fr"), ("члены", "ru"), ("члени", "uk")),
    (("lawmakers", "en"), ("députés", "fr"), ("законодатели", "ru"), ("депутати", "uk")),
    (("democrats", "en"), ("démocrates", "fr"), ("демократы", "ru"), ("демократи", "uk")),
    (("envoy", "en"), ("ambassador", "en"), ("посланник", "ru"), ("посланник", "uk")),
    (("sales", "en"), ("ventes", "fr"), ("продажи", "ru"), ("продажі", "uk")),
    (("safety", "en"), ("sécurité", "fr"), ("безопасности", "ru"), ("безпека", "uk")),
    (("last", "en"), ("past", "en"), ("dernière", "fr"), ("прошлой", "ru"),
     ("минулого", "uk")),
    (("vice", "en"), ("vice", "fr"), ("вице", "ru"), ("віце", "uk")),
    (("credit", "en"), ("crédit", "fr"), ("кредит", "ru"), ("кредит", "uk")),
    (("civil", "en"), ("civilians", "en"), ("civile", "fr"), ("гражданские", "ru"),
     ("цивільних", "uk")),
    (("offered", "en"), ("proposed", "en"), ("offre", "fr"), ("предложение", "ru"),
     ("пропозиція", "uk")),
    (("welcomes", "en"), ("praised", "en"), ("приветствует", "ru"), ("вітає", "uk")),
    (("work", "en"), ("jobs", "en"), ("emploi", "fr"), ("работу", "ru"), ("робота", "uk")),
    (("rebels", "en"), ("separatists", "en"), ("militants", "fr"), ("мятежники", "ru"),
     ("боевиков", "ru"), ("бойовики", "uk")),
    (("agrees", "en"), ("согласен", "ru"), ("угода", "uk")),
    (("policy", "en"), ("political", "en"), ("politique", "fr"), ("политический", "ru"),
     ("політика", "uk")),
    (("protection", "en"), ("defence", "en"), ("защиты", "ru"), ("захист", "uk")),
    (("fight", "en"), ("lutte", "fr"), ("борьба", "ru"), ("боротьба", "uk")),
    (("night", "en"), ("evening", "en"), ("soir", "fr"), ("вечером", "ru"), ("вечора", "uk")),
    (("previously", "en"), ("earlier", "en"), ("auparavant", "fr"), ("ранее", "ru")),
    (("rescued", "en"), ("saved", "en"), ("sauvés", "fr"), ("спасение", "ru"),
     ("рятувальники", "uk")),
    (("seek", "en"), ("search", "en"), ("cherche", "fr"), ("recherche", "fr"), ("поиск", "ru"),
     ("пошук", "uk")),
    (("cost", "en"), ("spending", "en"), ("coûts", "fr"), ("расходы", "ru"), ("витрати", "uk")),
    (("house", "en"), ("homes", "en"), ("maison", "fr"), ("дома", "ru"), ("домов", "ru"),
     ("будинок", "uk")),
    (("accident", "en"), ("crash", "en"), ("accident", "fr"), ("авария", "ru"),
     ("аварія", "uk")),
    (("injured", "en"), ("blessés", "fr"), ("пострадавших", "ru"), ("постраждалих", "uk")),
    (("oil", "en"), ("pétrolier", "fr"), ("нефть", "ru"), ("нафта", "uk")),
    (("settlements", "en"), ("colonies", "fr"), ("поселения", "ru"), ("поселення", "uk")),
    (("suspected", "en"), ("présumé", "fr"), ("подозреваемый", "ru"),
     ("підозрюваний", "uk")),
    (("appointed", "en"), ("nommé", "fr"), ("назначен", "ru"), ("призначений", "uk")),
    (("activists", "en"), ("activistes", "fr"), ("активисты", "ru"), ("активісти", "uk")),
    (("state", "en"), ("country", "en"), ("état", "fr"), ("государство", "ru"),
     ("государственные", "ru"), ("держава", "uk")),
    (("stock", "en"), ("share", "en"), ("action", "fr"), ("акцию", "ru"), ("акція", "uk")),
    (("exchange", "en"), ("фондовой", "ru"), ("фондової", "uk")),
], ids=lambda words: words[0][0])
def test_more_words_and_their_translations_read_one_concept(
        words: tuple[tuple[str, str], ...]) -> None:
    found = {f"{word}/{language}": said(word, language) for word, language in words}
    assert len(set(found.values())) == 1 and None not in found.values(), found


@pytest.mark.parametrize(("word", "language", "not_this"), [
    ("temps", "fr", "weather"),  # mostly time ("il est temps", "en même temps")
    ("partie", "fr", "game"),  # a part ("une partie de la ville")
    ("piégée", "fr", "trap"),  # a car bomb: "voiture piégée"
    ("mettre", "fr", "warn"),  # to put ("mettre en garde" aside)
    ("porte", "fr", "door"),  # carries ("porte sur", "porte-parole")
    ("state", "en", "say"),  # a state, not "stated"
    ("отметке", "ru", "say"),  # at a mark ("на отметке 100 долларов")
    ("качестве", "ru", "quality"),  # as ("в качестве посредника")
    ("мере", "ru", "step"),  # ("по крайней мере", "по мере")
    ("стрит", "ru", "fear"),  # a street, not "страх"
    ("гонконга", "ru", "race"),  # Hong Kong, not "гонка"
    ("мали", "ru", "small"),  # Mali, not "малый"
    ("ligne", "fr", "internet"),  # a line ("en ligne" aside)
    ("journaux", "fr", "day"),  # newspapers, not "jour"
    ("maintenant", "fr", "keep"),  # now, not "maintenir"
    ("dépasse", "fr", "b_outdated"),  # exceeds
    ("tour", "fr", "tower"),  # a round, a turn, a tour
    ("commission", "fr", "committee"),
    ("centres", "fr", "hundred"),  # not "cent"
    ("affaiblit", "fr", "case"),  # weakens, not "affaire"
    ("unité", "fr", "united"),  # a unit
    ("audition", "fr", "accounting"),  # a hearing, not an audit
    ("envoyé", "fr", "ambassador"),  # mostly sent
    ("mosques", "en", "temple"),
    ("stores", "en", "story"),
    ("conventional", "en", "convention"),  # weapons, not a treaty
    ("программа", "ru", "software"),  # a programme
    ("проект", "ru", "bill"),  # a project ("законопроект" is the bill)
    ("пакет", "ru", "share"),  # a package ("пакет помощи")
    ("фондовой", "ru", "fund"),  # the stock exchange ("фондовая биржа")
])
def test_a_word_is_not_the_concept_it_only_looks_like(
        word: str, language: str, not_this: str) -> None:
    assert said(word, language) != not_this


@pytest.mark.parametrize(("word", "language", "concept"), [
    ("piégée", "fr", "bomb"),
    ("piégées", "fr", "bomb"),
    ("clôturent", "fr", "close"),  # markets closing ("закрылись")
    ("clôturé", "fr", "close"),
    ("nasdaq", "fr", "wall_street"),  # as in English and Russian
    ("stocks", "fr", "stock"),  # shares, as the markets news says
    ("premier", "fr", "first_time"),  # the first, but for its minister
    ("temps", "fr", "time"),
    ("partie", "fr", "part"),
    ("стрит", "ru", "street"),
    ("отметке", "ru", "level"),
    ("économistes", "fr", "economy"),  # not "économiser"
    ("journaux", "fr", "newspaper"),
    ("dépasse", "fr", "exceed"),
])
def test_a_misread_word_reads_its_own_concept(word: str, language: str, concept: str) -> None:
    assert said(word, language) == concept


@pytest.mark.parametrize(("first", "second"), [
    (("Police seize weapons in a raid in Lyon", "en"),
     ("La police saisit des armes lors d'un raid à Lyon", "fr")),
    (("La police saisit des armes lors d'un raid à Lyon", "fr"),
     ("Полиция изъяла оружие во время рейда в Лионе", "ru")),
    (("Troops leave Kharkiv", "en"), ("Войска покидают Харьков", "ru")),
    (("Les troupes quittent Kharkiv", "fr"), ("Війська залишають Харків", "uk")),
    (("Une voiture piégée à Mogadiscio", "fr"), ("A car bomb in Mogadishu", "en")),
    (("Le groupe Wagner quitte le Mali", "fr"), ("Группа Вагнера покидает Мали", "ru")),
    (("Le directeur du FBI démissionne", "fr"), ("FBI director resigns", "en")),
    (("Ceasefire talks in Cairo", "en"), ("Discussions sur un cessez-le-feu au Caire", "fr")),
    (("Discussions sur un cessez-le-feu au Caire", "fr"),
     ("Переговоры о перемирии в Каире", "ru")),
    (("A drone hits a factory in Belgorod", "en"),
     ("Беспилотник ударил по заводу в Белгороде", "ru")),
    (("Poland's economic growth", "en"), ("Рост экономики Польши", "ru")),
    (("Ministry spokesman denies the report", "en"),
     ("Представник міністерства спростував повідомлення", "uk")),
    (("The state of Texas sues Google", "en"),
     ("L'État du Texas porte plainte contre Google", "fr")),
], ids=["weapon-en-fr", "weapon-fr-ru", "army-en-ru", "army-fr-uk", "bomb-fr-en",
        "group-fr-ru", "director-fr-en", "talks-en-fr", "talks-fr-ru", "strike-en-ru",
        "rise-en-ru", "representative-en-uk", "state-en-fr"])
def test_one_event_told_with_translated_words_is_one_event(
        first: tuple[str, str], second: tuple[str, str]) -> None:
    assert merged(first, second)


@pytest.mark.parametrize(("ours", "theirs"), [
    (("killed", "en"), ("wounded", "en")),
    (("morts", "fr"), ("blessés", "fr")),
    (("погибли", "ru"), ("ранены", "ru")),
    (("загинули", "uk"), ("поранені", "uk")),
    (("weapons", "en"), ("ammunition", "en")),
    (("troops", "en"), ("police", "en")),
    (("talks", "en"), ("agreement", "en")),  # talking is not agreeing
    (("strike", "en"), ("explosion", "en")),
    (("director", "en"), ("president", "en")),
])
def test_a_joined_concept_keeps_its_neighbours_apart(
        ours: tuple[str, str], theirs: tuple[str, str]) -> None:
    assert said(*ours) != said(*theirs)


@pytest.mark.parametrize(("ours", "theirs"), [
    (("growth", "en"), ("falls", "en")),
    (("рост", "ru"), ("падение", "ru")),
    (("повысил", "ru"), ("снизил", "ru")),
    (("croissance", "fr"), ("baisse", "fr")),
])
def test_a_rise_said_any_way_is_still_the_opposite_of_a_fall(
        ours: tuple[str, str], theirs: tuple[str, str]) -> None:
    assert opposed({said(*ours)}, {said(*theirs)})


@pytest.mark.parametrize(("first", "second"), [
    (("Deux morts dans un accident de bus près de Lyon", "fr"),
     ("Двое раненых в аварии автобуса под Лионом", "ru")),
    (("Three killed as a drone hits a bus stop in Kharkiv", "en"),
     ("Троє поранених: дрон влучив у зупинку в Харкові", "uk")),
])
def test_a_report_of_the_dead_and_one_of_the_wounded_are_two_events(
        first: tuple[str, str], second: tuple[str, str]) -> None:
    """Killed and wounded were two concepts but not opposites: a bus crash with two dead and
    another with two wounded scored 82 and merged, hiding one of them."""
    assert not merged(first, second)


def test_a_toll_giving_the_dead_and_the_wounded_still_joins_a_report_of_both() -> None:
    assert merged(("Two dead and five wounded in a bus crash near Lyon", "en"),
                  ("Deux morts et cinq blessés dans un accident de bus près de Lyon", "fr"))


@pytest.mark.parametrize(("word", "language"), [("виступив", "uk"), ("выступил", "ru")])
def test_speaking_out_is_not_opposing(word: str, language: str) -> None:
    """"Виступив за" is to speak for: only with "проти"/"против" is it to oppose, so the
    verb alone must not read as the opposite of support."""
    assert said(word, language) != "oppose"


def test_a_french_quake_reads_no_land() -> None:
    """ "Tremblement de terre" is one thing, an earthquake: its "terre" is no land."""
    assert readings(["fort", "tremblement", "de", "terre"], "fr") == [None, "earthquake", "", ""]


def test_a_french_prime_minister_reads_prime() -> None:
    """ "Premier" is the first, but "premier ministre" is a prime minister."""
    assert readings(["le", "premier", "ministre"], "fr") == [None, "prime", "minister"]
