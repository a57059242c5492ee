"""Near-duplicate clustering over a sliding window of recent stories, in memory.

A new story is scored (`bot.dedup.score.similarity`) only against the few stories that share
one of its rarest stems, found through an inverted index, never against the whole window.
It joins the cluster of its best match at or above the threshold for their time gap, or
starts a cluster named after itself. When nothing in the window is worded alike, a report in
another language may still join the cluster of the same event, judged by the names, places and
figures both hold (`bot.dedup.crosslang`), found through a second index, from names to stories.
Storage rebuilds the window at start by putting back the
stored stories, oldest first, with their stored cluster ids (no re-judging), from the bytes of
their stored prints: the window keeps those bytes and decodes a story only when it is a
candidate.
"""

from __future__ import annotations

import heapq
import itertools
import sys
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.config import DedupSettings
from bot.dedup.crosslang import (
    LINK_BAR,
    Signature,
    contradicts,
    cross_judged,
    languages_differ,
    read_word_lists,
)
from bot.dedup.score import Fingerprint, similarity, threshold_at
from bot.dedup.stored import (
    Filed,
    Prepared,
    decode_print,
    decode_signature,
    filed,
    prepare,
    stems_of,
)

RARE_KEYS = 4
"""How many of a story's rarest stems are looked up to find candidates."""

MAX_CANDIDATES = 16
"""Candidates scored per story: those sharing the most looked-up stems."""

COMMON_POSTING = 500
"""A stem held by more stories than this is too common to gather candidates from alone."""

FALLBACK_SCAN = 1000
"""When every stem is common: how many of the latest holders of the rarest one are examined."""

FALLBACK_POOL = 64
"""... and how many of them that also hold the second rarest are ranked."""

FALLBACK_CANDIDATES = 8
"""... and how many of the ranked are scored. They share only common words with the story, so
most are other events worded alike; a true match ranks near the top (within the first five in
the benchmark's windows), and half the scoring is half the time of the story that hit none."""


TOP_SCORE = 100.0
"""The most `similarity` gives: the first candidate that scores it is the best match."""

def told_at(published: datetime, first_seen: datetime) -> datetime:
    """When a story counts as told, for the window and for time gaps: the later of the two."""
    return max(published, first_seen)


@dataclass(frozen=True, slots=True)
class Judgement:
    """Where a story went: its cluster, and the story it matched best (None: a new cluster)."""

    story_id: int
    cluster_id: int
    duplicate_of: int | None
    score: float | None
    perhaps: int | None = None
    """For a new cluster: a story in another language that reads much alike but did not
    merge (`crosslang.LINK_BAR`), shown beside the alert as perhaps the same event."""


_Entry = tuple[int, float, str, bytes]
"""A story of the window: its cluster, when it was told (a timestamp: time gaps by one
subtraction), its language and its stored print's bytes. A plain tuple of atoms, which the
collector stops tracking: 200,000 stories held as dataclasses of decoded prints were 3.5-4.4 KB
each and 290-345 ms of every full collection once the window outgrew what start froze."""



class DedupIndex:
    """The window of recent stories and an inverted index from stems to story ids."""

    def __init__(self, settings: DedupSettings) -> None:
        self.settings = settings
        if settings.across_languages:
            read_word_lists()
        self._entries: dict[int, _Entry] = {}
        self._postings: dict[str, dict[int, None]] = {}
        """Stem -> the ids of the stories holding it, in insertion order (oldest first)."""
        self._expiry: list[tuple[float, int]] = []
        self._named: dict[str, dict[str, dict[int, None]]] = {}
        """Name id -> language -> the ids of the stories in it naming it, oldest first: the
        cross-language step reads only the other languages' stories, without filtering a
        name's every holder by language (5 % of a first poll's main thread)."""
        self._members: dict[int, tuple[int, ...]] = {}
        """Cluster id -> the ids of its stories in the window (a report joining across
        languages must contradict none of them)."""
        self._languages: Counter[str] = Counter()
        """Language -> how many stories of the window are in it."""

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, story_id: object) -> bool:
        return story_id in self._entries

    def add(
        self, story_id: int, title: str, summary: str, seen: datetime,
        cluster_id: int | None = None, language: str | None = None,
    ) -> Judgement:
        """Judge a story against the window, then insert it; a given `cluster_id` restores it.

        `seen` is when the story counts as told: the later of its published time and when
        Vigie first saw it (`told_at`), so a feed's wrong clock neither keeps a report from
        folding with those that came beside it nor drops it from the window early.
        `language` is the feed's; without one it is guessed from the title's words.
        """
        return self.add_prepared(story_id, prepare(title, summary, language), seen, cluster_id)

    def add_prepared(self, story_id: int, prepared: Prepared, seen: datetime,
                     cluster_id: int | None = None) -> Judgement:
        """As `add`, from a print computed before (`stored.prepare`) or read back from storage."""
        if story_id in self._entries:
            raise ValueError(f"story {story_id} is already in the dedup window")
        print_, sign = prepared.fingerprint, prepared.signature
        seconds = seen.timestamp()
        if cluster_id is None:
            judgement = (self._judge(story_id, print_, stems_of(print_), seconds)
                         or self._judge_across(story_id, sign, seconds))
        else:
            judgement = Judgement(story_id, cluster_id, None, None)
        filing = Filed(tuple(stems_of(print_)), sign.keys, sign.language)
        self._insert(story_id, judgement.cluster_id, seconds, filing, prepared.data)
        return judgement

    def restore(self, story_id: int, data: bytes, seen: datetime, cluster_id: int) -> None:
        """Put back a stored story in its stored cluster, from its print's bytes (a start):
        only what it is filed under is read, the print is decoded when it is a candidate."""
        if story_id in self._entries:
            raise ValueError(f"story {story_id} is already in the dedup window")
        self._insert(story_id, cluster_id, seen.timestamp(), filed(data), data)

    def expire(self, now: datetime) -> int:
        """Drop the stories seen more than `window_hours` before `now`; return how many."""
        cutoff = (now - timedelta(hours=self.settings.window_hours)).timestamp()
        dropped = 0
        while self._expiry and self._expiry[0][0] < cutoff:
            seconds, story_id = heapq.heappop(self._expiry)
            entry = self._entries.get(story_id)
            if entry is not None and entry[1] == seconds:  # else discarded earlier
                self._remove(story_id)
                dropped += 1
        return dropped

    def discard(self, story_id: int) -> None:
        """Forget a story if present (its insert was rolled back); its expiry mark goes stale."""
        if story_id in self._entries:
            self._remove(story_id)

    def _judge(
        self, story_id: int, print_: Fingerprint, keys: frozenset[str], seconds: float
    ) -> Judgement | None:
        """The best match at or above the bar for its gap, if any."""
        best: tuple[float, int] | None = None
        for other in self._candidates(keys):
            gap = (seconds - self._entries[other][1]) / 3600
            score = similarity(print_, self._print(other), gap)
            passes = score >= threshold_at(self.settings.threshold, gap)
            if passes and (best is None or score > best[0]):
                best = (score, other)
                if score >= TOP_SCORE:
                    break  # no later candidate can do better than the first with the top
        if best is None:
            return None
        score, other = best
        return Judgement(story_id, self._entries[other][0], other, round(score, 1))

    def _judge_across(self, story_id: int, sign: Signature, seconds: float) -> Judgement:
        """The surest report of the same event in another language, or a new cluster.

        Its cluster must hold nothing the report contradicts: "EU-Ukraine summit ends" may
        match a French "leaders arrived in Kyiv" that joined the summit's opening.
        """
        scored: list[tuple[float, int]] = []
        linked: tuple[float, int] | None = None  # the best unmerged said score, its story
        for other in self._named_candidates(sign):
            gap = (seconds - self._entries[other][1]) / 3600
            score, said = cross_judged(sign, self._signature(other), gap)
            if score is not None:
                scored.append((score, other))
            elif said is not None and said >= LINK_BAR and (not linked or said > linked[0]):
                linked = (said, other)
        for score, other in sorted(scored, key=lambda item: -item[0]):
            cluster_id = self._entries[other][0]
            if not any(contradicts(sign, self._signature(member))
                       for member in self._members.get(cluster_id, ())):
                return Judgement(story_id, cluster_id, other, score)
        return Judgement(story_id, story_id, None, None, linked[1] if linked else None)

    def _named_candidates(self, sign: Signature) -> list[int]:
        """Stories in another language sharing most names, from the rarest names' postings."""
        foreign = self._foreign(sign.language)
        if not foreign or not self.settings.across_languages:
            return []
        held = sorted((self._named[n] for n in sign.keys if n in self._named), key=_holders)
        gathered = [_postings_in(by_language, foreign) for by_language in held]
        union, inside = _named_pool(held, gathered)
        postings = [posting for name in gathered for posting in name]
        latest = sorted(union, reverse=True)  # ties go to the latest: a stable sort keeps them
        best = sorted(latest, key=_overlaps(union, postings, inside).__getitem__, reverse=True)
        return best[:MAX_CANDIDATES]

    def _foreign(self, language: str) -> set[str]:
        """The window's languages that differ from `language`, asked once per language held,
        not once per story named alike: in a window of one language (a bot reading one) none, and
        the names' postings are not walked (2 s of a first poll of 1,000 English feeds)."""
        return {held for held in self._languages if languages_differ(language, held)}

    def _candidates(self, keys: frozenset[str]) -> list[int]:
        """The stories sharing most stems, drawn from the postings of the rarest stems.

        Stems too common to gather from cheaply ("ukraine") only rank: when a title holds
        nothing rarer, the pool is the most recent stories holding both of its two rarest
        stems, found by walking the rarer posting backwards (bounded work, and the likeliest
        matches: the bar rises with the time gap).
        """
        held = sorted(
            (self._postings[key] for key in keys if key in self._postings), key=len
        )
        postings, ranking = held[:RARE_KEYS], held
        union: set[int] = set()
        inside = 0  # how many of the rarest postings the pool is the union of
        for posting in postings:
            if len(posting) > COMMON_POSTING or len(union) >= COMMON_POSTING:
                break
            union.update(posting)
            inside += 1
        pool: Collection[int] = union
        scored = MAX_CANDIDATES
        if not pool and postings:
            pool = _recent_holders(postings[0], postings[1:2])
            ranking = held[2:]  # every pooled story holds the two rarest: no change in order
            scored = FALLBACK_CANDIDATES
        best = sorted(pool, key=_overlaps(pool, ranking, inside).__getitem__, reverse=True)
        return best[:scored]

    def _print(self, story_id: int) -> Fingerprint:
        """A story's print, decoded from its bytes each time it is scored (5 us) and dropped
        at once: it dies before the garbage collector walks it. A cache of the 4,096 latest
        (half its lookups hit) cost more than it saved: its prints, about 20 tracked objects
        each, were walked by young collections until evicted (1.8 s of the 13.6 s CPU the
        store step of a first poll of 1,000 feeds took; 11.1 s without the cache)."""
        return decode_print(self._entries[story_id][3])

    def _signature(self, story_id: int) -> Signature:
        """A story's signature, decoded from its bytes."""
        return decode_signature(self._entries[story_id][3])

    def _insert(self, story_id: int, cluster_id: int, seconds: float, filing: Filed,
                data: bytes) -> None:
        self._entries[story_id] = (cluster_id, seconds, sys.intern(filing.language), data)
        self._languages[filing.language] += 1
        heapq.heappush(self._expiry, (seconds, story_id))
        for key in filing.stems:
            self._postings.setdefault(key, {})[story_id] = None
        for name in filing.names:
            self._named.setdefault(name, {}).setdefault(filing.language, {})[story_id] = None
        self._members[cluster_id] = (*self._members.get(cluster_id, ()), story_id)

    def _remove(self, story_id: int) -> None:
        cluster_id, _, language, data = self._entries.pop(story_id)
        self._languages[language] -= 1
        if not self._languages[language]:
            del self._languages[language]
        filing = filed(data)
        _unpost(self._postings, filing.stems, story_id)
        for name in filing.names:
            _unpost(self._named[name], (language,), story_id)
            if not self._named[name]:
                del self._named[name]
        members = tuple(i for i in self._members[cluster_id] if i != story_id)
        if members:
            self._members[cluster_id] = members
        else:
            del self._members[cluster_id]


def _unpost(index: dict[str, dict[int, None]], keys: tuple[str, ...], story_id: int) -> None:
    """Take a story out of the postings of its keys, and drop the postings left empty."""
    for key in keys:
        posting = index[key]
        del posting[story_id]
        if not posting:
            del index[key]


def _holders(by_language: dict[str, dict[int, None]]) -> int:
    """How many stories of the window, in any language, name a name: how rare it is."""
    return sum(map(len, by_language.values()))


def _named_pool(held: list[dict[str, dict[int, None]]],
                gathered: list[list[dict[int, None]]]) -> tuple[set[int], int]:
    """The other languages' stories naming one of the rarest names (none too common), and
    how many of the gathered postings, from the first, that pool is the union of."""
    union: set[int] = set()
    inside = 0
    for by_language, postings in zip(held[:RARE_KEYS], gathered, strict=False):
        if _holders(by_language) > COMMON_POSTING:
            break
        union.update(*postings)
        inside += len(postings)
    return union, inside


def _postings_in(by_language: dict[str, dict[int, None]],
                 languages: set[str]) -> list[dict[int, None]]:
    """A name's postings in the given languages."""
    return [by_language[language] for language in languages & by_language.keys()]


def _recent_holders(rarest: dict[int, None], others: list[dict[int, None]]) -> list[int]:
    """The latest holders of the rarest stem that hold the next rarest too, newest first.

    Bounded work however common the stems, and the likeliest matches: the bar rises with
    the time between two stories (and the sort by overlap keeps the newest first on ties).
    """
    recent: Iterator[int] = itertools.islice(reversed(rarest), FALLBACK_SCAN)
    if others:
        recent = filter(others[0].__contains__, recent)
    return list(itertools.islice(recent, FALLBACK_POOL))


def _overlaps(pool: Collection[int], postings: list[dict[int, None]],
              inside: int = 0) -> Counter[int]:
    """How many of `postings` hold each story of `pool` (missing: 0); the first `inside` of
    them lie wholly within the pool (it is their union), so they are counted as they are.

    One count in C over the postings' members in the pool: a key view's intersection walks
    the smaller side, without a Python call per story (half the time of filtering the pool
    through each posting, which was 3 s of a first poll of 1,000 feeds).
    """
    held = [posting.keys() & pool for posting in postings[inside:]]
    return Counter(itertools.chain(*postings[:inside], *held))
