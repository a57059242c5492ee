"""Sound keys: a name the gazetteer lacks, spelt in Latin letters by an English or French
outlet and in Cyrillic by a Ukrainian or Russian one, keeps one key (bot/dedup/translit.py)."""

from __future__ import annotations

import pytest

from bot.core.text import fold
from bot.dedup.translit import sound_key


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("John", "Джон"), ("Jones", "Джонс"), ("Jackson", "Джексон"), ("Jim", "Джим"),
    ("Djibril", "Джибриль"), ("Dzhokhar", "Джохар"), ("Jean", "Жан"), ("Zhytomyr", "Житомир"),
    ("Smith", "Смит"), ("Thomas", "Томас"), ("Elizabeth", "Элизабет"),
    ("Poutine", "Путин"), ("Houston", "Хьюстон"), ("Qaida", "Каида"),
    ("Schwarzenegger", "Шварценеггер"), ("Sarah", "Сара"),
])
def test_english_and_french_spellings_of_a_name_share_its_cyrillic_key(
        latin: str, cyrillic: str) -> None:
    assert sound_key(fold(latin)) == sound_key(fold(cyrillic)) is not None


@pytest.mark.parametrize(("a", "b"), [
    ("Jones", "Johnson"), ("Smith", "Smyrna"), ("Jackson", "Jacobs"), ("Путин", "Путилин"),
    ("Thomas", "Tomsk"),
])
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert sound_key(fold(a)) != sound_key(fold(b))


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("George", "Джордж"), ("Virginia", "Вирджиния"), ("Giuliani", "Джулиани"),
    ("Giovanni", "Джованни"), ("Geoffrey", "Джеффри"), ("Assange", "Ассанж"),
    ("Farage", "Фарадж"), ("Dodgers", "Доджерс"), ("Sturgeon", "Стерджен"), ("Serge", "Серж"),
])
def test_a_soft_g_in_latin_letters_keys_as_the_cyrillic_dzh(latin: str, cyrillic: str) -> None:
    """"George" is "Джордж", not "Гeoрг": a g before "eo", "ia", "io", "iu", at a word's end
    ("-ge") or after d ("Dodge") sounds j."""
    assert sound_key(fold(latin)) == sound_key(fold(cyrillic)) is not None


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("Gerhard", "Герхард"), ("Hegel", "Гегель"), ("Gibson", "Гибсон"), ("Kroger", "Крогер"),
    ("Singer", "Сингер"), ("Angela", "Ангела"), ("Hagel", "Хейгел"), ("Sergei", "Сергей"),
    ("Gilbert", "Гилберт"), ("Begin", "Бегин"), ("Berger", "Бергер"), ("Gordon", "Гордон"),
    ("Maggie", "Мэгги"),
])
def test_a_hard_g_keeps_the_key_of_its_cyrillic_g(latin: str, cyrillic: str) -> None:
    """A g before e or i is hard in as many names ("Gerhard", "Hegel", "Gibson"): only the
    spellings that mark a soft one read j."""
    assert sound_key(fold(latin)) == sound_key(fold(cyrillic)) is not None


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("William", "Уильям"), ("Watson", "Уотсон"), ("Wales", "Уэльс"),
    ("Wilson", "Уилсоном"), ("William", "Вільям"),
])
def test_an_english_w_spelt_u_in_russian_keys_as_w(latin: str, cyrillic: str) -> None:
    """Russian writes an opening w "у" before a vowel, Ukrainian "в": both key as the w."""
    assert sound_key(fold(latin)) == sound_key(fold(cyrillic)) is not None


@pytest.mark.parametrize(("a", "b"), [("Уильям", "Ульям"), ("Уотсон", "Утсон")])
def test_an_opening_u_before_a_consonant_stays_u(a: str, b: str) -> None:
    assert sound_key(fold(a)) != sound_key(fold(b))


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("Snowden", "Сноуден"), ("Brown", "Браун"), ("Crowley", "Кроули"), ("Bowden", "Боуден"),
    ("Howard", "Говард"),
])
def test_an_english_ow_before_a_consonant_is_the_cyrillic_ou(latin: str, cyrillic: str) -> None:
    """"Snowden" is "Сноуден", a vowel; "Howard" keeps its w before a vowel ("Говард")."""
    assert sound_key(fold(latin)) == sound_key(fold(cyrillic)) is not None
