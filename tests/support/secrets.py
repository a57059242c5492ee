"""A bot token of the real shape, and where it must never appear."""

from __future__ import annotations

BOT_ID = "7403518862"


SECRET_HALF = "AAH-vigieSecretHalf_93kQzXw7LmPb2Tn"


TOKEN = f"{BOT_ID}:{SECRET_HALF}"


def leaks(text: str) -> list[str]:
    """Which parts of the token appear in `text` (any case)."""
    lowered = text.lower()
    return [part for part in (TOKEN, BOT_ID, SECRET_HALF) if part.lower() in lowered]
