"""Which indexed terms a story contains: one cached look-up per chunk of text.

A story is split on whitespace into chunks ("l’OTAN,", "NATO-Gipfel"). News reuses its
chunks, so a chunk is folded and looked up once and cached with its folded words and the ids
they carry; a new chunk of known words costs a fold and one cached look-up per word. So a
story costs about one dictionary look-up per chunk, and nothing here grows with the number
of terms indexed.

Word and prefix terms are found by their words. A phrase is found by its first two words as
a pair of neighbours in the story's folded line (" w1 w2 … \\n s1 s2 … ", where the break
keeps a phrase from spanning the title and the summary), and, when it is longer, confirmed
with `in` on that line. A two-word phrase ending in a prefix ("north atlantic*") cannot be
paired that way: its first word carries a private negative id, and the phrase is looked
for in the line when that id is found; so negative ids may appear in `find`'s result beside
the terms' own ids (which are never negative).

Adding or removing a term (not a filter that reuses known terms) drops the caches, since a
cached word may now carry another id: the next stories cost about twice as much while the
caches refill (benchmarks/match.py prints it). That is simpler and cheaper than tracking
which cached chunks hold which word, for an index that changes far less often than it reads.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import chain, count, pairwise
from operator import itemgetter
from typing import Any

from bot.core.text import words
from bot.match.filters import Term

_CACHE_LIMIT = 200_000
_BREAK = "\n"  # never a chunk of split text: stands between the title and the summary
_FOLDED, _IDS = itemgetter(0), itemgetter(1)
_Chunk = tuple[str, tuple[int, ...]]


def term_key(term: Term) -> str:
    """How a term appears in the folded line: ' w1 w2 ', or ' w1 w2' for a prefix."""
    body = " " + " ".join(term.words)
    return body if term.prefix else body + " "


class TermIndex:
    """Terms under integer ids, found in a story by word, prefix and phrase look-ups."""

    def __init__(self) -> None:
        self._words: dict[str, int] = {}
        self._prefixes: dict[str, int] = {}
        self._prefix_lengths: list[int] = []
        self._phrases: dict[tuple[str, str], dict[int, str | None]] = {}
        self._open_phrases: dict[int, dict[int, str]] = {}  # first word's id -> "w1 pre*"
        self._firsts: dict[str, int] = {}  # first word of an open phrase -> its negative id
        self._first_uses: dict[str, int] = {}
        self._next_first = count(-1, -1)
        # bounded memos, hits in C (functools' own cache: LRU, as bot.core.text.fold_char uses)
        self._word_ids = lru_cache(maxsize=_CACHE_LIMIT)(self._ids_of_word)
        self._chunks = lru_cache(maxsize=_CACHE_LIMIT)(self._look_up)

    def add(self, term: Term, term_id: int) -> None:
        """Index `term` under `term_id` (ids are the caller's, unique and not negative)."""
        if _is_open(term):
            first = self._use_first(term.words[0])
            self._open_phrases.setdefault(first, {})[term_id] = term_key(term)
        elif len(term.words) > 1:
            key = term_key(term) if len(term.words) > 2 else None
            self._phrases.setdefault(_bigram(term), {})[term_id] = key
        elif term.prefix:
            self._prefixes[term.words[0]] = term_id
            if len(term.words[0]) not in self._prefix_lengths:  # else rebuilding is O(n) per add
                self._prefix_lengths = sorted({*self._prefix_lengths, len(term.words[0])})
        else:
            self._words[term.words[0]] = term_id
        self._forget_cached()

    def remove(self, term: Term, term_id: int) -> None:
        """Forget a term added earlier."""
        if _is_open(term):
            _drop_nested(self._open_phrases, self._firsts[term.words[0]], term_id)
            self._release_first(term.words[0])
        elif len(term.words) > 1:
            _drop_nested(self._phrases, _bigram(term), term_id)
        elif term.prefix:
            del self._prefixes[term.words[0]]
            self._prefix_lengths = sorted(set(map(len, self._prefixes)))
        else:
            del self._words[term.words[0]]
        self._forget_cached()

    def find(self, title: str, summary: str) -> tuple[str, set[int]]:
        """The folded line of the story and the ids it carries (see the module docstring)."""
        chunks = list(map(self._chunks, [*title.split(), _BREAK, *summary.split()]))
        line = "".join(map(_FOLDED, chunks)) + " "
        found = set(chain.from_iterable(map(_IDS, chunks)))
        if self._phrases:
            tokens = line.split(" ")
            for pair in self._phrases.keys() & set(pairwise(tokens)):
                found.update([term_id for term_id, key in self._phrases[pair].items()
                              if key is None or key in line])
        for first in self._open_phrases.keys() & found:
            found.update([term_id for term_id, key in self._open_phrases[first].items()
                          if key in line])
        return line, found

    def _look_up(self, chunk: str) -> _Chunk:
        if chunk == _BREAK:
            return " \n", ()
        folded = words(chunk)
        ids = tuple(chain.from_iterable(map(self._word_ids, folded)))
        return "".join([" " + word for word in folded]), ids

    def _ids_of_word(self, word: str) -> tuple[int, ...]:
        """The ids a word carries: its word term, the prefixes it begins with, and its own
        (negative) id when an open phrase begins with it."""
        ids = [self._prefixes[word[:n]] for n in self._prefix_lengths
               if n <= len(word) and word[:n] in self._prefixes]
        for table in (self._words, self._firsts):
            if word in table:
                ids.append(table[word])
        return tuple(ids)

    def _use_first(self, word: str) -> int:
        if word not in self._firsts:
            self._firsts[word] = next(self._next_first)
        self._first_uses[word] = self._first_uses.get(word, 0) + 1
        return self._firsts[word]

    def _release_first(self, word: str) -> None:
        self._first_uses[word] -= 1
        if not self._first_uses[word]:
            del self._first_uses[word], self._firsts[word]

    def _forget_cached(self) -> None:
        self._word_ids.cache_clear()
        self._chunks.cache_clear()


def _is_open(term: Term) -> bool:
    """A two-word phrase whose second word is a prefix: found through its first word."""
    return term.prefix and len(term.words) == 2


def _bigram(term: Term) -> tuple[str, str]:
    return term.words[0], term.words[1]


def _drop_nested(tables: dict[Any, dict[int, Any]], key: Any, term_id: int) -> None:
    """Remove `term_id` from tables[key], and the table if that leaves it empty."""
    del tables[key][term_id]
    if not tables[key]:
        del tables[key]
