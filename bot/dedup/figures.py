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

FIGURE = r"\d+(?:[.,:]\d+)*%?"
_THOUSANDS = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_NON_DIGIT = re.compile(r"\D")

_NUMBER_WORDS: dict[str, int] = {
    **dict.fromkeys(["one", "один", "одна", "одно", "одного", "одну"], 1),
    **dict.fromkeys(["two", "deux", "два", "две", "двое", "двоє", "двох", "двух"], 2),
    **dict.fromkeys(["three", "trois", "три", "трое", "троє", "трьох", "трех"], 3),
    **dict.fromkeys(["four", "quatre", "чотири", "четыре", "четверо"], 4),
    **dict.fromkeys(["five", "cinq", "пять", "пятеро", "пятьох"], 5),
    **dict.fromkeys(["six", "шість", "шесть", "шестеро"], 6),
    **dict.fromkeys(["seven", "sept", "сім", "семь", "семеро"], 7),
    **dict.fromkeys(["eight", "huit", "вісім", "восемь"], 8),
    **dict.fromkeys(["nine", "neuf", "девять"], 9),
    **dict.fromkeys(["ten", "dix", "десять"], 10),
    **dict.fromkeys(["eleven", "onze"], 11),
    **dict.fromkeys(["twelve", "douze", "dozen", "dozens", "dizaine", "dizaines", "десятки"], 12),
    **dict.fromkeys(["twenty", "vingt", "двадцять", "двадцать"], 20),
    **dict.fromkeys([
        "hundred", "hundreds", "cent", "cents", "centaine", "centaines", "сто", "сотні", "сотни",
    ], 100),
    **dict.fromkeys(["thousand", "thousands", "mille", "тисячі", "тысячи"], 1000),
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


@dataclass(frozen=True, slots=True)
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


def figures(tokens: list[str]) -> Figures:
    """Sort the figures among normalised tokens into counts and marks."""
    tokens = join_thousands(tokens)
    found = [i for i, token in enumerate(tokens) if token[:1].isdigit() or token in _NUMBER_WORDS]
    if not found:
        return _NO_FIGURES
    counts: list[int] = []
    marks: set[str] = set()
    for index in found:
        token = tokens[index]
        neighbours = tokens[max(0, index - 1) : index + 2]
        if _is_mark(token) or any(word in _MONTHS for word in neighbours):
            marks.add(token)
        else:
            counts.append(_NUMBER_WORDS.get(token) or int(_NON_DIGIT.sub("", token)))
    return Figures(tuple(counts), frozenset(marks))


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
