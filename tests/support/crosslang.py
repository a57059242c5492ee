"""Our labelled events in four languages, as pairs to judge: one event's reports in two
languages should merge, two events' reports (in any languages) never. Read by
tests/test_crosslang.py and benchmarks/crosslang.py."""

from __future__ import annotations

import csv
import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.core.config import DedupSettings
from bot.dedup.index import DedupIndex

EVENTS = Path(__file__).resolve().parents[1] / "data" / "crosslang_events.tsv"
T0 = datetime(2024, 6, 3, 6, 0, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Report:
    """One outlet's headline of an event, in its language, at its hour."""

    group: str
    event: str
    at: datetime
    lang: str
    title: str


@dataclass(frozen=True, slots=True)
class Pair:
    """Two reports, the earlier first, and whether they are one event."""

    first: Report
    second: Report
    same: bool

    @property
    def languages(self) -> str:
        return "-".join(sorted((self.first.lang, self.second.lang), key=LANGS.index))


LANGS = ["en", "fr", "uk", "ru"]


def reports() -> list[Report]:
    with EVENTS.open(encoding="utf-8", newline="") as handle:
        return [Report(row["group"], row["event"], T0 + timedelta(hours=float(row["hours"])),
                       row["lang"], row["title"]) for row in csv.DictReader(handle, delimiter="\t")]


def pairs() -> list[Pair]:
    """Same event in two languages (should merge); two events in any languages (never)."""
    found = []
    for a, b in itertools.combinations(sorted(reports(), key=lambda r: r.at), 2):
        if a.event != b.event or a.lang != b.lang:
            found.append(Pair(a, b, a.event == b.event))
    return found


def merged(pair: Pair) -> bool:
    """The two reports through a fresh window, as the bot would see them: one cluster?"""
    index = DedupIndex(DedupSettings())
    index.add(1, pair.first.title, "", pair.first.at, language=pair.first.lang)
    return index.add(2, pair.second.title, "", pair.second.at,
                     language=pair.second.lang).cluster_id == 1


def shown_perhaps(pair: Pair) -> bool:
    """The second report through a fresh window after the first: shown beside it as perhaps
    the same event (not merged)?"""
    index = DedupIndex(DedupSettings())
    index.add(1, pair.first.title, "", pair.first.at, language=pair.first.lang)
    return index.add(2, pair.second.title, "", pair.second.at,
                     language=pair.second.lang).perhaps == 1


def clusters(*reports: tuple[str, str]) -> list[int]:
    """The cluster each (headline, language) joins, told ten minutes apart in this order."""
    index = DedupIndex(DedupSettings())
    return [index.add(n, title, "", T0 + timedelta(minutes=10 * n), language=lang).cluster_id
            for n, (title, lang) in enumerate(reports)]
