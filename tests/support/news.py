"""Feeds of stories published now or at given times, with summaries."""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from html import escape

from bot.core.clock import utcnow

SUMMARY = "Ministers of the alliance met in Brussels on Thursday and agreed on new deliveries."


def news_rss(channel: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (guid, title, summary) items published now."""
    when = format_datetime(utcnow())
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{escape(title)}</title>"
        f"<link>https://{channel.lower().replace(' ', '-')}.example/{guid}</link>"
        f"<description>{escape(summary)}</description><pubDate>{when}</pubDate></item>"
        for guid, title, summary in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{channel}</title><link>https://example.org/</link>"
            f"<description>test feed</description>{entries}</channel></rss>").encode()


Dated = tuple[str, str, datetime]
"""guid, title, published."""


def dated_rss(channel: str, items: list[Dated]) -> bytes:
    """An RSS 2.0 feed of (guid, title, published) items."""
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{escape(title)}</title>"
        f"<link>https://{channel.lower().replace(' ', '-')}.example/{guid}</link>"
        f"<description>{escape(title)}.</description>"
        f"<pubDate>{format_datetime(published)}</pubDate></item>"
        for guid, title, published in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{channel}</title><link>https://example.org/</link>"
            f"<description>test feed</description>{entries}</channel></rss>").encode()
