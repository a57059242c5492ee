"""No message Vigie prints holds the bot token, log record or not: config errors that echo a
value, a token pasted into the wrong key, a crash's traceback."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import runner
from bot.app.cli import main
from bot.core.redact import RedactTokens
from tests.support.secrets import TOKEN, leaks


@pytest.fixture(autouse=True)
def _keep_logging() -> Iterator[None]:
    """main() sets up logging on the root logger: give the next test the root it had."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    yield
    root.handlers, level = saved
    root.setLevel(level)


def config(tmp_path: Path, *telegram: str) -> Path:
    path = tmp_path / "vigie.toml"
    lines = ["[telegram]", *telegram, "[storage]", f"path = {json.dumps(str(tmp_path / 'v.db'))}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("lines", "key"), [
    ([f'token = ["{TOKEN}"]'], "telegram.token"),
    ([f"token = {{ value = '{TOKEN}' }}"], "telegram.token"),
    ([f'token = "{TOKEN}"', f'admins = ["{TOKEN}"]'], "telegram.admins"),
    ([f'admins = [12, "{TOKEN}"]'], "telegram.admins"),
    ([f'token = "{TOKEN}"', f'api_base_url = "http://127.0.0.1:1/bot{TOKEN}"'],
     "telegram.api_base_url"),
    ([f'api_base_url = "http://127.0.0.1:1/bot{TOKEN}/"'], "telegram.api_base_url"),
], ids=["token-in-array", "token-in-table", "token-in-admins", "token-among-admins",
        "token-in-api-url", "token-in-api-url-no-token-key"])
def test_a_token_in_the_wrong_place_is_refused_without_being_printed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], lines: list[str], key: str) -> None:
    code = main(["run", "--config", str(config(tmp_path, *lines))])
    out, err = capsys.readouterr()
    assert code == 2, err
    assert key in err and "Traceback" not in err
    assert leaks(out + err) == []
    assert not (tmp_path / "v.db").exists()  # refused before anything was opened


def test_a_crash_prints_its_traceback_with_the_token_redacted(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever escapes a command is printed by Vigie, redacted, not by the interpreter."""
    def crash(_: object) -> int:
        print(f"about to call https://api.telegram.org/bot{TOKEN}/getMe")
        raise RuntimeError(f"unexpected answer from /bot{TOKEN}/getMe")

    monkeypatch.setattr(runner, "run_command", crash)
    code = main(["run", "--config", str(config(tmp_path, f'token = "{TOKEN}"'))])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" in err and "RuntimeError: unexpected answer from /bot<token>" in err
    assert "about to call https://api.telegram.org/bot<token>/getMe" in out
    assert leaks(out + err) == []


def test_output_is_back_to_normal_after_main(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The redacting streams wrap stdout and stderr only while a command runs."""
    before = sys.stdout, sys.stderr
    main(["feeds", "list", "--config", str(config(tmp_path, f'token = "{TOKEN}"'))])
    assert (sys.stdout, sys.stderr) == before


def test_a_short_test_token_id_does_not_blank_every_such_number_in_the_log() -> None:
    """Real bot ids have 8-10 digits; a toy id such as 1 or 2 must not hide every '1' or '2'
    that a later message prints ("stopping with 2 answers ...")."""
    redactor = RedactTokens()
    redactor.add("2:short")
    redactor.add("987654321:" + "A" * 35)
    assert redactor.redact("stopping with 2 answer(s)") == "stopping with 2 answer(s)"
    assert redactor.redact("bot 987654321 said") == "bot <token> said"
