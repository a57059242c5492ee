"""Near-duplicate clustering over a sliding window of recent stories, in memory.

A new story is scored (`bot.dedup.score.similarity`) only against the few stories that share
one of its rarest stems, found through an inverted index, never against the whole window.
It joins the cluster of its best match at or above the threshold for their time gap, or
starts a cluster named after itself. When nothing in the window is worded alike, a report in
another language may still join the cluster of the same event, judged by the names, places and
figures both hold (`bot.dedup.crosslang`), found through a second index, from names to stories.
Storage rebuilds the window at start by adding the
stored stories, oldest first, with their stored cluster ids (no re-judging).
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.config import DedupSettings
from bot.dedup.crosslang import Signature, contradicts, cross_score, languages_differ
from bot.dedup.score import Fingerprint, similarity, threshold_at
from bot.dedup.stored import Prepared, prepare

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


@dataclass(frozen=True, slots=True)
class _Entry:
    story_id: int
    cluster_id: int
    seen: datetime
    fingerprint: Fingerprint
    keys: frozenset[str]
    seconds: float
    """`seen` as a timestamp: time gaps by one subtraction."""
    signature: Signature


class DedupIndex:
    """The window of recent stories and an inverted index from stems to story ids."""

    def __init__(self, settings: DedupSettings) -> None:
        self.settings = settings
        self._entries: dict[int, _Entry] = {}
        self._postings: dict[str, dict[int, None]] = {}
        """Stem -> the ids of the stories holding it, in insertion order (oldest first)."""
        self._expiry: list[tuple[datetime, int]] = []
        self._named: dict[str, dict[int, None]] = {}
        self._members: dict[int, dict[int, None]] = {}
        """Cluster id -> the ids of its stories in the window (a report joining across
        languages must contradict none of them)."""
        """Name id -> the ids of the stories naming it, oldest first (cross-language)."""

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
        keys = print_.context.stem_set if print_.short else print_.title.stem_set
        seconds = seen.timestamp()
        if cluster_id is None:
            judgement = (self._judge(story_id, print_, keys, seconds)
                         or self._judge_across(story_id, sign, seconds))
        else:
            judgement = Judgement(story_id, cluster_id, None, None)
        self._insert(_Entry(story_id, judgement.cluster_id, seen, print_, keys, seconds, sign))
        return judgement

    def expire(self, now: datetime) -> int:
        """Drop the stories seen more than `window_hours` before `now`; return how many."""
        cutoff = now - timedelta(hours=self.settings.window_hours)
        dropped = 0
        while self._expiry and self._expiry[0][0] < cutoff:
            seen, story_id = heapq.heappop(self._expiry)
            entry = self._entries.get(story_id)
            if entry is not None and entry.seen == seen:  # else discarded earlier
                self._remove(entry)
                dropped += 1
        return dropped

    def discard(self, story_id: int) -> None:
        """Forget a story if present (its insert was rolled back); its expiry mark goes stale."""
        entry = self._entries.get(story_id)
        if entry is not None:
            self._remove(entry)

    def _judge(
        self, story_id: int, print_: Fingerprint, keys: frozenset[str], seconds: float
    ) -> Judgement | None:
        """The best match at or above the bar for its gap, if any."""
        best: tuple[float, _Entry] | None = None
        for entry in self._candidates(keys):
            gap = (seconds - entry.seconds) / 3600
            score = similarity(print_, entry.fingerprint, gap)
            passes = score >= threshold_at(self.settings.threshold, gap)
            if passes and (best is None or score > best[0]):
                best = (score, entry)
        if best is None:
            return None
        score, entry = best
        return Judgement(story_id, entry.cluster_id, entry.story_id, round(score, 1))

    def _judge_across(self, story_id: int, sign: Signature, seconds: float) -> Judgement:
        """The surest report of the same event in another language, or a new cluster.

        Its cluster must hold nothing the report contradicts: "EU-Ukraine summit ends" may
        match a French "leaders arrived in Kyiv" that joined the summit's opening.
        """
        scored: list[tuple[float, _Entry]] = []
        for entry in self._named_candidates(sign):
            score = cross_score(sign, entry.signature, (seconds - entry.seconds) / 3600)
            if score is not None:
                scored.append((score, entry))
        for score, entry in sorted(scored, key=lambda item: -item[0]):
            if not any(contradicts(sign, self._entries[member].signature)
                       for member in self._members.get(entry.cluster_id, ())):
                return Judgement(story_id, entry.cluster_id, entry.story_id, score)
        return Judgement(story_id, story_id, None, None)

    def _named_candidates(self, sign: Signature) -> list[_Entry]:
        """Stories in another language sharing most names, from the rarest names' postings."""
        held = sorted((self._named[n] for n in sign.keys if n in self._named), key=len)
        if not held or not self.settings.across_languages:
            return []
        union: set[int] = set()
        for posting in held[:RARE_KEYS]:
            if len(posting) > COMMON_POSTING:
                break
            union.update(posting)
        others = [i for i in union
                  if languages_differ(sign.language, self._entries[i].signature.language)]
        best = sorted(others, key=_overlaps(others, held).__getitem__, reverse=True)
        return [self._entries[i] for i in best[:MAX_CANDIDATES]]

    def _candidates(self, keys: frozenset[str]) -> list[_Entry]:
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
        for posting in postings:
            if len(posting) > COMMON_POSTING or len(union) >= COMMON_POSTING:
                break
            union.update(posting)
        pool: Collection[int] = union
        scored = MAX_CANDIDATES
        if not pool and postings:
            pool = _recent_holders(postings[0], postings[1:2])
            ranking = held[2:]  # every pooled story holds the two rarest: no change in order
            scored = FALLBACK_CANDIDATES
        best = sorted(pool, key=_overlaps(pool, ranking).__getitem__, reverse=True)
        return [self._entries[i] for i in best[:scored]]

    def _insert(self, entry: _Entry) -> None:
        self._entries[entry.story_id] = entry
        heapq.heappush(self._expiry, (entry.seen, entry.story_id))
        for key in entry.keys:
            self._postings.setdefault(key, {})[entry.story_id] = None
        for name in entry.signature.keys:
            self._named.setdefault(name, {})[entry.story_id] = None
        self._members.setdefault(entry.cluster_id, {})[entry.story_id] = None

    def _remove(self, entry: _Entry) -> None:
        del self._entries[entry.story_id]
        for key in entry.keys:
            posting = self._postings[key]
            del posting[entry.story_id]
            if not posting:
                del self._postings[key]
        for name in entry.signature.keys:
            named = self._named[name]
            del named[entry.story_id]
            if not named:
                del self._named[name]
        members = self._members[entry.cluster_id]
        del members[entry.story_id]
        if not members:
            del self._members[entry.cluster_id]


def _recent_holders(rarest: dict[int, None], others: list[dict[int, None]]) -> list[int]:
    """The latest holders of the rarest stem that hold the next rarest too, newest first.

    Bounded work however common the stems, and the likeliest matches: the bar rises with
    the time between two stories (and the sort by overlap keeps the newest first on ties).
    """
    recent: Iterator[int] = itertools.islice(reversed(rarest), FALLBACK_SCAN)
    if others:
        recent = filter(others[0].__contains__, recent)
    return list(itertools.islice(recent, FALLBACK_POOL))


def _overlaps(pool: Collection[int], postings: list[dict[int, None]]) -> Counter[int]:
    """How many of `postings` hold each story of `pool` (missing: 0).

    Intersecting key views and counting run in C: far cheaper than intersecting every
    pooled story's stems with the new story's one by one.
    """
    counts: Counter[int] = Counter()
    for posting in postings:
        counts.update(filter(posting.__contains__, pool))
    return counts
