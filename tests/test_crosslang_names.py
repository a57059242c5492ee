"""Names and figures read alike in every language: a country in any case form or as its
adjective, a country of two words, a number word in any case; and the words that only look
like one (Ukrainian "мали", "had", is not Mali; "семьи", "family's", is not seven)."""

from __future__ import annotations

import pytest

from bot.core.text import fold
from bot.dedup.figures import figures
from bot.dedup.names import as_one_name, gazetteer
from bot.dedup.stored import prepare
from bot.dedup.text import normalise_title
from bot.dedup.translit import sound_key
from tests.support.crosslang import clusters


def _named(word: str) -> str | None:
    entity = gazetteer().find(fold(word).replace("'", ""))
    return None if entity is None else entity.id


COUNTRY_FORMS = {
    "china": "China Chinese Chine chinoise Китай Китая Китае Китаю Китаем китайский Китаї",
    "egypt": "Egypt Égypte Египет Египта Египте Єгипет Єгипту єгипетський египетский",
    "singapore": "Singapore Singapour Сингапур Сингапура Сінгапурі сингапурский",
    "kenya": "Kenya Kenyan kényan Кения Кении Кенію кенийский кенійська",
    "saudi": "Saudi Saoudite Аравия Аравии Аравії саудовский саудівська",
    "ethiopia": "Ethiopia Ethiopian Éthiopie éthiopien Эфиопия Эфиопии Ефіопії ефіопський",
    "vietnam": "Vietnam Vietnamese vietnamien Вьетнам Вьетнама В'єтнам В'єтнаму в'єтнамський",
    "argentina": "Argentina Argentine argentin Аргентина Аргентины Аргентині аргентинский",
    "south-africa": "ЮАР південноафриканський южноафриканский",
    "norway": "Norway Norwegian Norvège norvégien Норвегия Норвегії норвежский норвезький",
    "sweden": "Sweden Swedish Suède suédois Швеция Швеции Швеції шведский шведський",
    "finland": "Finland Finnish Finlande finlandais Финляндия Финляндии Фінляндії финский",
    "denmark": "Denmark Danish Danemark danois Дания Данию Данії датский данський",
    "switzerland": "Switzerland Swiss Suisse Швейцария Швейцарии Швейцарії швейцарский",
    "austria": "Austria Austrian Autriche autrichien Австрия Австрии Австрії австрийский",
    # Georgia the US state shares the id in English and French (Russian and Ukrainian spell
    # the state "Джорджия"): a country shared alone never merges two reports.
    "georgia": "Georgia Georgian Géorgie géorgien Грузия Грузии Грузії грузинский",
    "armenia": "Armenia Armenian Arménie arménien Армения Армении Вірменії армянский",
    "azerbaijan": "Azerbaijan Azerbaïdjan Азербайджан Азербайджана Азербайджані",
    "kazakhstan": "Kazakhstan Казахстан Казахстана Казахстані казахский казахстанський",
    "moldova": "Moldova Moldavie moldave Молдова Молдавии Молдові молдавский молдовський",
    "romania": "Romania Romanian Roumanie roumain Румыния Румынии Румунії румынский",
    "belgium": "Belgium Belgian Belgique belge Бельгия Бельгии Бельгії бельгийский",
    "portugal": "Portugal Portuguese portugais Португалия Португалії португальский",
    "bangladesh": "Bangladesh Бангладеш бангладешский",
    "malaysia": "Malaysia Malaysian Malaisie Малайзия Малайзии Малайзії малайзийский",
    "europe": "Europe European européen Европа Европе Європі европейский європейський",
    "africa": "Africa African Afrique africain Африка Африки Африці африканский",
    "senegal": "Senegal Senegalese Sénégal sénégalais Сенегал Сенегала Сенегалі сенегальский",
    "mali": "Mali Malian malien malienne малийский малійська",
    "bolivia": "Bolivia Bolivian Bolivie bolivien Боливия Боливии Болівії болівійський",
    "colombia": "Colombia Colombian Colombie colombien Колумбия Колумбии Колумбії",
    "ecuador": "Ecuador Équateur équatorien Эквадор Эквадора Еквадорі эквадорский",
    "tunisia": "Tunisia Tunisian Tunisie tunisien Тунис Туниса Тунісу тунисский",
    "uganda": "Uganda Ugandan Ouganda Уганда Уганды Уганді",
    "zimbabwe": "Zimbabwe Zimbabwean Зимбабве Зімбабве",
    "nepal": "Nepal Nepalese népalais Непал Непала Непалі",
    "micronesia": "Micronesia Micronésie Микронезия Мікронезії",
}


@pytest.mark.parametrize("country", sorted(COUNTRY_FORMS))
def test_a_country_is_known_in_every_language_and_case(country: str) -> None:
    forms = COUNTRY_FORMS[country].split()
    assert {form: _named(form) for form in forms} == dict.fromkeys(forms, country)


@pytest.mark.parametrize(("word", "why"), [
    ("мали", "Ukrainian for 'had'"), ("малі", "Ukrainian for 'small'"),
    ("армии", "an army's"), ("армія", "army"), ("грузит", "loads"), ("грузили", "loaded"),
    ("данные", "data"), ("даний", "Ukrainian for 'this, given', folded as 'Дании'"),
    ("чадить", "to smoke"), ("чад", "fumes; Chad is left out, a first name in English"),
    ("Бретань", "Brittany is not Britain"), ("суд", "court"), ("финансы", "finances"),
    ("кенгуру", "kangaroo"), ("вірність", "loyalty"),
    ("пар", "steam; ПАР, Ukrainian for South Africa, is left out"),
    ("болів", "Ukrainian for 'ached'"), ("Колумба", "Columbus's"),
])
def test_a_word_that_only_looks_like_a_country_names_none(word: str, why: str) -> None:
    assert _named(word) is None, why


@pytest.mark.parametrize(("a", "b"), [
    ("Австрия", "Австралия"), ("Австрія", "Австралія"), ("Швеция", "Швейцария"),
    ("Швеція", "Швейцарія"), ("Исландия", "Ирландия"), ("Словакия", "Словения"),
    ("Slovakia", "Slovenia"), ("Austria", "Australia"), ("Sweden", "Switzerland"),
])
def test_countries_spelt_alike_stay_two(a: str, b: str) -> None:
    assert _named(a) is not None and _named(b) is not None and _named(a) != _named(b)


@pytest.mark.parametrize(("phrase", "country"), [
    ("the United States and", "usa"), ("les États-Unis", "usa"), ("aux Etats-Unis", "usa"),
    ("Соединенные Штаты", "usa"), ("Соединённых Штатов", "usa"), ("Сполучені Штати", "usa"),
    ("Сполученим Штатам", "usa"), ("South Africa", "south-africa"),
    ("l'Afrique du Sud", "south-africa"), ("Южной Африки", "south-africa"),
    ("Південна Африка", "south-africa"), ("North Korea", "north-korea"),
    ("la Corée du Nord", "north-korea"), ("Северной Кореи", "north-korea"),
    ("Північна Корея", "north-korea"), ("КНДР", "north-korea"),
    ("nord-coréen", "north-korea"), ("северокорейский", "north-korea"),
    ("South Korea", "south-korea"), ("Corée du Sud", "south-korea"),
    ("Южная Корея", "south-korea"), ("південнокорейський", "south-korea"),
    ("the United Kingdom", "britain"), ("le Royaume-Uni", "britain"),
    ("la Grande-Bretagne", "britain"), ("Saudi Arabia", "saudi"), ("l'Arabie saoudite", "saudi"),
    ("Саудовская Аравия", "saudi"), ("New Zealand", "new-zealand"),
    ("la Nouvelle-Zélande", "new-zealand"), ("Новой Зеландии", "new-zealand"),
    ("Sri Lanka", "sri-lanka"), ("Шри-Ланки", "sri-lanka"),
])
def test_a_country_of_two_words_is_one_name(phrase: str, country: str) -> None:
    named = {_named(word) for word in normalise_title(as_one_name(phrase)).split()}
    assert named - {None} == {country}


def test_the_emirates_are_not_the_united_states() -> None:
    named = {_named(w) for w in normalise_title(as_one_name("les Émirats arabes unis")).split()}
    assert "usa" not in named


def test_a_deal_between_two_countries_folds_in_their_russian_case_forms() -> None:
    assert clusters(
        ("China and Kenya sign a railway deal", "en"),
        ("Китай и Кения подписали соглашение о железной дороге", "ru"),
        ("Китаю и Кении удалось подписать соглашение о железной дороге", "ru"),
    )[:2] == [0, 0]


def test_the_same_deal_with_another_country_stays_apart() -> None:
    assert clusters(
        ("China and Kenya sign a railway deal", "en"),
        ("Китай и Эфиопия подписали соглашение о железной дороге", "ru"),
    ) == [0, 1]


def test_north_and_south_korea_are_two_countries() -> None:
    assert clusters(
        ("North Korea fires a ballistic missile into the sea", "en"),
        ("La Corée du Sud tire un missile balistique en mer", "fr"),
    ) == [0, 1]


def test_the_united_states_are_one_name_in_french_and_english() -> None:
    assert clusters(
        ("The United States imposes new sanctions on Iran", "en"),
        ("Les États-Unis imposent de nouvelles sanctions à l'Iran", "fr"),
        ("США ввели новые санкции против Ирана", "ru"),
    ) == [0, 0, 0]


@pytest.mark.parametrize(("title", "counts"), [
    ("гибель пяти человек", (5,)), ("загибель п'яти людей", (5,)),
    ("ранены четырех человек", (4,)), ("поранення чотирьох людей", (4,)),
    ("гибель шести горняков", (6,)), ("двух полицейских", (2,)), ("двох поліцейських", (2,)),
    ("трех пожарных", (3,)), ("трьох рятувальників", (3,)), ("семи моряков", (7,)),
    ("восьми шахтеров", (8,)), ("десяти человек", (10,)), ("сорок раненых", (40,)),
    ("fifteen injured", (15,)), ("trente blessés", (30,)), ("шістьох людей", (6,)),
    ("дев'ятьох людей", (9,)), ("двадцати человек", (20,)), ("Fifty-seven senators", (57,)),
    ("vingt-cinq blessés", (25,)), ("двадцать пять человек", (25,)),
    ("двадцяти п'яти людей", (25,)),
])
def test_a_number_word_in_any_case_is_a_count(title: str, counts: tuple[int, ...]) -> None:
    assert figures(normalise_title(title).split()).counts == counts


@pytest.mark.parametrize("title", [
    "помощь для семьи погибшего", "сім'я загиблого отримає допомогу", "трибунал вынес приговор",
    "тремор и страх", "пятилетний план", "однако министр против",
])
def test_a_word_that_only_starts_like_a_number_is_none(title: str) -> None:
    assert figures(normalise_title(title).split()).counts == ()


@pytest.mark.parametrize(("english", "russian"), [
    pytest.param("Russian missile strike on Dnipro kills five, injures twelve",
                 "Ракетный удар по Днепру: гибель пяти человек, ранения двенадцати",
                 id="a-toll-in-case-forms"),
    pytest.param("Carmaker shares fall 4.5% to $15.68 after a quarterly loss",
                 "Акции автопроизводителя упали на 4,5% до $15,68 после квартального убытка",
                 id="a-share-price-in-decimals"),
])
def test_figures_written_the_russian_way_fold_with_the_english_ones(
        english: str, russian: str) -> None:
    assert clusters((english, "en"), (russian, "ru")) == [0, 0]


@pytest.mark.parametrize(("title", "marks"), [
    ("up 4.5% to $15.68", {"4.5", "15.68"}), ("на 4,5 процента до $15,68", {"4.5", "15.68"}),
    ("de 4,5 % à 15,68 dollars", {"4.5", "15.68"}), ("at 10:30", {"10:30"}),
])
def test_a_decimal_is_the_same_mark_with_a_point_a_comma_or_a_percent_sign(
        title: str, marks: set[str]) -> None:
    assert figures(normalise_title(title).split()).marks == marks


@pytest.mark.parametrize(("latin", "cyrillic"), [
    ("Reisen", "Рейзен"), ("Obetz", "Обец"), ("Fleischer", "Флейшер"), ("Rosen", "Розен"),
])
def test_a_name_transliterated_with_s_for_z_or_sch_for_sh_keeps_its_key(
        latin: str, cyrillic: str) -> None:
    assert sound_key(fold(latin)) == sound_key(fold(cyrillic)) is not None


def test_a_ukrainian_name_with_an_apostrophe_is_one_word_across_languages() -> None:
    """"В'єтнам" read as "в" and "єтнам" named nothing, whichever apostrophe the outlet types."""
    english = prepare("Vietnam and Japan sign a rice trade deal", "", "en").signature.names
    for apostrophe in ("'", "\u2019", "\u02bc"):
        title = f"В{apostrophe}єтнам і Японія підписали угоду про торгівлю рисом"
        assert prepare(title, "", "uk").signature.names == english, apostrophe


@pytest.mark.parametrize(("a", "b"), [
    (("Kenyan president to visit China", "en"),
     ("Le président sénégalais en visite en Chine", "fr")),
    (("Senegalese president to visit Kyiv", "en"), ("Президент Боливии посетит Киев", "ru")),
], ids=["en-fr", "en-ru"])
def test_two_presidents_visiting_one_capital_are_two_visits(
        a: tuple[str, str], b: tuple[str, str]) -> None:
    assert clusters(a, b) == [0, 1]


def _said(title: str, language: str) -> set[str]:
    return set(prepare(title, "", language).signature.said)


@pytest.mark.parametrize(("russian", "ukrainian"), [
    ("Акции Microsoft выросли на индексе Nasdaq", "Акції Microsoft зросли на індексі Nasdaq"),
])
def test_a_latin_word_in_a_cyrillic_report_reads_as_in_english(
        russian: str, ukrainian: str) -> None:
    """"Nasdaq" and "Microsoft" in a Russian report are the English words, not Russian sounds."""
    english = _said("Microsoft shares rise on the Nasdaq index", "en")
    assert {"microsoft", "wall_street"} <= english
    assert english == _said(russian, "ru") == _said(ukrainian, "uk")


def test_a_rating_agency_named_in_latin_letters_reads_alike() -> None:
    english = _said("Standard & Poor's rates Google", "en")
    assert {"standard", "google_co"} <= english
    assert english - {"rate"} <= _said("Standard & Poor's понизило рейтинг Google", "ru")


def test_a_latin_word_in_a_french_report_still_reads_french() -> None:
    """"pain" is bread in French, not what it says in English."""
    assert _said("Le prix du pain", "fr") != _said("The price of pain", "en")
