"""The `vigie` command line: parse arguments, load settings once, hand off, map errors to exit 2."""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO, cast

from bot import __version__
from bot.config import TOKEN_SHAPE
from bot.errors import VigieError

Command = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    """Every command and its options; each command takes --config after its name."""
    parser = argparse.ArgumentParser(prog="vigie", description="Vigie: news feed alerts.")
    parser.add_argument("--version", action="version", version=f"vigie {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_run(commands)
    _add_poll(commands)
    _add_demo(commands)
    _add_analyze(commands)
    _add_feeds(commands)
    return parser


def _with_config(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--config", metavar="PATH",
                        help="config file (default: $VIGIE_CONFIG, then ./config.toml)")
    parser.add_argument("--log-level", default="INFO", type=str.upper,
                        choices=["DEBUG", "INFO", "WARNING", "ERROR"], help="default INFO")
    return parser


def _add_run(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = _with_config(commands.add_parser("run", help="run the bot (or --console)"))
    run.add_argument("--console", action="store_true",
                     help="print alerts to the terminal instead of sending them to Telegram")
    run.set_defaults(handler="bot.runner:run_command")


def _add_poll(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    poll = _with_config(commands.add_parser("poll", help="poll due feeds, print new stories"))
    poll.add_argument("--once", action="store_true", required=True,
                      help="poll every due feed once, then exit")
    poll.add_argument("--json", action="store_true", help="one JSON object a line")
    poll.set_defaults(handler="bot.poll_command:poll_command")


def _add_demo(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = _with_config(commands.add_parser("demo", help="the pipeline on bundled sample feeds"))
    demo.set_defaults(handler="bot.demo:demo_command")


def _add_analyze(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    analyze = _with_config(commands.add_parser("analyze", help="judge stories from JSON lines"))
    analyze.add_argument("file", metavar="FILE", help="JSON lines file, or - for stdin")
    analyze.add_argument("--filter", action="append", default=[], metavar="EXPR",
                         help="a keyword filter to test (repeatable)")
    analyze.set_defaults(handler="bot.analyze:analyze_command")


def _add_feeds(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    feeds = commands.add_parser("feeds", help="manage feeds without the bot")
    actions = feeds.add_subparsers(dest="action", required=True, metavar="ACTION")
    _with_config(actions.add_parser("list", help="feeds and their health"))
    add = _with_config(actions.add_parser("add", help="add a feed"))
    add.add_argument("url")
    add.add_argument("--name", default="")
    remove = _with_config(actions.add_parser("remove", help="remove a feed"))
    remove.add_argument("url")
    import_ = _with_config(actions.add_parser("import", help="add the feeds of an OPML file"))
    import_.add_argument("file", metavar="FILE.opml")
    _with_config(actions.add_parser("export", help="print the feeds as OPML 2.0"))
    feeds.set_defaults(handler="bot.feeds_command:feeds_command")


def _resolve(target: str) -> Command:
    """Import the command's module only when it runs, so `vigie --help` stays instant."""
    module_name, function_name = target.split(":")
    module = __import__(module_name, fromlist=[function_name])
    command: Command = getattr(module, function_name)
    return command




class RedactTokens(logging.Filter):
    """Replace bot tokens in every record a handler writes: its message, arguments, traceback.

    Any library may log a request URL (httpx, httpcore, PTB at DEBUG), and the URL holds the
    token; redacting at the handler catches them all, whatever the logger's level.
    """

    def __init__(self, token: str = "") -> None:
        super().__init__()
        self.secrets: list[re.Pattern[str]] = []
        self.add(token)

    def add(self, token: str) -> None:
        """Redact this token from now on: whole, its secret half, and its bot id as a number."""
        bot_id, _, secret = token.strip().partition(":")
        for part in (token.strip(), secret):
            if len(part) >= 8:
                self.secrets.append(re.compile(re.escape(part), re.IGNORECASE))
        if secret and bot_id.isdigit():
            self.secrets.append(re.compile(rf"(?<!\d){bot_id}(?!\d)"))

    def redact(self, text: str) -> str:
        """`text` with every token-shaped string and every known secret replaced."""
        text = TOKEN_SHAPE.sub("<token>", text)
        for secret in self.secrets:
            text = secret.sub("<token>", text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self.redact(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class RedactedStream:
    """A text stream that redacts each line before the stream it wraps sees it.

    Installed on stdout and stderr by `main`, so what bypasses logging (a config error that
    echoes a value, a traceback, a library's print) is redacted too. Whole lines are redacted:
    a token is never cut in two between writes.
    """

    def __init__(self, stream: TextIO, redactor: RedactTokens) -> None:
        self.stream, self.redactor, self.pending = stream, redactor, ""

    def write(self, text: str) -> int:
        *lines, self.pending = (self.pending + text).split("\n")
        for line in lines:
            self.stream.write(self.redactor.redact(line) + "\n")
        return len(text)

    def flush(self) -> None:
        if self.pending:
            self.stream.write(self.redactor.redact(self.pending))
            self.pending = ""
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextmanager
def redacted_output(redactor: RedactTokens) -> Iterator[None]:
    """stdout and stderr redacted by `redactor` inside the block, restored after it."""
    saved = sys.stdout, sys.stderr
    sys.stdout = cast(TextIO, RedactedStream(saved[0], redactor))
    sys.stderr = cast(TextIO, RedactedStream(saved[1], redactor))
    try:
        yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        sys.stdout, sys.stderr = saved


def redact_token(token: str) -> None:
    """Have the log handlers and the output streams redact this token (known once settings are)."""
    found = [f for h in logging.getLogger().handlers for f in h.filters
             if isinstance(f, RedactTokens)]
    found += [s.redactor for s in (sys.stdout, sys.stderr) if isinstance(s, RedactedStream)]
    for redactor in {id(r): r for r in found}.values():
        redactor.add(token)


def setup_logging(level: str) -> None:
    """Log to stderr with tokens redacted; keep httpx quiet (a line per request)."""
    logging.basicConfig(level=level.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactTokens(os.environ.get("TELEGRAM_BOT_TOKEN", "")))
    for noisy in ("httpx", "httpcore", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `vigie` and `python -m bot`."""
    with redacted_output(RedactTokens(os.environ.get("TELEGRAM_BOT_TOKEN", ""))):
        args = build_parser().parse_args(argv)
        setup_logging(args.log_level)
        # python-telegram-bot 22 warns on every RetryAfter unless told we take timedeltas
        os.environ.setdefault("PTB_TIMEDELTA", "true")
        return _run_command(args)


def _run_command(args: argparse.Namespace) -> int:
    """The command's exit code; errors printed here, through the redacted streams."""
    try:
        return _resolve(args.handler)(args)
    except VigieError as error:
        print(f"vigie: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception:  # noqa: BLE001 - printed here, so the traceback is redacted too
        traceback.print_exc()
        return 1
