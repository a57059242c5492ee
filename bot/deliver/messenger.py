"""Where alerts go: Telegram through python-telegram-bot, or the terminal (console and demo).

Both take the same HTML, so the console shows exactly what a chat would receive, tags aside.
"""

from __future__ import annotations

import html
import re
import sys
from typing import Protocol, TextIO

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode

_TAG = re.compile(r"<[^>]+>")


class Messenger(Protocol):
    """Sends and edits one chat's messages; raises telegram.error.* on failure."""

    async def send(self, chat_id: int, text: str) -> int:
        """Send HTML `text`; returns the message id."""

    async def edit(self, chat_id: int, message_id: int, text: str) -> None:
        """Replace a sent message's text."""


class TelegramMessenger:
    """The real thing: HTML messages without link previews (alerts stay compact)."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.no_preview = LinkPreviewOptions(is_disabled=True)

    async def send(self, chat_id: int, text: str) -> int:
        """Send one alert."""
        message = await self.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML,
                                              link_preview_options=self.no_preview)
        return message.message_id

    async def edit(self, chat_id: int, message_id: int, text: str) -> None:
        """Edit one alert (the "also reported by" line)."""
        await self.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id,
                                         parse_mode=ParseMode.HTML,
                                         link_preview_options=self.no_preview)


class ConsoleMessenger:
    """Prints alerts as plain text, for `vigie run --console` and `vigie demo`."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.sent = 0

    async def send(self, chat_id: int, text: str) -> int:
        """Print one alert."""
        self.sent += 1
        print(f"\n── alert to chat {chat_id} ──\n{as_plain(text)}", file=self.stream, flush=True)
        return self.sent

    async def edit(self, chat_id: int, message_id: int, text: str) -> None:
        """Print the edited alert."""
        print(f"\n── alert {message_id} in chat {chat_id} edited ──\n{as_plain(text)}",
              file=self.stream, flush=True)


def as_plain(markup: str) -> str:
    """Telegram HTML as terminal text: links shown under their text, tags dropped."""
    with_links = re.sub(r'<a href="([^"]*)">(.*?)</a>', r"\2\n   \1", markup)
    return html.unescape(_TAG.sub("", with_links))
