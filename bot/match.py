"""The matcher: every topic and every chat's filters compiled into one index.

A story is folded word by word (through a cache: news reuses its words) into one line,
" w1 w2 … \\n s1 s2 … ", and one Aho-Corasick pass finds every term: a word is the key
" word ", a phrase " w1 w2 ", a prefix " pre" with its end left open, so every hit falls on
whole words and none crosses from the title into the summary. Each filter is an OR of
alternatives (bot.filters.alternatives); each alternative is filed under one of its required
terms, its anchor, and checked only when that term is found. So the cost per story grows with
its length and the terms found, never with the number of filters. Identical alternatives
are shared: 5,000 chats following "drone" cost one entry.

Adding or removing a filter edits the trie at once; the automaton is rebuilt lazily on the
next match (about 0.05 s at 50,000 filters: see benchmarks/match.py).

Spans are found lazily (`StoryMatches.topic_match`, `.filter_match`): only an alert needs
them, and it needs one per chat, not one per filter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Literal

import ahocorasick

from bot.filters import FilterExpr, Term, alternatives
from bot.text import fold_char, fold_with_offsets, words
from bot.topics import Topic

Field = Literal["title", "summary"]
_WORD = re.compile(r"\w+")
_FOLD_CACHE_LIMIT = 200_000


def term_key(term: Term) -> str:
    """The automaton key of a term: ' w1 w2 ' for words and phrases, ' w1 w2' for a prefix."""
    body = " " + " ".join(term.words)
    return body if term.prefix else body + " "


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

    `found` holds term ids; `filter_terms` and `terms` are the matcher's live maps (filter id
    -> required term ids, term id -> term; ids are never reused): a filter removed after the
    match has no span any more (filter_match returns None).
    """

    title: str
    summary: str
    topic_witnesses: Mapping[str, Witness] = field(default_factory=dict)
    filters: frozenset[int] = frozenset()
    found: frozenset[int] = frozenset()
    filter_terms: Mapping[int, frozenset[int]] = field(default_factory=dict)
    terms: Mapping[int, Term] = field(default_factory=dict)

    @property
    def topics(self) -> frozenset[str]:
        return frozenset(self.topic_witnesses)

    def topic_match(self, name: str) -> Match | None:
        """The first place the topic matched, or None if it did not."""
        witness = self.topic_witnesses.get(name)
        return None if witness is None else self._locate("topic", name, witness)

    def filter_match(self, filter_id: int) -> Match | None:
        """The first place a word the filter required was found, or None if it did not match."""
        if filter_id not in self.filters:
            return None
        term_ids = self.filter_terms.get(filter_id, frozenset()) & self.found
        terms = [self.terms[term_id] for term_id in term_ids if term_id in self.terms]
        spans = [self._locate("filter", str(filter_id), Witness(term)) for term in terms]
        return min(spans, key=lambda m: (m.field != "title", m.start), default=None)

    def matches(self) -> list[Match]:
        """Every topic and filter that matched, each at its first place (topics first)."""
        found = [self.topic_match(name) for name in sorted(self.topic_witnesses)]
        found += [self.filter_match(fid) for fid in sorted(self.filters)]
        return [match for match in found if match is not None]

    def _locate(self, kind: Literal["topic", "filter"], name: str, witness: Witness) -> Match:
        fields: tuple[tuple[Field, str], ...] = (("title", self.title), ("summary", self.summary))
        for field_name, text in fields:
            span = locate(text, witness)
            if span is not None:
                return Match(kind, name, field_name, *span)
        raise LookupError(f"{kind} {name} matched but its term is not in the story")


def locate(text: str, witness: Witness) -> tuple[int, int] | None:
    """The span in `text` (original offsets) of the first occurrence of the witness term."""
    folded, offsets = fold_with_offsets(text)
    spans = [(m.start(), m.end()) for m in _WORD.finditer(folded)]
    tokens = [folded[start:end] for start, end in spans]
    size = len(witness.term.words)
    for index in range(len(tokens) - size + 1):
        if _occurs_at(tokens, index, witness):
            return _original_span(text, offsets, spans[index][0], spans[index + size - 1][1])
    return None


def _occurs_at(tokens: list[str], index: int, witness: Witness) -> bool:
    term = witness.term
    size = len(term.words)
    if tuple(tokens[index:index + size - 1]) != term.words[:-1]:
        return False
    word, last = tokens[index + size - 1], term.words[-1]
    hit = word == last or (term.prefix and word.startswith(last))
    return hit and not _excluded(word, witness.excludes)


def _excluded(word: str, excludes: tuple[Term, ...]) -> bool:
    return any(word == x.words[0] or (x.prefix and word.startswith(x.words[0]))
               for x in excludes)


def _original_span(text: str, offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a folded span back; the end swallows marks that fold to nothing (e + ◌́)."""
    first, after = offsets[start], offsets[end - 1] + 1
    while after < len(text) and not fold_char(text[after]):
        after += 1
    return first, after


class _FoldCache(dict[str, str]):
    """Whitespace-separated chunk -> its folded words, each preceded by one space."""

    def __missing__(self, chunk: str) -> str:
        value = "".join([" " + word for word in words(chunk)])
        if len(self) >= _FOLD_CACHE_LIMIT:
            self.clear()
        self[chunk] = value
        return value


class _Alternative:
    """Required and excluded term ids shared by every filter that has this alternative."""

    __slots__ = ("required", "excluded", "filters", "anchor")

    def __init__(self, required: frozenset[int], excluded: frozenset[int], anchor: int) -> None:
        self.required, self.excluded, self.anchor = required, excluded, anchor
        self.filters: set[int] = set()

    @property
    def simple(self) -> bool:
        return len(self.required) == 1 and not self.excluded


class _Posting:
    """What hangs off one term: filters it satisfies alone, alternatives anchored on it,
    topics it names. `refs` counts the alternatives and topics that use it."""

    __slots__ = ("term", "key", "witness", "direct", "alternatives", "topics", "refs")

    def __init__(self, term: Term) -> None:
        self.term, self.key, self.witness = term, term_key(term), Witness(term)
        self.direct: set[int] = set()
        self.alternatives: dict[_Alternative, None] = {}
        self.topics: list[tuple[str, Witness]] = []
        self.refs = 0


_Check = tuple[frozenset[int], frozenset[int], set[int]]
_SECOND = itemgetter(1)


def _set_or_drop(table: dict[int, Any], key: int, value: Any) -> None:
    if value:
        table[key] = value
    else:
        table.pop(key, None)


def _rarity(term: Term) -> float:
    """A guess at how rarely a term occurs: longer is rarer, phrases rarer, prefixes less so."""
    letters = sum(map(len, term.words))
    return letters * (4 if len(term.words) > 1 else 1) / (3 if term.prefix else 1)


class Matcher:
    """Topics and filters compiled into one Aho-Corasick index; chat-agnostic (filter ids)."""

    def __init__(self, topics: Mapping[str, Topic]) -> None:
        self._automaton: Any = ahocorasick.Automaton()
        self._ids: dict[Term, int] = {}
        self._postings: dict[int, _Posting] = {}
        self._alternatives: dict[tuple[frozenset[int], frozenset[int]], _Alternative] = {}
        self._filters: dict[int, list[_Alternative]] = {}
        self._filter_terms: dict[int, frozenset[int]] = {}
        self._direct: dict[int, set[int]] = {}
        self._checks: dict[int, tuple[_Check, ...]] = {}
        self._topic_terms: dict[int, _Posting] = {}
        self._term_of: dict[int, Term] = {}
        self._next_id = 0
        self._stale = False
        self._cache = _FoldCache()
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
            self._refresh(alternative.anchor)
        self._filters[filter_id] = shared
        self._filter_terms[filter_id] = frozenset().union(*(alt.required for alt in shared))

    def remove_filter(self, filter_id: int) -> None:
        """Drop a filter from the index; unknown ids are ignored."""
        self._filter_terms.pop(filter_id, None)
        for alternative in self._filters.pop(filter_id, []):
            alternative.filters.discard(filter_id)
            if not alternative.filters:
                self._drop_alternative(alternative)

    def match(self, title: str, summary: str) -> StoryMatches:
        """Which topics and filters match a story (title and summary are searched)."""
        if self._stale:
            self._automaton.make_automaton()
            self._stale = False
        if not self._postings:
            return StoryMatches(title, summary)
        text = f"{self._joined(title)} \n{self._joined(summary)} "
        found = set(map(_SECOND, self._automaton.iter(text)))
        ids: set[int] = set()
        ids.update(*map(self._direct.__getitem__, self._direct.keys() & found))
        for term_id in self._checks.keys() & found:
            for required, excluded, filters in self._checks[term_id]:
                if required <= found and found.isdisjoint(excluded):
                    ids |= filters
        topics: dict[str, Witness] = {}
        for term_id in self._topic_terms.keys() & found:
            _topic_hits(self._topic_terms[term_id], text, topics)
        return StoryMatches(title, summary, topics, frozenset(ids), frozenset(found),
                            self._filter_terms, self._term_of)

    def _joined(self, text: str) -> str:
        return "".join(map(self._cache.__getitem__, text.split()))

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
        anchor = max(required_ids, key=lambda term_id: _rarity(self._postings[term_id].term))
        alternative = _Alternative(required_ids, excluded_ids, anchor)
        for term_id in required_ids | excluded_ids:
            self._acquire_id(term_id)
        self._file(alternative)
        self._alternatives[(required_ids, excluded_ids)] = alternative
        return alternative

    def _file(self, alternative: _Alternative) -> None:
        posting = self._postings[alternative.anchor]
        if alternative.simple:
            posting.direct = alternative.filters
        else:
            posting.alternatives[alternative] = None
        self._refresh(alternative.anchor)

    def _drop_alternative(self, alternative: _Alternative) -> None:
        del self._alternatives[(alternative.required, alternative.excluded)]
        posting = self._postings[alternative.anchor]
        if alternative.simple:
            posting.direct = set()
        posting.alternatives.pop(alternative, None)
        self._refresh(alternative.anchor)
        for term_id in alternative.required | alternative.excluded:
            self._release(term_id)

    def _refresh(self, term_id: int) -> None:
        """Mirror one posting into the flat maps the hot path intersects with `found`."""
        posting = self._postings[term_id]
        _set_or_drop(self._direct, term_id, posting.direct)
        checks = tuple((alt.required, alt.excluded, alt.filters) for alt in posting.alternatives)
        _set_or_drop(self._checks, term_id, checks)

    def _term_id(self, term: Term) -> int:
        """The id of a term, registering it (with no references yet) if new."""
        term_id = self._ids.get(term)
        if term_id is None:
            term_id = self._ids[term] = self._next_id
            self._next_id += 1
            self._postings[term_id] = posting = _Posting(term)
            self._term_of[term_id] = term
            self._automaton.add_word(posting.key, term_id)
            self._stale = True
        return term_id

    def _acquire(self, term: Term) -> int:
        term_id = self._term_id(term)
        self._acquire_id(term_id)
        return term_id

    def _acquire_id(self, term_id: int) -> None:
        self._postings[term_id].refs += 1

    def _release(self, term_id: int) -> None:
        posting = self._postings[term_id]
        posting.refs -= 1
        if posting.refs <= 0:
            del self._postings[term_id]
            del self._ids[posting.term]
            del self._term_of[term_id]
            self._automaton.remove_word(posting.key)
            self._stale = True


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
        if not _excluded(word, witness.excludes):
            return True
        start = text.find(key, start + 1)
    return False
