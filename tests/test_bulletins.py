"""Bulletins split into their stories; look-alikes stay whole (tests/data/bulletins)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.ingest.bulletins import split_bulletin
from bot.ingest.normalise import normalise_item
from bot.ingest.parse import Entry
from tests.support.bulletins import Case, load_cases, outcome, render_table, score

CASES = load_cases()
NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
FEED = "https://veilleur.example/rss"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_labelled_item_is_judged_as_labelled(case: Case) -> None:
    parts = split_bulletin(case.title, case.html)
    assert outcome(case, parts) in ("split correctly", "left whole correctly"), case.proves


def test_the_table_has_every_language_and_no_wrong_judgement() -> None:
    table = score(CASES)
    assert set(table) == {"en", "fr", "uk", "ru", "all"}
    assert table["all"]["split wrongly"] == table["all"]["left whole wrongly"] == 0
    assert "| all |" in render_table(table)


def seed(order: list[int], guid: str = "b-1") -> Entry:
    """The French seed-shaped bulletin with its stories in `order`."""
    [case] = [c for c in CASES if c.name == "fr_headline_paragraphs"]
    paragraphs = case.html.split("</p><p>")
    stories = [paragraphs[2 * i: 2 * i + 2] for i in range(3)]
    markup = "</p><p>".join(p for i in order for p in stories[i])
    if not markup.startswith("<p>"):
        markup = "<p>" + markup
    if not markup.endswith("</p>"):
        markup += "</p>"
    return Entry(guid, "https://veilleur.example/b/1", case.title, markup, NOW)


def test_parts_have_their_headline_body_fragment_link_and_the_item_source() -> None:
    stories = normalise_item(seed([0, 1, 2]), FEED, "Le Veilleur", "fr", NOW)
    assert [(s.part, s.parts) for s in stories] == [(1, 3), (2, 3), (3, 3)]
    assert stories[1].title == "Des drones russes traquent les civils à Kherson - ONU"
    assert stories[1].summary.startswith("Selon une mission de l'ONU")
    assert "OTAN" not in stories[1].summary
    assert stories[1].link == "https://veilleur.example/b/1#part-2"
    assert {s.source for s in stories} == {"Le Veilleur"} and len({s.key for s in stories}) == 3


def test_a_part_keeps_its_key_when_the_outlet_reorders_the_bulletin() -> None:
    before = {s.title: s.key for s in normalise_item(seed([0, 1, 2]), FEED, "V", "fr", NOW)}
    after = {s.title: s.key for s in normalise_item(seed([2, 0, 1]), FEED, "V", "fr", NOW)}
    assert before == after


def test_a_part_with_its_own_link_keeps_it() -> None:
    markup = ("<h2><a href='/news/odesa'>Power restored in three districts of Odesa</a></h2>"
              "<p>Engineers reconnected hospitals and water pumps after a night of repairs.</p>"
              "<h2><a href='/news/rada'>Parliament passes the winter budget amendment</a></h2>"
              "<p>Lawmakers voted to move funds towards generators for schools this winter.</p>")
    entry = Entry("w-1", "https://wire.example/briefing", "Briefing", markup, NOW)
    links = [s.link for s in normalise_item(entry, FEED, "Wire", "en", NOW)]
    assert links == ["https://wire.example/news/odesa", "https://wire.example/news/rada"]


def test_an_item_that_is_not_a_bulletin_keeps_its_key_and_link() -> None:
    [case] = [c for c in CASES if c.name == "fr_read_also"]
    entry = Entry("s-1", "https://veilleur.example/s/1", case.title, case.html, NOW)
    [story] = normalise_item(entry, FEED, "Le Veilleur", "fr", NOW)
    assert story.part is None and story.link == "https://veilleur.example/s/1"
    assert story.summary.endswith("dominé par la guerre en Ukraine.")  # "À lire aussi" dropped
