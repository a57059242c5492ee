"""The alert text: what a subscriber reads, always accepted by Telegram."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.deliver.render import (
    AlertView,
    cut,
    format_time,
    other_sources,
    render_alert,
    sentence_around,
    utf16_len,
)
from tests.support.fakebot import parse_telegram_html

SNIPPET = ("Les ministres se sont réunis à Bruxelles. Le sommet de l'OTAN discute de l'aide à "
           "l'Ukraine. La réunion reprend demain.")
WHEN = datetime(2026, 11, 25, 14, 5, tzinfo=UTC)


def alert(**changes: object) -> AlertView:
    start = SNIPPET.index("OTAN")
    base = AlertView(reasons=("topic nato",), title="Sommet de l'OTAN à Bruxelles",
                     link="https://news.example.org/otan?id=1&lang=fr", source="Le Quotidien",
                     snippet=SNIPPET, match=(start, start + 4), published=WHEN)
    return replace(base, **changes)  # type: ignore[arg-type]


def accepted(text: str) -> str:
    """The visible text, after checking the HTML like Telegram and the 4096-unit limit."""
    assert utf16_len(text) <= 4096
    return parse_telegram_html(text)


def test_a_plain_alert_reads_well() -> None:
    assert render_alert(alert()) == (
        "🔔 topic nato\n"
        '<b><a href="https://news.example.org/otan?id=1&amp;lang=fr">'
        "Sommet de l'OTAN à Bruxelles</a></b>\n"
        "📰 Le Quotidien\n"
        "Le sommet de l'<b>OTAN</b> discute de l'aide à l'Ukraine.\n"
        "🕑 25 Nov 2026 14:05 UTC"
    )


BIG = 100_000
LONG = "a" * BIG + " NATO"  # the match at the very end of a long text


@pytest.mark.parametrize("changes, shown, hidden", [
    ({"title": "<script>alert('x')</script> & co"},
     "&lt;script&gt;alert('x')&lt;/script&gt; &amp; co", "<script"),
    ({"link": "javascript:alert(1)"}, "<b>Sommet de l'OTAN à Bruxelles</b>", "href"),
    ({"link": "data:text/html,<b>x</b>"}, "<b>Sommet", "href"),
    ({"link": "https://ex.org/a b"}, "<b>Sommet", "href"),
    ({"link": None}, "<b>Sommet", "href"),
    ({"link": 'https://ex.org/?q="><script>'}, 'href="https://ex.org/?q=&quot;&gt;&lt;script&gt;"',
     "<script"),
    ({"source": "Le <i>Monde</i>"}, "📰 Le &lt;i&gt;Monde&lt;/i&gt;", "<i>"),
    ({"reasons": ("topic nato", "filter: kherson OR -\"<b>\"")},
     "🔔 topic nato · filter: kherson OR -\"&lt;b&gt;\"", "<b>\""),
    ({"title": "x" * BIG}, "…</a></b>", "x" * 301),
    ({"title": "&" * BIG}, "&amp;…", "&amp" * 301),
    ({"title": "😀" * BIG}, "😀…", "😀" * 150),
    ({"snippet": LONG, "match": (BIG + 1, BIG + 5)}, "aaa <b>NATO</b>", "aaaa" * 100),
    ({"snippet": LONG, "match": (BIG + 1, BIG + 5)}, "\n…aaa", "a" * 400),
    ({"snippet": "Київ\u202e.exe НАТО", "match": (10, 14)}, "Київ.exe <b>НАТО</b>", "\u202e"),
    ({"snippet": "\u200fالناتو NATO", "match": (8, 12)}, "\u200fالناتو <b>NATO</b>", "\u202b"),
    ({"match": (0, 10_000)}, "Les ministres", "<b></b>"),  # a span out of range: no bold
    ({"also_reported_by": ("AFP", "Reuters")}, "<i>Also reported by AFP, Reuters</i>",
     "Le Quotidien,"),
])
def test_feed_text_is_escaped_cut_and_still_valid(changes: dict[str, object], shown: str,
                                                  hidden: str) -> None:
    text = render_alert(alert(**changes))
    accepted(text)
    assert shown in text
    assert hidden not in text


def test_everything_huge_still_fits() -> None:
    huge = alert(reasons=tuple(f"filter: {'<&>' * 300} {i}" for i in range(1000)),
                 title="&<" * BIG, source="🇺🇦" * BIG, snippet="«&» " * BIG + "OTAN",
                 match=(4 * BIG, 4 * BIG + 4), also_reported_by=("&" * 500,) * 50)
    visible = accepted(render_alert(huge))
    assert "OTAN" in visible


@pytest.mark.parametrize("moment, tz, expected", [
    (WHEN, "UTC", "25 Nov 2026 14:05 UTC"),
    (WHEN, "Europe/Kyiv", "25 Nov 2026 16:05 EET"),
    (datetime(2026, 7, 1, 23, 30, tzinfo=UTC), "Europe/Paris", "2 Jul 2026 01:30 CEST"),
    (datetime(2026, 1, 5, 9, 0), "UTC", "5 Jan 2026 09:00 UTC"),  # naive is UTC
    (datetime(2026, 1, 5, 9, 0, tzinfo=timezone(timedelta(hours=3))), "UTC",
     "5 Jan 2026 06:00 UTC"),
])
def test_time_is_shown_in_the_chat_zone(moment: datetime, tz: str, expected: str) -> None:
    assert format_time(moment, tz) == expected
    assert render_alert(alert(published=moment, tz=tz)).endswith("🕑 " + expected)


@pytest.mark.parametrize("text, match, max_chars, expected", [
    ("One. Two NATO here! Three.", "NATO", 100, "Two NATO here!"),
    ("NATO first. Second.", "NATO", 100, "NATO first."),
    ("First. Ends with NATO", "NATO", 100, "Ends with NATO"),
    ("Line one\nNATO line two\nthree", "NATO", 100, "NATO line two"),
    ("«Le sommet de l'OTAN.» Suite.", "OTAN", 100, "«Le sommet de l'OTAN.»"),
    ("Version 2.5 of NATO plans", "NATO", 100, "Version 2.5 of NATO plans"),
    ("aaaa bbbb NATO cccc dddd", "NATO", 12, "…bb NATO cc…"),
    ("NATO" * 10, "NATONATONATO", 8, "NATONATO"),
])
def test_sentence_around_picks_the_sentence_of_the_match(text: str, match: str, max_chars: int,
                                                         expected: str) -> None:
    start = text.index(match)
    sentence, s, e = sentence_around(text, start, start + len(match), max_chars)
    assert sentence == expected
    assert utf16_len(sentence) <= max_chars
    assert sentence[s:e] == match[: e - s] and e > s


@pytest.mark.parametrize("text, budget, expected", [
    ("short", 10, "short"),
    ("the NATO summit opens today", 20, "the NATO summit…"),
    ("😀😀😀", 4, "😀…"),  # never half an emoji
    ("abcdefghij", 5, "abcd…"),
])
def test_cut_counts_utf16_and_prefers_words(text: str, budget: int, expected: str) -> None:
    assert cut(text, budget) == expected
    assert utf16_len(cut(text, budget)) <= budget


def test_also_reported_lists_other_sources_once() -> None:
    def with_others(sources: list[str]) -> str:
        view = alert()
        return render_alert(replace(view, also_reported_by=other_sources(view.source, sources)))

    text = with_others(["AFP", "Le Quotidien", "afp", "Reuters", " "])
    assert text.endswith("<i>Also reported by AFP, Reuters</i>")
    many = with_others([f"Outlet {i}" for i in range(8)])
    assert many.endswith("Outlet 4 and 3 more</i>")
    accepted(many)


@settings(max_examples=150, deadline=None)
@given(title=st.text(), snippet=st.text(min_size=1), source=st.text(),
       link=st.none() | st.text(), data=st.data())
def test_any_feed_text_renders_to_valid_html(title: str, snippet: str, source: str,
                                             link: str | None, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(snippet) - 1))
    end = data.draw(st.integers(start + 1, len(snippet)))
    view = alert(title=title, snippet=snippet, source=source, link=link, match=(start, end))
    accepted(render_alert(view))
