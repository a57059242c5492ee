"""/trend and the /stats chart: a PNG that decodes, of the asked size, counting what a reader
would count; a topic with nothing to draw answered in words."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
import sqlite_utils
from PIL import Image

from bot.core.clock import utcnow
from bot.core.config import CHART_SIZE
from bot.core.models import Story
from bot.report.chart import ChartWords, draw
from bot.report.trend import day_span, tally
from storage.chats import register_chat
from storage.outbox import enqueue, mark_sent
from storage.stories import insert_story, start_cluster
from tests.support.chat import ADMIN, Bot, run
from tests.support.fakebot import SentMessage

ME = 401


def put(db: sqlite_utils.Database, n: int, title: str, days_ago: float,
        language: str | None) -> int:
    """A story published on the UTC calendar day `days_ago` whole days before today (at its
    midnight, so never in the future); returns its id. Days, not hours: /trend counts calendar
    days, and "2.1 days ago" falls on a different day at 01:00 than at 13:00."""
    today = utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
    published = today - timedelta(days=int(days_ago))
    story = Story(f"t{n}", "http://127.0.0.1/feed", "Baltic Wire", f"g{n}",
                  f"https://news.example/t{n}", title, "", published, language)
    return insert_story(db, story, None, published)


def coverage_of_nato(db: sqlite_utils.Database) -> None:
    """NATO on three days (three languages, most two days ago), and news on other things."""
    stories = [("NATO summit opens", 0.1, "en"), ("L'OTAN se réunit", 2.1, "fr"),
               ("Саміт НАТО", 2.2, "uk"), ("NATO ministers", 2.3, "en"),
               ("NATO in Riga", 5.0, None), ("Kherson ferry resumes", 1.0, "en"),
               ("NATO old news", 40.0, "en")]
    for n, (title, days_ago, language) in enumerate(stories):
        put(db, n, title, days_ago, language)


def png_size(message: SentMessage) -> tuple[int, int]:
    assert message.photo is not None
    image = Image.open(io.BytesIO(message.photo))
    image.load()  # decodes the whole image: a truncated PNG fails here
    assert image.format == "PNG"
    return image.size


def test_trend_answers_a_png_of_the_chart_size_with_the_peak_in_the_caption(
        db: sqlite_utils.Database) -> None:
    coverage_of_nato(db)

    async def scenario(bot: Bot) -> None:
        [chart] = await bot.say(ME, "/trend nato")
        assert png_size(chart) == CHART_SIZE
        assert chart.text.startswith("<b>topic nato</b>: 5 stories in 14 days; the most on ")
        assert chart.text.endswith("(3).")
        await bot.say(ME, "/lang fr")
        [chart] = await bot.say(ME, "/trend nato 3")
        assert "4 articles en 3 jours" in chart.text and png_size(chart) == CHART_SIZE

    run(db, scenario)


def test_a_topic_or_filter_with_no_story_is_answered_in_words(db: sqlite_utils.Database) -> None:
    coverage_of_nato(db)

    async def scenario(bot: Bot) -> None:
        [answer] = await bot.say(ME, "/trend osce")
        assert answer.photo is None
        assert answer.text == (
            "No story on topic osce in the last 14 days: there is nothing to draw.")
        await bot.say(ME, "/filter add ferry")
        [chart] = await bot.say(ME, "/trend 1 7")
        assert "<b>filter 1</b>: 1 stories in 7 days" in chart.text
        [answer] = await bot.say(ME, "/trend 1 1")
        assert answer.photo is None and "last 1 days" in answer.text

    run(db, scenario)


@pytest.mark.parametrize("typed", ["/trend", "/trend weather", "/trend nato 0",
                                   "/trend nato 91", "/trend nato soon", "/trend 3"])
def test_trend_explains_its_usage(db: sqlite_utils.Database, typed: str) -> None:
    async def scenario(bot: Bot) -> None:
        [answer] = await bot.say(ME, typed)
        assert answer.text.startswith("Usage: <code>/trend TOPIC [days]</code>")

    run(db, scenario)


def test_stats_adds_a_chart_of_alerts_sent_per_day(db: sqlite_utils.Database) -> None:
    register_chat(db, ME, "private", "me", None, utcnow())
    for n in range(3):
        story_id = put(db, n, f"NATO {n}", n, "en")
        cluster = start_cluster(db, story_id, "Baltic Wire", utcnow())
        enqueue(db, ME, cluster, story_id, [], utcnow())
        row = db.execute("SELECT id FROM outbox WHERE story_id = ?", [story_id]).fetchone()
        mark_sent(db, row[0], 100 + n, utcnow() - timedelta(days=n))

    async def scenario(bot: Bot) -> None:
        text, chart = await bot.say(ADMIN, "/stats", replies=2)
        assert "Alerts: 3 sent" in text.text
        assert png_size(chart) == CHART_SIZE
        assert "3 in all" in chart.text

    run(db, scenario)


# --- the counting and the drawing, pure ----------------------------------------------------


def test_a_story_counts_on_its_day_in_the_chat_s_time_zone() -> None:
    now = datetime(2031, 3, 10, 12, 0, tzinfo=UTC)
    span = day_span(now, "Asia/Tokyo", 3)  # 8, 9, 10 March in Tokyo
    late = datetime(2031, 3, 8, 16, 0, tzinfo=UTC)  # 01:00 on 9 March in Tokyo
    trend = tally([(late, "en"), (now, "en"), (now, "fr"), (now - timedelta(days=9), "en")],
                  span, "Asia/Tokyo")
    assert [day.day for day in trend.days] == [8, 9, 10]
    assert trend.series == {"en": [0, 1, 1], "fr": [0, 0, 1]}
    assert trend.peak == (2, 2) and trend.total == 3


def test_the_peak_is_the_latest_of_equal_days_and_the_chart_takes_any_size() -> None:
    now = datetime(2031, 3, 10, 12, 0, tzinfo=UTC)
    span = day_span(now, "UTC", 4)
    trend = tally([(now - timedelta(days=2), "en"), (now, "en")], span, "UTC")
    assert trend.peak == (3, 1)
    words = ChartWords("nato", "most: {count}", "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
                       {"en": "en"})
    image = Image.open(io.BytesIO(draw(trend, words, (640, 320))))
    assert image.size == (640, 320)
