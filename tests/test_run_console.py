"""`vigie run --console` in its own process: new stories printed, then Ctrl-C or SIGTERM ends it
cleanly (exit 0, no traceback) and the database is left whole."""

from __future__ import annotations

import signal
import sqlite3
from pathlib import Path

import pytest

from tests.support.console import Console
from tests.support.feeds import NEWS, rss, write_config
from tests.support.feedserver import FeedServer, make_fixture

feed_server = make_fixture()
ROOT = Path(__file__).resolve().parent.parent






@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_console_prints_new_stories_then_stops_cleanly(
    feed_server: FeedServer, tmp_path: Path, signum: int
) -> None:
    feed_server.add("/kc.xml", rss("Kyiv Courier", NEWS))
    config = write_config(tmp_path, [(feed_server.url("/kc.xml"), "Kyiv Courier")])
    console = Console(config, tmp_path)
    titles = [f"[Kyiv Courier] {title}" for _, title, _ in NEWS]
    seen = console.wait_for(titles)
    code, out, err = console.stop(signum)
    assert seen, f"stories never printed:\n{out}\n{err}"
    assert code == 0, err
    assert out.splitlines()[-1] == "vigie: stopped cleanly"
    assert "Traceback" not in err and "Traceback" not in out
    assert sum(out.count(title) for title in titles) == len(titles)  # each story printed once
    with sqlite3.connect(tmp_path / "vigie.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = [row[0] for row in db.execute("SELECT title FROM stories ORDER BY id")]
    db.close()
    assert stored == [title for _, title, _ in NEWS]


def test_console_stopped_at_once_leaves_a_whole_database(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    """Ctrl-C while the first poll is under way (a slow feed): still a clean exit."""
    feed_server.add("/slow.xml", rss("Slow", NEWS), delay=3.0)
    config = write_config(tmp_path, [feed_server.url("/slow.xml")])
    console = Console(config, tmp_path)
    assert console.wait_for(["Ctrl-C to stop"])
    code, out, err = console.stop(signal.SIGINT)
    assert (code, out.splitlines()[-1]) == (0, "vigie: stopped cleanly"), err
    assert "Traceback" not in err
    with sqlite3.connect(tmp_path / "vigie.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()
