"""Where a match is in the original text: the span an alert shows in bold.

The matcher only learns which terms a story holds; the place of the first one is found here,
on demand, since an alert needs one span per chat and most matches are never shown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Literal

from bot.core.text import fold_char, fold_with_offsets
from bot.match.filters import Term

Field = Literal["title", "summary"]
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Witness:
    """The term that made a topic or filter match, and the words it must not be."""

    term: Term
    excludes: tuple[Term, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    """Where a topic or filter matched: a span of the ORIGINAL field text, to bold it."""

    kind: Literal["topic", "filter"]
    name: str  # the topic name, or the filter id as text
    field: Field
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class StoryMatches:
    """Which topics and filter ids matched one story; spans are found on demand.

    `filters` and `found` (term ids) are the matcher's own sets, handed over without a copy
    (a copy of 700 ids is a tenth of a match): read them, never change them. `filter_terms`
    and `terms` are the matcher's live maps (filter id -> required term ids, term id ->
    term; ids are never reused): a filter removed after the match has no span any more
    (filter_match returns None).
    """

    title: str
    summary: str
    topic_witnesses: Mapping[str, Witness] = field(default_factory=dict)
    filters: AbstractSet[int] = frozenset()
    found: AbstractSet[int] = frozenset()
    filter_terms: Mapping[int, frozenset[int]] = field(default_factory=dict)
    terms: Mapping[int, Term] = field(default_factory=dict)
    _folded: dict[Field, Folded] = field(default_factory=dict, compare=False, repr=False)
    _placed: dict[int, tuple[Field, int, int]] = field(default_factory=dict, compare=False,
                                                       repr=False)
    _spots: dict[frozenset[int], tuple[Field, int, int] | None] = field(
        default_factory=dict, compare=False, repr=False)

    @property
    def topics(self) -> frozenset[str]:
        return frozenset(self.topic_witnesses)

    def topic_match(self, name: str) -> Match | None:
        """The first place the topic matched, or None if it did not."""
        witness = self.topic_witnesses.get(name)
        return None if witness is None else self._locate("topic", name, witness)

    def filter_match(self, filter_id: int) -> Match | None:
        """The first place a word the filter required was found, or None if it did not match."""
        place = self.filter_place(filter_id)
        return None if place is None else Match("filter", str(filter_id), *place)

    def filter_place(self, filter_id: int) -> tuple[Field, int, int] | None:
        """As `filter_match`, without the Match: filters that require the same words (the
        same expression in a hundred chats) share one place, found once per story."""
        if filter_id not in self.filters:
            return None
        term_ids = self.filter_terms.get(filter_id, frozenset())
        if term_ids not in self._spots:
            self._spots[term_ids] = self._first_place(term_ids)
        return self._spots[term_ids]

    def _first_place(self, term_ids: frozenset[int]) -> tuple[Field, int, int] | None:
        places = [self._place(term_id) for term_id in term_ids & self.found
                  if term_id in self.terms]
        return min(places, key=lambda p: (p[0] != "title", p[1]), default=None)

    def _place(self, term_id: int) -> tuple[Field, int, int]:
        """Where a term first is, found once per story: hundreds of filters share a word."""
        place = self._placed.get(term_id)
        if place is None:
            found = self._locate("filter", "", Witness(self.terms[term_id]))
            place = self._placed[term_id] = (found.field, found.start, found.end)
        return place

    def matches(self) -> list[Match]:
        """Every topic and filter that matched, each at its first place (topics first)."""
        found = [self.topic_match(name) for name in sorted(self.topic_witnesses)]
        found += [self.filter_match(fid) for fid in sorted(self.filters)]
        return [match for match in found if match is not None]

    def _locate(self, kind: Literal["topic", "filter"], name: str, witness: Witness) -> Match:
        for field_name in ("title", "summary"):
            span = locate_in(self._field(field_name), witness)
            if span is not None:
                return Match(kind, name, field_name, *span)
        raise LookupError(f"{kind} {name} matched but its term is not in the story")

    def _field(self, name: Field) -> Folded:
        """The field folded once per story, however many filters ask where they matched."""
        folded = self._folded.get(name)
        if folded is None:
            folded = self._folded[name] = fold_field(self.title if name == "title"
                                                     else self.summary)
        return folded


@dataclass(frozen=True, slots=True)
class Folded:
    """A field folded, cut into words, with the way back to the original offsets."""

    text: str
    offsets: list[int]
    spans: list[tuple[int, int]]
    tokens: list[str]
    first: dict[str, int]  # each word's first index, so most lookups skip the scan


def fold_field(text: str) -> Folded:
    """Fold `text` and cut it into words, once for all the terms looked up in it."""
    folded, offsets = fold_with_offsets(text)
    spans = [(m.start(), m.end()) for m in _WORD.finditer(folded)]
    tokens = [folded[start:end] for start, end in spans]
    first: dict[str, int] = {}
    for index, token in enumerate(tokens):
        first.setdefault(token, index)
    return Folded(text, offsets, spans, tokens, first)


def locate_in(field_: Folded, witness: Witness) -> tuple[int, int] | None:
    """The span (original offsets) of the witness term's first occurrence in a folded field."""
    tokens, size = field_.tokens, len(witness.term.words)
    start = 0 if witness.term.prefix and size == 1 else field_.first.get(witness.term.words[0])
    if start is None:
        return None
    for index in range(start, len(tokens) - size + 1):
        if _occurs_at(tokens, index, witness):
            spans = field_.spans
            return _original_span(field_.text, field_.offsets, spans[index][0],
                                  spans[index + size - 1][1])
    return None


def _occurs_at(tokens: list[str], index: int, witness: Witness) -> bool:
    term = witness.term
    size = len(term.words)
    if tuple(tokens[index:index + size - 1]) != term.words[:-1]:
        return False
    word, last = tokens[index + size - 1], term.words[-1]
    hit = word == last or (term.prefix and word.startswith(last))
    return hit and not excluded_word(word, witness.excludes)


def excluded_word(word: str, excludes: tuple[Term, ...]) -> bool:
    """Whether `word` is one of the words a topic must never match (or begins like one)."""
    return any(word == x.words[0] or (x.prefix and word.startswith(x.words[0]))
               for x in excludes)


def _original_span(text: str, offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a folded span back; the end swallows marks that fold to nothing (e + ◌́)."""
    first, after = offsets[start], offsets[end - 1] + 1
    while after < len(text) and not fold_char(text[after]):
        after += 1
    return first, after
