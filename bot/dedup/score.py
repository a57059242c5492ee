"""How alike two headlines are, 0-100, and the bar they must clear given the time between them.

The score is a Dice overlap of content stems (typos paired by rapidfuzz), so a word added or
dropped costs little while a word *changed* costs on both sides, plus a further penalty: a
substituted content word is what sets "EU foreign ministers meet" apart from "EU finance
ministers meet". Figures are left out of the overlap, so "five injured" -> "seven injured" is
the same story; but a changed figure a day later is another event and counts as a substitution.
Opposite words ("opens" / "ends"), a negation on one side only, two different ministries
(foreign / finance, however long the rest of the headline) , two different countries
("American" / "British soldiers") and opposite concepts ("hospitalised" / "leaves hospital")
rule a merge out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from bot.dedup.concepts import ministry_of
from bot.dedup.figures import figures_differ
from bot.dedup.lexicon import opposed, turn_of
from bot.dedup.names import as_named, country_of
from bot.dedup.text import (
    TYPO_MIN_LENGTH,
    Terms,
    content_terms,
    fold_lead,
    reduce_title,
)

SHORT_TITLE = 4
"""Below this many content stems a title is too short to judge alone; the summary's lead helps."""

SUBSTITUTION_PENALTY = 15.0
SLOT_PENALTY = 25.0
SLOT_WORDS = 1
TYPO_SIMILARITY = 0.75
FIGURE_HOURS = 12.0
"""A changed figure within this many hours is an update; beyond it, another event."""

GAP_SLOPE = 1.0
"""Points added to the threshold per hour between two stories: old stories need closer wording."""

MAX_THRESHOLD = 95.0


@dataclass(slots=True)  # not frozen: decoded ~16 times a new story (bot/dedup/stored.py)
class Fingerprint:
    """A story as dedup sees it: its title terms, and title plus lead for short titles."""

    title: Terms
    context: Terms
    short: bool
    """Too few content words to judge on the title alone."""
    names: frozenset[str] = frozenset()
    """Stems of the title's capitalised words: a place or person swapped means another event."""
    ministries: frozenset[str] = frozenset()
    """The ministries the title names ("foreign", "finance"): another one is another meeting."""
    countries: frozenset[str] = frozenset()
    """The countries the title names, adjectives too ("U.S." / "British soldiers killed"):
    another one on each side is another event, however alike the rest."""
    turns: frozenset[str] = frozenset()
    """Its concepts that have an opposite (bot/dedup/lexicon.py): "hospitalised" and
    "leaves hospital" are two events however many words they share."""


def fingerprint(title: str, summary: str = "") -> Fingerprint:
    """Reduce a story to the terms that are compared."""
    normalised, names = reduce_title(as_named(title))
    lead = fold_lead(summary) if summary else ""
    title_terms = content_terms(normalised)
    context = content_terms(f"{normalised} {lead}") if lead else title_terms
    short = len(title_terms.stem_set) < SHORT_TITLE
    words = normalised.split()
    ministries = frozenset(filter(None, map(ministry_of, words)))
    return Fingerprint(title_terms, context, short, names, ministries,
                       frozenset(filter(None, map(country_of, words))),
                       frozenset(filter(None, map(turn_of, words))))


def similarity(a: Fingerprint, b: Fingerprint, gap_hours: float = 0.0) -> float:
    """Score 0-100 of two stories being one, `gap_hours` apart (order does not matter)."""
    terms_a, terms_b = (a.context, b.context) if a.short or b.short else (a.title, b.title)
    if terms_a.letters == terms_b.letters:
        return 100.0  # the same words with a space slipped: a typo, whatever the figures say
    if (_names_swapped(a, b) or each_own(a.ministries, b.ministries)
            or each_own(a.countries, b.countries) or opposed(a.turns, b.turns)):
        return 0.0
    return score_terms(terms_a, terms_b, gap_hours)


def threshold_at(threshold: float, gap_hours: float) -> float:
    """The bar at a given time gap: stricter as the stories lie further apart."""
    return min(MAX_THRESHOLD, threshold + GAP_SLOPE * abs(gap_hours))


def score_terms(a: Terms, b: Terms, gap_hours: float) -> float:
    """Dice overlap of stems, minus penalties for substituted words and changed old figures."""
    if _contradict(a, b) or figures_differ(a.figures, b.figures, abs(gap_hours) <= FIGURE_HOURS):
        return 0.0
    only_a, only_b, shared = _align(a, b)
    total = only_a + only_b + 2 * shared
    if total == 0:
        return 100.0
    return max(0.0, 200.0 * shared / total - _substitution_penalty(only_a, only_b))


def _substitution_penalty(only_a: int, only_b: int) -> float:
    """Words changed on both sides; one-for-one swaps in the same frame cost the most."""
    if not only_a or not only_b:
        return 0.0
    if only_a == only_b <= SLOT_WORDS:
        return SLOT_PENALTY
    return SUBSTITUTION_PENALTY


def _contradict(a: Terms, b: Terms) -> bool:
    """A negation on one side only, or opposite words ("opens" / "ends") on each side."""
    if bool(a.negations) != bool(b.negations):
        return True
    if not a.poles and not b.poles:
        return False
    poles_a = {pole for stem, pole in a.poles if stem not in b.stem_set}
    poles_b = {pole for stem, pole in b.poles if stem not in a.stem_set}
    return any(pole ^ 1 in poles_b for pole in poles_a)


def each_own(a: frozenset[str], b: frozenset[str]) -> bool:
    """Each side holds something the other lacks: "Kherson" / "Kharkiv", foreign / finance."""
    return bool(a - b) and bool(b - a)


def _names_swapped(a: Fingerprint, b: Fingerprint) -> bool:
    """Each title names something the other lacks, not a misspelling: "in Dnipro" / "in Odesa"."""
    if not a.names or not b.names:
        return False
    only_a = a.names - b.context.stem_set
    only_b = b.names - a.context.stem_set
    if not only_a or not only_b:
        return False
    return not any(_misspelt(x, y) for x in only_a for y in only_b)


def _align(a: Terms, b: Terms) -> tuple[int, int, int]:
    """How many stems are only in `a`, only in `b`, and shared, misspelt stems counting as shared.

    Typos are looked for only when each side has a stem of its own (a changed word).
    """
    only_a = len(a.stem_set - b.stem_set)
    shared = len(a.stem_set) - only_a
    only_b = len(b.stem_set) - shared
    paired = _typo_pairs(a, b) if only_a and only_b else 0
    return only_a - paired, only_b - paired, shared + paired


def _typo_pairs(a: Terms, b: Terms) -> int:
    """How many long stems of `a` missing from `b` pair with a misspelling among `b`'s own.

    In sorted order, each takes the first misspelt partner left ("zapori" ~ "zaproi").
    """
    left = [stem for stem in b.long_stems if stem not in a.stem_set]
    paired = 0
    for stem in a.long_stems:
        if stem in b.stem_set:
            continue
        for other in left:
            if _misspelt(stem, other):
                left.remove(other)
                paired += 1
                break
    return paired


@lru_cache(maxsize=1 << 16)
def _misspelt(a: str, b: str) -> bool:
    """Two stems of four letters or more, one letter or so apart ("zaporizhzhia" ~ "zaporizhia")."""
    return len(b) >= TYPO_MIN_LENGTH and Indel.normalized_similarity(a, b) >= TYPO_SIMILARITY
