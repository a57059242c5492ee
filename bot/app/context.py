"""What every command opens first: the settings and the database they point at."""

from __future__ import annotations

from bot.core.clock import Clock, utcnow
from bot.core.config import Settings, load_settings
from bot.core.context import Context
from bot.core.redact import redact_token
from storage.db import open_database
from storage.feeds import add_feed


def open_context(config_path: str | None) -> Context:
    """Load settings, open the database, and make sure the configured feeds are in it."""
    return context_for(load_settings_redacted(config_path))


def load_settings_redacted(config_path: str | None) -> Settings:
    """The settings, their token redacted from every message from now on."""
    settings = load_settings(config_path)
    if settings.telegram.token:
        redact_token(settings.telegram.token)  # before anything can log it, whatever its shape
    return settings


def context_for(settings: Settings, clock: Clock = utcnow) -> Context:
    """Open the settings' database and make sure their feeds are in it."""
    db = open_database(settings.storage.path)
    now = clock()
    for feed in settings.feeds:
        add_feed(db, feed.url, feed.name, feed.interval, now)
    return Context(settings, db, clock)
