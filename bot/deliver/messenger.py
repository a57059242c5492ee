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

from bot.core.models import PLAIN, Placement, Preview

_TAG = re.compile(r"<[^>]+>")


class Messenger(Protocol):
    """Sends and edits one chat's messages; raises telegram.error.* on failure."""

    async def send(self, chat_id: int, text: str, placement: Placement = PLAIN) -> int:
        """Send HTML `text` (in a forum topic, with a preview, as `placement` says); returns
        the message id."""

    async def edit(self, chat_id: int, message_id: int, text: str,
                   placement: Placement = PLAIN) -> None:
        """Replace a sent message's text (its preview as `placement` says)."""


def preview_options(placement: Placement) -> LinkPreviewOptions:
    """Telegram's preview options for a placement. Small and large name the story's link:
    Telegram ignores a media size for a preview whose URL is not given."""
    if placement.preview is Preview.OFF or not placement.link:
        return LinkPreviewOptions(is_disabled=True)
    if placement.preview is Preview.SMALL:
        return LinkPreviewOptions(url=placement.link, prefer_small_media=True)
    return LinkPreviewOptions(url=placement.link, prefer_large_media=True, show_above_text=True)


class TelegramMessenger:
    """The real thing: HTML messages, link previews off unless the chat asked (/preview)."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, chat_id: int, text: str, placement: Placement = PLAIN) -> int:
        """Send one alert, into its forum topic when it has one."""
        message = await self.bot.send_message(
            chat_id, text, parse_mode=ParseMode.HTML, message_thread_id=placement.thread_id,
            link_preview_options=preview_options(placement))
        return message.message_id

    async def edit(self, chat_id: int, message_id: int, text: str,
                   placement: Placement = PLAIN) -> None:
        """Edit one alert (the "also reported by" line), keeping its preview."""
        await self.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id,
                                         parse_mode=ParseMode.HTML,
                                         link_preview_options=preview_options(placement))


class ConsoleMessenger:
    """Prints alerts as plain text, for `vigie run --console` and `vigie demo`."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.sent = 0

    async def send(self, chat_id: int, text: str, placement: Placement = PLAIN) -> int:
        """Print one alert."""
        self.sent += 1
        print(f"\n── alert to chat {chat_id} ──\n{as_plain(text)}", file=self.stream, flush=True)
        return self.sent

    async def edit(self, chat_id: int, message_id: int, text: str,
                   placement: Placement = PLAIN) -> None:
        """Print the edited alert."""
        print(f"\n── alert {message_id} in chat {chat_id} edited ──\n{as_plain(text)}",
              file=self.stream, flush=True)


def as_plain(markup: str) -> str:
    """Telegram HTML as terminal text: links shown under their text, tags dropped."""
    with_links = re.sub(r'<a href="([^"]*)">(.*?)</a>', r"\2\n   \1", markup)
    return html.unescape(_TAG.sub("", with_links))
