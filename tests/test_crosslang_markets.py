"""A market's name is one id whatever the report's language or script: a French report
that names the Nasdaq reads what an English or Russian one does."""

from __future__ import annotations

import pytest

from bot.dedup.crosslang import said_of, words_of


@pytest.mark.parametrize(("title", "language"), [
    ("Le Nasdaq recule", "fr"), ("Индекс Насдак упал", "ru"), ("Nasdaq falls", "en")])
def test_the_nasdaq_reads_alike_in_every_language(title: str, language: str) -> None:
    said = {said_of(*word, language) for word in words_of(title, language)}
    assert "wall_street" in said
