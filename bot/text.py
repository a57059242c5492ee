"""Text folding shared by dedup and matching: one notion of "the same word" everywhere.

Folding lowers case, strips accents, and unifies apostrophes, quotes and dashes, so that
"l’OTAN", "L'Otan" and "l`otan" compare equal. Words are runs of letters and digits of the
folded text: apostrophes and hyphens split them ("NATO-Gipfel" holds "nato").
"""

from __future__ import annotations

import html
import re
import sys
import unicodedata
from functools import lru_cache

_APOSTROPHES = "'’‘ʼ`´ʹ′"
_DASHES = "‐‑‒–—―−"
_QUOTES = "«»“”„‟‹›\""
_PUNCT_TABLE = str.maketrans(
    {**dict.fromkeys(_APOSTROPHES, "'"), **dict.fromkeys(_DASHES, "-"),
     **dict.fromkeys(_QUOTES, '"')}
)
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_ZERO_WIDTH = str.maketrans(dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u200e\u200f", None))


@lru_cache(maxsize=1)
def _combining_table() -> dict[int, None]:
    """Every combining mark, mapped to deletion (built on first use, not at import)."""
    return dict.fromkeys(c for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c)))


def fold(text: str) -> str:
    """Case-, accent- and punctuation-fold `text` (idempotent)."""
    if text.isascii():
        return text.lower().translate(_PUNCT_TABLE)
    decomposed = unicodedata.normalize("NFKD", text.translate(_ZERO_WIDTH))
    stripped = decomposed.translate(_combining_table()).casefold()
    return unicodedata.normalize("NFC", stripped).translate(_PUNCT_TABLE)


def words(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """Fold one character; used where offsets into the original text matter."""
    return fold(char)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold `text` and map each folded character back to its index in `text`.

    Slower than `fold`; only rendering needs it, to bold the matched words in the original.
    """
    parts: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char)
        parts.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(parts), offsets


def plain_text(markup: str) -> str:
    """Reduce feed HTML to one line of plain text: tags dropped, entities decoded."""
    without_tags = _TAG.sub(" ", markup)
    return _SPACE.sub(" ", html.unescape(without_tags)).strip()
