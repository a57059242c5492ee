"""French words that read as their Russian and English translations only beside their
neighbours: "côte" is a coast (the fold drops the accent that tells it from "côté", a
side) unless a phrase says a side ("à côté de", "aux côtés de")."""

from __future__ import annotations

import pytest

from bot.dedup.stored import prepare
from tests.support.crosslang import clusters


def said(title: str, language: str) -> tuple[str, ...]:
    return prepare(title, "", language).signature.said


Side = tuple[str, str]


@pytest.mark.parametrize(("french", "other"), [
    ("Une tempête menace la côte est de la Floride",
     ("Шторм угрожает восточному побережью Флориды", "ru")),
    ("Des phoques échoués sur les côtes bretonnes", ("Seals stranded on the Breton coast", "en")),
])
def test_a_cote_is_a_coast(french: str, other: Side) -> None:
    assert "coast" in said(french, "fr")
    assert "coast" in said(*other)
    assert "side" not in said(french, "fr")


@pytest.mark.parametrize("french", [
    "Le maire a posé aux côtés du ministre",
    "Une école construite à côté de la gare",
    "Du côté de l'opposition, on proteste",
])
def test_a_side_phrase_stays_a_side(french: str) -> None:
    assert "side" in said(french, "fr")
    assert "coast" not in said(french, "fr")


def test_a_storm_on_one_coast_told_in_french_and_russian_is_one_cluster() -> None:
    assert clusters(("La tempête Olga frappe la côte est du Mexique", "fr"),
                    ("Шторм Ольга обрушился на восточное побережье Мексики", "ru")) == [0, 0]


@pytest.mark.parametrize("other", [
    ("Мэр выступил против нового налога на парковку", "ru"),
    ("Мер виступив проти нового податку на паркування", "uk"),
    ("The mayor opposes a new parking tax", "en"),
])
def test_speaking_out_against_is_opposing(other: Side) -> None:
    assert "oppose" in said(*other)
    assert "oppose" in said("Le maire s'oppose à une nouvelle taxe de stationnement", "fr")


def test_a_union_opposing_a_reform_told_in_french_and_russian_is_one_cluster() -> None:
    assert clusters(("Les syndicats s'opposent à la réforme des retraites de Lyon", "fr"),
                    ("Профсоюзы выступают против пенсионной реформы Лиона", "ru")) == [0, 0]


@pytest.mark.parametrize("russian", [
    "Бывший мэр заключён под стражу в ожидании суда",
    "Бывший мэр предстанет перед судом за взятки",
    "Судебный процесс над бывшим мэром начнётся в мае",
    "Бывший мэр не надеется на справедливый суд",
])
def test_a_russian_trial_reads_as_a_trial(russian: str) -> None:
    assert "trial" in said(russian, "ru")
    assert "trial" in said("Le procès de l'ancien maire s'ouvre en mai", "fr")


def test_a_court_is_still_a_court() -> None:
    assert "court" in said("Суд оштрафовал компанию на миллион", "ru")


def test_a_mayor_awaiting_trial_told_in_french_and_russian_is_one_cluster() -> None:
    assert clusters(("L'ancien maire de Nantes emprisonné en attendant son procès", "fr"),
                    ("Бывший мэр Нанта заключён в тюрьму в ожидании суда", "ru")) == [0, 0]


@pytest.mark.parametrize(("french", "other"), [
    ("Une attaque aérienne détruit un pont près de Kherson",
     ("Воздушный удар разрушил мост под Херсоном", "ru")),
    ("Une attaque de drone vise un dépôt à Belgorod",
     ("Удар беспилотника по складу в Белгороде", "ru")),
    ("Frappes aériennes sur un port de Crimée", ("Авиаудар по порту в Крыму", "ru")),
    ("Frappes aériennes sur un port de Crimée", ("Авіаудар по порту в Криму", "uk")),
])
def test_an_air_attack_is_a_strike(french: str, other: Side) -> None:
    assert "strike" in said(french, "fr")
    assert "strike" in said(*other)
    assert "airline" not in said(french, "fr")


def test_an_airline_is_still_an_airline() -> None:
    assert "airline" in said("La compagnie aérienne annule ses vols vers Nice", "fr")
    assert "air" in said("L'espace aérien fermé au-dessus de Varsovie", "fr")


def test_an_air_attack_on_a_bridge_told_in_french_and_russian_is_one_cluster() -> None:
    assert clusters(("Une attaque aérienne détruit le pont de Zatoka", "fr"),
                    ("Воздушный удар разрушил мост в Затоке", "ru")) == [0, 0]


@pytest.mark.parametrize("other", [
    ("Стрелки напали на автобус с паломниками в Кашмире", "ru"),
    ("Gunmen attack a bus of pilgrims in Kashmir", "en"),
])
def test_armed_men_are_gunmen(other: Side) -> None:
    french = said("Des hommes armés attaquent un bus de pèlerins au Cachemire", "fr")
    assert "shoot" in french and "shoot" in said(*other)
    assert "man" not in french and "weapon" not in french


def test_weapons_alone_are_still_weapons() -> None:
    assert "weapon" in said("Des armes saisies dans un entrepôt de Marseille", "fr")


def test_gunmen_at_a_hotel_told_in_french_and_russian_is_one_cluster() -> None:
    assert clusters(("Des hommes armés prennent d'assaut un hôtel de Mogadiscio", "fr"),
                    ("Стрелки штурмуют отель в Могадишо", "ru")) == [0, 0]


@pytest.mark.parametrize(("first", "second"), [
    (("Kenya frees two kidnapped nurses", "en"),
     ("Кения освободила двух похищенных медсестёр", "ru")),
    (("Le Kenya libère deux infirmières enlevées", "fr"),
     ("Кения освободила двух похищенных медсестёр", "ru")),
    (("Le Kenya libère deux infirmières enlevées", "fr"),
     ("Kenya freed two kidnapped nurses", "en")),
    (("Кенія звільняє двох викрадених медсестер", "uk"),
     ("Кения освобождает двух похищенных медсестёр", "ru")),
])
def test_freeing_reads_alike_in_every_tense(first: Side, second: Side) -> None:
    assert "free" in said(*first) and "free" in said(*second)


def test_nurses_freed_told_in_french_and_russian_is_one_cluster() -> None:
    assert clusters(("Le Kenya libère deux infirmières enlevées à Garissa", "fr"),
                    ("Кения освободила двух похищенных в Гариссе медсестёр", "ru")) == [0, 0]


@pytest.mark.parametrize("other", [
    ("Выручка казино Монако достигла рекорда", "ru"),
    ("Le chiffre d'affaires des casinos de Monaco atteint un record", "fr"),
])
def test_hitting_a_record_is_reaching_it(other: Side) -> None:
    english = said("Monaco casino revenue hits record", "en")
    assert "reach" in english and "high" in english
    assert "reach" in said(*other)


def test_a_hit_is_still_a_strike() -> None:
    assert "strike" in said("Missile hits a school in Kharkiv", "en")


@pytest.mark.parametrize("other", [
    ("Des observateurs arrivent sur le site de l'explosion à Tcherkassy", "fr"),
    ("Observers reach the site of the Cherkasy blast", "en"),
])
def test_a_site_is_a_place(other: Side) -> None:
    assert "place" in said(*other)
    assert "place" in said("Наблюдатели прибыли на место взрыва в Черкассах", "ru")


@pytest.mark.parametrize("other", [
    ("Le site web du ministère piraté", "fr"), ("Le site internet du ministère piraté", "fr"),
    ("Ministry web site hacked", "en"), ("Ministry website hacked", "en"),
])
def test_a_web_site_is_still_a_website(other: Side) -> None:
    assert "website" in said(*other) and "place" not in said(*other)


@pytest.mark.parametrize("other", [
    ("Le Pérou décrète l'état d'urgence à Cusco", "fr"),
    ("Peru declares a state of emergency in Cusco", "en"),
    ("Перу объявило чрезвычайное положение в Куско", "ru"),
    ("Перу оголосило надзвичайний стан у Куско", "uk"),
])
def test_a_state_of_emergency_is_an_emergency_not_a_state(other: Side) -> None:
    read = said(*other)
    assert "emergency" in read
    assert not {"country", "situation"} & set(read)


@pytest.mark.parametrize("other", [
    ("Молдова высылает двух российских дипломатов", "ru"),
    ("Молдова висилає двох російських дипломатів", "uk"),
])
def test_expelling_in_the_present_is_deporting(other: Side) -> None:
    assert "deport" in said(*other)
    assert "deport" in said("La Moldavie expulse deux diplomates russes", "fr")


@pytest.mark.parametrize(("french", "russian", "concept"), [
    ("La mairie a obtenu un prêt de la banque", "Мэрия получила кредит банка", "receive"),
    ("Les habitants dans l'attente d'une décision", "Жители в ожидании решения", "expect"),
    ("Les marchés finissent la semaine en repli", "Рынки завершили неделю снижением", "end"),
    ("La police poursuit les recherches à Lille", "Полиция продолжает поиски в Лилле",
     "continue"),
])
def test_common_french_verb_forms_read_as_their_russian(french: str, russian: str,
                                                        concept: str) -> None:
    assert concept in said(french, "fr") and concept in said(russian, "ru")


@pytest.mark.parametrize(("french", "other", "concept"), [
    ("Le Mali s'apprête à voter dimanche", ("Мали готовится голосовать в воскресенье", "ru"),
     "ready"),
    ("L'ONU intensifie l'aide au Soudan", ("ООН активизирует помощь Судану", "ru"),
     "strengthen"),
    ("L'ONU intensifie l'aide au Soudan", ("UN intensifies aid to Sudan", "en"), "strengthen"),
])
def test_getting_ready_and_stepping_up_read_alike(french: str, other: Side,
                                                  concept: str) -> None:
    assert concept in said(french, "fr") and concept in said(*other)


@pytest.mark.parametrize(("french", "other", "concept"), [
    ("Renault rachète un fabricant de batteries", ("Renault купил производителя батарей", "ru"),
     "buy"),
    ("La ville subit de lourdes pertes", ("The town suffered heavy losses", "en"), "suffer"),
    ("La société gère le port du Havre", ("Компания управляет портом Гавра", "ru"), "manage"),
])
def test_french_verb_forms_read_as_their_translation(french: str, other: Side,
                                                     concept: str) -> None:
    assert concept in said(french, "fr") and concept in said(*other)


@pytest.mark.parametrize(("russian", "english", "concept"), [
    ("Врачи предостерегают от жары в Сеуле", "Doctors warn of heat in Seoul", "warn"),
    ("Шахтёры просили о помощи", "Miners asked for help", "ask"),
    ("Учёные полагают, что вулкан проснётся", "Scientists think the volcano will wake",
     "think"),
    ("Пилот пережил крушение в Андах", "Pilot survived a crash in the Andes", "survivor"),
])
def test_russian_verb_forms_read_as_their_english(russian: str, english: str,
                                                  concept: str) -> None:
    assert concept in said(russian, "ru") and concept in said(english, "en")


@pytest.mark.parametrize(("english", "russian", "concept"), [
    ("Strike at the Gdansk docks ends", "Забастовка в доках Гданьска завершилась", "end"),
    ("Profits beat expectations at Nokia", "Прибыль Nokia превзошла ожидания", "expect"),
    ("Jurors acquit the Lyon mayor", "Присяжные оправдали мэра Лиона", "jury"),
    ("Two smugglers hanged in Tehran", "В Тегеране повешены двое контрабандистов", "execute"),
    ("Kenya hails the Olympic champion", "Кения приветствует олимпийского чемпиона", "praise"),
])
def test_english_word_forms_read_as_their_russian(english: str, russian: str,
                                                  concept: str) -> None:
    assert concept in said(english, "en") and concept in said(russian, "ru")


@pytest.mark.parametrize(("french", "english", "concept"), [
    ("Manifestation dans les rues de Tunis", "Protest in the streets of Tunis", "street"),
    ("Fermeture scolaire à Rouen", "School closure in Rouen", "school"),
    ("Une panne informatique paralyse Orly", "Computer failure paralyses Orly", "computer"),
    ("Les négociateurs arrivent à Doha", "Negotiators arrive in Doha", "talks"),
    ("Fausses alertes à la bombe à Metz", "False bomb alerts in Metz", "false"),
])
def test_french_adjectives_and_plurals_read_as_their_english(french: str, english: str,
                                                             concept: str) -> None:
    assert concept in said(french, "fr") and concept in said(english, "en")


@pytest.mark.parametrize(("russian", "english", "concept"), [
    ("Туристический автобус перевернулся в Анталье", "Tourist bus overturns in Antalya",
     "tourist"),
    ("Певец погиб в автокатастрофе под Ригой", "Singer killed in a car crash near Riga",
     "crash"),
    ("Насильственные протесты в Дакаре", "Violent protests in Dakar", "violence"),
    ("Аналогичные меры в Осло", "Similar measures in Oslo", "similar"),
])
def test_russian_adjectives_read_as_their_english(russian: str, english: str,
                                                  concept: str) -> None:
    assert concept in said(russian, "ru") and concept in said(english, "en")


@pytest.mark.parametrize(("french", "russian", "concept"), [
    ("Les grandes puissances se réunissent à Vienne", "Мировые державы собираются в Вене",
     "power"),
    ("Un traité sur les armes conventionnelles", "Договор об обычных вооружениях", "ordinary"),
    ("Les prix montent de 3 pct", "Цены выросли на 3 процента", "percent"),
])
def test_french_and_russian_nouns_read_alike(french: str, russian: str, concept: str) -> None:
    assert concept in said(french, "fr") and concept in said(russian, "ru")


def test_a_possibility_is_a_chance() -> None:
    assert "chance" in said("La possibilité d'un accord à Genève", "fr")
    assert "chance" in said("Возможность соглашения в Женеве", "ru")


@pytest.mark.parametrize(("french", "other", "concept"), [
    ("Un autocar se renverse près de Grenoble", ("A bus overturns near Grenoble", "en"), "bus"),
    ("Bouclier antimissile en Roumanie", ("Противоракетный щит в Румынии", "ru"), "missile"),
    ("Opération antiterroriste à Molenbeek", ("Антитеррористическая операция в Моленбеке", "ru"),
     "terror"),
    ("Réouverture du musée de Kaboul", ("Kabul museum reopening", "en"), "again_re"),
    ("Une crise majeure à Beyrouth", ("A major crisis in Beirut", "en"), "big"),
])
def test_more_french_words_read_as_their_translation(french: str, other: Side,
                                                     concept: str) -> None:
    assert concept in said(french, "fr") and concept in said(*other)
