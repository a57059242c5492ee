"""Common news words in English, French, Ukrainian and Russian, each to one concept id.

Names and figures (bot/dedup/names.py, figures.py) carry across languages, but most
same-story reports share few of them: "Shares of the company fell 5 percent" and "Les
actions de la société ont chuté de 5 %" share one figure and nothing else Vigie could see.
The lexicon (lexicon.tsv beside this file, written by us; benchmarks/build_lexicon.py
weighs it) gives each common content word of news one id in every language, so what a
report says counts too. A line is: concept id, weight (rarer words tell more), then the
words in en, fr, uk and ru. Each word stands for its inflections: an unlisted form is
reached through the word's stem ("обговорив" through "обговорити"), only a few letters
longer than the stem; a Ukrainian or Russian one also through its root (`root`), which
meets the forms a stem cannot ("повстанцы" / "повстанец", "подписывает" / "подписали").
A concept may take several lines; it weighs one weight. The first line, id "_", lists
words that say nothing (stopwords).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from bot.core.text import fold

LANGUAGE_COLUMNS = ("en", "fr", "uk", "ru")
STOP = "_"
"""The concept id of words that say nothing ("the", "les", "що", "который")."""
MIN_STEM = 4
"""A stem shorter than this reaches only the words written out in full ..."""
MIN_CYRILLIC_STEM = 3
"""... but for a Cyrillic one of three letters, which reaches its case endings ("мир" ->
"мира", "нового"), three letters at most."""
MAX_TAIL = 4
"""An inflection adds at most this many letters to a stem ("загин" -> "загинули")."""
SHORT_TAIL = 3
LONG_STEM = 5
LONG_TAIL = 6
"""A Cyrillic stem of five letters or more reaches six more: the aspect and tense of a verb
("поддерж" -> "поддерживает")."""
_CYRILLIC_ENDINGS = tuple(sorted({fold(ending) for ending in (
    "ться", "тися", "ити", "ати", "яти", "іти", "ути", "ить", "ать", "ять", "еть", "уть",
    "ти", "ть", "ий", "ій", "ый", "ой", "ая", "яя", "ое", "ее", "ие", "ія", "ия", "ья", "ье",
    "ьє", "а", "я", "о", "е", "и", "і", "ь", "й", "ы", "у", "ю", "є",
)}, key=len, reverse=True))
"""Folded, as the words are: "новый" is "новыи", its ending "ыи"."""
_LATIN_ENDINGS = ("ing", "ies", "ed", "es", "er", "ir", "re", "e", "s", "y")
MIN_ROOT = 3
"""A Cyrillic root (`root`) keeps three letters at least ("мир", "суд")."""
_VERBAL_NOUNS = frozenset(fold(ending) for ending in (
    "ение", "ения", "ению", "ением", "ении", "ення", "енні", "ання", "анні", "ание", "ания",
    "анию", "анием", "ании", "іння"))
_REFLEXIVE = ("ся", "сь")
_INFLECTIONS = tuple(sorted({fold(ending) for ending in (
    # verbs: infinitive, present, past, imperative (Russian and Ukrainian)
    "ться", "тися", "ть", "ти", "ешь", "ет", "ете", "ем", "ут", "ют", "ат", "ят", "ит", "ишь",
    "им", "ите", "ує", "ують", "ює", "юють", "ає", "ають", "яє", "яють", "єть", "уть", "ють",
    "ать", "ять", "ить", "еть", "ыть", "ла", "ло", "ли", "л", "в", "вши", "вшись", "ши",
    "ете", "ймо", "йте", "ав", "ив", "ыв", "ів", "овать", "евать", "ировать", "ует", "уют",
    "ують", "ювати", "увати", "ував", "ювал", "овал", "ировал",
    # verbal nouns, to meet their verbs ("возвращение", "возвращается")
    *_VERBAL_NOUNS,
    # adjectives and participles
    "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым",
    "им", "ых", "их", "ыми", "ими", "ую", "юю", "ою", "ею", "ій", "ої", "ій", "ім", "іх",
    "іми", "ього", "ьому",
    # nouns
    "а", "я", "о", "е", "и", "ы", "у", "ю", "і", "ь", "й", "є", "ов", "ев", "ей", "ам", "ям",
    "ами", "ями", "ах", "ях", "ом", "ем", "ью", "ия", "ии", "ие", "ию", "ием", "ией", "иям",
    "иями", "иях", "ів", "ові", "еві", "ія", "ії", "ію", "ією", "ям", "ью",
)}, key=len, reverse=True))
"""Folded endings of Russian and Ukrainian verbs, adjectives, participles and nouns."""
_DERIVED = tuple(fold(s) for s in ("ыва", "ива", "ува", "юва", "ова", "ева", "енн", "анн",
                                   "нн", "вш", "ющ", "ущ", "ащ", "ящ", "ован", "уван"))
"""Suffixes of aspect and participle under the ending ("подписывает" and "подписать",
"обговорювати" and "обговорити"; "найденные" and "найден")."""
_THEME = tuple("аяеиыіоуюєь")
"""The vowel a verb's stem ends in before its ending ("подписа-ли", "обговори-ли")."""
_FLEETING = re.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])[оеє](?=[кцн]$)")
"""The vowel that comes and goes in a noun's last syllable ("рынок" / "рынки", "уровень" /
"уровне", "повстанец" / "повстанцы")."""


@dataclass(frozen=True, slots=True)
class Entry:
    """What a word says, and how much it tells."""

    concept: str
    weight: float


@dataclass(frozen=True, slots=True)
class Table:
    """One language's words: whole words, then stems, each to its entry."""

    words: dict[str, Entry]
    stems: dict[str, Entry]
    lengths: tuple[int, ...]
    roots: dict[str, Entry]
    """Cyrillic words by their `root`: "повстанцы" finds "повстанец", "снижает" "снижается"."""

    def find(self, word: str) -> Entry | None:
        """The entry of a folded word, written out, sharing its root with a listed word, or
        reached through its stem."""
        found = self.words.get(word)
        if found is None and self.roots and _cyrillic(word):
            found = self.roots.get(root(word))
        if found is not None:
            return found
        for length in self.lengths:
            tail = (SHORT_TAIL if length < MIN_STEM else LONG_TAIL if length >= LONG_STEM
                    and _cyrillic(word) else MAX_TAIL)
            if length <= len(word) <= length + tail and (entry := self.stems.get(word[:length])):
                return entry
        return None

    def reach(self, word: str) -> int:
        """The length of the longest listed stem a Latin word starts with (0: none)."""
        return max((n for n in self.lengths if word[:n] in self.stems), default=0)


def stem(word: str) -> str:
    """A folded word less its ending, four letters kept at least ("безпека" -> "безпек"),
    three in Cyrillic ("года" -> "год")."""
    if _cyrillic(word):
        return _cut(word, _CYRILLIC_ENDINGS, MIN_CYRILLIC_STEM)
    return _cut(word, _LATIN_ENDINGS, MIN_STEM)


@lru_cache(maxsize=1 << 16)
def root(word: str) -> str:
    """A folded Cyrillic word less its reflexive particle, its ending and its aspect or
    participle suffix, as a Snowball stemmer would cut it, its fleeting vowel dropped:
    "подписывается", "подписали" and "підписувати" all "подпис"/"підпис"."""
    word = _cut(word, _REFLEXIVE)
    cut = _cut(word, _INFLECTIONS)
    if word[len(cut):] not in _VERBAL_NOUNS:  # "возвращ-ение", not "возвр-ащ-ение"
        cut = _cut(cut, _DERIVED)
    word = _cut(cut, _THEME)
    return _FLEETING.sub("", word) if len(word) > MIN_ROOT else word


def _cut(word: str, endings: tuple[str, ...], least: int = MIN_ROOT) -> str:
    """`word` less the first of `endings` it ends in, if `least` letters are left."""
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= least:
            return word[: -len(ending)]
    return word


def _cyrillic(word: str) -> bool:
    return "а" <= word[-1:] <= "я" or word[-1:] in "іїєґ"


def _stemmed(root: str) -> bool:
    """Whether a stem is long enough to reach other forms."""
    return len(root) >= (MIN_CYRILLIC_STEM if _cyrillic(root) else MIN_STEM)


@lru_cache(maxsize=1)
def tables() -> dict[str, Table]:
    """Language -> its table, read from lexicon.tsv once; the first listing of a word wins."""
    text = files("bot.dedup").joinpath("lexicon.tsv").read_text(encoding="utf-8")
    words: dict[str, dict[str, Entry]] = {language: {} for language in LANGUAGE_COLUMNS}
    stems: dict[str, dict[str, Entry]] = {language: {} for language in LANGUAGE_COLUMNS}
    roots: dict[str, dict[str, Entry]] = {language: {} for language in LANGUAGE_COLUMNS}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        concept, weight, *columns = line.split("\t")
        entry = Entry(concept, float(weight))
        for language, column in zip(LANGUAGE_COLUMNS, columns, strict=True):
            for word in fold(column).split():
                words[language].setdefault(word, entry)
                if concept != STOP and _stemmed(cut := stem(word)):
                    stems[language].setdefault(cut, entry)
                if concept != STOP and _cyrillic(word):
                    roots[language].setdefault(root(word), entry)
    return {language: Table(words[language], stems[language],
                            tuple(sorted({len(s) for s in stems[language]}, reverse=True)),
                            roots[language])
            for language in LANGUAGE_COLUMNS}


def weight_of(concept: str) -> float:
    """How much sharing a concept tells (1 for the commonest words)."""
    return _weights().get(concept, 1.0)


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    return {entry.concept: entry.weight for table in tables().values()
            for entry in table.words.values()}


_OPPOSITE_PAIRS = (("rise", "fall"), ("open", "close"), ("start", "end"), ("win", "lose"),
                   ("arrive", "leave"), ("high", "low"), ("accept", "refuse"),
                   ("accept", "reject"), ("enter", "leave"), ("support", "oppose"),
                   ("return", "leave"), ("take", "leave"), ("approve", "reject"),
                   ("free", "arrest"), ("hospitalize", "leave"), ("increase_double", "cut"),
                   ("rise", "cut"), ("kill", "injure"))
OPPOSITES: dict[str, frozenset[str]] = {
    word: frozenset({b for a, b in _OPPOSITE_PAIRS if a == word}
                    | {a for a, b in _OPPOSITE_PAIRS if b == word})
    for pair in _OPPOSITE_PAIRS for word in pair}
"""Concepts that say the opposite of each other (bot/dedup/lexicon.tsv ids)."""


def opposed(ours: Collection[str], theirs: Collection[str]) -> bool:
    """One report says a concept and the other its opposite, not both ("taken to hospital",
    "sort de l'hôpital"; "rise", "chute")."""
    for word in ours:
        for other in OPPOSITES.get(word, ()):
            if other in theirs and other not in ours and word not in theirs:
                return True
    return False


@lru_cache(maxsize=1 << 16)
def turn_of(word: str) -> str | None:
    """The concept of a folded word when it has an opposite ("leaves" -> leave), else None;
    in whichever language of its script says so ("sort": a kind in English, leaves in French).
    Cached: every word of every headline asks."""
    for language in _GUESSES["cyrillic" if _cyrillic(word) else "latin"]:
        entry = entry_of(word, language)
        if entry is not None and entry.concept in OPPOSITES:
            return entry.concept
    return None


_GUESSES = {"latin": ("en", "fr"), "cyrillic": ("uk", "ru")}


def columns(language: str) -> tuple[str, ...]:
    """The lexicon columns a report is read in: its language's, or for an unsure guess
    ("latin", "cyrillic") both of that script's. One owner for the cross-language readers
    (bot/dedup/crosslang.py, bot/dedup/phrases.py)."""
    return _GUESSES.get(language, (language,))


def tables_of(language: str) -> list[Table]:
    """The tables of the columns a report is read in (`columns`), those the lexicon has."""
    every = tables()
    return [every[column] for column in columns(language) if column in every]


@lru_cache(maxsize=1 << 17)
def entry_of(word: str, language: str) -> Entry | None:
    """What a folded word says in a report's language (an unsure guess tries both)."""
    for table in tables_of(language):
        if (found := table.find(word)) is not None:
            return found
    return None
