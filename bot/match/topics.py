"""Built-in topics (nato, kherson, osce) and how `[topics.NAME]` in the config changes them.

An alias is written like a filter term: a word, a phrase ("North Atlantic Alliance"), or a
prefix ending in `*` ("херсон*"). An exclude is a word or prefix that a prefix alias must
never match (the story may still match through another word): "херсон*" reaches every
inflection of Херсон, and "херсонес*" keeps Chersonesus
(Херсонес, in Sevastopol) out. Only whole words of folded text match (bot.core.text), so
"senator" is not NATO and "губернатор" or "натовп" (a crowd) are not НАТО.

Config semantics (decided here): `aliases` redefines a topic, replacing the built-in aliases
and excludes by the ones given; `extra_aliases` and `excludes` alone extend the built-in.
A new name defines a new topic. The names themselves live in bot/dedup/names.py, which
cross-language folding reads too: one list of spellings per name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from bot.core.errors import ConfigError, FilterSyntaxError
from bot.dedup.names import KHERSON, KHERSON_EXCLUDES, NATO, OSCE
from bot.match.filters import Term, parse_term

_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")


@dataclass(frozen=True, slots=True)
class Topic:
    """A named topic: aliases that match it, excludes it must never match."""

    name: str
    aliases: tuple[str, ...]
    excludes: tuple[str, ...] = ()

    def terms(self) -> tuple[tuple[Term, ...], tuple[Term, ...]]:
        """Aliases and excludes as folded terms (validated when the topic was built)."""
        return tuple(map(parse_term, self.aliases)), tuple(map(parse_term, self.excludes))


class TopicOverride(Protocol):
    """One `[topics.NAME]` table, as bot.core.config reads it."""

    @property
    def aliases(self) -> tuple[str, ...]: ...
    @property
    def extra_aliases(self) -> tuple[str, ...]: ...
    @property
    def excludes(self) -> tuple[str, ...]: ...


def builtin_topics() -> dict[str, Topic]:
    """The topics Vigie ships with, by name."""
    return {
        "nato": Topic("nato", NATO),
        "kherson": Topic("kherson", KHERSON, KHERSON_EXCLUDES),
        "osce": Topic("osce", OSCE),
    }


def merge_topics(
    builtin: Mapping[str, Topic], configured: Mapping[str, TopicOverride]
) -> dict[str, Topic]:
    """Apply the config's `[topics.NAME]` tables to the built-ins; ConfigError names the key."""
    topics = dict(builtin)
    for name, override in configured.items():
        if not _NAME.fullmatch(name):
            raise ConfigError(
                f"topics.{name}: a topic name is 1-32 lowercase letters, digits, '-' or '_'")
        topics[name] = _checked(_merged(topics.get(name), name, override))
    return topics


def _merged(base: Topic | None, name: str, override: TopicOverride) -> Topic:
    if override.aliases or base is None:
        aliases = (*override.aliases, *override.extra_aliases)
        return Topic(name, aliases, tuple(override.excludes))
    aliases = (*base.aliases, *override.extra_aliases)
    return Topic(name, aliases, (*base.excludes, *override.excludes))


def _checked(topic: Topic) -> Topic:
    """Refuse a topic without aliases, or an alias or exclude that is not a term."""
    if not topic.aliases:
        raise ConfigError(f"topics.{topic.name}: a topic needs at least one alias")
    for key, values in (("aliases", topic.aliases), ("excludes", topic.excludes)):
        for value in values:
            _check_term(f"topics.{topic.name}.{key}", value)
    for value in topic.excludes:
        if len(parse_term(value).words) > 1:
            raise ConfigError(f"topics.{topic.name}.excludes: {value!r}: one word or prefix*")
    return topic


def _check_term(key: str, value: str) -> None:
    try:
        parse_term(value)
    except FilterSyntaxError as error:
        raise ConfigError(f"{key}: {value!r}: {error.reason}") from None
    if value.strip().startswith(("-", "(", '"')) or " OR " in value:
        raise ConfigError(f"{key}: {value!r}: an alias is a word, a phrase or a prefix*")
