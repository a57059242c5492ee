"""The matcher: every topic and every chat's filters compiled into one index.

A story's terms are found by bot.match.term_index (one cached look-up per chunk of text: cost grows
with the story, not with the filters). Each filter is an OR of alternatives
(bot.match.filters.alternatives); each alternative is filed under one of its required terms, its
anchor, and looked at only when that term is found. Identical alternatives are shared: 5,000
chats following "drone" cost one entry.

Alternatives are filed by shape, because each shape has a cheaper test than the general one:
- one word alone: its filters match whenever the word is found (`_direct`);
- one word with exclusions: all of an anchor's such filters match at once unless one of
  their excluded terms is found too, which is rare (`_guarded`);
- two words: a table from the other word to the filters, intersected with the terms found
  (`_pairs`);
- anything else: required <= found and no excluded term found (`_checks`).
Edits mark the anchor dirty; its tables are rebuilt on the next match, so loading 100,000
filters costs one rebuild per anchor, not one per filter.

Spans are found lazily (bot.match.spans): only an alert needs them, one per chat.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.match.filters import FilterExpr, Term, alternatives
from bot.match.spans import Match, StoryMatches, Witness, excluded_word
from bot.match.term_index import TermIndex, term_key
from bot.match.topics import Topic

__all__ = ["Match", "Matcher", "StoryMatches", "Witness", "term_key"]

_Check = tuple[frozenset[int], frozenset[int], set[int]]
_Guard = tuple[frozenset[int], tuple[tuple[frozenset[int], set[int]], ...]]


class _Alternative:
    """Required and excluded term ids shared by every filter that has this alternative."""

    __slots__ = ("required", "excluded", "filters", "anchor")

    def __init__(self, required: frozenset[int], excluded: frozenset[int], anchor: int) -> None:
        self.required, self.excluded, self.anchor = required, excluded, anchor
        self.filters: set[int] = set()


class _Posting:
    """What hangs off one term: alternatives anchored on it, topics it names, and `refs`,
    how many alternatives and topics use it (it leaves the index at zero)."""

    __slots__ = ("term", "key", "alternatives", "topics", "refs")

    def __init__(self, term: Term) -> None:
        self.term, self.key = term, term_key(term)
        self.alternatives: dict[_Alternative, None] = {}
        self.topics: list[tuple[str, Witness]] = []
        self.refs = 0


def _rarity(term: Term) -> float:
    """A guess at how rarely a term occurs: longer is rarer, phrases rarer, prefixes less so."""
    letters = sum(map(len, term.words))
    return letters * (4 if len(term.words) > 1 else 1) / (3 if term.prefix else 1)


class _Plans:
    """The flat per-anchor tables the hot path intersects with the terms found.

    `simple` holds, per anchor, every filter that needs that one term: those with no
    exclusions and those with some; `guards` lists, for an anchor with exclusions, all its
    excluded terms, then each alternative (excluded, filters) to sort them out when one of
    those terms is in the story. An anchor whose excluded terms are absent, the usual case,
    costs one union.
    """

    def __init__(self) -> None:
        self.simple: dict[int, set[int]] = {}
        self.guards: dict[int, _Guard] = {}
        self.pairs: dict[int, dict[int, set[int]]] = {}
        self.checks: dict[int, tuple[_Check, ...]] = {}

    def file(self, anchor: int, alternatives: Iterable[_Alternative]) -> None:
        """Rebuild the tables of one anchor from its alternatives."""
        for table in (self.simple, self.guards, self.pairs, self.checks):
            table.pop(anchor, None)
        singles: list[tuple[frozenset[int], set[int]]] = []
        for alternative in alternatives:
            if len(alternative.required) == 1:
                singles.append((alternative.excluded, alternative.filters))
            else:
                self._file_pair_or_check(anchor, alternative)
        if singles:
            self.simple[anchor] = set().union(*(filters for _, filters in singles))
        excluded = frozenset().union(*(single[0] for single in singles))
        if excluded:
            self.guards[anchor] = (excluded, tuple(singles))

    def _file_pair_or_check(self, anchor: int, alternative: _Alternative) -> None:
        required, filters = alternative.required, alternative.filters
        if len(required) == 2 and not alternative.excluded:
            (other,) = required - {anchor}
            self.pairs.setdefault(anchor, {})[other] = filters
        else:
            check = (required, alternative.excluded, filters)
            self.checks[anchor] = (*self.checks.get(anchor, ()), check)

    def matching(self, found: set[int]) -> set[int]:
        """The ids of the filters whose alternatives `found` satisfies."""
        hit = self.simple.keys() & found
        spoiled = [anchor for anchor in self.guards.keys() & hit
                   if not found.isdisjoint(self.guards[anchor][0])]
        hit.difference_update(spoiled)
        ids: set[int] = set()
        ids.update(*map(self.simple.__getitem__, hit), *self._unspoiled(spoiled, found))
        ids.update(*[filters for anchor in self.pairs.keys() & found
                     for other, filters in self.pairs[anchor].items() if other in found])
        ids.update(*[filters for anchor in self.checks.keys() & found
                     for required, excluded, filters in self.checks[anchor]
                     if required <= found and found.isdisjoint(excluded)])
        return ids

    def _unspoiled(self, anchors: list[int], found: set[int]) -> list[set[int]]:
        """For anchors with an excluded term in the story: the filters still satisfied."""
        return [filters for anchor in anchors for excluded, filters in self.guards[anchor][1]
                if found.isdisjoint(excluded)]


class Matcher:
    """Topics and filters compiled into one index; chat-agnostic (filter ids)."""

    def __init__(self, topics: Mapping[str, Topic]) -> None:
        self._index = TermIndex()
        self._plans = _Plans()
        self._dirty: set[int] = set()
        self._ids: dict[Term, int] = {}
        self._postings: dict[int, _Posting] = {}
        self._alternatives: dict[tuple[frozenset[int], frozenset[int]], _Alternative] = {}
        self._filters: dict[int, list[_Alternative]] = {}
        self._filter_terms: dict[int, frozenset[int]] = {}
        self._topic_terms: dict[int, _Posting] = {}
        self._term_of: dict[int, Term] = {}
        self._next_id = 0
        for topic in topics.values():
            self._add_topic(topic)

    @property
    def filter_count(self) -> int:
        return len(self._filters)

    def add_filter(self, filter_id: int, expr: FilterExpr) -> None:
        """Index a parsed filter under its id (replacing any filter with that id)."""
        self.remove_filter(filter_id)
        shared = [self._alternative(required, excluded)
                  for required, excluded in alternatives(expr)]
        for alternative in shared:
            alternative.filters.add(filter_id)
            self._dirty.add(alternative.anchor)
        self._filters[filter_id] = shared
        self._filter_terms[filter_id] = frozenset().union(*(alt.required for alt in shared))

    def remove_filter(self, filter_id: int) -> None:
        """Drop a filter from the index; unknown ids are ignored."""
        self._filter_terms.pop(filter_id, None)
        for alternative in self._filters.pop(filter_id, []):
            alternative.filters.discard(filter_id)
            self._dirty.add(alternative.anchor)
            if not alternative.filters:
                self._drop_alternative(alternative)

    def match(self, title: str, summary: str) -> StoryMatches:
        """Which topics and filters match a story (title and summary are searched)."""
        self.settle()
        if not self._postings:
            return StoryMatches(title, summary)
        text, found = self._index.find(title, summary)
        topics: dict[str, Witness] = {}
        for term_id in self._topic_terms.keys() & found:
            _topic_hits(self._topic_terms[term_id], text, topics)
        return StoryMatches(title, summary, topics, self._plans.matching(found), found,
                            self._filter_terms, self._term_of)

    def settle(self) -> None:
        """Rebuild the tables of the anchors that edits touched since the last match (at
        start, every loaded filter: done once at load, not on the first story)."""
        for anchor in self._dirty:
            posting = self._postings.get(anchor)
            self._plans.file(anchor, posting.alternatives if posting else ())
        self._dirty.clear()

    def _add_topic(self, topic: Topic) -> None:
        aliases, excludes = topic.terms()
        for alias in dict.fromkeys(aliases):
            posting = self._postings[self._acquire(alias)]
            posting.topics.append((topic.name, Witness(alias, excludes)))
            self._topic_terms[self._ids[alias]] = posting

    def _alternative(self, required: Iterable[Term], excluded: Iterable[Term]) -> _Alternative:
        """The shared alternative for these terms, created (and its terms acquired) if new."""
        required_ids = frozenset(map(self._term_id, required))
        excluded_ids = frozenset(map(self._term_id, excluded))
        existing = self._alternatives.get((required_ids, excluded_ids))
        if existing is not None:
            return existing
        anchor = min(required_ids, key=self._commonness)
        alternative = _Alternative(required_ids, excluded_ids, anchor)
        for term_id in required_ids | excluded_ids:
            self._postings[term_id].refs += 1
        self._postings[anchor].alternatives[alternative] = None
        self._alternatives[(required_ids, excluded_ids)] = alternative
        return alternative

    def _commonness(self, term_id: int) -> tuple[int, float]:
        """How often a term is likely found, to anchor an alternative on its rarest term:
        first how many filters use it (people filter on the words news uses most), then
        how short it is."""
        posting = self._postings[term_id]
        return posting.refs, -_rarity(posting.term)

    def _drop_alternative(self, alternative: _Alternative) -> None:
        del self._alternatives[(alternative.required, alternative.excluded)]
        self._postings[alternative.anchor].alternatives.pop(alternative, None)
        for term_id in alternative.required | alternative.excluded:
            self._release(term_id)

    def _term_id(self, term: Term) -> int:
        """The id of a term, registering it (with no references yet) if new."""
        term_id = self._ids.get(term)
        if term_id is None:
            term_id = self._ids[term] = self._next_id
            self._next_id += 1
            self._postings[term_id] = _Posting(term)
            self._term_of[term_id] = term
            self._index.add(term, term_id)
        return term_id

    def _acquire(self, term: Term) -> int:
        term_id = self._term_id(term)
        self._postings[term_id].refs += 1
        return term_id

    def _release(self, term_id: int) -> None:
        posting = self._postings[term_id]
        posting.refs -= 1
        if posting.refs <= 0:
            del self._postings[term_id]
            del self._ids[posting.term]
            del self._term_of[term_id]
            self._index.remove(posting.term, term_id)


def _topic_hits(posting: _Posting, text: str, topics: dict[str, Witness]) -> None:
    """Record the topics a found alias names, unless every occurrence is an excluded word."""
    for name, witness in posting.topics:
        if name not in topics and (not witness.excludes or _clean_hit(text, posting, witness)):
            topics[name] = witness


def _clean_hit(text: str, posting: _Posting, witness: Witness) -> bool:
    key, last = posting.key, posting.term.words[-1]
    last_end = len(key.rstrip()) - len(last)
    start = text.find(key)
    while start >= 0:
        word_start = start + last_end
        word = text[word_start:text.index(" ", word_start)]
        if not excluded_word(word, witness.excludes):
            return True
        start = text.find(key, start + 1)
    return False
