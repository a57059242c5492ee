"""Dedup throughput and recall: Vigie's indexed window against a naive scan of the window.

Generates 10,000 and 100,000 stories a day over a 48 h window (so windows of 20,000 and
200,000 stories): events with several outlets' versions (source suffixes, reordering, typos,
accents, casing, a word added, an updated figure) and same-place follow-ups that are other
stories. The window is filled the way `vigie run` rebuilds it from SQLite at start (stored
cluster ids given, nothing judged; its rate is printed; a full collection is timed with the
window frozen as start leaves it, and unfrozen, as once it has turned over), then new stories
arrive: Vigie judges
each through its index; the naive baseline runs `rapidfuzz.process.extractOne`
(token_set_ratio >= 85) over every normalised title in the window, on a sample of the new
stories (it is too slow for all). A garbage collection settles the fill before timing: in a
running bot a full pass comes every ~50k stories, so one landing in a short timed run would
count it 20 times over.
Recall against naive: of the sampled stories for which the naive scan found a true duplicate
(same generated event), the share Vigie also merged with that event. Usage:

    .venv/bin/python benchmarks/dedup.py [--new 3000] [--naive-sample 200]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.core.config import DedupSettings  # noqa: E402
from bot.core.models import Story  # noqa: E402
from bot.dedup.index import DedupIndex, Judgement  # noqa: E402
from bot.dedup.stored import codec, prepare  # noqa: E402
from bot.dedup.text import normalise_title  # noqa: E402
from bot.engine import settle_heap  # noqa: E402
from bot.pipeline import load_window  # noqa: E402
from storage.db import open_database, transaction  # noqa: E402
from storage.stories import DedupPrint, insert_story, start_cluster  # noqa: E402

T0 = datetime(2024, 6, 1, tzinfo=UTC)
SYLLABLES = [c + v for c in "bdhklmnprstvz" for v in "aeiou"]  # 65 syllables, 3-4 a name
ACTORS = ["Russian", "Ukrainian", "NATO", "EU", "Polish", "German", "French", "US", "Belarusian"]
ACTIONS = ["strike hits", "drones attack", "shelling damages", "missile destroys", "troops enter",
           "officials visit", "blast rocks", "fire breaks out at", "evacuation ordered from",
           "power cut in", "partisans sabotage", "air defence downs drones over"]
OBJECTS = ["power plant", "rail depot", "school", "hospital", "port", "bridge", "market",
           "fuel depot", "airfield", "grain terminal", "apartment block", "substation"]
OUTLETS = [" - Reuters", " | Kyiv Independent", " – Ukrinform", " - AP", " (video)", ""]
WORDS = ["injured", "killed", "evacuated", "missing"]


@dataclass(frozen=True, slots=True)
class Item:
    story_id: int
    event: int
    title: str
    published: datetime


def place(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((3, 4)))).capitalize()


def new_place(rng: random.Random, used: set[str]) -> str:
    """A place no earlier event had: two events at one place in the same words are one story
    to any reader (only 65^3 three-syllable names: they came up twice in the 200k window)."""
    where = place(rng)
    while where in used:
        where = place(rng)
    used.add(where)
    return where


def typo(rng: random.Random, title: str) -> str:
    i = rng.randrange(1, len(title) - 1)
    return title[:i] + title[i + 1] + title[i] + title[i + 2 :]


def variant(rng: random.Random, title: str, figure: int) -> str:
    """Another outlet's version of one headline."""
    edit = rng.randrange(6)
    if edit == 0:
        title = title.lower()
    elif edit == 1:
        title = typo(rng, title)
    elif edit == 2:
        title = title.replace(str(figure), str(figure + rng.randint(1, 4)))
    elif edit == 3:
        head, _, tail = title.partition(": ")
        title = f"{tail}: {head}" if tail else f"BREAKING: {title}"
    elif edit == 4:
        title = title.replace("e", "é", 1) + " overnight"
    return title + rng.choice(OUTLETS)


def follow_up(rng: random.Random, where: str, told: str) -> str:
    """Another story at the same place, never the event's own words without its figure:
    that one would be the same story, whatever its label said."""
    while True:
        other = f"{rng.choice(ACTORS)} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)}"
        if other != told:
            return f"{where}: {other}"


def generate(per_day: int, hours: float, seed: int) -> list[Item]:
    """Stories over `hours`: events told by 1-4 outlets, and follow-ups that are new events."""
    rng = random.Random(seed)
    items: list[Item] = []
    event, places = 0, set[str]()
    total = int(per_day * hours / 24)
    while len(items) < total:
        event += 1
        where, figure = new_place(rng, places), rng.randint(2, 40)
        actor, action, obj = rng.choice(ACTORS), rng.choice(ACTIONS), rng.choice(OBJECTS)
        title = f"{where}: {actor} {action} {obj}, {figure} {rng.choice(WORDS)}"
        start = T0 + timedelta(hours=rng.uniform(0, hours))
        for copy in range(rng.choice((1, 1, 2, 3, 4))):
            text = title if copy == 0 else variant(rng, title, figure)
            items.append(Item(len(items) + 1, event, text, start + timedelta(minutes=30 * copy)))
        if rng.random() < 0.3:  # a follow-up at the same place: another story
            event += 1
            other = follow_up(rng, where, f"{actor} {action} {obj}")
            items.append(Item(len(items) + 1, event, other, start + timedelta(hours=6)))
    items.sort(key=lambda item: item.published)
    return items[:total]


def start_from_sqlite(window: list[Item], path: Path) -> dict[str, float]:
    """The start `vigie run` makes: a SQLite file holding the window's stories, each with the
    print the pipeline stores, read back into the window (`load_window`, then `settle_heap`).
    The baseline is computing every print again, what a start did before prints were stored."""
    db = open_database(path)
    started = time.process_time()
    prints = [prepare(item.title, "", None) for item in window]
    recompute = time.process_time() - started
    first_of: dict[int, int] = {}  # event -> its cluster, named after its first story
    with transaction(db):
        for item, prepared in zip(window, prints, strict=True):
            story = Story(f"k{item.story_id}", "http://127.0.0.1/feed", "Wire",
                          f"g{item.story_id}", None, item.title, "", item.published)
            story_id = insert_story(db, story, None, item.published,
                                    DedupPrint(prepared.data, codec()))
            if item.event not in first_of:
                first_of[item.event] = start_cluster(db, story_id, "Wire", item.published)
            db.execute("UPDATE stories SET cluster_id = ? WHERE id = ?",
                       [first_of[item.event], story_id])
    del prints
    now = window[-1].published
    gc.collect()
    gc.freeze()  # the benchmark's own data aside: what a collection walks is the window
    started = time.perf_counter()
    cpu = time.process_time()
    index = load_window(db, DedupSettings(), now)
    settle_heap()
    start, start_cpu = time.perf_counter() - started, time.process_time() - cpu
    pause = _gc_pause()
    del index
    gc.unfreeze()
    gc.collect()
    gc.freeze()  # the benchmark's data again, not the window: as once it has turned over
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = load_window(db, DedupSettings(), now)
    size = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    unfrozen = _gc_pause()
    del kept
    gc.unfreeze()
    return {"start_s": start, "start_cpu_s": start_cpu, "recompute_cpu_s": recompute,
            "kb_per_story": size / len(window) / 1024, "gc_pause_ms": pause,
            "unfrozen_gc_pause_ms": unfrozen}


def _gc_pause() -> float:
    """How long a full collection pauses the process now, in ms."""
    started = time.perf_counter()
    gc.collect()
    return (time.perf_counter() - started) * 1000


def _naive_finds_event(
    item: Item, titles: list[str], window_ids: list[int], event_of: dict[int, int]
) -> bool:
    """Whether the naive scan (token_set_ratio >= 85) holds a story of the same event."""
    matches = process.extract(
        normalise_title(item.title), titles, scorer=fuzz.token_set_ratio, score_cutoff=85,
        limit=None,
    )
    return any(event_of[window_ids[m[2]]] == item.event for m in matches)


def run(per_day: int, new: int, sample: int, seed: int) -> dict[str, Any]:
    """Fill a 48 h window, then time Vigie and the naive scan on the stories that follow."""
    stories = generate(per_day, 50 + 24 * new / per_day, seed)
    cutoff = T0 + timedelta(hours=48)
    window = [item for item in stories if item.published < cutoff]
    fresh = [item for item in stories if item.published >= cutoff][:new]
    event_of = {item.story_id: item.event for item in stories}
    with tempfile.TemporaryDirectory() as folder:
        start = start_from_sqlite(window, Path(folder) / "vigie.db")
    print(f"{per_day:>7}/day  start from SQLite {start['start_s']:.2f} s wall, "
          f"{start['start_cpu_s']:.2f} s CPU (computing every print again: "
          f"{start['recompute_cpu_s']:.1f} s CPU, "
          f"{start['recompute_cpu_s'] / start['start_cpu_s']:.1f}x); "
          f"{start['kb_per_story']:.2f} KB a story; full collection after start "
          f"{start['gc_pause_ms']:.1f} ms "
          f"(window unfrozen: {start['unfrozen_gc_pause_ms']:.1f} ms)")
    index = DedupIndex(DedupSettings())
    started = time.perf_counter()
    for item in window:
        index.add(item.story_id, item.title, "", item.published, cluster_id=item.event)
    fill = time.perf_counter() - started
    gc.collect()  # settle the fill's garbage: a full pass is due every ~50k stories, not here
    titles = [normalise_title(item.title) for item in window]
    window_ids = [item.story_id for item in window]
    times, judged = [], {}
    for item in fresh:
        started = time.perf_counter()
        judged[item.story_id] = index.add(item.story_id, item.title, "", item.published)
        times.append(time.perf_counter() - started)
    naive_times, found, kept = [], 0, 0
    for item in random.Random(seed).sample(fresh, sample):
        started = time.perf_counter()
        best = process.extractOne(
            normalise_title(item.title), titles, scorer=fuzz.token_set_ratio, score_cutoff=85
        )
        naive_times.append(time.perf_counter() - started)
        if best is not None and _naive_finds_event(item, titles, window_ids, event_of):
            found += 1
            match = judged[item.story_id].duplicate_of
            kept += match is not None and event_of[match] == item.event
    vigie_mean, naive_mean = statistics.fmean(times), statistics.fmean(naive_times)
    quantiles = statistics.quantiles(times, n=100)
    result: dict[str, Any] = {
        "window": len(window), "fill_s": fill, "vigie_per_s": 1 / vigie_mean,
        "naive_per_s": 1 / naive_mean, "speedup": naive_mean / vigie_mean,
        "p50_ms": quantiles[49] * 1000, "p99_ms": quantiles[98] * 1000,
        "naive_p50_ms": statistics.median(naive_times) * 1000,
        "naive_p99_ms": statistics.quantiles(naive_times, n=100)[98] * 1000,
        "recall_vs_naive": kept / found if found else 1.0, "naive_found": found,
        **merge_counts(fresh, judged, {item.story_id: item for item in stories}), **start,
    }
    print(f"{per_day:>7}/day  window {len(window):>7}  restore {fill:5.1f} s "
          f"({len(window) / fill:,.0f}/s)  "
          f"vigie {result['vigie_per_s']:8.0f}/s p50 {result['p50_ms']:.3f} ms "
          f"p99 {result['p99_ms']:.3f} ms | naive ({sample} sampled) "
          f"{result['naive_per_s']:7.1f}/s p50 {result['naive_p50_ms']:.1f} ms "
          f"p99 {result['naive_p99_ms']:.1f} ms | speedup {result['speedup']:.0f}x | "
          f"recall vs naive {kept}/{found}")
    print(f"{'':>12}Vigie folded {result['merged']} of {len(fresh)} new stories; "
          f"{result['wrong_merges']} of those into another event's story (an alert lost): "
          + ", ".join(f"{n} {cause}" for cause, n in result["wrong_merges_by_cause"].items()))
    return result


def merge_counts(fresh: list[Item], judged: dict[int, Judgement], by_id: dict[int, Item]
                 ) -> dict[str, object]:
    """How many new stories Vigie folded, and how many into a story of another event, by cause."""
    merged = [item for item in fresh if judged[item.story_id].duplicate_of is not None]
    wrong = [(item, by_id[judged[item.story_id].duplicate_of or 0]) for item in merged]
    wrong = [(item, other) for item, other in wrong if other.event != item.event]
    causes = Counter(_cause(item.title, other.title) for item, other in wrong)
    return {"merged": len(merged), "wrong_merges": len(wrong),
            "wrong_merges_by_cause": dict(causes.most_common())}


TAIL_PLACE = re.compile(r": [A-Z][a-z]+(?: [-|–(].*)?$")  # variant(): "…, 5 killed: Kherson - AP"
DATELINE = re.compile(r"^[A-Za-z]+: ")  # generate(): "Kherson: …", lowercased or not


def _cause(new: str, old: str) -> str:
    """Why two generated stories of two events folded, told by the shape of their titles."""
    if TAIL_PLACE.search(new) or TAIL_PLACE.search(old):
        return "place after the colon"  # not read as a name: the swap is one word changed
    if not DATELINE.match(new) or not DATELINE.match(old):
        return "typo at the dateline"  # "Kherson :Russian", "Kherso:n Russian": no dateline
    if new.partition(":")[0].lower() == old.partition(":")[0].lower():
        return "same place"
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--new", type=int, default=3000, help="new stories timed for Vigie")
    parser.add_argument("--naive-sample", type=int, default=200, help="new stories for naive")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    small = run(10_000, args.new, args.naive_sample, args.seed)
    large = run(100_000, args.new, args.naive_sample, args.seed)
    found = small["naive_found"] + large["naive_found"]
    kept = (small["recall_vs_naive"] * small["naive_found"]
            + large["recall_vs_naive"] * large["naive_found"])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "speedup_10k": round(small["speedup"], 1), "speedup_100k": round(large["speedup"], 1),
        "recall_vs_naive": round(kept / found, 4) if found else 1.0,
        "p99_ms_100k": round(large["p99_ms"], 3), "peak_mb": round(peak_mb, 1),
        "wrong_merges": small["wrong_merges"] + large["wrong_merges"],
        "wrong_merges_by_cause": dict(Counter(small["wrong_merges_by_cause"])
                                      + Counter(large["wrong_merges_by_cause"])),
        "merged": small["merged"] + large["merged"],
        "start_s_200k": round(large["start_s"], 2),
        "kb_per_story": round(large["kb_per_story"], 2),
        "max_gc_pause_ms": round(max(run[key] for run in (small, large)
                                     for key in ("gc_pause_ms", "unfrozen_gc_pause_ms")), 1),
    }))


if __name__ == "__main__":
    main()
