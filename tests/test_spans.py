"""Span location: many filters on one story each bold their own words, as one filter alone does."""

from __future__ import annotations

from bot.match.filters import parse_filter
from bot.match.matcher import Matcher
from bot.match.topics import builtin_topics

TITLE = "Frappe de drones sur Kherson : la centrale électrique touchée"
SUMMARY = "Обстріл Херсонщини триває; CAFE\u0301 fermé, the power plant at Enerhodar is dark"
FILTERS = {
    1: ("drone*", "title", "drones"),
    2: ('"power plant"', "summary", "power plant"),
    3: ("café", "summary", "CAFE\u0301"),
    4: ("electrique", "title", "électrique"),
    5: ("enerhodar dark", "summary", "Enerhodar"),
    6: ("centrale OR kherson", "title", "Kherson"),
    7: ("обстріл", "summary", "Обстріл"),
}


def bold_of(matcher: Matcher, filter_id: int) -> tuple[str, str] | None:
    match = matcher.match(TITLE, SUMMARY).filter_match(filter_id)
    if match is None:
        return None
    text = TITLE if match.field == "title" else SUMMARY
    return match.field, text[match.start:match.end]


def test_each_filter_bolds_the_same_words_alone_and_among_many() -> None:
    together = Matcher(builtin_topics())
    for filter_id, (expr, _, _) in FILTERS.items():
        together.add_filter(filter_id, parse_filter(expr))
    found = together.match(TITLE, SUMMARY)
    for filter_id, (expr, field, bold) in FILTERS.items():
        alone = Matcher(builtin_topics())
        alone.add_filter(filter_id, parse_filter(expr))
        assert bold_of(alone, filter_id) == (field, bold)
        match = found.filter_match(filter_id)
        assert match is not None
        text = TITLE if match.field == "title" else SUMMARY
        assert (match.field, text[match.start:match.end]) == (field, bold)


def test_topics_and_filters_of_one_story_keep_their_spans_when_asked_twice() -> None:
    matcher = Matcher(builtin_topics())
    for filter_id, (expr, _, _) in FILTERS.items():
        matcher.add_filter(filter_id, parse_filter(expr))
    found = matcher.match(TITLE, SUMMARY)
    first = found.matches()
    assert {m.name for m in first if m.kind == "topic"} >= {"kherson"}
    assert [m.name for m in first if m.kind == "filter"] == [str(i) for i in sorted(FILTERS)]
    assert found.matches() == first
