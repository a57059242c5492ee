"""Figures in headlines: a toll that rises is an update, a changed date or quote is another report.

"Five injured in Odesa strike" becoming "Seven injured in Odesa strike" is one story told
twice; "Shares close 0.39% higher" and "Shares close 2.47% higher", or "Headlines of 4 October"
and "Headlines of 19 October", are the same sentence about different days. So figures are
sorted into counts (integers, number words), which may move in one direction within a few
hours, and marks (decimals, percentages, times, years, day-of-month dates), which may not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.text import fold

FIGURE = r"\d+(?:[.,:]\d+)*%?"
_THOUSANDS = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_NON_DIGIT = re.compile(r"\D")
_DECIMAL = re.compile(r"\d+(?:[.,]\d+)?%?")

_SPELT: dict[int, str] = {
    # Every case form in Russian and Ukrainian ("гибель пяти", "поранення чотирьох"), as
    # folded (ё -> е, й -> и, the Ukrainian apostrophe dropped: "п'яти" -> "пяти"). Not
    # "одни" (alone), "семьи" and "семью" (a family), "сім'я" (family): ordinary words.
    1: "one один одна одно одного одному одним одном одну одной однієї одній",
    2: "two deux два две двое двоє двух двох двум двом двумя двома двоих двоіх",
    3: "three trois три трое троє трех трьох трем трьом тремя трьома троих троіх",
    4: "four quatre чотири четыре четверо четырех чотирьох четырем чотирьом четырьмя "
       "чотирма четверых",
    5: "five cinq пять пятеро пятьох пяти пятью пятьма пятерых",
    6: "six шесть шість шестеро шести шістьох шістьма шестью шестерых",
    7: "seven sept семь сім семеро семи сімох семерых",
    8: "eight huit восемь вісім восьми вісьмох восемью вісьма",
    9: "nine neuf девять девяти девятьох девятью",
    10: "ten dix десять десяти десятьох десятью",
    11: "eleven onze одиннадцать одинадцять одиннадцати одинадцяти",
    12: "twelve douze dozen dozens dizaine dizaines десятки двенадцать дванадцять "
        "двенадцати дванадцяти",
    13: "thirteen treize тринадцать тринадцять тринадцати тринадцяти",
    14: "fourteen quatorze четырнадцать чотирнадцять четырнадцати чотирнадцяти",
    15: "fifteen quinze пятнадцать пятнадцять пятнадцати пятнадцяти",
    16: "sixteen seize шестнадцать шістнадцять шестнадцати шістнадцяти",
    17: "seventeen семнадцать сімнадцять семнадцати сімнадцяти",
    18: "eighteen восемнадцать вісімнадцять восемнадцати вісімнадцяти",
    19: "nineteen девятнадцать девятнадцять девятнадцати девятнадцяти",
    20: "twenty vingt двадцать двадцять двадцати двадцяти",
    30: "thirty trente тридцать тридцять тридцати тридцяти",
    40: "forty quarante сорок сорока",
    50: "fifty cinquante пятьдесят пятдесят пятидесяти пятдесяти",
    60: "sixty soixante шестьдесят шістдесят шестидесяти шістдесяти",
    70: "seventy семьдесят сімдесят семидесяти сімдесяти",
    80: "eighty восемьдесят вісімдесят восьмидесяти вісімдесяти",
    90: "ninety девяносто дев'яносто",
    # "cent", "cents": a hundred ("trois cents") unless a share or a coin (`_no_hundred`)
    100: "hundred hundreds cent cents centaine centaines сто сотні сотни",
    1000: "thousand thousands mille тисячі тысячи",
}
_TENS = frozenset(range(20, 100, 10))
_CENTS = frozenset(["cent", "cents"])
_SHARE = frozenset(["per", "pour"])  # "12 per cent", "12 pour cent": a share, no hundred
# The English number words below a hundred (each line's first), before which "cents" is a coin
# ("nine cents"); not "six", French too, where "six cents" is 600.
_COIN_COUNTS = frozenset(words.split()[0] for value, words in _SPELT.items() if value < 100) - {
    "six"}
_NUMBER_WORDS: dict[str, int] = {
    fold(word): value for value, words in _SPELT.items() for word in words.split()
}

_MONTHS = frozenset(
    [
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec", "janvier", "fevrier", "mars", "avril", "mai", "juin",
        "juillet", "aout", "septembre", "octobre", "novembre", "decembre", "січня", "лютого",
        "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня",
        "листопада", "грудня", "січень", "лютии", "березень", "квітень", "травень", "червень",
        "липень", "серпень", "вересень", "жовтень", "листопад", "грудень", "января", "февраля",
        "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
        "декабря", "январь", "февраль", "март", "апрель", "маи", "июнь", "июль", "август",
        "сентябрь", "октябрь", "ноябрь", "декабрь",
    ]
)


def is_number(token: str) -> bool:
    """Digits (with separators) or a number word: a figure, not a content word."""
    return token[:1].isdigit() or token in _NUMBER_WORDS


def spelt_out(token: str) -> str:
    """A number word as its digits ("sept" -> "7", "троє" -> "3"); any other token as is."""
    value = _NUMBER_WORDS.get(token)
    return token if value is None else str(value)


@dataclass(slots=True)  # not frozen: decoded ~16 times a new story (bot/dedup/stored.py)
class Figures:
    """The counts of a headline in order, and its marks (dates, decimals, times) as a set."""

    counts: tuple[int, ...] = ()
    marks: frozenset[str] = frozenset()


_NO_FIGURES = Figures()


def join_thousands(tokens: list[str]) -> list[str]:
    """"1 200" and "10 000 000" (French, Ukrainian, Russian spacing) as the one number they are."""
    joined: list[str] = []
    open_number = False  # the last token is a number a group of three digits may continue
    for token in tokens:
        if open_number and len(token) == 3 and token.isdigit():
            joined[-1] += token
            continue
        joined.append(token)
        open_number = token.isdigit() and len(token) <= 3
    return joined


def join_tens(tokens: list[str]) -> list[str]:
    """"Fifty-seven", "vingt-cinq", "двадцять п'ять" as the one count they are ("57")."""
    joined: list[str] = []
    for token in tokens:
        tens = _NUMBER_WORDS.get(joined[-1], 0) if joined else 0
        unit = _NUMBER_WORDS.get(token, 0)
        if tens in _TENS and 0 < unit < 10:
            joined[-1] = str(tens + unit)
            continue
        joined.append(token)
    return joined


def figures(tokens: list[str]) -> Figures:
    """Sort the figures among normalised tokens into counts and marks."""
    tokens = join_tens(join_thousands(tokens))
    found = [i for i, token in enumerate(tokens)
             if (token[:1].isdigit() or token in _NUMBER_WORDS) and not _no_hundred(tokens, i)]
    if not found:
        return _NO_FIGURES
    counts: list[int] = []
    marks: set[str] = set()
    for index in found:
        token = tokens[index]
        neighbours = tokens[max(0, index - 1) : index + 2]
        if _is_mark(token) or any(word in _MONTHS for word in neighbours):
            marks.add(_as_mark(token))
        else:
            counts.append(_NUMBER_WORDS.get(token) or int(_NON_DIGIT.sub("", token)))
    return Figures(tuple(counts), frozenset(marks))


def _no_hundred(tokens: list[str], index: int) -> bool:
    """Whether a "cent" counts no hundred: a share said in words ("12 pour cent") or a coin
    after its figure ("35 cents", "nine cents"); "trois cents" and "cent morts" count one."""
    if tokens[index] not in _CENTS or not index:
        return False
    before = tokens[index - 1]
    return before in _SHARE or before[:1].isdigit() or before in _COIN_COUNTS


def _as_mark(token: str) -> str:
    """A decimal or a share as every language's outlets mean it: "4,5 %" and "4.5%" are one."""
    return token.rstrip("%").replace(",", ".") if _DECIMAL.fullmatch(token) else token


def _is_mark(token: str) -> bool:
    """Decimals, percentages, clock times and years: figures no update changes."""
    if token in _NUMBER_WORDS or _THOUSANDS.fullmatch(token):
        return False
    return not token.isdigit() or (len(token) == 4 and token[:2] in ("19", "20"))


def figures_differ(a: Figures, b: Figures, update_allowed: bool) -> bool:
    """True when the figures tell two reports apart; a rising or falling toll is an update."""
    if a.marks and b.marks and a.marks - b.marks and b.marks - a.marks:
        return True
    if a.counts == b.counts or not a.counts or not b.counts:
        return False
    if not update_allowed or len(a.counts) != len(b.counts):
        return True
    if len(a.counts) == 1:
        return False  # one count always moves in one direction
    pairs = list(zip(a.counts, b.counts, strict=True))
    return not (all(x <= y for x, y in pairs) or all(x >= y for x, y in pairs))
