"""`vigie feeds ...`, `vigie poll` and broken configs, as a user at a terminal sees them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bot.app.cli import main
from tests.support.fakebot import FakeBotServer, serving
from tests.support.feeds import NEWS, feeds_in, make_due, poll_json, rss, write_config
from tests.support.feedserver import FeedServer, make_fixture, unused_port

feed_server = make_fixture()
ROOT = Path(__file__).resolve().parent.parent

# Shaped like an Inoreader export: feeds nested two deep in folders, one with only `text`,
# one with an upper-case attribute name, one that is not a web feed.
OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Subscriptions of Olena</title></head>
  <body>
    <outline text="Ukraine" title="Ukraine">
      <outline text="Regions">
        <outline type="rss" text="Kherson Today" title="Kherson Today"
                 xmlUrl="https://kherson-today.example/rss" htmlUrl="https://kherson-today.example"/>
      </outline>
      <outline type="rss" text="Вісник Дніпра" xmlUrl="https://visnyk.example/feed.xml"/>
    </outline>
    <outline text="Diplomatie">
      <outline type="rss" title="Le Veilleur" text="ignored" XMLURL="https://veilleur.example/rss"/>
      <outline type="rss" text="Gopher hole" xmlUrl="gopher://old.example/news"/>
    </outline>
  </body>
</opml>
"""


def vigie(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in this process; exit code, stdout, stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_feeds_add_then_list_shows_the_name_and_a_feed_never_polled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(write_config(tmp_path, []))
    url = "https://kyiv-courier.example/rss"
    assert vigie(capsys, "feeds", "add", url, "--name", "Kyiv Courier", "--config", config) == (
        0, f"added {url}\n", "")
    assert vigie(capsys, "feeds", "add", url, "--config", config)[1] == f"already there: {url}\n"
    code, out, _ = vigie(capsys, "feeds", "list", "--config", config)
    assert code == 0
    assert out.splitlines()[0] == f"[ok] Kyiv Courier  {url}"
    assert "last poll never" in out and "consecutive errors 0" in out and "status -" in out


@pytest.mark.parametrize("url", ["ftp://files.example/feed.xml", "kyiv-courier.example/rss",
                                 "https:///rss"])
def test_feeds_add_refuses_a_bad_url_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str
) -> None:
    config = str(write_config(tmp_path, []))
    code, out, err = vigie(capsys, "feeds", "add", url, "--config", config)
    assert (code, out) == (2, "")
    assert err.startswith("vigie: ") and url in err
    assert vigie(capsys, "feeds", "list", "--config", config)[1].startswith("no feeds yet")


def test_feeds_remove(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = str(write_config(tmp_path, []))
    url = "https://kyiv-courier.example/rss"
    vigie(capsys, "feeds", "add", url, "--config", config)
    assert vigie(capsys, "feeds", "remove", url, "--config", config) == (0, f"removed {url}\n", "")
    assert feeds_in(tmp_path / "vigie.db") == {}
    code, out, err = vigie(capsys, "feeds", "remove", url, "--config", config)
    assert (code, out) == (2, "")
    assert err == f"vigie: no feed with URL {url} (see `vigie feeds list`)\n"


def test_feeds_import_reads_nested_outlines_and_skips_what_is_not_a_web_feed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(write_config(tmp_path, []))
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(OPML, encoding="utf-8")
    code, out, err = vigie(capsys, "feeds", "import", str(opml), "--config", config)
    assert code == 0
    assert out == f"imported 3 new feed(s) from {opml}; 1 skipped\n"
    assert "skipped gopher://old.example/news" in err
    names = {url: feed.name for url, feed in feeds_in(tmp_path / "vigie.db").items()}
    assert names == {"https://kherson-today.example/rss": "Kherson Today",
                     "https://visnyk.example/feed.xml": "Вісник Дніпра",
                     "https://veilleur.example/rss": "Le Veilleur"}
    again = vigie(capsys, "feeds", "import", str(opml), "--config", config)[1]
    assert again.startswith("imported 0 new feed(s)")


@pytest.mark.parametrize(("content", "message"), [
    (None, "cannot read"),
    ("<html><body>not a list</body></html>", "not OPML"),
    ("<opml version='2.0'><body><outline", "invalid XML"),
])
def test_feeds_import_of_a_bad_file_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    config = str(write_config(tmp_path, []))
    opml = tmp_path / "list.opml"
    if content is not None:
        opml.write_text(content, encoding="utf-8")
    code, _, err = vigie(capsys, "feeds", "import", str(opml), "--config", config)
    assert code == 2 and message in err


def test_feeds_export_is_opml_2_that_imports_back_the_same_feeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir(), second.mkdir()
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(OPML, encoding="utf-8")
    vigie(capsys, "feeds", "import", str(opml), "--config", str(write_config(first, [])))
    code, exported, _ = vigie(capsys, "feeds", "export", "--config", str(first / "config.toml"))
    root = ET.fromstring(exported.encode("utf-8"))
    assert (code, root.tag, root.get("version")) == (0, "opml", "2.0")
    assert [o.get("xmlUrl") for o in root.iter("outline") if o.get("xmlUrl")] == [
        "https://kherson-today.example/rss", "https://visnyk.example/feed.xml",
        "https://veilleur.example/rss"]
    (tmp_path / "export.opml").write_text(exported, encoding="utf-8")
    vigie(capsys, "feeds", "import", str(tmp_path / "export.opml"),
          "--config", str(write_config(second, [])))

    def listing(db: Path) -> list[tuple[str, str]]:
        return sorted((url, feed.name) for url, feed in feeds_in(db).items())

    assert listing(second / "vigie.db") == listing(first / "vigie.db")


def test_consecutive_errors_grow_and_the_feed_is_flagged_failing_after_three(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_server.add("/down.xml", status=500, body=b"database is down")
    feed_server.add("/up.xml", rss("Kyiv Courier", NEWS))
    down, up = feed_server.url("/down.xml"), feed_server.url("/up.xml")
    config = write_config(tmp_path, [(down, "Down Daily"), (up, "Kyiv Courier")])
    waits = []
    for attempt in (1, 2, 3):
        if attempt > 1:
            make_due(tmp_path / "vigie.db")
        poll_json(config, capsys)
        feed = feeds_in(tmp_path / "vigie.db")[down]
        assert feed.error_count == attempt and feed.next_poll_at and feed.last_poll_at
        waits.append(feed.next_poll_at - feed.last_poll_at)
        listing = vigie(capsys, "feeds", "list", "--config", str(config))[1]
        flag = "[FAILING]" if attempt == 3 else "[error]"
        assert f"{flag} Down Daily  {down}" in listing
    assert waits[0] < waits[1] < waits[2]  # exponential backoff
    lines = listing.splitlines()
    health = lines[lines.index(f"[FAILING] Down Daily  {down}") + 1]
    assert "last poll 2" in health and "next poll 2" in health
    assert "status 500 failed" in health and "consecutive errors 3" in health
    assert "    last error: HTTP 500 Internal Server Error" in lines
    assert f"[ok] Kyiv Courier  {up}" in lines


def test_a_feed_that_recovers_is_no_longer_flagged(
    feed_server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    route = feed_server.add("/flaky.xml", status=503, body=b"maintenance")
    config = write_config(tmp_path, [feed_server.url("/flaky.xml")])
    for _ in range(3):
        make_due(tmp_path / "vigie.db")
        poll_json(config, capsys)
    route.status, route.body = 200, rss("Flaky", NEWS)
    make_due(tmp_path / "vigie.db")
    stories, _ = poll_json(config, capsys)
    listing = vigie(capsys, "feeds", "list", "--config", str(config))[1]
    assert len(stories) == 2 and listing.startswith("[ok] ")
    assert "consecutive errors 0" in listing and "last error" not in listing


BROKEN = [
    ('[polling]\ninterval = "fast"\n', "polling.interval must be a number, not 'fast'"),
    ("[fetch]\nallow_private = true\n", "unknown key 'fetch.allow_private'"),
    ('[[feeds]]\nurl = "ftp://x.example/rss"\n', "feeds[0].url"),
    ("[polling\n", "not valid TOML"),
]
COMMANDS = [["poll", "--once"], ["poll", "--once", "--json"], ["run", "--console"],
            ["feeds", "list"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize(("text", "message"), BROKEN, ids=[m for _, m in BROKEN])
def test_a_broken_config_is_exit_2_naming_file_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], text: str, message: str
) -> None:
    config = tmp_path / "broken.toml"
    config.write_text(text, encoding="utf-8")
    code, out, err = vigie(capsys, *command, "--config", str(config))
    assert (code, out) == (2, "")
    assert err.startswith(f"vigie: {config}: ") and message in err
    assert not (tmp_path / "vigie.db").exists()


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_missing_config_file_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    missing = tmp_path / "nowhere.toml"
    code, _, err = vigie(capsys, *command, "--config", str(missing))
    assert code == 2 and err.startswith(f"vigie: {missing}: no such config file")


def test_installed_vigie_poll_once_json_end_to_end(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    """The console script itself, in its own process, as a newcomer would type it."""
    feed_server.add("/kc.xml", rss("Kyiv Courier", NEWS))
    config = write_config(tmp_path, [(feed_server.url("/kc.xml"), "Kyiv Courier")])
    script = ROOT / ".venv" / "bin" / "vigie"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "bot"]
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["PTB_TIMEDELTA"] = "true"

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([*command, "poll", "--once", "--json", "--config", str(config)],
                              capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)

    done = run()
    assert done.returncode == 0, done.stderr
    stories = [json.loads(line) for line in done.stdout.splitlines()]
    assert [s["title"] for s in stories] == [title for _, title, _ in NEWS]
    assert all(s["feed"] == feed_server.url("/kc.xml") for s in stories)
    summary = done.stderr.splitlines()[-1]
    assert summary == "polled 1 feed(s): 0 not modified, 0 failed, 2 new stories"
    again = run()
    assert (again.returncode, again.stdout) == (0, "")
    assert again.stderr.splitlines()[-1].startswith("polled 0 feed(s)")


@pytest.mark.parametrize(("api", "expected"), [
    ("http://127.0.0.1:{closed}/bot", "cannot reach the Bot API"),
    ("{fake}", "Telegram refused the token"),
])
def test_run_without_telegram_or_with_a_wrong_token_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], api: str, expected: str) -> None:
    """No traceback at start: what is wrong, where, and what to check."""
    with serving(FakeBotServer(token="1:right")) as server:
        url = api.format(closed=unused_port(), fake=server.base_url)
        config = tmp_path / "c.toml"
        config.write_text(f'[telegram]\ntoken = "2:wrong"\napi_base_url = "{url}"\n'
                          f'[storage]\npath = "{tmp_path / "v.db"}"\n')
        assert main(["run", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err and "2:wrong" not in err


def test_removing_a_feed_the_config_lists_says_it_will_come_back(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = "https://kyiv-courier.example/rss"
    config = str(write_config(tmp_path, [url]))
    code, out, err = vigie(capsys, "feeds", "remove", url, "--config", config)
    assert (code, out) == (0, f"removed {url}\n")
    assert f"{config} still lists it" in err and "remove it there too" in err


def test_feeds_import_repairs_a_bare_ampersand_says_so_and_export_keeps_the_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(write_config(tmp_path, []))
    opml = tmp_path / "ua.opml"
    opml.write_bytes(b'<opml version="1.0"><body><outline text="Ukraine">'
                     b'<outline text="South" xmlUrl="https://south.example/rss?a=1&b=2"/>'
                     b'</outline></body></opml>')
    code, out, err = vigie(capsys, "feeds", "import", str(opml), "--config", config)
    assert (code, out) == (0, f"imported 1 new feed(s) from {opml}; 0 skipped\n")
    assert err == f"repaired {opml}: escaped 1 bare '&'\n"
    exported = vigie(capsys, "feeds", "export", "--config", config)[1]
    folder = ET.fromstring(exported).find("body/outline[@text='Ukraine']")
    assert folder is not None
    assert [o.get("xmlUrl") for o in folder] == ["https://south.example/rss?a=1&b=2"]


def test_feeds_add_and_import_use_the_addfeed_address_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = str(write_config(tmp_path, [], allow_private=False))
    code, out, err = vigie(capsys, "feeds", "add", "http://127.0.0.1:8080/rss", "--config", config)
    assert (code, out) == (2, "")
    assert err == ("vigie: 127.0.0.1 resolves to a loopback address 127.0.0.1, and Vigie fetches "
                   "only public hosts (unless [fetch] allow_private_hosts = true)\n")
    opml = tmp_path / "mixed.opml"
    opml.write_text('<opml version="2.0"><body>'
                    '<outline text="Router" xmlUrl="http://192.168.1.1/rss"/>'
                    '<outline text="Kherson" xmlUrl="https://kherson-today.example/rss"/>'
                    "</body></opml>", encoding="utf-8")
    code, out, err = vigie(capsys, "feeds", "import", str(opml), "--config", config)
    assert (code, out) == (0, f"imported 1 new feed(s) from {opml}; 1 skipped\n")
    assert err == ("skipped http://192.168.1.1/rss: 192.168.1.1 resolves to a private address "
                   "192.168.1.1, and Vigie fetches only public hosts (unless [fetch] "
                   "allow_private_hosts = true)\n")
