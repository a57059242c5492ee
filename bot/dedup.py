"""Near-duplicate clustering over a sliding window of recent stories, in memory.

A new story is scored (`bot.dedup_score.similarity`) only against the few stories that share
one of its rarest stems, found through an inverted index, never against the whole window.
It joins the cluster of its best match at or above the threshold for their time gap, or
starts a cluster named after itself. Storage rebuilds the window at start by adding the
stored stories, oldest first, with their stored cluster ids (no re-judging).
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.dedup_score import Fingerprint, fingerprint, similarity, threshold_at

RARE_KEYS = 4
"""How many of a story's rarest stems are looked up to find candidates."""

MAX_CANDIDATES = 16
"""Candidates scored per story: those sharing the most looked-up stems."""

COMMON_POSTING = 500
"""A stem held by more stories than this is too common to gather candidates from alone."""


@dataclass(frozen=True, slots=True)
class DedupSettings:
    """`[dedup]` settings: the score (0-100) to join a cluster at a 0 h gap, and the window."""

    threshold: float = 60.0
    window_hours: float = 48.0


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
    published: datetime
    fingerprint: Fingerprint
    keys: frozenset[str]


class DedupIndex:
    """The window of recent stories and an inverted index from stems to story ids."""

    def __init__(self, settings: DedupSettings) -> None:
        self.settings = settings
        self._entries: dict[int, _Entry] = {}
        self._postings: dict[str, set[int]] = {}
        self._expiry: list[tuple[datetime, int]] = []

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, story_id: object) -> bool:
        return story_id in self._entries

    def add(
        self, story_id: int, title: str, summary: str, published: datetime,
        cluster_id: int | None = None,
    ) -> Judgement:
        """Judge a story against the window, then insert it; a given `cluster_id` restores it."""
        if story_id in self._entries:
            raise ValueError(f"story {story_id} is already in the dedup window")
        print_ = fingerprint(title, summary)
        keys = frozenset(print_.context.stems if print_.short else print_.title.stems)
        if cluster_id is None:
            judgement = self._judge(story_id, print_, keys, published)
        else:
            judgement = Judgement(story_id, cluster_id, None, None)
        self._insert(_Entry(story_id, judgement.cluster_id, published, print_, keys))
        return judgement

    def expire(self, now: datetime) -> int:
        """Drop the stories published more than `window_hours` before `now`; return how many."""
        cutoff = now - timedelta(hours=self.settings.window_hours)
        dropped = 0
        while self._expiry and self._expiry[0][0] < cutoff:
            _, story_id = heapq.heappop(self._expiry)
            self._remove(self._entries.pop(story_id))
            dropped += 1
        return dropped

    def _judge(
        self, story_id: int, print_: Fingerprint, keys: frozenset[str], published: datetime
    ) -> Judgement:
        """The best match at or above the bar for its gap, or a new cluster."""
        best: tuple[float, _Entry] | None = None
        for entry in self._candidates(keys):
            gap = (published - entry.published).total_seconds() / 3600
            score = similarity(print_, entry.fingerprint, gap)
            passes = score >= threshold_at(self.settings.threshold, gap)
            if passes and (best is None or score > best[0]):
                best = (score, entry)
        if best is None:
            return Judgement(story_id, story_id, None, None)
        score, entry = best
        return Judgement(story_id, entry.cluster_id, entry.story_id, round(score, 1))

    def _candidates(self, keys: frozenset[str]) -> list[_Entry]:
        """The stories sharing most stems, drawn from the postings of the rarest stems.

        Stems too common to gather from cheaply ("ukraine") only rank: when a title holds
        nothing rarer, the pool is the stories holding both of its two rarest stems.
        """
        postings = sorted(
            (self._postings[key] for key in keys if key in self._postings), key=len
        )[:RARE_KEYS]
        pool: set[int] = set()
        for posting in postings:
            if len(posting) > COMMON_POSTING or len(pool) >= COMMON_POSTING:
                break
            pool.update(posting)
        if not pool and postings:
            both = postings[0].intersection(*postings[1:2])
            pool = set(itertools.islice(both, COMMON_POSTING))
        entries = [self._entries[i] for i in pool]
        return heapq.nlargest(MAX_CANDIDATES, entries, key=lambda e: len(e.keys & keys))

    def _insert(self, entry: _Entry) -> None:
        self._entries[entry.story_id] = entry
        heapq.heappush(self._expiry, (entry.published, entry.story_id))
        for key in entry.keys:
            self._postings.setdefault(key, set()).add(entry.story_id)

    def _remove(self, entry: _Entry) -> None:
        for key in entry.keys:
            posting = self._postings[key]
            posting.discard(entry.story_id)
            if not posting:
                del self._postings[key]

