"""Words that read as one thing, or as nothing, only beside their neighbours.

A translation keeps what a sentence says, not the words that join it: "as a result of the
strike" is "в результате удара" and "внаслідок удару", and read word by word the Russian
says "result" twice over what the English says. So before a report's words are read
(bot/dedup/crosslang.py), the phrases of this module are read whole: a phrase that only
joins a sentence ("в то время как", "à la suite de", "at least") reads as nothing, one that
says something reads as the concept it says ("mettre en garde": warn). A year word beside a
year figure ("в 2024 году", "у 2024 році") reads as nothing, as English and French say no
such word ("in 2024", "en 2024"); and a sign reads as its word ("$5": dollar, "5 %":
percent), as every language writes one or the other.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.core.text import fold, join_apostrophes
from bot.dedup.figures import is_number
from bot.dedup.lexicon import columns

NOTHING = ""
"""The reading of a word that says nothing in its phrase."""

_JOINING: dict[str, str] = {
    "en": """
        as a result | at least | at the very least | in connection with | according to
        compared with | compared to | in comparison with | in accordance with | in line with
        because of | due to | owing to | in the wake of | in the course of | in terms of
        in the meantime | at the same time | as well as | in particular
        against the backdrop of | against the background of | with regard to
        in relation to | in respect of
        in the amount of | on behalf of | in the framework of | as part of | whereas
        in view of | in spite of | regardless of | by means of | with the help of
        """,
    "fr": """
        dans le cadre | en raison | a la suite | suite a | au cours | au moins | du moins
        en tant que | par rapport a | conformement a | d apres | sur fond | en ce qui concerne
        a l egard | en vertu | grace a | a propos | pendant que | alors que | tandis que
        en effet | de plus | en outre | par ailleurs | en revanche | au sein | a cause
        compte tenu | a partir | en fonction | en matiere | a la fois | en particulier
        dans l ensemble | tout de meme | de la part | a l aide | en comparaison | compare a
        en consequence | par consequent | en relation avec | a hauteur | au titre
        """,
    "uk": """
        у той час як | в той час як | тоді як | в результаті | у результаті | внаслідок
        принаймні | щонайменше | як мінімум | у зв'язку з | в зв'язку з | порівняно з
        у порівнянні з | в порівнянні з | відповідно до | згідно з | на тлі | на фоні
        за словами | за даними | за інформацією | на думку | у розмірі | в розмірі | щодо
        стосовно | під час | у ході | в ході | у рамках | в рамках | протягом | з метою
        у разі | в разі | у вигляді | в вигляді | за допомогою | з боку | водночас
        у той же час | в той же час | наразі | насамперед | у свою чергу | в свою чергу
        в цілому | у цілому | в основному | тим не менш | тим не менше | крім того
        окрім того | до того ж | у якості | в якості | в межах | у межах | з огляду на
        останнім часом | у міру того як | в міру того як | в міру | у міру
        """,
    "ru": """
        в то время как | тогда как | в результате | вследствие | по крайней мере
        по меньшей мере | как минимум | в связи с | по сравнению с | в сравнении с
        в соответствии с | согласно | на фоне | по словам | по данным | по информации
        по мнению | в размере | в отношении | по отношению к | в качестве | в ходе
        в рамках | в течение | в целях | с целью | в случае | в виде | с помощью
        при помощи | со стороны | в то же время | в настоящее время | в данный момент
        на данный момент | тем не менее | кроме того | к тому же | в свою очередь
        в первую очередь | в целом | в основном | по поводу | в пределах | с учетом
        ввиду | из-за | благодаря | во время | в последнее время | по мере того как
        по мере
        """,
}
"""Phrases that join a sentence and say nothing of the event, written by us: "|" or a line
end between two."""

_SAYING: dict[str, str] = {
    "en": """
        in addition to: add
        early trading: = trading_session | late trading: = trading_session
        morning trading: = trading_session | afternoon trading: = trading_session
        midday trading: = trading_session | midafternoon trading: = trading_session
        composite trading: = trading_session | electronic trading: = trading_session
        asian trading: = trading_session | european trading: = trading_session
        overnight trading: = trading_session | in trading: = trading_session
        trading session: trading_session | trading sessions: trading_session
        trading day: trading_session
        frees: free | releases: free
        hits record: reach = | hit record: reach = | hits high: reach = | hit high: reach =
        hits new high: reach = = | hit new high: reach = = | hits new record: reach = =
        hits low: reach = | hit low: reach = | hits new low: reach = =
        site: place | sites: place | web site: website | web sites: website
        state of emergency: emergency | states of emergency: emergency
        """,
    "fr": """
        mettre en garde: warn | met en garde: warn | mis en garde: warn | mise en garde: warn
        mettent en garde: warn | y compris: include | mettre fin: end | met fin: end
        mis fin: end | mettent fin: end | mettra fin: end | faire appel: appeal
        fait appel: appeal | font appel: appeal | fera appel: appeal | faire pression: pressure
        fait pression: pressure | font pression: pressure | faire face: face
        fait face: face | font face: face | mise a jour: update | mettre a jour: update
        met a jour: update | voiture piegee: = bomb | voitures piegees: = bomb
        colis piege: = bomb | lettre piegee: = bomb | engin piege: = bomb
        tremblement de terre: earthquake | tremblements de terre: earthquake
        premier ministre: prime minister | premiere ministre: prime minister
        projet de loi: bill | projets de loi: bill | pm: prime
        aerien: air | aerienne: air | aeriens: air | aeriennes: air
        compagnie aerienne: airline | compagnies aeriennes: airline
        attaque aerienne: strike air | attaques aeriennes: strike air
        attaque de drone: strike = = | attaques de drones: strike = =
        attaque de drones: strike = =
        homme arme: shoot | hommes armes: shoot
        site: place | sites: place | site web: website | sites web: website
        site internet: website | sites internet: website
        etat d urgence: emergency | etats d urgence: emergency
        libere: free | liberee: free | liberes: free | liberees: free
        cote: coast | cotes: coast | cote est: coast east | cotes est: coast east
        a cote: side | aux cotes: side | du cote: side | de cote: side | d un cote: side
        de l autre cote: side | cote a cote: side
        """,
    "uk": """
        у тому числі: include | в тому числі: include | долар сша: dollar
        долара сша: dollar | доларів сша: dollar | доларах сша: dollar
        виступає проти: oppose | виступають проти: oppose | виступив проти: oppose
        виступила проти: oppose | виступили проти: oppose | виступав проти: oppose
        виступала проти: oppose | виступали проти: oppose | виступати проти: oppose
        авіаудар: strike | авіаудару: strike | авіаудари: strike | авіаударів: strike
        авіаударом: strike
        звільняє: free | звільняють: free
        надзвичайний стан: emergency | надзвичайного стану: emergency
        надзвичайному стані: emergency
        """,
    "ru": """
        в том числе: include | официальные лица: official | официальных лиц: official
        официальными лицами: official | официальным лицам: official | официальное лицо: official
        официального лица: official | должностные лица: official | должностных лиц: official
        должностными лицами: official | должностным лицам: official | должностное лицо: official
        должностного лица: official | доллар сша: dollar | доллара сша: dollar
        долларов сша: dollar | долларах сша: dollar | долларам сша: dollar
        долларами сша: dollar
        выступает против: oppose | выступают против: oppose | выступил против: oppose
        выступила против: oppose | выступили против: oppose | выступал против: oppose
        выступала против: oppose | выступали против: oppose | выступать против: oppose
        выступит против: oppose | выступят против: oppose
        авиаудар: strike | авиаудара: strike | авиаудары: strike | авиаударов: strike
        авиаударом: strike | авиаударе: strike
        освобождает: free | освобождают: free
        чрезвычайное положение: emergency | чрезвычайного положения: emergency
        чрезвычайном положении: emergency
        судебный процесс: trial | судебного процесса: trial | судебном процессе: trial
        судебное разбирательство: trial | судебного разбирательства: trial
        судебном разбирательстве: trial | в ожидании суда: = = trial
        перед судом: trial | справедливый суд: = trial | справедливого суда: = trial
        """,
}
"""Phrases that say something, each to the concept it says (bot/dedup/lexicon.tsv ids): to
its first word, the others read nothing; or word by word, "=" a word read alone ("voiture
piégée": car, bomb)."""

_TOLL: dict[str, tuple[str, str, str]] = {
    "en": ("number numbers", "of", "dead deaths victims casualties people"),
    "fr": ("nombre", "de des", "morts victimes tues blesses personnes"),
    "uk": ("кількість кількості число числа", "",
           "загиблих жертв убитих вбитих поранених постраждалих людей"),
    "ru": ("число числа числе количество количества", "",
           "погибших жертв убитых раненых пострадавших людей человек"),
}
"""The "number" of a toll ("число погибших", "le nombre de morts") reads as nothing: "death
toll" and "12 killed" say none; the dead are read alone. (Number words, "of", the counted.)"""

_REPORTING: dict[str, str] = {
    "fr": "disait",
    "uk": "каже кажуть казав казала говорить говорять",
    "ru": "говорит говорят говорится",
}
"""Words that say who spoke, not what happened, and read other than the lexicon's "say"
(`SAYING_CONCEPTS`): read as nothing, as English dedup has always read "said"."""
SAYING_CONCEPTS = frozenset(["say"])
"""Concepts of the lexicon that say who spoke: read as nothing in every language."""

_YEAR_WORDS = frozenset(fold(word) for word in (
    "year", "an", "annee", "рік", "році", "року", "роки", "роках", "р", "рр", "год", "году",
    "года", "годы", "годах", "г", "гг"))
"""Words for "year" a language puts beside a year figure, and other languages do not."""
_ORDINAL_TAILS = frozenset(["м", "го", "и", "ого"])
"""What a Cyrillic year figure may carry after a hyphen ("в 2024-м году")."""

_COUNTED = frozenset(fold(word) for word in (
    "cents", "cent", "центов", "цента", "центы", "центів", "центи"))
"""A coin beside its figure ("47 cents", "47 центов"): read as nothing, as the figure says
it. (People beside a count, "12 человек" and "12 killed", read alike too, but merged 1.03 %
of the different en-fr train pairs: not kept.)"""
_IDLE_BESIDE: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "дел": (frozenset(["иностранных", "внутренних"]), frozenset()),
    "справ": (frozenset(["закордонних", "внутрішніх"]), frozenset()),
    "affaires": (frozenset(), frozenset(["etrangeres", "interieures"])),
}
"""A word that says nothing after or before its neighbour: the "affairs" of a ministry
("министр иностранных дел": foreign minister)."""

_MAYBE_IDLE = _COUNTED | _IDLE_BESIDE.keys() | _YEAR_WORDS
"""Words `_idle` may read as nothing: any other is passed by at the cost of a set lookup."""

_SIGNS = {"$": "dollar", "€": "euro", "£": "pound", "¥": "yen", "₴": "hryvnia", "₽": "rouble",
          "%": "percent"}
_SIGN = re.compile("[" + re.escape("".join(_SIGNS)) + "]")
_PERCENT_WORDS: dict[str, str] = {"en": "per cent", "fr": "pour cent"}
"""A share said in two words, the second a number word ("cent": a hundred) it is not."""

_WORD = re.compile(r"\w+")
_PHRASE_BREAK = re.compile(r"[|\n]")
Reading = tuple[str | None, ...]
"""A phrase's reading, word by word: NOTHING, a concept, or None (the word read alone)."""
Phrases = dict[str, tuple[tuple[tuple[str, ...], Reading], ...]]
"""First word -> (the words after it, the phrase's reading), longest phrase first."""


def signs(text: str) -> frozenset[str]:
    """The concepts a headline's signs say ("$5 million": dollar), read as their words."""
    return frozenset(_SIGNS[sign] for sign in _SIGN.findall(text))


def readings(tokens: list[str], language: str) -> list[str | None]:
    """Each folded word's reading in its phrase: NOTHING, a concept, or None (read alone)."""
    table = _phrases(language)
    found: list[str | None] = [None] * len(tokens)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        reading = _match(table, tokens, index) if token in table else ()
        if reading:
            found[index:index + len(reading)] = reading
            index += len(reading)
            continue
        if token in _MAYBE_IDLE and _idle(tokens, index):
            found[index] = NOTHING
        index += 1
    return found


def _match(table: Phrases, tokens: list[str], index: int) -> Reading:
    """The reading of the longest phrase starting at `index`, else ()."""
    for rest, reading in table.get(tokens[index], ()):
        if tuple(tokens[index + 1:index + 1 + len(rest)]) == rest:
            return reading
    return ()


def _idle(tokens: list[str], index: int) -> bool:
    """Whether a word says nothing beside its neighbours (a year word by a year, a counted
    word by its count, a ministry's "affairs")."""
    token = tokens[index]
    before = tokens[index - 1] if index else ""
    if token in _COUNTED:
        return is_number(before)
    if token in _IDLE_BESIDE:
        after = tokens[index + 1] if index + 1 < len(tokens) else ""
        ahead, behind = _IDLE_BESIDE[token]
        return before in ahead or after in behind
    return _beside_year(tokens, index)


def _beside_year(tokens: list[str], index: int) -> bool:
    """Whether a year word stands right after or before a year figure ("2024 году")."""
    if tokens[index] not in _YEAR_WORDS:
        return False
    before = tokens[index - 1] if index else ""
    if before in _ORDINAL_TAILS and index > 1:
        before = tokens[index - 2]
    after = tokens[index + 1] if index + 1 < len(tokens) else ""
    return _is_year(before) or _is_year(after)


def _is_year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and token[:2] in ("19", "20")


@lru_cache(maxsize=8)
def _phrases(language: str) -> Phrases:
    """The phrase table of a language (of both of its script's when unsure which)."""
    rows: list[tuple[tuple[str, ...], Reading]] = []
    for column in columns(language):
        joining = _JOINING.get(column, "") + "|" + _REPORTING.get(column, "").replace(" ", "|")
        rows += [(words, _said_as(words, NOTHING)) for words in _split(joining)]
        for item in _PHRASE_BREAK.split(_SAYING.get(column, "")):
            phrase, _, concepts = item.partition(":")
            rows += [(words, _said_as(words, concepts)) for words in _split(phrase)]
        rows += [(words, (*[NOTHING] * (len(words) - 1), None)) for words in _tolls(column)]
        rows += [(words, _said_as(words, "percent"))
                 for words in _split(_PERCENT_WORDS.get(column, ""))]
    table: dict[str, list[tuple[tuple[str, ...], Reading]]] = {}
    for words, reading in sorted(rows, key=lambda row: -len(row[0])):
        table.setdefault(words[0], []).append((words[1:], reading))
    return {first: tuple(entries) for first, entries in table.items()}


def _tolls(column: str) -> list[tuple[str, ...]]:
    """A language's "number of the dead" phrases, each number word with each counted one."""
    numbers, of, counted = (part.split() for part in _TOLL.get(column, ("", "", "")))
    return [words for number in numbers for between in of or [""] for dead in counted
            for words in _split(f"{number} {between} {dead}")]


def _said_as(words: tuple[str, ...], concepts: str) -> Reading:
    """A phrase's reading: one concept (or NOTHING) on its first word, or one a word."""
    each = concepts.split()
    if len(each) == len(words) > 1:
        return tuple(None if concept == "=" else concept for concept in each)
    return (each[0] if each else NOTHING, *[NOTHING] * (len(words) - 1))


def _split(phrases: str) -> list[tuple[str, ...]]:
    """Phrases between "|" or line ends as folded word tuples, spelt as headlines are read."""
    return [tuple(words) for phrase in _PHRASE_BREAK.split(phrases)
            if (words := _WORD.findall(fold(join_apostrophes(phrase))))]
