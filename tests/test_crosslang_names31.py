"""Names read apart until names31: each spelling here names one thing in every language
(bot/dedup/names.py), headlines of our own."""

from __future__ import annotations

import pytest

from bot.dedup.stored import prepare
from bot.dedup.translit import sound_key


def _said(title: str, language: str) -> tuple[str, ...]:
    return prepare(title, "", language).signature.said


@pytest.mark.parametrize(("title", "language"), [
    ("Jordan closes its border crossing with Syria", "en"),
    ("La Jordanie ferme son poste-frontière avec la Syrie", "fr"),
    ("Иордания закрыла пограничный переход с Сирией", "ru"),
    ("Король Иордании прибыл в Вашингтон", "ru"),
    ("Йорданія закрила кордон із Сирією", "uk"),
])
def test_jordan_is_one_country_in_every_script(title: str, language: str) -> None:
    assert "jordan" in _said(title, language)


@pytest.mark.parametrize(("title", "language", "name"), [
    ("Перебои со светом в Венесуэле", "ru", "venezuela"),
    ("Snowden asks for asylum in three more countries", "en", "snowden"),
    ("Сноуден попросил убежища ещё в трёх странах", "ru", "snowden"),
    ("Les exportations chinoises reculent en mars", "fr", "china"),
    ("Apple unveils a cheaper phone", "en", "apple"),
    ("Apple представила недорогой телефон", "ru", "apple"),
    ("Apple dévoile un téléphone moins cher", "fr", "apple"),
    ("Новая атака боевиков на Синае", "ru", "sinai"),
    ("Wildfire forces evacuations in Colorado", "en", "colorado"),
    ("Glasgow hospital evacuated after gas leak", "en", "glasgow"),
    ("Microsoft patches a flaw in Windows", "en", "windows"),
    ("Microsoft закрыла уязвимость в Windows", "ru", "windows"),
])
def test_a_name_the_lexicon_read_as_a_word_is_the_name(title: str, language: str,
                                                       name: str) -> None:
    """"Венесуэле" (э, not е), "Snowden" (not snow), "chinoises", "Apple" (not apply),
    "Синае" (not blue), "Colorado" (not colour), "Glasgow" (not glass), "Windows"."""
    assert name in _said(title, language)


@pytest.mark.parametrize(("title", "word"), [
    ("Judge refuses to step aside, says she will rule on the case herself", "herself"),
    ("The minister didn't resign", "didn"),
    ("The party isn't calling for a new vote", "isn"),
    ("Acme Inc. recalls its cars", "inc"),
])
def test_english_function_words_have_no_sound_key(title: str, word: str) -> None:
    """"herself", "didn't", "Inc." say nothing a translation says: read as sound keys they
    weighed as much as a name the other report lacked."""
    assert f"~{sound_key(word)}" not in _said(title, "en")


@pytest.mark.parametrize(("title", "language", "name"), [
    ("Выборы в Мали перенесены на осень", "ru", "mali"),
    ("Mali postpones its election to the autumn", "en", "mali"),
    ("Shares of the bank fell after Young stepped down", "en", "young-surname"),
    ("Акции банка упали после ухода Янга", "ru", "young-surname"),
])
def test_a_capitalised_name_is_the_name(title: str, language: str, name: str) -> None:
    """"Мали" is Mali, "Young" in mid-sentence the man Russian spells "Янг"."""
    assert name in prepare(title, "", language).signature.names


def test_a_lower_case_word_stays_a_word() -> None:
    """"young" in lower case is young, as the lexicon reads it; "мали" a verb."""
    assert "young" in _said("A young man was arrested in Moscow", "en")
    assert "mali" not in _said("Вони мали рацію", "uk")


@pytest.mark.parametrize(("title", "language"), [
    ("Kremlin press secretary denies the report", "en"),
    ("Пресс-секретарь Кремля опроверг сообщение", "ru"),
    ("Le porte-parole du Kremlin dément l'information", "fr"),
])
def test_a_press_secretary_is_a_spokesman(title: str, language: str) -> None:
    """English says "press secretary" in two words where Russian says "пресс-секретарь" in one
    and French "porte-parole": one title, not the press and a secretary."""
    said = _said(title, language)
    assert "representative" in said and "media" not in said and "secretary" not in said


@pytest.mark.parametrize(("title", "language"), [
    ("Gunman opens fire outside the Empire State Building", "en"),
    ("Стрельба у Эмпайр Стейт Билдинг в Нью-Йорке", "ru"),
])
def test_the_empire_state_building_is_one_place(title: str, language: str) -> None:
    """Not an empire, a state and a building in English and three sound keys in Russian."""
    said = _said(title, language)
    assert "empire-state" in said and "empire" not in said and "country" not in said


def test_cameron_in_either_russian_spelling() -> None:
    assert "cameron" in _said("Кэмерон встретился с Меркель", "ru")
    assert "cameron" in _said("Камерон встретился с Меркель", "ru")


def test_michael_and_maikl_share_a_key() -> None:
    """English "Michael" sounds its ch as k, as "Майкл" writes it."""
    assert sound_key("michael") == sound_key("маикл") is not None


@pytest.mark.parametrize(("title", "language"), [
    ("Le crash a été filmé, selon Sky News", "fr"),
    ("Крушение снято на видео, сообщает Скай Ньюс", "ru"),
    ("The crash was filmed, Sky News reports", "en"),
])
def test_news_in_an_outlets_name_is_news(title: str, language: str) -> None:
    """French keeps an outlet's English "News", Russian writes it "Ньюс"."""
    assert "news" in _said(title, language)


@pytest.mark.parametrize(("title", "language", "name"), [
    ("The Associated Press reports heavy rain in Texas", "en", "associated-press"),
    ("Агентство Ассошиэйтед Пресс сообщает о ливнях в Техасе", "ru", "associated-press"),
    ("Hollande meets Merkel in Berlin", "en", "hollande"),
    ("Олланд встретился с Меркель в Берлине", "ru", "hollande"),
    ("Clashes in Hebron after a raid", "en", "hebron"),
    ("Столкновения в Хевроне после рейда", "ru", "hebron"),
])
def test_a_name_spelt_apart_in_cyrillic_is_one_name(title: str, language: str,
                                                    name: str) -> None:
    """"Ассошиэйтед Пресс" (not associated and the press), "Олланд" (no h), "Хеврон" (в)."""
    assert name in _said(title, language)


def test_pak_in_a_headline_is_pakistan() -> None:
    """South Asian headlines shorten Pakistan to "Pak", which translations write out."""
    assert "pakistan" in _said("Pak army says it shot down a drone", "en")
    assert "pakistan" in _said("Армия Пакистана сбила беспилотник", "ru")


@pytest.mark.parametrize(("title", "language"), [
    ("Dutch PM survives a confidence vote", "en"),
    ("Le PM néerlandais survit à un vote de confiance", "fr"),
    ("Премьер-министр Нидерландов пережил вотум доверия", "ru"),
])
def test_pm_is_a_prime_minister_in_either_language(title: str, language: str) -> None:
    """English and French headlines shorten the title that translations write out."""
    said = _said(title, language)
    assert "prime" in said and "minister" in said


def test_pm_after_a_time_is_no_title() -> None:
    assert "minister" not in _said("Polls close at 8 pm tonight", "en")
