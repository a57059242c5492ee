"""`vigie analyze FILE|-`: judge stories offline, one JSON line out per JSON line in.

Anyone can check Vigie's judgement (clusters, topics, filters) on their own file of stories,
with the same dedup and matcher the bot uses, and nothing stored. Each line may also carry
"language" (as a feed names it, "fr-FR"); without it the language is guessed from the title,
for folding reports of one event across languages.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TextIO

from bot.core.config import load_settings
from bot.core.errors import FilterSyntaxError, VigieError
from bot.core.text import plain_text
from bot.dedup.index import DedupIndex
from bot.engine import load_topics
from bot.ingest.bulletins import split_bulletin
from bot.ingest.normalise import language_tag
from bot.match.filters import FilterExpr, parse_filter
from bot.match.matcher import Matcher


@dataclass(frozen=True, slots=True)
class InputStory:
    """One input line, checked."""

    id: Any
    title: str
    summary: str
    published: datetime
    language: str | None = None
    """Optional "language" ("en", "fr", "uk", "ru"); guessed from the title without it."""


def analyze_command(args: argparse.Namespace) -> int:
    """Read stories, write one judgement per story, in order."""
    settings = load_settings(args.config)
    matcher = Matcher(load_topics(settings))
    for number, expr in enumerate(args.filter):
        matcher.add_filter(number, _parse(expr))
    index = DedupIndex(settings.dedup)
    with _open(args.file) as stream:
        for line in judge(read_stories(stream), index, matcher, args.filter):
            print(line, flush=False)
    return 0


def _parse(expr: str) -> FilterExpr:
    try:
        return parse_filter(expr)
    except FilterSyntaxError as error:
        pointer = " " * error.position + "^"
        raise VigieError(f"--filter {expr!r}: {error}\n  {expr}\n  {pointer}") from None


def _open(name: str) -> TextIO:
    if name == "-":
        return sys.stdin
    try:
        return open(name, encoding="utf-8")  # noqa: SIM115 - closed by the caller's `with`
    except OSError as error:
        raise VigieError(f"{name}: cannot read: {error.strerror}") from None


def read_stories(lines: Iterable[str]) -> Iterator[InputStory]:
    """Parse JSON lines; a bad line stops with its number and what is wrong. A line whose
    `html` is a bulletin gives one story per part, with id "ID#N" (N from 1), in order."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield from _stories(line, number)


def _stories(line: str, number: int) -> list[InputStory]:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise VigieError(f"line {number}: not JSON: {error.msg} (column {error.colno})") from None
    if not isinstance(data, dict) or "id" not in data or not isinstance(data.get("title"), str):
        raise VigieError(f'line {number}: needs an object with "id" and a string "title"')
    published = _published(data.get("published"), number)
    title, summary = plain_text(data["title"]), plain_text(str(data.get("summary") or ""))
    language = language_tag(str(data.get("language") or ""))
    parts = split_bulletin(title, str(data["html"])) if data.get("html") else None
    if parts is None:
        return [InputStory(data["id"], title, summary, published, language)]
    return [InputStory(f"{data['id']}#{number}", part.title, part.body, published, language)
            for number, part in enumerate(parts, start=1)]


def _published(value: object, number: int) -> datetime:
    if value in (None, ""):
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise VigieError(f"line {number}: published {value!r} is not an ISO 8601 date") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def judge(stories: Iterable[InputStory], index: DedupIndex, matcher: Matcher,
          filters: list[str]) -> Iterator[str]:
    """One JSON line per story: its cluster, what it duplicates, the report in another
    language it is perhaps the same event as (not merged), its topics and filters."""
    ids: list[Any] = []
    latest: datetime | None = None
    for number, story in enumerate(stories):
        ids.append(story.id)
        latest = max(latest or story.published, story.published)
        index.expire(latest)  # the window the bot would have: the newest story is "now"
        verdict = index.add(number, story.title, story.summary, story.published,
                            language=story.language)
        matches = matcher.match(story.title, story.summary)
        duplicate = None if verdict.duplicate_of is None else ids[verdict.duplicate_of]
        perhaps = None if verdict.perhaps is None else ids[verdict.perhaps]
        matched = [filters[i] for i in sorted(matches.filters)]
        yield json.dumps({
            "id": story.id, "cluster": ids[verdict.cluster_id], "duplicate_of": duplicate,
            "perhaps_same": perhaps, "topics": sorted(matches.topics), "filters": matched,
        }, ensure_ascii=False)
