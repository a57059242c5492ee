"""Names of places, people and organisations in their spellings per language and script.

One owner for the names: the built-in topics (bot/match/topics.py) take NATO's, Kherson's and
the OSCE's from here, and cross-language folding (bot/dedup/crosslang.py) maps every spelling
below to one id, so "Kherson", "Cherson", "Херсон" and "Херсоні" are the same place and
"Zelensky", "Zelenskyy", "Зеленський" and "Зеленского" the same man. A spelling is a folded
word, or a prefix ending in `*` that reaches a Cyrillic name's inflections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from bot.core.text import fold, join_apostrophes


def _inflected(stems: tuple[str, ...], tail: str) -> tuple[str, ...]:
    return tuple(f"{stem} {tail}" for stem in stems)


_UK_NATO_ADJ = ("північноатлантичний", "північноатлантичного", "північноатлантичному",
                "північноатлантичним", "північноатлантичнім")
_RU_NATO_ADJ = ("североатлантический", "североатлантического", "североатлантическому",
                "североатлантическим", "североатлантическом")
NATO = (
    "NATO", "OTAN", "НАТО", "NATO's",
    "North Atlantic Alliance", "Atlantic Alliance",
    "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation",
    "Alliance atlantique", "Alliance nord-atlantique",
    "Organisation du traité de l'Atlantique nord",
    *_inflected(_UK_NATO_ADJ, "альянс*"),
    *_inflected(("організація", "організації", "організацією", "організацію"),
                "Північноатлантичного договору"),
    "натовськ*", "натівськ*",
    *_inflected(_RU_NATO_ADJ, "альянс*"),
    *_inflected(("организация", "организации", "организацией", "организацию"),
                "Североатлантического договора"),
    "натовск*",
    "Nordatlantische Allianz", "Nordatlantischen Allianz", "Nordatlantikpakt*",
)
KHERSON = (
    "Kherson", "Herson", "Cherson", "Chersoń", "Chersons",
    "Khersonska", "Khersonskaya", "Khersonskyi", "Khersonsky", "Khersonshchyn*",
    "Херсон*",
)
KHERSON_EXCLUDES = ("херсонес*",)
OSCE = (
    "OSCE", "OSZE", "OBSE", "ОБСЄ", "ОБСЕ",
    "Organization for Security and Co-operation in Europe",
    "Organisation for Security and Co-operation in Europe",
    "Organization for Security and Cooperation in Europe",
    "Organisation for Security and Cooperation in Europe",
    "Organisation pour la sécurité et la coopération en Europe",
    "Organisation für Sicherheit und Zusammenarbeit in Europa",
    "з безпеки та співробітництва в Європі", "з безпеки і співробітництва в Європі",
    "по безопасности и сотрудничеству в Европе",
)


class Kind(StrEnum):
    """What a name is: two reports naming different places are two events."""

    PLACE = "place"
    COUNTRY = "country"
    PERSON = "person"
    ORG = "org"


_PLACES = {
    "kyiv": "kyiv kiev kyjiw kiew kijow київ* киев*",
    "kharkiv": "kharkiv kharkov kharkiw charkiw charkow харків* харьков*",
    "kherson": " ".join(KHERSON),
    "odesa": "odesa odessa одес*",
    "dnipro": "dnipro dnepr dnipropetrovsk dniepr дніпр* днепр*",
    "zaporizhzhia": "zaporizhzhia zaporizhia zaporijia zaporojie zaporozhye zaporijjia "
                    "zaporizhzhya запоріж* запоріз* запорож*",
    "mykolaiv": "mykolaiv nikolaev mikolaiv mykolayiv миколаі* николаев*",
    "lviv": "lviv lvov lwow lemberg львів* львов*",
    "donetsk": "donetsk donetska донецьк* донецк*",
    "luhansk": "luhansk lugansk louhansk луганськ* луганск*",
    "crimea": "crimea crimee crimean krym крим* крым*",
    "sevastopol": "sevastopol sebastopol севастопол*",
    "mariupol": "mariupol marioupol маріупол* мариупол*",
    "bakhmut": "bakhmut bakhmout бахмут*",
    "avdiivka": "avdiivka avdiyivka avdeevka avdiivka авдіївк* авдеевк*",
    "pokrovsk": "pokrovsk покровськ* покровск*",
    "sumy": "sumy soumy суми сумах сумам сумщин* сумськ* сумы сумской сумская",
    "chernihiv": "chernihiv chernigov tchernihiv чернігів* чернігов* чернигов*",
    "poltava": "poltava полтав*",
    "vinnytsia": "vinnytsia vinnitsa vinnytsa вінниц* винниц*",
    "zhytomyr": "zhytomyr jytomyr zhitomir житомир*",
    "kramatorsk": "kramatorsk краматорськ* краматорск*",
    "kursk": "kursk koursk курськ* курск*",
    "belgorod": "belgorod bilhorod белгород* бєлгород*",
    "bryansk": "bryansk briansk брянськ* брянск*",
    "moscow": "moscow moscou moskva москв*",
    "washington": "washington вашингтон*",
    "brussels": "brussels bruxelles брюссел*",
    "paris": "paris париж*",
    "london": "london londres лондон*",
    "berlin": "berlin берлін* берлин*",
    "warsaw": "warsaw varsovie warszawa варшав*",
    "vilnius": "vilnius вільнюс* вильнюс*",
    "istanbul": "istanbul стамбул*",
    "geneva": "geneva geneve genf женев*",
    "davos": "davos давос*",
    "munich": "munich munchen мюнхен*",
    "minsk": "minsk мінськ* минск*",
    "hague": "hague haye гаага гаазі гааге гаагу",
    "ankara": "ankara анкар*",
    "gaza": "gaza",
    "jerusalem": "jerusalem єрусалим* иерусалим*",
    "cairo": "cairo caire каїр* каир*",
    "kabul": "kabul kaboul кабул*",
    "baghdad": "baghdad bagdad багдад*",
    "damascus": "damascus damas дамаск* дамасск*",
    "tehran": "tehran teheran тегеран*",
    "beijing": "beijing pekin пекін* пекин*",
    "tokyo": "tokyo токіо токио",
    "delhi": "delhi делі дели",
    "mumbai": "mumbai bombay мумбаї мумбаи",
    "riyadh": "riyadh riyad riad эр-рияд ер-ріяд",
    # Joined from two words by `as_one_name` ("New York", "Нью-Йоркской" -> "NewYork").
    "new-york": "newyork",
    "hong-kong": "hongkong гонконг*",
    "west-bank": "westbank cisjordanie",
    "tel-aviv": "telaviv",
    "empire-state": "empirestate",
    "los-angeles": "losangeles",
    "san-francisco": "sanfrancisco",
    "seoul": "seoul сеул*",
    "pyongyang": "pyongyang пхеньян*",
    "beirut": "beirut beyrouth бейрут*",
    "hebron": "hebron хеврон*",
    "ramallah": "ramallah рамалл*",
    "rome": "rome roma рим рима риме риму римом римі",  # not "римск*": "Roman"
    "madrid": "madrid мадрид*",
    "athens": "athens athenes афин* афін*",
    "lisbon": "lisbon lisbonne лиссабон* лісабон*",
    "prague": "prague praha прага праги праге прагу празі",
    "budapest": "budapest будапешт*",
    "bucharest": "bucharest bucarest бухарест*",
    "belgrade": "belgrade beograd белград*",
    "stockholm": "stockholm стокгольм*",
    "oslo": "oslo осло",
    "copenhagen": "copenhagen copenhague копенгаген*",
    "helsinki": "helsinki хельсинк* гельсінк*",
    "dublin": "dublin дублин* дублін*",
    "amsterdam": "amsterdam амстердам*",
    "tbilisi": "tbilisi тбилиси тбілісі",
    "yerevan": "yerevan erevan ереван* єреван*",
    "baku": "baku bakou баку",
    "chisinau": "chisinau kishinev кишинев* кишинів*",
    "tripoli": "tripoli триполи тріполі",
    "benghazi": "benghazi бенгази бенгазі",
    "khartoum": "khartoum хартум*",
    "nairobi": "nairobi найроби найробі",
    "caracas": "caracas каракас*",
    "havana": "havana havane гавана гаване гавану",  # not "гавани": a harbour's
    "shanghai": "shanghai шанха*",
    "bangkok": "bangkok бангкок*",
    "jakarta": "jakarta djakarta джакарт*",
    "islamabad": "islamabad исламабад* ісламабад*",
    "karachi": "karachi карачи карачі",
    "mosul": "mosul mossoul мосул*",
    "aleppo": "aleppo alep алеппо",
    "dubai": "dubai дубаи дубае",
    "sydney": "sydney сиднеи сиднея сиднее сиднею сиднеем сідне*",  # not "сиднем": idle
    "toronto": "toronto торонто",
    "chicago": "chicago чикаго",
    "boston": "boston бостон*",
    "texas": "texas техас*",
    "california": "california californie калифорни* каліфорні*",
    "florida": "florida floride флорид*",
    "glasgow": "glasgow глазго",
    "colorado": "colorado колорадо",
}
_COUNTRIES = {
    "syria": "syria syrian syrians syrie syrien syrienne syriens syriennes сирі* сири* "
             "сирийск*",
    "egypt": "egypt egyptian egyptians egypte egyptien egyptienne egyptiens egyptiennes єгипт* "
             "египт* єгипет египет єгипетськ* египетск*",
    "pakistan": "pakistan pak pakistani pakistanais pakistanaise пакистан*",  # "Pak army"
    # Not "israeliennes" yet: read, it merged one different en-fr STS pair (1.03 % in train),
    # on "Palestinian" and "Israeli" alone beside a toll one report omits.
    "israel": "israel israeli israelis israelien israelienne israeliens ізраїл* израил*",
    "palestine": "palestine palestinian palestinians palestinien palestinienne palestiniens "
                 "palestiniennes палестин*",
    "afghanistan": "afghanistan afghan afghans afghane афганістан* афганистан* афганськ* "
                   "афганск*",
    "iraq": "iraq iraqi iraqis irak irakien irakienne irakiens irakiennes ірак* ирак*",
    "india": "india indian inde indien indienne indiens indiennes індія індії індію індією "
             "індійськ* индия индии индию индией индийск*",
    "korea": "korea korean koreans coree coreen coreenne корея кореї кореи корею кореєю "
             "кореей корейськ* корейск*",
    "north-korea": "northkorea northkorean dprk rpdc кндр северокореиск* північнокореиськ*",
    "south-korea": "southkorea southkorean южнокореиск* південнокореиськ*",
    "japan": "japan japanese japon japonais japonaise японі* япони* японськ* японск*",
    "libya": "libya libyan libye libyen libyenne libyens libyennes лівія лівії лівію ливия ливии "
             "ливию лівійськ* ливийск*",
    "lebanon": "lebanon lebanese liban libanais libanaise ліван* ливан*",
    "yemen": "yemen yemeni yemenite ємен* йемен*",
    "mexico": "mexico mexican mexique mexicain mexicaine мексик*",
    "brazil": "brazil brazilian bresil bresilien bresilienne бразилі* бразили*",
    "canada": "canada canadian canadien canadienne канад*",
    "australia": "australia australian australie australien australienne австралі* австрали*",
    "italy": "italy italian italie italien italienne італі* итали* італійськ* итальянск*",
    "spain": "spain spanish espagne espagnol espagnole іспані* испани* іспанськ* испанск*",
    "greece": "greece greek grece grec grecque греці* греци* грецьк* греческ*",
    "nigeria": "nigeria nigerian nigerien нігері* нигери*",
    "somalia": "somalia somali somalie сомалі сомали",
    "venezuela": "venezuela venezuelan venezuelien венесуел* венесуэл*",
    "thailand": "thailand thai thailande таїланд* таиланд* тайськ* тайск*",
    "indonesia": "indonesia indonesian indonesie індонезі* индонези*",
    "philippines": "philippines philippine filipino філіппін* филиппин*",
    "sudan": "sudan sudanese soudan судан*",
    "cuba": "cuba cuban cubain cubaine куба кубі кубе кубу кубинськ* кубинск*",
    "saudi": "saudi saudis saoudite saoudien saoudienne saoudiennes saoudiens arabia arabie "
             "саудівськ* саудовск* аравия аравии аравию аравиеи аравія аравії аравію",
    "qatar": "qatar катар*",
    "ireland": "ireland irish irlande irlandais ірланді* ирланди*",
    "netherlands": "netherlands dutch holland pays-bas neerlandais нідерланд* нидерланд* "
                   "голланд*",
    "ukraine": "ukraine ukraine's ukrainian ukrainians ukrainien ukrainienne ukrainiens "
               "ukrainiennes україн* украин*",
    "russia": "russia russia's russian russians russie russe russes росі* росій* россия "
              "россии россию россией российск* русск* рф",
    "usa": "usa america amerique american americans americain americaine americains americaines "
           "unitedstates "
           "сша америк* американ*",
    "france": "france french francais francaise francaises франці* франци* французьк* "
              "французск*",
    "germany": "germany german allemagne allemand allemande allemands німеччин* німецьк* "
               "германи* немецк*",
    "poland": "poland polish pologne polonais polonaise польщ* польськ* польш* польск*",
    "turkey": "turkey turkish turquie turc turque туреччин* турецьк* турци* турецк*",
    "china": "china chinese chine chinois chinoise chinoises китаи* китая китае китаю китаєм "
             "китаем китаі китаиськ* китаиск*",
    "belarus": "belarus belarusian bielorussie bielorusse білорус* беларус* белорус*",
    "britain": "britain british uk unitedkingdom britannique britanniques britanniques "
               "grandebretagne британ* великобритан*",
    "hungary": "hungary hungarian hongrie hongrois угорщ* угорськ* венгр*",
    "iran": "iran iranian iranien iranienne iraniens iraniennes іран* иран*",
    "uae": "uae emirates emirats emirati оае оаэ",
    # Each below in all four languages: a spelling known in one script only would part two
    # reports that their sound keys (bot/dedup/translit.py) now join. Left out, as words
    # that are ordinary words too: Chad ("Chad", a first name; "чад", fumes), Mali
    # (Ukrainian "мали", had; "малі", small), Colombia ("Колумбия" is also the District of
    # Columbia), Danish "Дании" (Ukrainian "даний", given, folds alike).
    "singapore": "singapore singaporean singapour singapourien singapourienne сингапур* "
                 "сінгапур*",
    "kenya": "kenya kenyan kenyans kenyane кения кении кению кенией кенийск* кенія кенії "
             "кенію кенією кенійськ*",
    "ethiopia": "ethiopia ethiopian ethiopians ethiopie ethiopien ethiopienne эфиопи* эфиопск* "
                "ефіопі* ефіопськ*",
    "vietnam": "vietnam vietnamese vietnamien vietnamienne вьетнам* в'єтнам*",
    "argentina": "argentina argentine argentinian argentin argentins аргентин*",
    "south-africa": "southafrica southafrican юар южноафриканск* південноафриканськ*",
    "norway": "norway norwegian norvege norvegien norvegienne норвеги* норвежск* норвегі* "
              "норвезьк*",
    "sweden": "sweden swedish suede suedois suedoise швеци* шведск* швеці* шведськ*",
    "finland": "finland finnish finlande finlandais finlandaise финлянди* финск* фінлянді* "
               "фінськ*",
    "denmark": "denmark danish danemark danois danoise дания данию даниеи датск* данія данії "
               "данію данією данськ*",
    "iceland": "iceland icelandic islande islandais исланди* исландск* ісланді* ісландськ*",
    "switzerland": "switzerland swiss suisse suisses швеицари* швеицарск* швеицарі* "
                   "швеицарськ*",
    "austria": "austria austrian autriche autrichien autrichienne австри* австрі*",
    "georgia": "georgia georgian georgians georgie georgien georgienne грузия грузии грузию "
               "грузиеи грузинск* грузин грузины грузія грузії грузію грузією грузинськ*",
    "armenia": "armenia armenian armenians armenie armenien armenienne армени* армянск* армян "
               "армяне вірмені* вірменськ*",
    "azerbaijan": "azerbaijan azerbaijani azerbaidjan azerbaidjanais азербаиджан* "
                  "азербаиджанськ*",
    "kazakhstan": "kazakhstan kazakh казахстан* казахск* казахськ*",
    "moldova": "moldova moldovan moldavie moldave молдов* молдав*",
    "romania": "romania romanian roumanie roumain roumaine roumains румын* румун*",
    "bulgaria": "bulgaria bulgarian bulgarie bulgare болгари* болгарск* болгарі* болгарськ*",
    "serbia": "serbia serbian serbie serbe сербия сербии сербию сербск* сербія сербії сербію "
              "сербськ*",
    "croatia": "croatia croatian croatie croate хорвати* хорватск* хорваті* хорватськ*",
    "czechia": "czech czechia tchequie tcheque чехи* чешск* чехі* чеськ*",
    "slovakia": "slovakia slovak slovaquie slovaque словаки* словацк* словаччин* словацьк*",
    "slovenia": "slovenia slovenian slovenie slovene словени* словенск* словені* словенськ*",
    "lithuania": "lithuania lithuanian lituanie lituanien литва литвы литве литву литвои "
                 "литви литві литвою литовск* литовськ*",
    "latvia": "latvia latvian lettonie letton латви* латвииск* латві* латвіиськ*",
    "estonia": "estonia estonian estonie estonien эстони* эстонск* естоні* естонськ*",
    "belgium": "belgium belgian belgique belge belges бельги* бельгииск* бельгі* бельгіиськ*",
    "portugal": "portugal portuguese portugais portugaise португал*",
    "bangladesh": "bangladesh bangladeshi бангладеш*",
    "myanmar": "myanmar burma birmanie мьянм* мианм* м'янм* бирма бирмы бирме",
    "malaysia": "malaysia malaysian malaisie malaisien малаизи* малаизі*",
    "taiwan": "taiwan taiwanese taiwanais таиван*",
    "new-zealand": "newzealand zelande zelandais zelandaise зеланди* зеланді*",
    "sri-lanka": "srilanka srilankan",
    "chile": "chile chilean chili chilien chilienne чили чилииск* чиліиськ*",
    "peru": "peru peruvian perou peruvien перу перуанск* перуанськ*",
    "algeria": "algeria algerian algerie algerien algerienne алжир*",
    "morocco": "morocco moroccan maroc marocain marocaine марокко марокканск* марокканськ*",
    "kuwait": "kuwait kuwaiti koweit кувеит*",
    "cyprus": "cyprus cypriot chypre chypriote кипр* кіпр*",
    "mongolia": "mongolia mongolian mongolie монголи* монгольск* монголі* монгольськ*",
    "albania": "albania albanian albanie albanais албани* албанск* албані* албанськ*",
    "cambodia": "cambodia cambodian cambodge cambodgien камбодж*",
    "senegal": "senegal senegalese senegalais senegalaise сенегал*",
    "mali": "mali malian malien malienne малийск* малійськ*",  # not "мали": "had"
    # Jordan the man shares the id: "Mr Jordan" is "г-н Иордан" as the country is "Иордания".
    "jordan": "jordan jordanian jordanians jordanie jordanien jordanienne jordaniens иордан*",
    "bolivia": "bolivia bolivian bolivie bolivien bolivienne болівія болівії болівію "
               "болівією болівійськ* боливи* боливийск*",  # not "болів": "ached"
    "colombia": "colombia colombian colombie colombien colombienne колумбі* колумби*",
    "ecuador": "ecuador ecuadorian equateur equatorien equatorienne еквадор* эквадор*",
    "tunisia": "tunisia tunisian tunisie tunisien tunisienne туніс* тунис*",
    "uganda": "uganda ugandan ouganda ougandais уганд*",
    "zimbabwe": "zimbabwe zimbabwean zimbabween зімбабве зимбабве",
    "nepal": "nepal nepalese nepalais непал*",
    "micronesia": "micronesia micronesian micronesie мікронезі* микронези*",
    "europe": "europe european europeans europeen europeenne europeens европ* європ*",
    "africa": "africa african africans afrique africain africaine africains африк* африці",
    "asia": "asia asian asie asiatique азия азии азию азиатск* азія азії азію азіатськ*",
    "middle-east": "middleeast mideast ближневосточн* близькосхідн*",
    "latin-america": "latinamerica латиноамерикан*",
    "england": "england angleterre англия англии англию англией англія англії англію",
    "scotland": "scotland scottish ecosse ecossais шотланд*",
    "chechnya": "chechnya chechen tchetchenie tchetchene чечн* чечен*",
    "bosnia": "bosnia bosnian bosnie bosniaque босни* босні*",
    "kosovo": "kosovo косов*",
    "haiti": "haiti haitian гаити гаїті",
    "rwanda": "rwanda rwandan руанд*",
    "congo": "congo congolese congolais конго",
    "liberia": "liberia liberian либери* ліберії ліберія",
    "uzbekistan": "uzbekistan ouzbekistan узбекистан*",
    "tajikistan": "tajikistan tadjikistan таджикистан*",
    "kashmir": "kashmir cachemire кашмир*",
    "tibet": "tibet tibetan tibetain тибет*",
    "sinai": "sinai синаи синая синае синаю синаем синаиск* синаі синаиськ*",
}
_PEOPLE = {
    "zelensky": "zelensky zelenskyy zelenskiy zelenski zelenskyi zelenskyj зеленськ* зеленск*",
    "putin": "putin poutine путін* путин*",
    "rutte": "rutte рютте",
    "macron": "macron макрон*",
    "trump": "trump трамп*",
    "biden": "biden байден*",
    "scholz": "scholz шольц*",
    "merz": "merz мерц*",
    "lavrov": "lavrov лавров*",
    "sybiha": "sybiha sybiga сибіг* сибиг*",
    "stoltenberg": "stoltenberg столтенберг*",
    "erdogan": "erdogan ердоган* эрдоган*",
    "kuleba": "kuleba кулеб*",
    "yermak": "yermak iermak ermak єрмак* ермак*",
    "shmyhal": "shmyhal chmyhal шмигал* шмыгал*",
    "peskov": "peskov пєсков* песков*",
    "starmer": "starmer стармер*",
    "tusk": "tusk туск*",
    "orban": "orban орбан*",
    "grossi": "grossi гроссі гросси",
    "umerov": "umerov oumerov умєров* умеров*",
    "syrskyi": "syrskyi syrsky syrskii сирськ* сырск*",
    "budanov": "budanov boudanov буданов*",
    "lukashenko": "lukashenko loukachenko лукашенк*",
    "kallas": "kallas каллас",
    "leyen": "leyen ляєн ляиен",
    "bush": "bush буш буша бушу бушем буше",  # not "буш*": "бушевал", raged
    "obama": "obama обам*",
    "merkel": "merkel меркель*",
    "mubarak": "mubarak moubarak мубарак*",
    "morsi": "morsi morsy mursi морси мурси",
    "mandela": "mandela мандел*",
    "netanyahu": "netanyahu netanyahou нетаньяху нетаньягу",
    "abbas": "abbas аббас*",
    "assad": "assad асад*",
    "sarkozy": "sarkozy саркози",
    "blair": "blair блэр* блер*",
    "cameron": "cameron камерон* кэмерон*",
    "medvedev": "medvedev медведев*",
    "saddam": "saddam саддам*",
    "bin-laden": "laden ладен*",
    "arafat": "arafat арафат*",
    "chavez": "chavez чавес*",
    "berlusconi": "berlusconi берлускони",
    "musharraf": "musharraf moucharraf мушарраф*",
    "karzai": "karzai карза*",
    "ahmadinejad": "ahmadinejad ahmadinedjad ахмадинежад* ахмадинеджад* ахмадінежад*",
    "chirac": "chirac ширак*",
    "clinton": "clinton клинтон* клінтон*",
    "powell": "powell пауэлл*",
    "hollande": "hollande олланд*",  # French writes no h
    "young-surname": "янг янга янгу янгом янге",  # "Young" only capitalised: below
    "snowden": "snowden сноуден*",
    "annan": "annan аннан*",
}
_ORGS = {
    "nato": " ".join(alias for alias in NATO if " " not in alias),
    "osce": " ".join(alias for alias in OSCE if " " not in alias),
    "eu": "ue ес єс евросоюз* євросоюз*",  # not "eu", French for "had": "EU" is read "UE"
    "un": "onu оон",
    "security-council": "securitycouncil",
    "white-house": "whitehouse",
    "imf": "imf fmi мвф",
    "world-bank": "worldbank",
    "who": "oms вооз",  # not "who" nor "воз" (a cart): "WHO" and "ВОЗ" are read "OMS"
    "red-cross": "redcross",
    "muslim-brotherhood": "muslimbrotherhood",
    "arab-league": "arableague",
    "fbi": "fbi фбр",
    "cia": "cia цру",
    "hamas": "hamas хамас*",
    "hezbollah": "hezbollah hizbollah хезболл* хізбол*",
    "taliban": "taliban talibans талибан* талиб* талібан* таліб*",
    "qaeda": "qaeda qaida каид* каед*",
    "opec": "opec opep опек",
    "interpol": "interpol интерпол* інтерпол*",
    "vatican": "vatican ватикан*",
    "nasa": "nasa наса",
    "iaea": "iaea aiea магате магатэ",
    "g7": "g7",
    "g20": "g20",
    "kremlin": "kremlin кремл*",
    "pentagon": "pentagon пентагон*",
    "standard-poors": "standardpoors",
    "associated-press": "associatedpress",
    "windows": "windows виндоус*",
    "apple": "apple эппл*",
}


_CAPITALISED = {
    "gaza": "Газа Газы Газе Газу Газой Газі Гази Газою",
    "mali": "Мали",  # in lower case Ukrainian "had"
    "young-surname": "Young",  # in lower case young, the lexicon's
}
"""Spellings that name a place only when written with a capital in mid-sentence: in lower
case they are a common word ("газе", "газі": gas; "мали": had; "young"), which the lexicon
reads."""


ENTITY_IDS = frozenset((*_PLACES, *_COUNTRIES, *_PEOPLE, *_ORGS))
"""Every entity's id, to tell one from a concept id."""
COUNTRIES = frozenset(_COUNTRIES)
"""Country ids: a country shared says less than a town or a person shared."""


@dataclass(frozen=True, slots=True)
class Entity:
    """A named thing, the same whatever the spelling: its id and what kind it is."""

    id: str
    kind: Kind


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Folded spellings and prefixes, each to its entity; `excluded` prefixes name nothing."""

    words: dict[str, Entity]
    prefixes: dict[str, Entity]
    excluded: tuple[str, ...]
    lengths: tuple[int, ...]
    capitals: dict[str, Entity]
    """`_CAPITALISED`: spellings that name only a capitalised word."""

    def find(self, word: str, capitalised: bool = False) -> Entity | None:
        """The entity a folded word names, if any ("херсоні" -> kherson; "газе" -> gaza
        only when capitalised)."""
        found = self.words.get(word) or (self.capitals.get(word) if capitalised else None)
        if found is not None or word.startswith(self.excluded):
            return found
        for length in self.lengths:
            if len(word) >= length and (entity := self.prefixes.get(word[:length])):
                return entity
        return None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Every spelling above, folded once on first use."""
    words: dict[str, Entity] = {}
    prefixes: dict[str, Entity] = {}
    tables = ((_PLACES, Kind.PLACE), (_COUNTRIES, Kind.COUNTRY), (_PEOPLE, Kind.PERSON),
              (_ORGS, Kind.ORG))
    for table, kind in tables:
        for entity_id, spellings in table.items():
            for spelling in join_apostrophes(fold(spellings).replace("'s ", " ")).split():
                target = prefixes if spelling.endswith("*") else words
                target[spelling.rstrip("*")] = Entity(entity_id, kind)
    lengths = tuple(sorted({len(prefix) for prefix in prefixes}, reverse=True))
    excluded = tuple(fold(e).rstrip("*") for e in KHERSON_EXCLUDES)
    kinds = {entity.id: entity for entity in words.values()}
    capitals = {spelling: kinds[entity_id] for entity_id, spellings in _CAPITALISED.items()
                for spelling in fold(spellings).split()}
    return Gazetteer(words, prefixes, excluded, lengths, capitals)


@lru_cache(maxsize=1 << 16)
def country_of(word: str) -> str | None:
    """The country a folded word names ("britanniques" -> britain), or None."""
    entity = gazetteer().find(word)
    return entity.id if entity is not None and entity.kind is Kind.COUNTRY else None


_ACRONYMS = re.compile(r"\b(?:U\.S\.(?:A\.)?|US|U\.K\.|UN|U\.N\.)(?!\w)")
_AS_NAMED = {"U.S.": "USA", "U.S.A.": "USA", "US": "USA", "U.K.": "UK", "UN": "ONU",
             "U.N.": "ONU"}
_TWO_WORDS = {
    "UnitedStates": r"United States|[EÉ]tats[- ]Unis|Соедин[её]нн\w* Штат\w*|Сполучен\w* Штат\w*",
    "UnitedKingdom": r"United Kingdom|Great Britain|Royaume[- ]Uni|Grande?[- ]Bretagne"
                     r"|Соедин[её]нн\w* "
                     r"Королевств\w*|Сполучен\w* Королівств\w*",
    "SouthAfrica": r"South Africa\w*|Afrique du Sud|sud-africain\w*|Южн\w* Африк\w*"
                   r"|Південн\w* Африк\w*",
    "NorthKorea": r"North Korea\w*|Corée du Nord|Coree du Nord|nord-cor[ée]en\w*"
                  r"|Северн\w* Коре\w*|Північн\w* Коре\w*",
    "SouthKorea": r"South Korea\w*|Corée du Sud|Coree du Sud|sud-cor[ée]en\w*|Южн\w* Коре\w*"
                  r"|Південн\w* Коре\w*",
    "NewZealand": r"New Zealand\w*|Nouvelle[- ]Z[ée]lande|Нов\w* Зеланд\w*",
    "SriLanka": r"Sri Lanka\w*|Шри[- ]Ланк\w*|Шрі[- ]Ланк\w*",
    "UE": r"European Union|Union européenne|Union europeenne|Европейск\w* союз\w*"
          r"|Європейськ\w* союз\w*",
    "NewYork": r"New[- ]York\w*(?:'s)?|new-yorkais\w*|Нью[- ]?[ЙИ]орк\w*",
    "wall_street": r"Wall Street|Уолл[- ]?стр[иі]т\w*|Волл[- ]?стр[іи]т\w*",  # the lexicon's
    "HongKong": r"Hong[- ]?Kong\w*",
    "MiddleEast": r"Middle[- ]East\w*|Proche[- ]Orient\w*|Moyen[- ]Orient\w*"
                  r"|Ближн\w* Восток\w*|Близьк\w* Сх[оі]д\w*",
    "LatinAmerica": r"Latin America\w*|Am[ée]rique latine|latino-am[ée]ricain\w*"
                    r"|Латинск\w* Америк\w*|Латинськ\w* Америк\w*",
    "WestBank": r"(?-i:West Bank)|(?-i:Западн)\w* берег\w*|(?-i:Західн)\w* бере[гз]\w*",
    "Gaza": r"Gaza Strip|bande de Gaza|сектор\w* Газа|смуз\w* Газа|смуг\w* Газа",
    "TelAviv": r"Tel[- ]Aviv\w*|Тель[- ]Ави\w*|Тель[- ]Авів\w*",
    "LosAngeles": r"Los Angeles|Лос[- ]Анджелес\w*",
    "SanFrancisco": r"San Francisco|Сан[- ]Франциско",
    "Delhi": r"New Delhi|Нью[- ]Дели|Нью[- ]Делі",
    "SecurityCouncil": r"(?:UN |U\.N\. )?Security Council|Conseil de s[ée]curit[ée]"
                       r"(?: de l'ONU| des Nations unies)?|Совет\w* Безопасности(?: ООН)?"
                       r"|Рад\w* Безпеки(?: ООН)?",
    "ONU": r"(?:the )?United Nations|(?:Organisation des )?Nations[- ]unies"
           r"|(?:Организаци\w* )?Объедин[её]нн\w* Наци\w*|(?:Організаці\w* )?Об.єднан\w* Наці\w*",
    "WhiteHouse": r"(?-i:White House)|(?-i:Maison)[- ](?-i:[Bb]lanche)"
                  r"|(?-i:Бел)(?:ый|ого|ому|ым|ом) дом\w*"
                  r"|(?-i:Біл)(?:ий|ого|ому|им|ім) д(?:ім|ом\w*)",
    "IMF": r"International Monetary Fund|Fonds mon[ée]taire international"
           r"|Международн\w* валютн\w* фонд\w*|Міжнародн\w* валютн\w* фонд\w*",
    "WorldBank": r"World Bank|Banque mondiale|Всемирн\w* банк\w*|Світов\w* банк\w*",
    "OMS": r"World Health Organi[sz]ation|Organisation mondiale de la sant[ée]"
           r"|Всемирн\w* организаци\w* здравоохранения|Всесвітн\w* організаці\w* охорони "
           r"здоров.я|(?-i:WHO)|(?-i:ВОЗ)",
    "RedCross": r"Red Cross|Croix[- ]Rouge|Красн\w* Крест\w*|Червон\w* Хрест\w*",
    "MuslimBrotherhood": r"Muslim Brotherhood|Fr[èe]res musulmans|Брат\w*[- ]мусульман\w*",
    "spokesperson": r"press secretar(?:y|ies)",  # the lexicon's, "пресс-секретарь", one title
    "EmpireState": r"Empire State(?: Building)?|Эмпайр[- ]Стейт(?: Билдинг\w*)?",
    "AssociatedPress": r"Associated Press|Ассошиэйтед[- ]Пресс\w*",
    "ArabLeague": r"Arab League|Ligue arabe|Лиг\w* арабских государств|Арабск\w* лиг\w*"
                  r"|Ліг\w* арабських держав|Арабськ\w* ліг\w*",
}
_PHRASES = re.compile("|".join(f"(?P<{token}>\\b(?:{phrase})\\b)"
                               for token, phrase in _TWO_WORDS.items()), re.IGNORECASE)
_PM_FR = re.compile(r"(?<=\b[LlDdAa][eu] )PM\b")
_PM = re.compile(r"\bPM\b")
"""A prime minister in two capitals, as the other language writes the title out: after a
French article ("le PM grec") "Premier ministre", else "Prime Minister"."""
_EU = re.compile(r"\bEU\b")
"""The EU in capitals, read "UE": "eu" is French for "had"."""
_RATING_AGENCY = re.compile(r"\b(?:Standard (?:&|and) Poor.?s|S ?& ?P"
                            r"|Ст[эе]нд[ае]рд (?:энд|енд|&) Пу[эе]?р\w*)(?!\w)")
"""Standard & Poor's, its agency and its index: one name, not a "poor" "standard"."""
_RATING_CUES = ("&", "Poor", "Пу")
_CUE = 4
"""Folded first letters of a phrase's first word: a title holding no word that starts so
skips the search, which costs about 30 us a title (sixty phrases, tried at every word)."""
_OPTIONAL_HEAD = re.compile(r"^(?:\(\?:[^()]*\)\?)+|\(\?-i:|\(\?:")
_LETTERS_WORD = re.compile(r"\w+")


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (a "|" inside a group is not one)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(pattern):
        depth += (char == "(") - (char == ")")
        if char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
    return [*parts, pattern[start:]]


def _heads(alternative: str) -> set[str]:
    """The folded letters an alternative can start with, up to `_CUE` ("[EÉ]tats" ->
    "eta")."""
    heads, rest = {""}, _OPTIONAL_HEAD.sub("", alternative)
    while rest and min(map(len, heads)) < _CUE:
        if rest[0] == "[" and rest[1:rest.index("]")].isalpha():
            options, rest = rest[1:rest.index("]")], rest[rest.index("]") + 1:]
        elif rest[0].isalpha():
            options, rest = rest[0], rest[1:]
        else:
            break
        heads = {head + fold(option) for head in heads for option in options}
    return heads


_CUES = frozenset(head for phrase in _TWO_WORDS.values() for alternative in
                  _alternatives(phrase) for head in _heads(alternative))
_CUE_LENGTHS = tuple(sorted({len(cue) for cue in _CUES}))


def _cued(text: str) -> bool:
    """Whether a word of `text` starts as some phrase does ("Южной": "южн")."""
    return any(word[:length] in _CUES for word in _LETTERS_WORD.findall(fold(text))
               for length in _CUE_LENGTHS)


def as_named(text: str) -> str:
    """`text` with "U.S." and "UN" as the gazetteer knows them ("us" and "un" are words)."""
    return _ACRONYMS.sub(_acronym, text) if "U" in text else text


def as_one_name(text: str) -> str:
    """`as_named`, and the countries of two words ("États-Unis", "Южной Кореи") as one word
    the gazetteer knows ("unis" and "южной" are words), for reports in two languages to
    share it; a headline's "PM" written out (`_PM`). Not within one language, where both
    words are shared anyway and two count for more than one."""
    text = _PHRASES.sub(_phrase, text) if _cued(text) else text
    if any(cue in text for cue in _RATING_CUES):
        text = _RATING_AGENCY.sub("StandardPoors", text)
    text = _prime_minister(text) if "PM" in text else text
    return as_named(_EU.sub("UE", text) if "EU" in text else text)


def _prime_minister(text: str) -> str:
    """`text` with "PM" written out in its language (`_PM`)."""
    return _PM.sub("Prime Minister", _PM_FR.sub("Premier ministre", text))


def _phrase(match: re.Match[str]) -> str:
    return str(match.lastgroup)


def _acronym(match: re.Match[str]) -> str:
    return _AS_NAMED[match.group()]
