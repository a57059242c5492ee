"""Near-duplicate judgement: the labelled headline pairs, and the window's behaviour."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.config import DedupSettings
from bot.dedup.index import DedupIndex, Judgement
from bot.dedup.text import normalise_title

PAIRS = Path(__file__).parent / "data" / "dedup_pairs.tsv"
T0 = datetime(2024, 6, 3, 8, 0, tzinfo=UTC)


def _pairs() -> list[dict[str, str]]:
    with PAIRS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


@pytest.mark.parametrize("pair", _pairs(), ids=lambda p: f"{p['label']}-{p['lang']}-{p['b'][:40]}")
def test_labelled_pair(pair: dict[str, str]) -> None:
    index = DedupIndex(DedupSettings())
    index.add(1, pair["a"], "", T0)
    judgement = index.add(2, pair["b"], "", _at(float(pair["gap_hours"])))
    assert (judgement.duplicate_of == 1) is (pair["label"] == "dup")


def test_labelled_set_is_large_and_mixed() -> None:
    pairs = _pairs()
    assert len(pairs) >= 100
    assert {p["lang"] for p in pairs} == {"en", "fr", "uk", "ru"}
    assert {p["label"] for p in pairs} == {"dup", "distinct"}


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("BREAKING: Five injured in Odesa strike - Reuters", "five injured in odesa strike"),
        ("Russian strike on Kharkiv | Kyiv Independent", "russian strike on kharkiv"),
        ("Зеленський прибув до Вашингтона – Укрінформ", "зеленськии прибув до вашингтона"),
        ("Обстріл Херсона (фото, відео)", "обстріл херсона"),
        ("EN DIRECT - Le sommet de l’OTAN s’ouvre", "le sommet de l'otan s'ouvre"),
        ("ОНОВЛЕНО. Удар по Києву: відео", "удар по києву"),
        ("Взрыв в Белгороде — ВИДЕО", "взрыв в белгороде"),
        ("UPDATE 2-Ukraine says talks stalled", "ukraine says talks stalled"),
        ("LIVE: Kherson - two killed in shelling", "kherson two killed in shelling"),
        ("Ukraine (NATO) summit", "ukraine nato summit"),
    ],
)
def test_normalise_title_removes_decorations_only(title: str, expected: str) -> None:
    assert normalise_title(title).replace("'", " ") == expected.replace("'", " ")


def test_new_cluster_is_named_after_its_first_story() -> None:
    index = DedupIndex(DedupSettings())
    first = index.add(10, "Russian drones target Odesa port overnight", "", T0)
    second = index.add(11, "Russian drones target Odesa port - Reuters", "", _at(1))
    assert first == Judgement(10, 10, None, None)
    assert (second.cluster_id, second.duplicate_of) == (10, 10)
    assert second.score is not None and second.score >= DedupSettings().threshold


def test_chain_joins_the_cluster_of_its_best_match() -> None:
    index = DedupIndex(DedupSettings())
    index.add(1, "Zelensky arrives in Washington for talks", "", T0)
    index.add(2, "Zelensky arrives in Washington for talks with Biden", "", _at(1))
    title = "Zelensky arrives in Washington for talks with Biden on air defence"
    third = index.add(3, title, "", _at(2))
    assert third.cluster_id == 1
    assert third.duplicate_of == 2


def test_expired_stories_leave_the_window() -> None:
    index = DedupIndex(DedupSettings(window_hours=48))
    index.add(1, "Explosions heard in Kyiv as air raid alert sounds", "", T0)
    index.add(2, "Power outages hit Kharkiv after overnight attack", "", _at(30))
    assert index.expire(_at(49)) == 1
    assert len(index) == 1 and 1 not in index
    late = index.add(3, "Explosions heard in Kyiv as air raid alert sounds", "", _at(50))
    assert late.duplicate_of is None and late.cluster_id == 3


def test_window_keeps_stories_younger_than_window_hours() -> None:
    index = DedupIndex(DedupSettings(window_hours=48))
    index.add(1, "Explosions heard in Kyiv as air raid alert sounds", "", T0)
    assert index.expire(_at(47)) == 0
    again = index.add(2, "Explosions heard in Kyiv as air raid alert sounds", "", _at(47))
    assert again.cluster_id == 1


def test_restore_from_storage_keeps_clusters_without_rejudging() -> None:
    index = DedupIndex(DedupSettings())
    restored = index.add(5, "Summit opens in Vilnius", "", T0, cluster_id=2)
    assert restored == Judgement(5, 2, None, None)
    again = index.add(6, "Summit opens in Vilnius - AP", "", _at(1))
    assert (again.cluster_id, again.duplicate_of) == (2, 5)


def test_same_story_twice_is_refused() -> None:
    index = DedupIndex(DedupSettings())
    index.add(1, "Summit opens in Vilnius", "", T0)
    with pytest.raises(ValueError, match="already"):
        index.add(1, "Summit opens in Vilnius", "", T0)


def test_short_title_is_judged_with_the_summary_lead() -> None:
    index = DedupIndex(DedupSettings())
    lead = "Blasts hit the Darnytsia district after a drone attack."
    index.add(1, "Explosions in Kyiv", lead, T0)
    other_lead = "A Russian missile hit a warehouse in the Podil district."
    other_event = index.add(2, "Explosions in Kyiv", other_lead, _at(3))
    same_event = index.add(3, "Explosions in Kyiv - Reuters", lead.rstrip("."), _at(1))
    assert other_event.duplicate_of is None
    assert same_event.duplicate_of == 1


def test_threshold_setting_is_honoured() -> None:
    strict = DedupIndex(DedupSettings(threshold=95))
    strict.add(1, "Power outages hit Kharkiv after overnight attack", "", T0)
    added = strict.add(2, "Power outages hit Kharkiv after overnight Russian attack", "", _at(1))
    assert added.duplicate_of is None


_SYLLABLES = [
    "bor", "kat", "lun", "mev", "nip", "rok", "sug", "tav", "vol", "zem", "dar", "fik", "gul",
    "hom", "jep", "wix", "lop", "mur", "nox", "bya",
]


def _village(number: int) -> str:
    """400 names, any two at least three letters apart: no typo of one another."""
    first, second = divmod(number, len(_SYLLABLES))
    return (_SYLLABLES[first % len(_SYLLABLES)] + _SYLLABLES[second]).capitalize()


def test_the_right_story_is_found_among_hundreds_worded_alike() -> None:
    index = DedupIndex(DedupSettings())
    for story_id in range(400):
        title = f"Drone attack on {_village(story_id)} village in Sumy region"
        assert index.add(story_id, title, "", T0).cluster_id == story_id
    title = f"Drone attack hits {_village(234)} village, Sumy region"
    judgement = index.add(999, title, "", _at(1))
    assert judgement.duplicate_of == 234


def test_discarded_story_leaves_the_window_and_its_id_can_come_back() -> None:
    index = DedupIndex(DedupSettings())
    index.add(1, "Explosions heard in Kyiv as air raid alert sounds", "", T0)
    index.discard(1)
    index.discard(1)  # absent: nothing happens
    assert 1 not in index and len(index) == 0
    alone = index.add(2, "Explosions heard in Kyiv as air raid alert sounds", "", _at(1))
    assert alone.duplicate_of is None
    back = index.add(1, "Explosions heard in Kyiv as air raid alert sounds", "", _at(40))
    assert back.duplicate_of == 2
    assert index.expire(_at(49.5)) == 1  # story 2; story 1's first, discarded stay is no cue
    assert 1 in index and 2 not in index


@pytest.mark.parametrize("others", [10, 700])
def test_misspelt_place_is_found_however_common_the_other_words(others: int) -> None:
    """Every other stem held by hundreds of stories: the newest holders are still scored."""
    index = DedupIndex(DedupSettings())
    for story_id in range(others):
        title = f"Drone attack on {_village(story_id % 400)} village in Sumy region"
        index.add(story_id, title, "", T0 + timedelta(seconds=story_id))
    index.add(5000, "Drone attack on Zemqux village in Sumy region", "", _at(1))
    judgement = index.add(5001, "Drone attack on Zemqxu village in Sumy region", "", _at(2))
    assert judgement.duplicate_of == 5000
