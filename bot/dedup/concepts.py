"""The words of war and world news in four languages, each to one concept id.

Names alone do not tell "NATO strike kills civilians in Afghanistan" from "Two NATO soldiers
killed in Afghanistan"; what the report says happened does. Each concept lists the folded
word beginnings that say it in English, French, Ukrainian and Russian (folded as
`bot.core.text.fold` folds: й -> и, ї -> і, accents dropped). Ministries are a slot of their
own: "foreign ministers" and "finance ministers" meeting are two meetings.
"""

from __future__ import annotations

from functools import lru_cache

CONCEPTS: dict[str, str] = {
    "kill": "kill dead death die dies died tuee tuent mort meurt deces загин вбит вбив вбил "
            "убит убил убива вбива погиб смерт жертв",
    "injure": "injur wound bless поранен ранен травм",
    "attack": "attack attaq assault атак напад нападени strike strikes struck frappe frappes "
              "bombard удар обстріл обстрел бомбардув бомбардир",
    "drone": "drone dron дрон беспилот безпілот шахед shahed",
    "missile": "missil rocket roquett ракет",
    "shell": "shell obus артилер артиллер",
    "explode": "explos blast вибух взрыв",
    "fire": "fire blaze incendi feu пожеж пожар",
    "power": "power electric electri blackout coupure енерго энерго електро электро світл "
             "свет",
    "meet": "meet meeting rencontr reuni зустр встреч",
    "talk": "talk negotia pourparler discuss discut entretien переговор обговор обсуд розмов "
            "разговор",
    "call": "call phone appel telephon дзвін звон",
    "summit": "summit sommet саміт саммит",
    "forum": "forum conferenc форум конференц",
    "exchange": "exchang swap echang обмін обмен",
    "prisoner": "prisoner captive pow prisonnier captif полонен пленн полон плен",
    "return": "return retour rentr поверн возвращ вернул",
    "president": "president президент",
    "minister": "minister ministr міністр министр",
    "army": "army military militair armee войск військ армі арми військов военн",
    "soldier": "soldier troop soldat солдат боєц боец",
    "civilian": "civilian civil цивіл мирн",
    "child": "child enfant дит дет",
    "sanction": "sanction санкц",
    "aid": "aid assistance help aide допомог помощ",
    "weapon": "weapon arms armes зброя зброї оружи",
    "tank": "tank танк",
    "plane": "plane aircraft jet avion aeronef літак самолет",
    "crash": "crash accident катастроф аварі авари крушени",
    "train": "train railway rail поїзд поезд залізни железн",
    "protest": "protest manifest протест мітинг митинг",
    "elect": "elect vote ballot scrutin вибор выбор голосув голосов",
    "court": "court tribunal judge juge суд",
    "arrest": "arrest detain arret interpell затрим задерж арешт арест",
    "law": "law bill legisla loi закон",
    "oil": "oil petrol нафт нефт",
    "gas": "gas gaz газ",
    "price": "price prix цін цен",
    "bank": "bank banque банк",
    "market": "market marche stock shares bours ринок рынок биржа акци",
    "earthquake": "earthquake quake seism землетрус землетряс",
    "flood": "flood inond повін паводок наводн",
    "storm": "storm hurrican tempet ураган шторм",
    "ceasefire": "ceasefire truce cessez treve перемир",
    "peace": "peace paix мир",
    "invite": "invit запрош приглаш",
    "visit": "visit visite візит визит",
    "ukrainian-army": "zsu зсу всу",
    "nuclear": "nuclear nucleair атомн ядерн",
    "plant": "plant centrale станц",
    "grain": "grain cereal ble зерн",
    "bridge": "bridge pont міст мост",
    "hospital": "hospital hopital лікарн больниц",
    "school": "school ecole школ",
    "police": "police policier полиц поліц",
    "government": "government gouvernement уряд правительств",
    "percent": "percent pourcent процент відсот",
    "bomb": "bomb bombe бомб",
    "security": "security securit безпек безопасн",
    "deal": "deal accord agreement угод соглашени",
    "treaty": "treaty traite договор договір",
    "rebel": "rebel rebell militant insurg повстан боевик бойовик",
    "chemical": "chemical chimiqu хіміч химич",
    "suicide": "suicid kamikaz смертник",
    "shoot": "shoot shot fusillad стрілян стрельб",
    "murder": "murder meurtre assassin убийств вбивств",
    "charge": "charged inculp обвин звинуват",
    "refugee": "refugee refugi біженц беженц",
    "opposition": "opposition оппозиц опозиц",
    "toll": "toll bilan",
    "helicopter": "helicopter helicop гелікопт вертол",
    "border": "border frontier frontiere кордон границ",
    "hostage": "hostage otage заручн заложн",
    "resign": "resign demission отставк відставк",
    "nasdaq": "nasdaq насдак",
    "virus": "virus вирус вірус",
}
"""Concept id -> folded word beginnings in each language (at least three letters)."""

MINISTRIES: dict[str, str] = {
    "foreign": "foreign etranger закордон иностран",
    "finance": "financ фінанс финанс",
    "defence": "defenc defens оборон",
    "interior": "interior interieur внутрішн внутренн",
    "energy": "energ енерг энерг",
    "justice": "justice юстиц",
}


@lru_cache(maxsize=2)
def _table(which: str) -> tuple[dict[str, str], tuple[int, ...]]:
    """Beginning -> concept id, with the beginnings' lengths, longest first: one table each for
    concepts and ministries, both kept (one slot rebuilt a dict each time the two alternated)."""
    source = CONCEPTS if which == "concepts" else MINISTRIES
    table = {start: concept for concept, starts in source.items() for start in starts.split()}
    return table, tuple(sorted({len(start) for start in table}, reverse=True))


@lru_cache(maxsize=1 << 16)
def concept_of(word: str, which: str = "concepts") -> str | None:
    """The concept a folded word says ("загинули" -> kill), or None."""
    table, lengths = _table(which)
    for length in lengths:
        if len(word) >= length and (concept := table.get(word[:length])):
            return concept
    return None


@lru_cache(maxsize=1 << 16)
def ministry_of(word: str) -> str | None:
    """Which ministry a folded word names ("etrangeres" -> foreign), or None (cached: every
    word of every headline asks)."""
    return concept_of(word, "ministries")
