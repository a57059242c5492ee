"""The `vigie` command line: parse arguments, load settings once, hand off, map errors to exit 2."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence

from bot import __version__
from bot.core.errors import VigieError
from bot.core.redact import RedactTokens, redacted_output

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
    run.set_defaults(handler="bot.app.runner:run_command")


def _add_poll(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    poll = _with_config(commands.add_parser("poll", help="poll due feeds, print new stories"))
    poll.add_argument("--once", action="store_true", required=True,
                      help="poll every due feed once, then exit")
    poll.add_argument("--json", action="store_true", help="one JSON object a line")
    poll.set_defaults(handler="bot.app.poll_command:poll_command")


def _add_demo(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = _with_config(commands.add_parser("demo", help="the pipeline on bundled sample feeds"))
    demo.set_defaults(handler="bot.app.demo:demo_command")


def _add_analyze(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    analyze = _with_config(commands.add_parser("analyze", help="judge stories from JSON lines"))
    analyze.add_argument("file", metavar="FILE", help="JSON lines file, or - for stdin")
    analyze.add_argument("--filter", action="append", default=[], metavar="EXPR",
                         help="a keyword filter to test (repeatable)")
    analyze.set_defaults(handler="bot.app.analyze:analyze_command")


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
    feeds.set_defaults(handler="bot.app.feeds_command:feeds_command")


def _resolve(target: str) -> Command:
    """Import the command's module only when it runs, so `vigie --help` stays instant."""
    module_name, function_name = target.split(":")
    module = __import__(module_name, fromlist=[function_name])
    command: Command = getattr(module, function_name)
    return command


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
