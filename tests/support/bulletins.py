"""The labelled bulletins of tests/data/bulletins and the table that scores the splitter.

Each file is one item we wrote (never copied): its language, what it proves, its title and
markup, and the headlines its parts must open with ([] for an item that must stay whole).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bot.ingest.bulletins import Part, split_bulletin

CASES = Path(__file__).resolve().parent.parent / "data" / "bulletins"
OUTCOMES = ("split correctly", "split wrongly", "left whole correctly", "left whole wrongly")


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled item."""

    name: str
    lang: str
    proves: str
    title: str
    html: str
    parts: tuple[str, ...]


def load_cases() -> list[Case]:
    """Every labelled item, by file name."""
    cases = []
    for path in sorted(CASES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        cases.append(Case(path.stem, data["lang"], data["proves"], data["title"],
                          data["html"], tuple(data["parts"])))
    return cases


def outcome(case: Case, parts: list[Part] | None) -> str:
    """How the splitter did: a bulletin split into exactly its parts is "split correctly"."""
    if parts is None:
        return "left whole wrongly" if case.parts else "left whole correctly"
    exact = len(parts) == len(case.parts) and all(
        part.title.startswith(head) for part, head in zip(parts, case.parts, strict=True))
    return "split correctly" if exact else "split wrongly"


def score(cases: list[Case]) -> dict[str, Counter[str]]:
    """Outcome counts per language and in total."""
    table: dict[str, Counter[str]] = {}
    for case in cases:
        got = outcome(case, split_bulletin(case.title, case.html))
        for row in (case.lang, "all"):
            table.setdefault(row, Counter())[got] += 1
    return table


def render_table(table: dict[str, Counter[str]]) -> str:
    """The score as a Markdown table, one row per language and a total."""
    lines = ["| lang | " + " | ".join(OUTCOMES) + " |", "|---" * (len(OUTCOMES) + 1) + "|"]
    for row in sorted(table, key=lambda name: (name == "all", name)):
        lines.append(f"| {row} | " + " | ".join(str(table[row][o]) for o in OUTCOMES) + " |")
    return "\n".join(lines)
