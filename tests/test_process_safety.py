"""One run per database file, whatever path names it; a database deleted under a run stops it.

Each case runs the real `vigie run --console` in its own process against a loopback feed server.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.console import Console
from tests.support.feeds import NEWS, rss
from tests.support.feedserver import FeedServer, make_fixture
from tests.support.running import ROOT

feed_server = make_fixture()


def console_config(directory: Path, db_path: Path, feeds: list[str], name: str) -> Path:
    """A console config for the database at `db_path` (any path: a link, a new file)."""
    lines = ["[storage]", f"path = {json.dumps(str(db_path))}", "[polling]", "interval = 300",
             "timeout = 3", "[fetch]", "allow_private_hosts = true"]
    for url in feeds:
        lines += ["[[feeds]]", f"url = {json.dumps(url)}"]
    path = directory / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def vigie_once(config: Path) -> subprocess.CompletedProcess[str]:
    """`vigie run --console` expected to end by itself (the timeout only guards a hang)."""
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    return subprocess.run([sys.executable, "-m", "bot", "run", "--console", "--config",
                           str(config)], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=60, check=False)


def feed_urls(db_path: Path) -> list[str]:
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        urls = [row[0] for row in db.execute("SELECT url FROM feeds ORDER BY id")]
    db.close()
    return urls


# --------------------------------------------------------------------------- one run per file


def other_name(db_path: Path, how: str) -> Path:
    """Another path to the same database file."""
    if how == "same path":
        return db_path
    other = db_path.parent / "elsewhere" / "alias.db"
    other.parent.mkdir()
    if how == "symlink":
        other.symlink_to(db_path)
    else:
        os.link(db_path, other)
    return other


@pytest.mark.parametrize("how", ["same path", "symlink", "hard link"])
def test_a_second_run_through_any_path_to_the_file_is_refused_and_writes_nothing(
        feed_server: FeedServer, tmp_path: Path, how: str) -> None:
    feed_server.add("/first.xml", rss("First", NEWS))
    db_path = tmp_path / "vigie.db"
    first = Console(console_config(tmp_path, db_path, [feed_server.url("/first.xml")],
                                   "first.toml"), tmp_path)
    assert first.wait_for(["Ctrl-C to stop"]), "\n".join(first.errors)
    alias = other_name(db_path, how)
    second = vigie_once(console_config(tmp_path, alias, [feed_server.url("/second.xml")],
                                       "second.toml"))
    code, _, err = first.stop(signal.SIGTERM)
    assert code == 0, err
    said = second.stdout + second.stderr
    assert second.returncode == 2, said
    assert f"in use by another `vigie run` (pid {first.process.pid})" in said
    assert "Traceback" not in said
    assert feed_urls(db_path) == [feed_server.url("/first.xml")]  # the refused run wrote nothing
    assert not Path(f"{alias}-wal").exists() or how == "same path"



# --------------------------------------------------------------------------- file gone


def take_away(db_path: Path, how: str) -> None:
    """Delete the database (and its WAL, as `rm vigie.db*` would) or put another in its place."""
    if how == "deleted":
        for name in (db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
            name.unlink(missing_ok=True)
    else:
        other = db_path.parent / "other.db"
        sqlite3.connect(other).close()
        os.replace(other, db_path)


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_database_taken_away_under_a_run_stops_it_and_saves_what_it_held(
        feed_server: FeedServer, tmp_path: Path, how: str) -> None:
    feed_server.add("/kc.xml", rss("Kyiv Courier", NEWS))
    db_path = tmp_path / "vigie.db"
    console = Console(console_config(tmp_path, db_path, [feed_server.url("/kc.xml")],
                                     "vigie.toml"), tmp_path)
    try:
        assert console.wait_for([title for _, title, _ in NEWS]), "\n".join(console.errors)
        take_away(db_path, how)
        code = console.process.wait(timeout=60)  # it must stop by itself
    finally:
        _, _, err = console.stop(signal.SIGKILL)
    rescued = tmp_path / "vigie.db.rescued"
    assert code == 2, err
    assert f"{db_path} was {how} while Vigie ran" in err and str(rescued) in err
    assert "Traceback" not in err
    with sqlite3.connect(rescued) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        titles = [row[0] for row in db.execute("SELECT title FROM stories ORDER BY id")]
    db.close()
    assert titles == [title for _, title, _ in NEWS]  # nothing it stored is lost
    assert db_path.exists() == (how == "replaced")  # the file put in its place is left alone
