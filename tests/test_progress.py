"""Progress on a terminal: `poll --once` and `feeds import` say how many feeds are done of how
many, and how many failed so far; piped or with --json, the output is what it always was."""

from __future__ import annotations

from pathlib import Path

from tests.support.feeds import NEWS, make_due, rss, write_config
from tests.support.feedserver import FeedServer, make_fixture
from tests.support.terminal import run_vigie

feed_server = make_fixture()


def two_feeds_one_broken(feed_server: FeedServer, tmp_path: Path) -> Path:
    """A config with a working feed and one the server answers 404 for."""
    feed_server.add("/kc.xml", rss("Kyiv Courier", NEWS))
    return write_config(tmp_path, [(feed_server.url("/kc.xml"), "Kyiv Courier"),
                                   (feed_server.url("/gone.xml"), "Gone")])


def test_poll_once_on_a_terminal_shows_feeds_done_and_failures(
        feed_server: FeedServer, tmp_path: Path) -> None:
    config = two_feeds_one_broken(feed_server, tmp_path)
    ran = run_vigie(["poll", "--once", "--config", str(config)], tmp_path, terminal=True)
    assert ran.code == 0, ran.err
    assert "polling: 2/2 feeds, 1 failed" in ran.err
    assert ran.err.rstrip().endswith("polled 2 feed(s): 0 not modified, 1 failed, 2 new stories")
    assert ran.out.count("[Kyiv Courier]") == 2


def test_poll_once_piped_or_json_prints_no_progress(
        feed_server: FeedServer, tmp_path: Path) -> None:
    config = two_feeds_one_broken(feed_server, tmp_path)
    piped = run_vigie(["poll", "--once", "--config", str(config)], tmp_path, terminal=False)
    assert "polling:" not in piped.err and "\r" not in piped.err
    assert piped.err.splitlines()[-1] == (
        "polled 2 feed(s): 0 not modified, 1 failed, 2 new stories")
    make_due(tmp_path / "vigie.db")
    as_json = run_vigie(["poll", "--once", "--json", "--config", str(config)], tmp_path,
                        terminal=True)
    assert "polling:" not in as_json.err


def test_feeds_import_on_a_terminal_counts_checked_feeds_and_refusals(tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<opml version="2.0"><body>'
        '<outline type="rss" text="One" xmlUrl="http://127.0.0.1:9/one.xml"/>'
        '<outline type="rss" text="Two" xmlUrl="http://127.0.0.1:9/two.xml"/>'
        '<outline type="rss" text="Old" xmlUrl="gopher://127.0.0.1/news"/>'
        '</body></opml>', encoding="utf-8")
    config = write_config(tmp_path, [])
    argv = ["feeds", "import", str(opml), "--config", str(config)]
    shown = run_vigie(argv, tmp_path, terminal=True)
    assert shown.code == 0, shown.err
    assert "checking: 3/3 feeds, 1 failed" in shown.err
    assert shown.out == f"imported 2 new feed(s) from {opml}; 1 skipped\n"
    piped = run_vigie(argv, tmp_path, terminal=False)
    assert "checking:" not in piped.err
    assert piped.out == f"imported 0 new feed(s) from {opml}; 1 skipped\n"
    assert piped.err == ("skipped gopher://127.0.0.1/news: 'gopher://127.0.0.1/news' is not an "
                         "http(s) URL (expected e.g. https://example.org/rss.xml)\n")
