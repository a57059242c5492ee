"""Polling real feeds into stored stories, as `vigie poll --once` shows it to a user.

Every test runs the real fetcher against a feed server on 127.0.0.1 and a real SQLite file.
The feeds are written here, each one saying in its docstring or comment what it proves.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.app.cli import main
from bot.app.context import open_context
from bot.app.poll_command import poll_once
from bot.core.clock import utcnow
from bot.engine import Engine, fetch_limits
from bot.ingest.addresses import check_public
from bot.ingest.fetch import Fetcher
from bot.ingest.poll import PollReport
from storage.feeds import FeedRecord, list_feeds
from tests.support.bulletins import load_cases
from tests.support.feeds import (
    NEWS,
    PUBLISHED,
    Item,
    feeds_in,
    make_due,
    poll_json,
    rss,
    titles_in,
    write_config,
)
from tests.support.feedserver import FeedServer, make_fixture, unused_port
from tests.support.news import news_rss

feed_server = make_fixture()

LONG_LABEL_HOST = "x" * 64 + ".invalid"  # refused by the local resolver: no DNS packet sent














def test_poll_once_json_prints_each_new_story_then_the_summary(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_server.add("/kc.xml", rss("Kyiv Courier", NEWS))
    url = feed_server.url("/kc.xml")
    stories, summary = poll_json(write_config(tmp_path, [(url, "Kyiv Courier")]), capsys)
    assert [s["title"] for s in stories] == [title for _, title, _ in NEWS]
    first = stories[0]
    assert {"id", "feed", "title", "summary", "link", "published"} <= first.keys()
    assert (first["feed"], first["link"]) == (url, "https://kc.example/news/1")
    assert first["published"] == PUBLISHED.isoformat()
    assert isinstance(first["id"], int)
    assert summary == "polled 1 feed(s): 0 not modified, 0 failed, 2 new stories"


def test_plain_output_names_source_title_and_link(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_server.add("/kc.xml", rss("Kyiv Courier", NEWS[:1]))
    config = write_config(tmp_path, [feed_server.url("/kc.xml")])
    assert main(["poll", "--once", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "[Kyiv Courier] Kherson: power restored in three districts" in out
    assert "https://kc.example/news/1" in out


def next_due(directory: Path) -> str:
    """The earliest next poll among the feeds, as the summary prints it."""
    first = min(f.next_poll_at for f in feeds_in(directory / "vigie.db").values()
                if f.next_poll_at)
    return f"{first:%Y-%m-%d %H:%M:%S}"


def test_second_run_prints_nothing_and_an_unchanged_feed_is_not_parsed(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    route = feed_server.add("/kc.xml", rss("Kyiv Courier", NEWS))
    feed_server.add("/plain.xml", rss("No validators", NEWS[:1]), etag=False)
    urls = [feed_server.url("/kc.xml"), feed_server.url("/plain.xml")]
    config = write_config(tmp_path, urls)
    poll_json(config, capsys)
    assert poll_json(config, capsys) == ([], "polled 0 feed(s): 0 not modified, 0 failed, "
                                              "0 new stories; 2 feed(s) not due yet, the next "
                                              f"at {next_due(tmp_path)} UTC (in 5 min)")
    make_due(tmp_path / "vigie.db")
    stories, summary = poll_json(config, capsys)
    assert (stories, summary) == ([], "polled 2 feed(s): 2 not modified, 0 failed, 0 new stories")
    assert feed_server.headers_of("/kc.xml")["if-none-match"] == route.current_etag()
    feeds = feeds_in(tmp_path / "vigie.db")
    # 304: no body at all; 200 with the same bytes: the stored hash matches, no parse
    assert feeds[urls[0]].last_status == "304 not modified"
    assert feeds[urls[1]].last_status == "200 not modified"


def test_no_story_stored_twice_after_a_restart(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The body changes (new ETag, a new lastBuildDate), the items do not: nothing is new."""
    feed_server.add("/kc.xml", rss("Kyiv Courier", NEWS))
    config = write_config(tmp_path, [feed_server.url("/kc.xml")])
    assert len(poll_json(config, capsys)[0]) == 2
    feed_server.set_body("/kc.xml", rss("Kyiv Courier", NEWS,
                                        extra=f"<lastBuildDate>{format_datetime(utcnow())}</lastBuildDate>"))
    make_due(tmp_path / "vigie.db")
    stories, summary = poll_json(config, capsys)
    assert (stories, summary) == ([], "polled 1 feed(s): 0 not modified, 0 failed, 0 new stories")
    assert feeds_in(tmp_path / "vigie.db")[feed_server.url("/kc.xml")].last_status == "200 ok"
    assert len(titles_in(tmp_path / "vigie.db")) == 2


def test_one_story_in_two_feeds_with_the_same_canonical_link_is_stored_once(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The wire copy carries utm_* tags and no guid; its canonical link is the original's."""
    feed_server.add("/a.xml", rss("Outlet A", [("a-1", "Talks in Geneva end", "https://a.example/geneva")]))
    tagged = "https://A.example/geneva?utm_source=rss&utm_medium=feed#top"
    feed_server.add("/b.xml", rss("Outlet B", [("", "Talks in Geneva end", tagged)]))
    config = write_config(tmp_path, [feed_server.url("/a.xml"), feed_server.url("/b.xml")])
    stories, summary = poll_json(config, capsys)
    assert [s["link"] for s in stories] == ["https://a.example/geneva"]
    assert summary.endswith("1 new stories")


# --- bad input: one cycle over every kind of broken feed, beside feeds that work ----------

CP1251_TITLES = ["Херсон: відновлено електропостачання", "Обстріл Харкова вночі"]
LATIN1_TITLES = ["Kherson : un hôpital endommagé", "Réunion à Genève sur l'énergie"]


def _items(prefix: str, titles: Sequence[str]) -> list[Item]:
    return [(f"{prefix}-{i}", t, f"https://{prefix}.example/{i}") for i, t in enumerate(titles)]


@dataclass(frozen=True)
class Case:
    """A feed served (or not) a certain way, and what its row must say after one poll."""

    name: str
    route: dict[str, Any] = field(default_factory=dict)  # FeedServer.add options; {} = no route
    url: str | None = None  # an address off the server ({port} filled in)
    error: str | None = None  # expected last_error (prefix); None: the feed works
    titles: tuple[str, ...] = ()  # expected stored titles for a working feed


HTML = b"<!DOCTYPE html><html><head><title>Log in</title></head><body>Please log in</body></html>"
CASES = [
    Case("closed port", url="http://127.0.0.1:{closed}/feed", error="connection refused"),
    Case("dns failure", url=f"http://{LONG_LABEL_HOST}/feed",
         error=f"cannot resolve host {LONG_LABEL_HOST}"),
    Case("tls error", url="https://127.0.0.1:{port}/good-a.xml", error="TLS error: "),
    Case("404", {"status": 404, "body": b"gone"}, error="HTTP 404 Not Found"),
    Case("410", {"status": 410, "body": b"gone for good"}, error="HTTP 410 Gone"),
    Case("500", {"status": 500, "body": b"oops"}, error="HTTP 500 Internal Server Error"),
    Case("timeout", {"body": rss("Slow", NEWS), "delay": 5.0}, error="timed out after 1 s"),
    Case("html page", {"body": HTML, "content_type": "text/html; charset=utf-8"},
         error="not a feed: the server sent an HTML page"),
    Case("empty body", {"body": b""}, error="empty body"),
    Case("over the cap", {"body": rss("Big", _items("big", ["x" * 500] * 40))},
         error="body over the 10 kB cap"),
    Case("invalid xml", {"body": b"<?xml version='1.0'?><rss><channel><title>T</title><item"},
         error="invalid XML"),
    Case("redirect loop", {"status": 302, "etag": False,
                           "headers": {"Location": "/redirect-loop.xml"}}, error="redirect loop"),
    Case("429", {"status": 429, "body": b"slow down", "retry_after": 3600},
         error="HTTP 429 Too Many Requests"),
    Case("windows-1251", {"body": rss("Вісник", _items("ua", CP1251_TITLES),
                                      encoding="cp1251", declared="windows-1251")},
         titles=tuple(CP1251_TITLES)),
    Case("windows-1251 declared utf-8", {"body": rss("Вісник", _items("ua2", CP1251_TITLES),
                                                     encoding="cp1251")},
         titles=tuple(CP1251_TITLES)),
    Case("iso-8859-1", {"body": rss("Le Guetteur", _items("fr", LATIN1_TITLES),
                                    encoding="latin-1", declared="ISO-8859-1"),
                        "content_type": "application/xml"},
         titles=tuple(LATIN1_TITLES)),
    Case("iso-8859-1 declared utf-8", {"body": rss("Le Guetteur", _items("fr2", LATIN1_TITLES),
                                                   encoding="latin-1")},
         titles=tuple(LATIN1_TITLES)),
    Case("good a", {"body": rss("Good A", _items("ga", ["Grain corridor reopens"]))},
         titles=("Grain corridor reopens",)),
    Case("good b", {"body": rss("Good B", _items("gb", ["OSCE monitors return"]))},
         titles=("OSCE monitors return",)),
]


def _path(case: Case) -> str:
    return "/" + case.name.replace(" ", "-") + ".xml"


@dataclass
class Cycle:
    """One poll over every case: its report, each case's feed row and stored titles."""

    report: PollReport
    feeds: dict[str, FeedRecord]
    urls: dict[str, str]
    titles: dict[int, list[str]]


@pytest.fixture(scope="module")
def cycle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cycle]:
    with FeedServer() as server:
        urls = {}
        for case in CASES:
            if case.route:
                server.add(_path(case), **case.route)
            template = case.url or server.url(_path(case))
            urls[case.name] = template.format(closed=unused_port(), port=server.port)
        directory = tmp_path_factory.mktemp("cycle")
        config = write_config(directory, list(urls.values()), timeout=1.0, max_bytes=10_000)
        context = open_context(str(config))
        report = asyncio.run(poll_once(context))
        feeds = {feed.url: feed for feed in list_feeds(context.db)}
        titles: dict[int, list[str]] = {}
        for feed_id, title in context.db.execute("SELECT feed_id, title FROM stories ORDER BY id"):
            titles.setdefault(feed_id, []).append(title)
        context.db.close()
        yield Cycle(report, feeds, urls, titles)


def test_every_feed_is_polled_in_one_cycle_whatever_the_others_do(cycle: Cycle) -> None:
    failing = sum(1 for case in CASES if case.error)
    assert cycle.report.summary() == (
        f"polled {len(CASES)} feed(s): 0 not modified, {failing} failed, "
        f"{sum(len(case.titles) for case in CASES)} new stories"
    )


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_bad_feed_is_recorded_with_a_readable_reason(cycle: Cycle, case: Case) -> None:
    feed = cycle.feeds[cycle.urls[case.name]]
    assert feed.last_poll_at is not None and feed.next_poll_at is not None
    if case.error is None:
        assert (feed.error_count, feed.last_error) == (0, None)
        assert cycle.titles.get(feed.id) == list(case.titles)
    else:
        assert feed.error_count == 1 and feed.last_status and feed.last_status.endswith("failed")
        assert feed.last_error is not None and feed.last_error.startswith(case.error)
        assert feed.id not in cycle.titles


def test_a_wrong_encoding_declaration_is_noted_as_a_warning(cycle: Cycle) -> None:
    for name in ("windows-1251 declared utf-8", "iso-8859-1 declared utf-8"):
        warning = cycle.feeds[cycle.urls[name]].last_warning
        assert warning is not None and "declared" in warning


def test_retry_after_of_a_429_sets_the_next_poll(cycle: Cycle) -> None:
    feed = cycle.feeds[cycle.urls["429"]]
    assert feed.next_poll_at and feed.last_poll_at
    assert feed.next_poll_at - feed.last_poll_at >= timedelta(seconds=3600)


def test_a_failed_feed_backs_off_while_a_good_one_keeps_its_interval(cycle: Cycle) -> None:
    good = cycle.feeds[cycle.urls["good a"]]
    bad = cycle.feeds[cycle.urls["500"]]
    assert good.next_poll_at and good.last_poll_at and bad.next_poll_at and bad.last_poll_at
    assert good.next_poll_at - good.last_poll_at >= timedelta(seconds=300)
    assert bad.next_poll_at - bad.last_poll_at >= timedelta(seconds=300)


# --- private addresses ---------------------------------------------------------------------


class LoopbackOnly(httpx.AsyncHTTPTransport):
    """A safety net: should the check under test let a hop through, we still stay on 127.0.0.1."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host != "127.0.0.1":
            raise httpx.ConnectError(f"test guard: no connection to {request.url.host}")
        return await super().handle_async_request(request)


async def allow_loopback_literal(host: str, port: int) -> str | None:
    """The test server's 127.0.0.1 passes; every other host meets the real check."""
    return None if host == "127.0.0.1" else await check_public(host, port)


@pytest.mark.parametrize(
    ("target", "error"),
    [("http://10.1.2.3:8080/admin", "refused: host resolves to a private address 10.1.2.3"),
     ("http://169.254.169.254/latest/meta-data/",
      "refused: host resolves to a link-local address 169.254.169.254")],
)
def test_a_redirect_into_a_private_address_is_refused_on_the_feed(
    feed_server: FeedServer, tmp_path: Path, target: str, error: str
) -> None:
    feed_server.redirect("/feed", target)
    feed_server.add("/good.xml", rss("Good", NEWS[:1]))
    urls = [feed_server.url("/feed"), feed_server.url("/good.xml")]
    context = open_context(str(write_config(tmp_path, urls, allow_private=False)))

    async def poll() -> PollReport:
        async with httpx.AsyncClient(transport=LoopbackOnly(), trust_env=False) as client:
            fetcher = Fetcher(fetch_limits(context.settings), client, allow_loopback_literal)
            engine = Engine(context, fetcher)
            try:
                return await engine.poll_once()
            finally:
                await engine.stop()

    report = asyncio.run(poll())
    feeds = {feed.url: feed for feed in list_feeds(context.db)}
    context.db.close()
    assert (feeds[urls[0]].last_error, feeds[urls[0]].error_count) == (error, 1)
    assert feeds[urls[1]].last_error is None and len(report.new) == 1


def test_a_loopback_feed_is_refused_without_a_connection_by_default(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_server.add("/feed", rss("Local", NEWS))
    config = write_config(tmp_path, [feed_server.url("/feed")], allow_private=False)
    assert poll_json(config, capsys) == ([], "polled 1 feed(s): 0 not modified, 1 failed, "
                                             "0 new stories")
    feed = feeds_in(tmp_path / "vigie.db")[feed_server.url("/feed")]
    assert feed.last_error == "refused: host resolves to a loopback address 127.0.0.1"
    assert feed_server.hits["/feed"] == 0


def test_an_unexpected_error_while_storing_is_recorded_and_backed_off(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    """A bug or a locked disk must not leave the feed unrecorded and retried every tick."""
    feed_server.add("/kc.xml", rss("Kyiv Courier", NEWS))
    context = open_context(str(write_config(tmp_path, [feed_server.url("/kc.xml")])))

    async def run() -> PollReport:
        async with Fetcher(fetch_limits(context.settings)) as fetcher:
            engine = Engine(context, fetcher)

            def broken(*args: object) -> list[object]:
                raise OSError("disk I/O error")

            engine.pipeline.ingest = broken  # type: ignore[method-assign,assignment]
            return await engine.poll_once()

    report = asyncio.run(run())
    feed = list_feeds(context.db)[0]
    context.db.close()
    assert report.failed == 1
    assert feed.error_count == 1
    assert feed.last_error is not None and "disk I/O error" in feed.last_error
    assert feed.next_poll_at is not None and feed.next_poll_at > utcnow() + timedelta(seconds=60)


def test_poll_json_prints_one_line_per_part_of_a_bulletin(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [case] = [c for c in load_cases() if c.name == "en_h2_briefing"]
    body = news_rss("Wire", [("w-1", case.title, case.html)])
    feed_server.add("/wire.xml", body)
    stories, summary = poll_json(write_config(tmp_path, [feed_server.url("/wire.xml")]), capsys)
    assert [(s["part"], s["parts"]) for s in stories] == [(1, 3), (2, 3), (3, 3)]
    assert stories[0]["title"] == "Power restored in three districts of Odesa"
    assert stories[2]["link"] == "https://wire.example/w-1#part-3"
    assert summary.endswith("3 new stories")


def test_an_edited_bulletin_gives_only_its_new_part(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The outlet puts a new story first: the old parts move to #part-2..4 (links that once
    named other parts) but keep their keys, so only the new one is new."""
    [case] = [c for c in load_cases() if c.name == "en_h2_briefing"]
    feed_server.add("/wire.xml", news_rss("Wire", [("w-1", case.title, case.html)]))
    config = write_config(tmp_path, [feed_server.url("/wire.xml")])
    assert len(poll_json(config, capsys)[0]) == 3
    added = ("<h2>Rail operator adds night trains to Lviv</h2><p>Two more trains will run each "
             "night from Kyiv to Lviv from next week, the operator said.</p>")
    edited = case.html.replace("<h2>", added + "<h2>", 1)
    feed_server.set_body("/wire.xml", news_rss("Wire", [("w-1", case.title, edited)]))
    make_due(tmp_path / "vigie.db")
    stories, _ = poll_json(config, capsys)
    assert [(s["title"], s["part"], s["parts"]) for s in stories] == [
        ("Rail operator adds night trains to Lviv", 1, 4)]
