"""The bot token never shows: not in DEBUG logs, not in messages to chats, not in `feeds list`.

The real `vigie run --log-level DEBUG` process talks to the fake Bot API and a feed server on
127.0.0.1 with a distinctive token, and goes through start, commands, a poll, an alert, errors
(a failing handler whose error text carries the token, a 403, a 429, a 502 while polling for
updates, a network error) and shutdown. Every captured line and every value the bot sent is
then searched for the token, its numeric bot id and its secret half.
"""

from __future__ import annotations

import io
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from bot.app.cli import main, setup_logging
from tests.support.fakebot import FakeBotServer
from tests.support.feeds import rss, write_config
from tests.support.feedserver import FeedServer, make_fixture
from tests.support.secrets import TOKEN, leaks

feed_server = make_fixture()

USER, ADMIN, BLOCKED = 3101, 3102, 3103
NATO_STORY = ("sec-1", "NATO allies agree on air defence for Ukraine", "https://kc.example/1")




class Run:
    """`vigie run --log-level DEBUG` in its own process, stderr collected line by line."""

    def __init__(self, config: Path) -> None:
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        env.pop("TELEGRAM_BOT_TOKEN", None)
        env["PTB_TIMEDELTA"] = "true"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--log-level", "DEBUG", "--config", str(config)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
            cwd=config.parent)
        self.out: list[str] = []
        self.err: list[str] = []
        self.readers = [threading.Thread(target=_read, args=(stream, into), daemon=True)
                        for stream, into in ((self.process.stdout, self.out),
                                             (self.process.stderr, self.err))]
        for reader in self.readers:
            reader.start()

    def wait_log(self, text: str, seconds: float = 20.0) -> None:
        deadline = time.monotonic() + seconds
        while not any(text in line for line in list(self.err)):
            assert self.process.poll() is None, "\n".join(self.err[-30:])
            assert time.monotonic() < deadline, f"no log line with {text!r}"
            time.sleep(0.05)

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = self.process.wait()
        for reader in self.readers:
            reader.join(timeout=5)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return code


def _read(stream: IO[str] | None, into: list[str]) -> None:
    assert stream is not None
    for line in stream:
        into.append(line.rstrip("\n"))


def wait_sent(fake: FakeBotServer, chat_id: int, count: int) -> None:
    sent = fake.wait_sent(count, chat_id, timeout=20)
    assert len(sent) >= count, f"chat {chat_id} got {len(sent)} of {count} messages"


def wait_calls(fake: FakeBotServer, method: str, count: int, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while len(fake.calls_of(method)) < count:
        assert time.monotonic() < deadline, f"fewer than {count} {method} calls"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Run, FakeBotServer,
                                                                         str]]:
    """One whole run of the bot through every path that could show the token."""
    directory = tmp_path_factory.mktemp("secrets")
    with FeedServer() as feeds, FakeBotServer(token=TOKEN, enforce_limits=False) as fake:
        feeds.add("/kc.xml", rss("Kyiv Courier", [NATO_STORY]))
        config = write_config(directory, [(feeds.url("/kc.xml"), "Kyiv Courier")], server=fake,
                              token=TOKEN, admins=[ADMIN], db_path=directory / "v.db")
        run = Run(config)
        try:
            run.wait_log("vigie is running")
            drive(fake)
        finally:
            code = run.stop()
        assert code == 0, "\n".join(run.err[-30:])
        listing = subprocess.run(
            [sys.executable, "-m", "bot", "feeds", "list", "--config", str(config)],
            capture_output=True, text=True, timeout=60, cwd=directory,
            env={**os.environ, "PTB_TIMEDELTA": "true"})
        yield run, fake, listing.stdout + listing.stderr


def drive(fake: FakeBotServer) -> None:
    """Commands, the alert, then every kind of failure, in the order a user would meet them."""
    fake.push_message(USER, "/start")
    wait_sent(fake, USER, 1)
    fake.push_message(USER, "/subscribe nato")
    wait_sent(fake, USER, 2)
    wait_sent(fake, USER, 3)  # the alert from the first poll
    fake.push_message(ADMIN, "/feeds")
    fake.push_message(ADMIN, "/stats")
    wait_sent(fake, ADMIN, 2)
    # a handler fails, and the error Telegram answers carries the token itself
    fake.fail_next("sendMessage", 1, "400", chat_id=USER,
                   description=f"Bad Request: chat not found for bot{TOKEN}")
    fake.push_message(USER, "/help")
    wait_calls(fake, "sendMessage", len(fake.calls_of("sendMessage")) + 2)
    fake.fail_next("sendMessage", 1, "429", chat_id=USER, retry_after=1)
    fake.push_message(USER, "/topics")
    fake.fail_chat(BLOCKED, "403")
    fake.push_message(BLOCKED, "/start")
    fake.fail_next("getUpdates", 2, "502")
    before = len(fake.calls_of("getUpdates"))
    wait_calls(fake, "getUpdates", before + 3)
    fake.push_message(USER, "/filters")
    wait_sent(fake, USER, 5)


def test_the_bot_did_what_a_user_asked(session: tuple[Run, FakeBotServer, str]) -> None:
    """The run was real: commands answered, the alert sent, the errors met."""
    run, fake, listing = session
    texts = [message.text for message in fake.sent(USER)]
    assert any(NATO_STORY[1] in text for text in texts)
    assert fake.count_429 >= 1 and "Kyiv Courier" in listing
    assert any("handler failed" in line for line in run.err)


def test_no_log_line_holds_the_token(session: tuple[Run, FakeBotServer, str]) -> None:
    run, _, _ = session
    assert len(run.err) > 50  # DEBUG really was on
    found = [line for line in run.err + run.out if leaks(line)]
    assert found == []


def test_nothing_sent_to_telegram_holds_the_token(session: tuple[Run, FakeBotServer,
                                                                 str]) -> None:
    """Every parameter of every call: message texts, answers, command menus, the bytes of
    a picture (/stats sends one) read as Latin-1 so that a token inside would show."""
    _, fake, _ = session
    found = [call for call in fake.calls if leaks(json.dumps(
        call.params, ensure_ascii=False, default=lambda raw: raw.decode("latin-1")))]
    assert found == []


def test_feeds_list_does_not_hold_the_token(session: tuple[Run, FakeBotServer, str]) -> None:
    _, _, listing = session
    assert leaks(listing) == []


@pytest.mark.parametrize("message", [
    f"POST http://127.0.0.1:1/bot{TOKEN}/getMe",
    f"https://api.telegram.org/file/bot{TOKEN}/photos/1.jpg",
    f"token={TOKEN.upper()}",
])
def test_the_log_filter_redacts_a_token_however_it_got_into_a_record(
    message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A token in the message, in an argument or in an exception's traceback."""
    stream = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stream)
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    root.handlers = []
    try:
        setup_logging("DEBUG")
        log = logging.getLogger("some.library")
        log.debug(message)
        log.info("call to %s failed", message)
        try:
            raise ValueError(message)
        except ValueError:
            log.exception("boom")
    finally:
        root.handlers, level = saved
        root.setLevel(level)
    output = stream.getvalue()
    assert output.count("<token>") >= 3 and leaks(output) == []


def test_main_uses_the_filter(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    """`vigie feeds list` on a fresh config: nothing to leak, and no crash with the filter on."""
    config = tmp_path / "c.toml"
    config.write_text(f'[telegram]\ntoken = "{TOKEN}"\n[storage]\npath = "{tmp_path / "d.db"}"\n',
                      encoding="utf-8")
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        assert main(["feeds", "list", "--config", str(config)]) == 0
    finally:
        root.handlers, level = saved
        root.setLevel(level)
    assert leaks("".join(capsys.readouterr())) == []
