"""Built-in topics (nato, kherson, osce) and how `[topics.NAME]` in the config changes them.

An alias is written like a filter term: a word, a phrase ("North Atlantic Alliance"), or a
prefix ending in `*` ("херсон*"). An exclude is a word or prefix that a prefix alias must
never match (the story may still match through another word): "херсон*" reaches every
inflection of Херсон, and "херсонес*" keeps Chersonesus
(Херсонес, in Sevastopol) out. Only whole words of folded text match (bot.core.text), so
"senator" is not NATO and "губернатор" or "натовп" (a crowd) are not НАТО.

Config semantics (decided here): `aliases` redefines a topic, replacing the built-in aliases
and excludes by the ones given; `extra_aliases` and `excludes` alone extend the built-in.
A new name defines a new topic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from bot.core.errors import ConfigError, FilterSyntaxError
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


def _inflected(stems: tuple[str, ...], tail: str) -> tuple[str, ...]:
    return tuple(f"{stem} {tail}" for stem in stems)


_UK_NATO_ADJ = ("північноатлантичний", "північноатлантичного", "північноатлантичному",
                "північноатлантичним", "північноатлантичнім")
_RU_NATO_ADJ = ("североатлантический", "североатлантического", "североатлантическому",
                "североатлантическим", "североатлантическом")
_NATO = (
    "NATO", "OTAN", "НАТО", "NATO's",
    "North Atlantic Alliance", "Atlantic Alliance",
    "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation",
    "Alliance atlantique", "Alliance nord-atlantique",
    "Organisation du traité de l'Atlantique nord",
    *_inflected(_UK_NATO_ADJ, "альянс*"),
    *_inflected(("організація", "організації", "організацією", "організацію"),
                "Північноатлантичного договору"),
    "натовськ*", "натівськ*",
    *_inflected(_RU_NATO_ADJ, "альянс*"),
    *_inflected(("организация", "организации", "организацией", "организацию"),
                "Североатлантического договора"),
    "натовск*",
    "Nordatlantische Allianz", "Nordatlantischen Allianz", "Nordatlantikpakt*",
)
_KHERSON = (
    "Kherson", "Herson", "Cherson", "Chersoń", "Chersons",
    "Khersonska", "Khersonskaya", "Khersonskyi", "Khersonsky", "Khersonshchyn*",
    "Херсон*",
)
_KHERSON_EXCLUDES = ("херсонес*",)
_OSCE = (
    "OSCE", "OSZE", "OBSE", "ОБСЄ", "ОБСЕ",
    "Organization for Security and Co-operation in Europe",
    "Organisation for Security and Co-operation in Europe",
    "Organization for Security and Cooperation in Europe",
    "Organisation for Security and Cooperation in Europe",
    "Organisation pour la sécurité et la coopération en Europe",
    "Organisation für Sicherheit und Zusammenarbeit in Europa",
    "з безпеки та співробітництва в Європі", "з безпеки і співробітництва в Європі",
    "по безопасности и сотрудничеству в Европе",
)


def builtin_topics() -> dict[str, Topic]:
    """The topics Vigie ships with, by name."""
    return {
        "nato": Topic("nato", _NATO),
        "kherson": Topic("kherson", _KHERSON, _KHERSON_EXCLUDES),
        "osce": Topic("osce", _OSCE),
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
