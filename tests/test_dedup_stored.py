"""The dedup window from stored prints: what one run stores, the next folds with, unchanged."""

from __future__ import annotations

import ast
import csv
import importlib
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils

from bot.core.config import DedupSettings
from bot.core.models import Story
from bot.dedup.index import DedupIndex
from bot.dedup.stored import (
    Filed,
    codec,
    decode,
    decode_print,
    decode_signature,
    filed,
    prepare,
    print_sources,
    stems_of,
)
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics
from bot.pipeline import Pipeline, load_window
from storage.stories import insert_story, start_cluster

PAIRS = Path(__file__).parent / "data" / "dedup_pairs.tsv"
T0 = datetime(2024, 6, 3, 8, 0, tzinfo=UTC)
LEAD = "Officials said on Thursday that the talks would go on."


def _titles() -> list[str]:
    with PAIRS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [row[side] for row in rows for side in ("a", "b")]


def _story(n: int, title: str, summary: str = "", language: str | None = None) -> Story:
    return Story(f"k{n}", "http://127.0.0.1/feed", "Baltic Wire", f"g{n}",
                 f"https://news.example/{n}", title, summary, T0, language)


def _pipeline(db: sqlite_utils.Database, index: DedupIndex) -> Pipeline:
    return Pipeline(db, index, Matcher(builtin_topics()))


def test_a_decoded_print_equals_the_computed_one() -> None:
    for title in _titles():
        for summary in ("", LEAD):
            computed = prepare(title, summary, None)
            assert decode(computed.data) == computed


def test_each_part_of_a_print_reads_back_alone() -> None:
    """A start reads only what a story is filed under, a candidate only its print or its
    signature: each part alone is what the whole print says, a lead or none, in any
    language (a Ukrainian title reads across languages)."""
    for title in [*_titles(), "Зеленський зустрівся з генсеком НАТО у Вільнюсі"]:
        for summary in ("", LEAD):
            computed = prepare(title, summary, None)
            print_, sign = computed.fingerprint, computed.signature
            assert filed(computed.data) == Filed(tuple(stems_of(print_)), sign.keys,
                                                 sign.language)
            assert decode_print(computed.data) == print_
            assert decode_signature(computed.data) == sign


def test_a_window_from_stored_prints_judges_as_the_one_that_judged_them() -> None:
    """A restart folds the same: the window put back from the stored bytes (and clusters)
    judges every later story as the window that never stopped."""
    titles = _titles()
    running, restarted = DedupIndex(DedupSettings()), DedupIndex(DedupSettings())
    for n, title in enumerate(titles[::2]):
        prepared = prepare(title, "", None)
        judged = running.add_prepared(n, prepared, T0)
        restarted.restore(n, prepared.data, T0, judged.cluster_id)
    for n, title in enumerate(titles[1::2], start=len(titles)):
        at = T0 + timedelta(hours=1)
        assert running.add(n, title, "", at) == restarted.add(n, title, "", at)


def test_a_story_put_back_at_start_leaves_the_window_when_it_expires(
        db: sqlite_utils.Database) -> None:
    _pipeline(db, DedupIndex(DedupSettings())).ingest(
        None, [_story(1, "Russian drones target Odesa port overnight")], T0)
    window = load_window(db, DedupSettings(window_hours=48), T0 + timedelta(hours=1))
    assert window.expire(T0 + timedelta(hours=49)) == 1 and len(window) == 0
    [late] = _pipeline(db, window).ingest(
        None, [_story(2, "Russian drones target Odesa port - Reuters")], T0 + timedelta(hours=50))
    assert (late.cluster_id, late.duplicate_of) == (late.id, None)


def test_an_id_back_after_a_rollback_is_judged_by_its_new_words() -> None:
    """The print decoded lately for a story goes with it: the id that comes back is another
    story, and folds as that one."""
    index = DedupIndex(DedupSettings())
    index.add(1, "Russian drones target Odesa port overnight", "", T0)
    index.add(2, "Russian drones target Odesa port - Reuters", "", T0)
    index.discard(1)
    index.add(1, "Summit opens in Vilnius with Ukraine on the agenda", "", T0)
    assert index.add(3, "Russian drones target Odesa port overnight", "", T0).duplicate_of == 2
    summit = index.add(4, "Summit opens in Vilnius with Ukraine on the agenda - AP", "", T0)
    assert summit.duplicate_of == 1


def test_a_story_scored_long_ago_still_folds_from_its_bytes() -> None:
    """Thousands of stories later, a version still finds it (its print read from its bytes)."""
    index = DedupIndex(DedupSettings())
    index.add(1, "Zelensky arrives in Washington for talks with Biden", "", T0)
    for n in range(2, 2000):
        index.add(n, f"Drone attack on village {n} in Sumy region", "", T0)
    again = index.add(0, "Zelensky arrives in Washington for talks with Biden - AP", "", T0)
    assert again.duplicate_of == 1


def test_after_a_restart_a_story_folds_with_the_one_stored_before(
        db: sqlite_utils.Database) -> None:
    [first] = _pipeline(db, DedupIndex(DedupSettings())).ingest(
        None, [_story(1, "Russian drones target Odesa port overnight")], T0)
    row = db.execute("SELECT dedup_codec FROM stories WHERE id = ?", [first.id]).fetchone()
    assert row[0] == codec()
    restarted = _pipeline(db, load_window(db, DedupSettings(), T0 + timedelta(minutes=30)))
    [second] = restarted.ingest(None, [_story(2, "Russian drones target Odesa port - Reuters")],
                                T0 + timedelta(minutes=30))
    assert (second.cluster_id, second.duplicate_of) == (first.id, first.id)


def test_a_row_stored_without_a_print_is_computed_and_written_back(
        db: sqlite_utils.Database) -> None:
    old = insert_story(db, _story(1, "Russian drones target Odesa port overnight"), None, T0)
    start_cluster(db, old, "Baltic Wire", T0)
    restarted = _pipeline(db, load_window(db, DedupSettings(), T0 + timedelta(minutes=30)))
    [later] = restarted.ingest(None, [_story(2, "Russian drones target Odesa port - Reuters")],
                               T0 + timedelta(minutes=30))
    assert later.duplicate_of == old
    data, written = db.execute("SELECT dedup_print, dedup_codec FROM stories WHERE id = ?",
                               [old]).fetchone()
    assert written == codec()
    assert decode(data) == prepare("Russian drones target Odesa port overnight", "", None)


def test_a_print_of_another_codec_is_recomputed(db: sqlite_utils.Database) -> None:
    [first] = _pipeline(db, DedupIndex(DedupSettings())).ingest(
        None, [_story(1, "Russian drones target Odesa port overnight")], T0)
    db.execute("UPDATE stories SET dedup_print = ?, dedup_codec = 'm4-older' WHERE id = ?",
               [b"not a print of today's code", first.id])
    restarted = _pipeline(db, load_window(db, DedupSettings(), T0 + timedelta(minutes=30)))
    [second] = restarted.ingest(None, [_story(2, "Russian drones target Odesa port - Reuters")],
                                T0 + timedelta(minutes=30))
    assert second.duplicate_of == first.id
    row = db.execute("SELECT dedup_codec FROM stories WHERE id = ?", [first.id]).fetchone()
    assert row[0] == codec()


def test_every_file_a_print_reads_names_the_codec() -> None:
    """A print computed by older code is never trusted: every bot module the print code
    imports, and the lexicon it reads, is hashed into the codec (else an upgrade of the
    lexicon would leave 200,000 stale prints judging new stories)."""
    sources = {path.resolve() for path in print_sources()}
    todo, seen = ["bot.dedup.stored"], set()
    while todo:
        module = importlib.import_module(todo.pop())
        seen.add(Path(str(module.__file__)).resolve())
        tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
        todo += [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                 and node.module and node.module.startswith("bot.")
                 and Path(str(importlib.import_module(node.module).__file__)).resolve()
                 not in seen]
    assert seen <= sources
    assert Path(str(importlib.import_module("bot.dedup").__file__)).with_name(
        "lexicon.tsv").resolve() in sources


def test_a_window_reads_its_word_lists_when_made_not_at_the_first_story() -> None:
    """The first story of a process must not build the lexicon and gazetteer (about 190 ms:
    a stall of the event loop while a batch is stored)."""
    code = ("from bot.core.config import DedupSettings; from bot.dedup.index import DedupIndex; "
            "from bot.dedup.lexicon import tables; from bot.dedup.names import gazetteer; "
            "DedupIndex(DedupSettings()); "
            "print(tables.cache_info().currsize, gazetteer.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parent.parent).stdout
    assert out.split() == ["1", "1"]
