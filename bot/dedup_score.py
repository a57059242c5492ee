"""How alike two headlines are, 0-100, and the bar they must clear given the time between them.

The score is a Dice overlap of content stems (typos paired by rapidfuzz), so a word added or
dropped costs little while a word *changed* costs on both sides, plus a further penalty: a
substituted content word is what sets "EU foreign ministers meet" apart from "EU finance
ministers meet". Figures are left out of the overlap, so "five injured" -> "seven injured" is
the same story; but a changed figure a day later is another event and counts as a substitution.
Opposite words ("opens" / "ends") and a negation on one side only rule a merge out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from bot.dedup_figures import figures_differ
from bot.dedup_text import Terms, content_terms, fold_lead, name_stems, normalise_title

SHORT_TITLE = 4
"""Below this many content stems a title is too short to judge alone; the summary's lead helps."""

SUBSTITUTION_PENALTY = 15.0
SLOT_PENALTY = 25.0
SLOT_WORDS = 1
TYPO_SIMILARITY = 0.75
TYPO_MIN_LENGTH = 4
FIGURE_HOURS = 12.0
"""A changed figure within this many hours is an update; beyond it, another event."""

GAP_SLOPE = 1.0
"""Points added to the threshold per hour between two stories: old stories need closer wording."""

MAX_THRESHOLD = 95.0


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A story as dedup sees it: its title terms, and title plus lead for short titles."""

    title: Terms
    context: Terms
    short: bool
    """Too few content words to judge on the title alone."""
    names: frozenset[str] = frozenset()
    """Stems of the title's capitalised words: a place or person swapped means another event."""


def fingerprint(title: str, summary: str = "") -> Fingerprint:
    """Reduce a story to the terms that are compared."""
    normalised = normalise_title(title)
    lead = fold_lead(summary) if summary else ""
    title_terms = content_terms(normalised)
    context = content_terms(f"{normalised} {lead}") if lead else title_terms
    short = len(set(title_terms.stems)) < SHORT_TITLE
    return Fingerprint(title_terms, context, short, name_stems(title))


def similarity(a: Fingerprint, b: Fingerprint, gap_hours: float = 0.0) -> float:
    """Score 0-100 of two stories being one, `gap_hours` apart (order does not matter)."""
    if _names_swapped(a, b):
        return 0.0
    if a.short or b.short:
        return score_terms(a.context, b.context, gap_hours)
    return score_terms(a.title, b.title, gap_hours)


def threshold_at(threshold: float, gap_hours: float) -> float:
    """The bar at a given time gap: stricter as the stories lie further apart."""
    return min(MAX_THRESHOLD, threshold + GAP_SLOPE * abs(gap_hours))


def score_terms(a: Terms, b: Terms, gap_hours: float) -> float:
    """Dice overlap of stems, minus penalties for substituted words and changed old figures."""
    if _contradict(a, b) or figures_differ(a.figures, b.figures, abs(gap_hours) <= FIGURE_HOURS):
        return 0.0
    only_a, only_b, shared = _align(a.stem_set, b.stem_set)
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


def _names_swapped(a: Fingerprint, b: Fingerprint) -> bool:
    """Each title names something the other lacks, not a misspelling: "in Dnipro" / "in Odesa"."""
    if not a.names or not b.names:
        return False
    only_a = a.names - b.context.stem_set
    only_b = b.names - a.context.stem_set
    if not only_a or not only_b:
        return False
    return not any(_misspelt(x, y) for x in only_a for y in only_b)


def _align(a: frozenset[str], b: frozenset[str]) -> tuple[int, int, int]:
    """How many stems are only in `a`, only in `b`, and shared, a misspelt stem counting as shared.

    Stems of `a` are paired in sorted order with the first misspelt partner left in `b`.
    """
    only_a, only_b = a - b, b - a
    shared = len(a) - len(only_a)
    long_a = [s for s in only_a if len(s) >= TYPO_MIN_LENGTH]
    long_b = [s for s in only_b if len(s) >= TYPO_MIN_LENGTH]
    paired = 0
    if long_a and long_b:
        long_a.sort()
        long_b.sort()
        for stem in long_a:
            for other in long_b:
                if _misspelt(stem, other):
                    long_b.remove(other)
                    paired += 1
                    break
    return len(only_a) - paired, len(only_b) - paired, shared + paired


@lru_cache(maxsize=1 << 16)
def _misspelt(a: str, b: str) -> bool:
    """Two stems of four letters or more, one letter or so apart ("zaporizhzhia" ~ "zaporizhia")."""
    return len(b) >= TYPO_MIN_LENGTH and Indel.normalized_similarity(a, b) >= TYPO_SIMILARITY
