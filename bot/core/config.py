"""Settings: read once at start from TOML into frozen dataclasses, validated key by key.

Every error names the file, the key and what was expected, so a user can fix the file without
reading code. Nothing here runs at import time.
"""

from __future__ import annotations

import os
import tomllib
import types
import typing
from dataclasses import MISSING, Field, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from bot.core.errors import ConfigError
from bot.core.redact import TOKEN_SHAPE
from bot.core.texts import ENGLISH, plain

DEFAULT_CONFIG_NAME = "config.toml"
TELEGRAM_API = "https://api.telegram.org/bot"


"""A Telegram bot token: the bot's numeric id, a colon, the secret (35 characters today)."""

SECRET_KEYS = frozenset({"telegram.token"})
"""Keys whose value an error message never repeats, whatever its type."""

MIN_INTERVAL = 10

TREND_DAYS = 14
"""/trend and the /stats chart cover two weeks unless asked: long enough to see a story
rise and fall, short enough that every day reads on a phone."""
TREND_MAX_DAYS = 90
"""The longest /trend: 90 days of stories are read and matched again for one chart."""
CHART_SIZE = (1000, 500)
"""Width and height of a chart in pixels: 2:1 reads on a phone, sharp on a desktop."""
"""Seconds: no feed is polled more often, whatever its own `interval` says."""

@dataclass(frozen=True, slots=True)
class TelegramSettings:
    """How to reach the Bot API and who may run admin commands."""

    token: str | None = None
    api_base_url: str = TELEGRAM_API
    admins: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class StorageSettings:
    """Where the SQLite database lives, and how long what it holds is kept."""

    path: str = "vigie.db"
    keep_days: float = 30.0
    """Stories, clusters, sent alerts and digests older than this are deleted (0: never).

    A month: far past the dedup window (2 days) and the freshness limit (1 day), so folding and
    "never twice" are untouched; longer than nearly any feed keeps an item, so an item pruned
    and seen again is rare, and then stale (stored, not alerted) unless it has no date; and a
    month of history for "what did we send last week". What a chat is still owed is kept."""


@dataclass(frozen=True, slots=True)
class PollingSettings:
    """How often feeds are polled; `interval` is also the shortest a feed is ever polled at."""

    interval: float = 300.0
    max_interval: float = 4 * 3600.0
    concurrency: int = 50
    timeout: float = 20.0


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Limits on what a feed host may make us do."""

    allow_private_hosts: bool = False
    max_bytes: int = 10_000_000


@dataclass(frozen=True, slots=True)
class FeedSettings:
    """One configured feed."""

    url: str
    name: str = ""
    interval: float | None = None


@dataclass(frozen=True, slots=True)
class TopicSettings:
    """A topic from the config: overrides a built-in of the same name, or adds one."""

    aliases: tuple[str, ...] = ()
    extra_aliases: tuple[str, ...] = ()
    excludes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DedupSettings:
    """`[dedup]`: the score (0-100) at which a story joins a cluster at a 0 h gap, calibrated
    on the STS news pairs (benchmarks/calibrate_dedup.py), how long the window is, and whether
    reports of one event in different languages join one cluster (bot/dedup/crosslang.py)."""

    threshold: float = 58.0
    window_hours: float = 48.0
    across_languages: bool = True


@dataclass(frozen=True, slots=True)
class DeliverySettings:
    """Telegram's limits as we apply them."""

    rate_per_second: float = 30.0
    group_rate_per_minute: float = 20.0
    max_age_hours: float = 24.0
    """A story first seen longer than this after its published time is stored, not alerted.

    A day: a feed polled at `max_interval`, a publisher whose clock or time zone is off by up
    to 14 hours, or Vigie down overnight still alert what is fresh; the backlog of a new feed
    and a re-published archive (days or weeks old) never do."""
    max_alerts_per_poll: int = 10
    """The most alerts one poll of one feed may owe one chat; the rest go as one message,
    "and 37 more from Feed X", after them.

    Ten: a feed polled every 5 minutes brings 0 to 5 new items in a normal poll, so its usual
    news still comes one alert at a time, while a new feed's first poll (50 fresh items), a
    re-dated archive or a runaway wire costs a chat ten seconds of its one-a-second
    Telegram budget instead of minutes, and the reader a list instead of a flood."""


@dataclass(frozen=True, slots=True)
class BulletinShape:
    """What makes an item a bulletin (bot/ingest/bulletins.py), set on our labelled items
    (tests/data/bulletins, benchmarks/split.py): not a config key, a judgement we measure."""

    headline_words: tuple[int, int] = (3, 30)
    """A headline line holds 3 to 30 words (a section subheading fewer, a paragraph more)."""
    lead_words: int = 25
    """A bold lead opening a paragraph is at most this many words."""
    min_body: int = 60
    """Characters of text after a live-blog time for it to open an update."""
    min_item: int = 100
    """Characters of a list item that is a story (a fact or a timeline step is shorter)."""
    max_intro: int = 250
    """Characters before the first part: more is a single story's lede."""
    max_shared: float = 0.12
    """Mean share of long words between parts above which they are sections of one story."""
    title_cover: float = 0.6
    """Share of a headline's words found in the item title for the title to "join" it."""


BULLETIN = BulletinShape()


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything Vigie reads from its config file."""

    telegram: TelegramSettings = field(default_factory=TelegramSettings)
    storage: StorageSettings = field(default_factory=StorageSettings)
    polling: PollingSettings = field(default_factory=PollingSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    feeds: tuple[FeedSettings, ...] = ()
    topics: dict[str, TopicSettings] = field(default_factory=dict)
    dedup: DedupSettings = field(default_factory=DedupSettings)
    delivery: DeliverySettings = field(default_factory=DeliverySettings)
    source: str = "built-in defaults"


_SECTIONS: dict[str, type] = {
    "telegram": TelegramSettings,
    "storage": StorageSettings,
    "polling": PollingSettings,
    "fetch": FetchSettings,
    "dedup": DedupSettings,
    "delivery": DeliverySettings,
}


def find_config(explicit: str | None) -> Path | None:
    """The config file to read: --config, then $VIGIE_CONFIG, then ./config.toml, else none."""
    chosen = explicit or os.environ.get("VIGIE_CONFIG")
    if chosen:
        return Path(chosen)
    default = Path(DEFAULT_CONFIG_NAME)
    return default if default.exists() else None


def load_settings(explicit: str | None = None) -> Settings:
    """Read and validate the config; the bot token may also come from TELEGRAM_BOT_TOKEN."""
    path = find_config(explicit)
    settings = Settings() if path is None else parse_settings(_read_toml(path), str(path))
    token = os.environ.get("TELEGRAM_BOT_TOKEN")
    if token:
        settings = replace(settings, telegram=replace(settings.telegram, token=token))
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file (copy config.example.toml)") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the config file: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None


def parse_settings(data: dict[str, Any], source: str) -> Settings:
    """Turn a TOML document into Settings, or raise ConfigError naming the file and key."""
    known = {*_SECTIONS, "feeds", "topics"}
    for key in data:
        if key not in known:
            raise ConfigError(f"{source}: unknown section or key '{key}' (known: {_names(known)})")
    sections = {
        name: _build(cls, data.get(name, {}), source, name) for name, cls in _SECTIONS.items()
    }
    feeds = _feeds(data.get("feeds", []), source)
    topics = _topics(data.get("topics", {}), source)
    _check_values(sections, source)
    return Settings(feeds=feeds, topics=topics, source=source, **sections)


def _names(keys: typing.Iterable[str]) -> str:
    return ", ".join(sorted(keys))


def _feeds(raw: Any, source: str) -> tuple[FeedSettings, ...]:
    if not isinstance(raw, list):
        raise ConfigError(f"{source}: 'feeds' must be an array of tables ([[feeds]])")
    feeds = tuple(_build(FeedSettings, item, source, f"feeds[{i}]") for i, item in enumerate(raw))
    for index, feed in enumerate(feeds):
        problem = url_problem(feed.url)
        if problem:
            raise ConfigError(f"{source}: feeds[{index}].url: {problem}")
        if feed.interval is not None and feed.interval < MIN_INTERVAL:
            raise ConfigError(
                f"{source}: feeds[{index}].interval must be at least {MIN_INTERVAL} seconds")
    return feeds


def _topics(raw: Any, source: str) -> dict[str, TopicSettings]:
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: 'topics' must be a table of [topics.NAME] tables")
    return {
        name: _build(TopicSettings, table, source, f"topics.{name}") for name, table in raw.items()
    }


def url_fault(url: str) -> Literal["not_http", "no_host"] | None:
    """Why `url` cannot be a feed address, as a reason key of the `refused_*` texts, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "not_http"
    return None if parts.hostname else "no_host"


def url_problem(url: str) -> str | None:
    """Why `url` cannot be a feed address, in English (a config file's error), or None."""
    fault = url_fault(url)
    return None if fault is None else plain(getattr(ENGLISH, f"refused_{fault}"), url=url)


def _check_values(sections: dict[str, Any], source: str) -> None:
    polling: PollingSettings = sections["polling"]
    checks = [
        (polling.interval >= MIN_INTERVAL, "polling.interval", f"at least {MIN_INTERVAL} seconds"),
        (polling.max_interval >= polling.interval, "polling.max_interval", "at least interval"),
        (polling.concurrency >= 1, "polling.concurrency", "at least 1"),
        (polling.timeout > 0, "polling.timeout", "more than 0 seconds"),
        (sections["fetch"].max_bytes >= 1024, "fetch.max_bytes", "at least 1024"),
        (_threshold_ok(sections["dedup"].threshold), "dedup.threshold", "a number from 0 to 100"),
        (sections["dedup"].window_hours > 0, "dedup.window_hours", "more than 0 hours"),
        (sections["delivery"].rate_per_second > 0, "delivery.rate_per_second", "more than 0"),
        (sections["delivery"].group_rate_per_minute > 0, "delivery.group_rate_per_minute",
         "more than 0"),
        (sections["delivery"].max_age_hours > 0, "delivery.max_age_hours", "more than 0 hours"),
        (sections["delivery"].max_alerts_per_poll >= 1, "delivery.max_alerts_per_poll",
         "at least 1"),
        (_keep_days_ok(sections), "storage.keep_days",
         "0 (keep everything) or long enough for dedup.window_hours and "
         "delivery.max_age_hours"),
        (not _holds_token(sections["telegram"]), "telegram.api_base_url",
         "the server's address without the bot token (the token goes in [telegram] token "
         "or TELEGRAM_BOT_TOKEN)"),
    ]
    for ok, key, expected in checks:
        if not ok:
            raise ConfigError(f"{source}: {key} must be {expected}")


def _keep_days_ok(sections: dict[str, Any]) -> bool:
    """Nothing the dedup window or the freshness rule still needs may be pruned."""
    keep_hours = sections["storage"].keep_days * 24
    needed = max(sections["dedup"].window_hours, sections["delivery"].max_age_hours)
    return bool(keep_hours == 0 or keep_hours >= needed)


def _holds_token(telegram: TelegramSettings) -> bool:
    """Whether the Bot API address has a token pasted into it (PTB adds the token itself)."""
    url = telegram.api_base_url
    return bool(TOKEN_SHAPE.search(url)) or bool(telegram.token and telegram.token in url)


def _threshold_ok(value: float) -> bool:
    return 0 <= value <= 100


def _build(cls: type, table: Any, source: str, where: str) -> Any:
    """Build dataclass `cls` from a TOML table, refusing unknown keys and wrong types."""
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: '{where}' must be a table")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in fields(cls)}
    for key, value in table.items():
        if key not in names:
            raise ConfigError(f"{source}: unknown key '{where}.{key}' (known: {_names(names)})")
        table = {**table, key: _coerce(value, hints[key], source, f"{where}.{key}")}
    try:
        return cls(**table)
    except TypeError:
        missing = ", ".join(f.name for f in fields(cls) if _required(f) and f.name not in table)
        raise ConfigError(f"{source}: '{where}' lacks required key(s): {missing}") from None


def _required(spec: Field[Any]) -> bool:
    return spec.default is MISSING and spec.default_factory is MISSING


def _coerce(value: Any, hint: Any, source: str, key: str) -> Any:
    """Check `value` against the annotation `hint`; ints are accepted where floats are."""
    options = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    for option in options:
        ok, converted = _fits(value, option)
        if ok:
            return converted
    shown = "" if key in SECRET_KEYS else f", not {value!r}"
    raise ConfigError(f"{source}: {key} must be {_describe(hint)}{shown}")


def _fits(value: Any, hint: Any) -> tuple[bool, Any]:
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        good = isinstance(value, list) and all(_fits(v, item)[0] for v in value)
        return good, tuple(value) if good else None
    if hint is float:
        good = isinstance(value, int | float) and not isinstance(value, bool)
        return good, float(value) if good else None
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool), value
    if hint is type(None):
        return False, None
    return isinstance(value, hint), value


def _describe(hint: Any) -> str:
    words = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}
    if typing.get_origin(hint) is tuple:
        return f"an array of {_describe(typing.get_args(hint)[0]).split(' ', 1)[1]}s"
    if isinstance(hint, types.UnionType):
        return " or ".join(_describe(h) for h in typing.get_args(hint) if h is not type(None))
    return words.get(hint, str(hint))
