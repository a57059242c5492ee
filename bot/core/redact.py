"""Bot tokens kept out of everything Vigie writes: one filter, installed on every log handler.

A token is known once settings are read (or once Telegram's client is built), so redaction is
a filter that learns tokens as they come, and also replaces anything shaped like a token.
"""

from __future__ import annotations

import logging
import re

# A Telegram bot token: the bot's numeric id, a colon, the secret (35 characters today).
_TOKEN_SHAPE = re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}")


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
        text = _TOKEN_SHAPE.sub("<token>", text)
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


def redact_token(token: str) -> None:
    """Have every handler set up by `setup_logging` redact this token (known once settings are)."""
    for handler in logging.getLogger().handlers:
        for found in handler.filters:
            if isinstance(found, RedactTokens):
                found.add(token)
