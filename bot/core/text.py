"""Text folding shared by dedup and matching: one notion of "the same word" everywhere.

Folding lowers case, strips accents, and unifies apostrophes, quotes and dashes, so that
"l’OTAN", "L'Otan" and "l`otan" compare equal. Words are runs of letters and digits of the
folded text: apostrophes and hyphens split them ("NATO-Gipfel" holds "nato").

Folding works character by character (`fold(a + b) == fold(a) + fold(b)`): NFKD, combining
marks and zero-width characters dropped, case folded, punctuation unified. That property is
what lets the matcher fold a story word by word through a cache, and lets `fold_with_offsets`
map a folded span back to the original text. (No NFC step: it would join characters across
that boundary; a Hangul syllable stays decomposed, consistently on both sides.)
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
_PUNCT_MAP = {
    **dict.fromkeys(_APOSTROPHES, "'"), **dict.fromkeys(_DASHES, "-"),
    **dict.fromkeys(_QUOTES, '"'),
}
_PUNCT_TABLE = str.maketrans(_PUNCT_MAP)
_PUNCT = re.compile("[" + re.escape("".join(_PUNCT_MAP)) + "]")
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u00ad"
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^<>]*>")  # not [^>]*: from each "<" of "<<<<..." that scans to the end
_CONTROLS = dict.fromkeys(code for code in [*range(32), 0x7F] if not chr(code).isspace())
_SPACE = re.compile(r"\s+")


def _char_class(codes: list[int]) -> str:
    """A regex character class body covering `codes` (sorted) as ranges."""
    parts: list[str] = []
    start = previous = codes[0]
    for code in [*codes[1:], -2]:
        if code != previous + 1:
            first, last = re.escape(chr(start)), re.escape(chr(previous))
            parts.append(first if start == previous else f"{first}-{last}")
            start = code
        previous = code
    return "".join(parts)


@lru_cache(maxsize=1)
def _strippers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regexes deleting combining marks (BMP, astral), built on first use, not at import.

    Two patterns because one class mixing both planes makes `re` scan ranges linearly
    (10x slower); the astral one only runs on text that has astral characters.
    """
    marks = [c for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c))]
    bmp = [c for c in marks if c < 0x10000] + sorted(map(ord, _ZERO_WIDTH))
    astral = [c for c in marks if c >= 0x10000]
    return (re.compile(f"[{_char_class(sorted(bmp))}]+"),
            re.compile(f"[{_char_class(astral)}]+"))


def _unify_punct(match: re.Match[str]) -> str:
    return _PUNCT_MAP[match.group()]


def fold(text: str) -> str:
    """Case-, accent- and punctuation-fold `text` (idempotent, character by character)."""
    if text.isascii():
        return text.lower().translate(_PUNCT_TABLE)
    bmp, astral = _strippers()
    stripped = bmp.sub("", unicodedata.normalize("NFKD", text))
    if _ASTRAL.search(stripped):
        stripped = astral.sub("", stripped)
    return _PUNCT.sub(_unify_punct, stripped.casefold())


_INNER_APOSTROPHE = re.compile(rf"(?<=[а-яіїєґА-ЯІЇЄҐ])[{_APOSTROPHES}](?=[а-яіїєґА-ЯІЇЄҐ])")


def join_apostrophes(text: str) -> str:
    """An apostrophe inside a Ukrainian word joins it ("В'єтнам", "п'ять"), folded or not,
    whichever apostrophe was typed: names, figures and words are all spelt without it."""
    return _INNER_APOSTROPHE.sub("", text)


def words(text: str) -> list[str]:
    """The folded words of `text`, in order."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """Fold one character; used where offsets into the original text matter."""
    return fold(char)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold `text` and map each folded character back to its index in `text`.

    Equal to `fold(text)` because folding is per character. Slower than `fold`; only
    rendering needs it, to bold the matched words in the original.
    """
    if text.isascii():
        return fold(text), list(range(len(text)))
    parts: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char)
        parts.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(parts), offsets


def plain_text(markup: str) -> str:
    """Reduce feed HTML to one line of plain text: tags dropped, entities decoded, control
    characters dropped (white-space ones, tab and newline included, become one space).

    Linear in the length of `markup`: no pattern here backtracks over what it has passed.
    """
    without_tags = _TAG.sub(" ", markup)
    return _SPACE.sub(" ", drop_controls(html.unescape(without_tags))).strip()


def drop_controls(text: str) -> str:
    """`text` without NUL, the other C0 controls that are not white space, and DEL: a feed's
    bytes, not text, that would reach the database and the alerts."""
    return text.translate(_CONTROLS)
