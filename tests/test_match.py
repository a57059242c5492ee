"""The compiled index: same answers as the reference evaluator, spans, live updates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.errors import FilterSyntaxError
from bot.core.text import words
from bot.match.filters import FilterExpr, evaluate, parse_filter
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics


def matcher_with(*exprs: str) -> Matcher:
    matcher = Matcher(builtin_topics())
    for filter_id, expr in enumerate(exprs):
        matcher.add_filter(filter_id, parse_filter(expr))
    return matcher


@pytest.mark.parametrize(
    ("title", "summary", "kind", "name", "field", "bold"),
    [
        ("Sommet de l’OTAN à Vilnius", "", "topic", "nato", "title", "OTAN"),
        ("Frontline news", "Обстріл Херсонщини триває", "topic", "kherson", "summary",
         "Херсонщини"),
        ("Від Херсонеса до Херсона", "", "topic", "kherson", "title", "Херсона"),
        ("Straße", "Cafe\u0301 in Kherson", "topic", "kherson", "summary", "Kherson"),
        ("Die OSZE warnt", "", "topic", "osce", "title", "OSZE"),
        ("Beim NATO-Gipfel", "", "topic", "nato", "title", "NATO"),
        ("Kherson: the power plant", "", "filter", "1", "title", "power plant"),
        ("A CAFE\u0301 near Zaporizhzhia", "", "filter", "2", "title", "CAFE\u0301"),
    ],
)
def test_match_gives_the_span_in_the_original_text(
    title: str, summary: str, kind: str, name: str, field: str, bold: str
) -> None:
    found = matcher_with("drone", '"power plant"', "café").match(title, summary)
    spans = [m for m in found.matches() if (m.kind, m.name) == (kind, name)]
    assert len(spans) == 1
    match = spans[0]
    text = title if match.field == "title" else summary
    assert (match.field, text[match.start:match.end]) == (field, bold)


def test_filter_span_prefers_the_title() -> None:
    found = matcher_with("drone kherson").match("Kherson today", "A drone was seen")
    match = found.filter_match(0)
    assert match is not None and (match.field, match.start, match.end) == ("title", 0, 7)


def test_filters_are_added_and_removed_without_a_restart() -> None:
    matcher = matcher_with("drone")
    assert matcher.match("drone strike", "").filters == {0}
    matcher.add_filter(7, parse_filter("strike -drone"))
    matcher.add_filter(8, parse_filter("strike"))
    assert matcher.match("drone strike", "").filters == {0, 8}
    assert matcher.match("a strike", "").filters == {7, 8}
    matcher.remove_filter(0)
    matcher.remove_filter(8)
    assert matcher.match("drone strike", "").filters == frozenset()
    assert matcher.match("a strike", "").filters == {7}
    matcher.remove_filter(7)
    assert matcher.filter_count == 0
    assert matcher.match("a strike by drone", "").topics == frozenset()


def test_identical_filters_of_many_chats_all_match() -> None:
    matcher = Matcher({})
    for filter_id in range(50):
        matcher.add_filter(filter_id, parse_filter("kherson (drone OR missile)"))
    assert matcher.match("Missile over Kherson", "").filters == set(range(50))
    matcher.remove_filter(3)
    assert 3 not in matcher.match("Missile over Kherson", "").filters


def test_a_filter_added_later_matches_words_already_seen() -> None:
    """Words of earlier stories are cached; a new filter on them must still be found."""
    matcher = matcher_with("drone")
    assert matcher.match("Power plant near Zaporizhzhia", "grid down").filters == set()
    matcher.add_filter(1, parse_filter('"power plant"'))
    matcher.add_filter(2, parse_filter("zaporiz* grid"))
    matcher.add_filter(3, parse_filter('"near zaporiz*"'))
    assert matcher.match("Power plant near Zaporizhzhia", "grid down").filters == {1, 2, 3}
    matcher.remove_filter(1)
    matcher.remove_filter(3)
    assert matcher.match("Power plant near Zaporizhzhia", "grid down").filters == {2}


@pytest.mark.parametrize(
    ("expr", "title", "summary", "matches"),
    [
        ('"power plant"', "Power", "plant restarted", False),  # not across title and summary
        ('"power plant"', "The power, plant", "", True),  # punctuation is not a word
        ('"power plant"', "plant power", "", False),
        ('"the power plant"', "At the power plant", "", True),
        ('"the power plant"', "The power", "plant", False),
        ('"the power plant"', "power plant, the", "", False),
        ('"power pla*"', "Power plants shut", "", True),
        ('"power pla*"', "Power", "plants shut", False),
        ('"north atlantic all*"', "The North Atlantic alliance meets", "", True),
        ('"north atlantic all*"', "North Atlantic storms", "", False),
    ],
)
def test_phrases_need_their_words_in_a_row_in_one_field(
    expr: str, title: str, summary: str, matches: bool
) -> None:
    found = matcher_with(expr).match(title, summary)
    assert (found.filters == {0}) is matches


def test_prefixes_of_every_length_are_found_as_they_come_and_go() -> None:
    matcher = matcher_with("dro*", "khersonsk*", "kher*")
    story = ("Drones over Khersonska oblast", "")
    assert matcher.match(*story).filters == {0, 1, 2}
    matcher.remove_filter(2)
    assert matcher.match(*story).filters == {0, 1}
    matcher.remove_filter(1)
    matcher.add_filter(3, parse_filter("oblas*"))
    assert matcher.match(*story).filters == {0, 3}
    assert matcher.match("Kherson", "").filters == set()


def test_removed_filter_has_no_span_any_more() -> None:
    matcher = matcher_with("drone")
    found = matcher.match("drone", "")
    matcher.remove_filter(0)
    assert found.filter_match(0) is None


# --- the index agrees with the reference evaluator ----------------------------------------

VOCABULARY = ["nato", "otan", "kherson", "drone", "drones", "dro", "power", "plant",
              "херсон", "херсоні", "sécurité", "l’otan", "war", "peace"]
WORD = st.sampled_from(VOCABULARY)
ATOM = st.one_of(
    WORD,
    WORD.map(lambda word: f"{word[:3]}*"),
    st.lists(WORD, min_size=2, max_size=3).map(lambda ws: '"' + " ".join(ws) + '"'),
    st.lists(WORD, min_size=2, max_size=3).map(lambda ws: '"' + " ".join(ws)[:-1] + '*"'),
)


def filter_texts() -> st.SearchStrategy[str]:
    expression = st.recursive(
        ATOM,
        lambda inner: st.one_of(
            st.tuples(inner, inner).map(" ".join),
            st.tuples(inner, inner).map(" OR ".join),
            inner.map(lambda e: f"-{e}"),
            inner.map(lambda e: f"({e})"),
        ),
        max_leaves=6,
    )
    return expression


def parsed(text: str) -> FilterExpr | None:
    try:
        return parse_filter(text)
    except FilterSyntaxError:
        return None


STORY = st.lists(st.one_of(WORD, st.sampled_from([",", "-", "senator", "Kherson's"])),
                 max_size=12).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(filter_texts(), min_size=1, max_size=6), st.lists(
    st.tuples(STORY, STORY), min_size=1, max_size=4))
def test_index_agrees_with_the_reference(texts: list[str], stories: list[tuple[str, str]]
                                         ) -> None:
    exprs = {i: expr for i, expr in enumerate(map(parsed, texts)) if expr is not None}
    matcher = Matcher(builtin_topics())
    for filter_id, expr in exprs.items():
        matcher.add_filter(filter_id, expr)
    for title, summary in stories:
        fields = [words(title), words(summary)]
        expected = {i for i, expr in exprs.items() if evaluate(expr, fields)}
        found = matcher.match(title, summary)
        assert found.filters == expected
        for filter_id in expected:
            assert found.filter_match(filter_id) is not None
        if exprs:  # the index stays right while filters come and go between stories
            matcher.remove_filter(exprs.popitem()[0])
