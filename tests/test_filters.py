"""The keyword-filter language: what parses, what is refused and where, what matches."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.errors import FilterSyntaxError
from bot.core.text import fold, words
from bot.core.texts import ENGLISH, plain, texts_for
from bot.match.filters import FILTER_MAX_LENGTH, evaluate, parse_filter


def matches(expr: str, title: str, summary: str = "") -> bool:
    return evaluate(parse_filter(expr), [words(title), words(summary)])


@pytest.mark.parametrize(
    ("expr", "title", "expected"),
    [
        ("kherson drone", "Drone attack on Kherson", True),
        ("kherson drone", "Kherson under fire", False),
        ("kherson drone OR missile", "Missile hits Kherson", True),
        ("kherson drone OR missile", "Missile hits Odesa", False),
        ("kherson AND drone", "drone over kherson", True),
        ("kherson -exercise", "Kherson exercise", False),
        ("kherson -exercise", "Kherson shelled", True),
        ('"power plant"', "the power plant is dark", True),
        ('"power plant"', "plant more power", False),
        ("bakhm*", "Бахмут? no: Bakhmut holds", True),
        ("bakhm*", "Bakh mut", False),
        ("sécurité", "SECURITE renforcée", True),
        ("securite", "La sécurité d’abord", True),
        ("otan", "L’OTAN se réunit", True),
        ("l'otan", "l’OTAN se réunit", True),
        ("otan", "lʼOTAN et l`Ukraine", True),
        ("об'єднання", "Обʼєднання громад", True),
        ("NATO-Gipfel", "Beim NATO-Gipfel", True),
        ("nato", "senator", False),
        ("нато", "губернатор і натовп", False),
        ("херсон*", "Херсонщині", True),
        ("-(a b) c", "c a", True),
        ("-(a b) c", "c a b", False),
        ("(drone OR missile) (kherson OR odesa)", "missile over Odesa", True),
        ('zaporizh* -"power plant"', "Zaporizhzhia power plant", False),
        ("ЗАЕС", "заес", True),
        ("ёлка", "Елка", True),
    ],
)
def test_filter_matches_like_a_user_expects(expr: str, title: str, expected: bool) -> None:
    assert matches(expr, title) is expected


def test_phrase_does_not_cross_from_title_to_summary() -> None:
    assert not matches('"power plant"', "Power", "plant shut")
    assert matches("power plant", "Power", "plant shut")


@pytest.mark.parametrize(
    ("expr", "message", "position"),
    [
        ("", "empty", 0),
        ("   ", "empty", 0),
        ("-war", "add a word to look for", 0),
        ("-war -peace", "add a word to look for", 0),
        ("-war OR peace", "add a word to look for", 0),
        ("nato -nato", "never match", 0),
        ("(kherson", "never closed", 0),
        ("kherson)", "without a matching", 7),
        ('"power plant', "quote is never closed", 0),
        ("drone OR", "missing at the end", 8),
        ("OR drone", "OR needs a word", 0),
        ("a OR OR b", "OR needs a word", 5),
        ("ab*", "at least 3 letters", 0),
        ("na*to", "only at the end", 2),
        ("kherson ()", "empty parentheses", 8),
        ("kherson !!!", "no letter or digit", 8),
        ("x" * (FILTER_MAX_LENGTH + 1), "at most 200 characters", FILTER_MAX_LENGTH),
        (" ".join(f"(a{i} OR b{i})" for i in range(6)), "alternatives", 0),
    ],
)
def test_bad_filter_says_what_and_where(expr: str, message: str, position: int) -> None:
    with pytest.raises(FilterSyntaxError, match=message) as caught:
        parse_filter(expr)
    assert caught.value.position == position


@pytest.mark.parametrize(
    ("expr", "canonical"),
    [
        ("kherson drone OR missile", "kherson (drone OR missile)"),
        ("a OR b", "a OR b"),
        ("-(a b) c", "-(a b) c"),
        ("NATO-Gipfel bakhm*", '"nato gipfel" bakhm*'),
    ],
)
def test_canonical_form_shows_the_grouping(expr: str, canonical: str) -> None:
    assert str(parse_filter(expr)) == canonical
    assert str(parse_filter(canonical)) == canonical


FILTER_ALPHABET = st.sampled_from(list('ab é-*"() OR AND Ц’') + ["OR ", " -", "(", ")"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(FILTER_ALPHABET, max_size=30).map("".join)))
def test_parser_returns_a_filter_or_a_clear_error(text: str) -> None:
    try:
        expr = parse_filter(text)
    except FilterSyntaxError as error:
        assert error.reason and 0 <= error.position <= max(len(text), FILTER_MAX_LENGTH)
    else:
        assert expr.source == text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_fold_is_idempotent_and_per_character(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert fold(text) == "".join(fold(char) for char in text)


@pytest.mark.parametrize("expr", [
    "dro*ne", "!!!", "ab*", '"power', "", ")", "drone OR", "OR drone", "kherson ( )", "(a",
    "a" * (FILTER_MAX_LENGTH + 1), " ".join(f"(a{i} OR b{i})" for i in range(12)), "-war",
    "drone -drone", "<i>drone</i>", "drone &amp; war", "kherson )"])
def test_every_syntax_error_has_its_reason_in_every_catalogue(expr: str) -> None:
    with pytest.raises(FilterSyntaxError) as caught:
        parse_filter(expr)
    for language in ("en", "fr", "uk"):
        template = getattr(texts_for(language), f"filter_reason_{caught.value.key}")
        assert plain(template, **caught.value.values)
    assert plain(getattr(ENGLISH, f"filter_reason_{caught.value.key}"),
                 **caught.value.values).startswith(caught.value.reason.split(":")[0][:12])
