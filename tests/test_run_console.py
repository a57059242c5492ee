"""`vigie run --console` in its own process: new stories printed, then Ctrl-C or SIGTERM ends it
cleanly (exit 0, no traceback) and the database is left whole."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

import pytest

from tests.support.feeds import NEWS, rss, write_config
from tests.support.feedserver import FeedServer, make_fixture

feed_server = make_fixture()
ROOT = Path(__file__).resolve().parent.parent


class Console:
    """A running `vigie run --console` whose stdout is collected line by line."""

    def __init__(self, config: Path, cwd: Path) -> None:
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        env["PTB_TIMEDELTA"] = "true"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--console", "--config", str(config)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd,
        )
        self.lines: list[str] = []
        self.errors: list[str] = []
        self._readers = [
            threading.Thread(target=_read, args=(self.process.stdout, self.lines), daemon=True),
            threading.Thread(target=_read, args=(self.process.stderr, self.errors), daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def wait_for(self, texts: list[str], seconds: float = 20.0) -> bool:
        """Whether every text shows up in the output before the deadline."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and self.process.poll() is None:
            output = "\n".join(self.lines)
            if all(text in output for text in texts):
                return True
            time.sleep(0.05)
        return False

    def stop(self, signum: int) -> tuple[int, str, str]:
        """Send `signum`; exit code, whole stdout and stderr once it has ended."""
        self.process.send_signal(signum)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for reader in self._readers:
            reader.join(timeout=5)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return self.process.returncode, "\n".join(self.lines), "\n".join(self.errors)


def _read(stream: IO[str] | None, into: list[str]) -> None:
    """Collect a pipe's lines as they come (a full pipe would stall the child)."""
    assert stream is not None
    for line in stream:
        into.append(line.rstrip("\n"))


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
