"""Bot tokens kept out of everything Vigie writes: one filter, installed on every log handler.

A token is known once settings are read (or once Telegram's client is built), so redaction is
a filter that learns tokens as they come, and also replaces anything shaped like a token.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO, cast

TOKEN_SHAPE = re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}")
"""A Telegram bot token: the bot's numeric id, a colon, the secret (35 characters today)."""


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
        if secret and bot_id.isdigit() and len(bot_id) >= 5:  # real ids have 8-10 digits
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
