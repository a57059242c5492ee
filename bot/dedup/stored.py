"""What the dedup window needs of a story, computed once when it is stored, read back at start.

Recomputing every story's fingerprint and signature made a start with a 200,000-story window
take 25-31 s. The pair is encoded with `marshal` (C, fast, every value is a tuple, string,
number or frozenset) as the tuples of the dataclasses' fields, in field order, so a field
added to `Fingerprint` or `Signature` needs no change here. The codec string names the
marshal format and a hash of the code that computes a print: any change to that code makes
every stored print old, and the window load recomputes and rewrites those rows.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import sys
import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Any

from bot.dedup.crosslang import Signature, report_language, signature
from bot.dedup.score import Fingerprint, fingerprint

_PRINT_MODULES = ("bot.core.text", "bot.dedup.text", "bot.dedup.figures", "bot.dedup.score",
                  "bot.dedup.crosslang", "bot.dedup.names", "bot.dedup.concepts",
                  "bot.dedup.translit", "bot.dedup.lexicon", "bot.dedup.stored")
"""The code a print depends on: a change to any of them makes stored prints old."""
_PRINT_DATA = ("lexicon.tsv",)
"""The data files of bot.dedup a print reads (the lexicon's words and weights)."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """A story as the window judges it, and the same encoded for its row."""

    fingerprint: Fingerprint
    signature: Signature
    data: bytes


@cache
def codec() -> str:
    """The version of stored prints: marshal's format and a hash of the code behind a print."""
    digest = hashlib.sha256(f"{sys.version_info[:2]} {marshal.version}".encode())
    for source in print_sources():
        digest.update(source.read_bytes())
    return f"m{marshal.version}-{digest.hexdigest()[:16]}"


def print_sources() -> list[Path]:
    """Every file whose change changes a print: the modules above and their data."""
    modules = [Path(str(import_module(name).__file__)) for name in _PRINT_MODULES]
    return modules + [Path(__file__).with_name(name) for name in _PRINT_DATA]


def prepare(title: str, summary: str, language: str | None) -> Prepared:
    """Compute a story's print and signature, and encode them."""
    print_ = fingerprint(title, summary)
    sign = signature(title, print_, report_language(title, language))
    return Prepared(print_, sign, encode(print_, sign))


def encode(print_: Fingerprint, sign: Signature) -> bytes:
    """The pair as bytes for the `dedup_print` column."""
    return marshal.dumps((_flat(print_), _flat(sign)))


def decode(data: bytes) -> Prepared:
    """The pair back from its bytes (written by this codec: check `codec()` first)."""
    flat_print, flat_sign = marshal.loads(data)
    return Prepared(_builder(Fingerprint)(flat_print), _builder(Signature)(flat_sign), data)


def _flat(value: Any) -> Any:
    """A dataclass as the tuple of its fields, recursively; anything else as it is."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple(_flat(getattr(value, field.name)) for field in dataclasses.fields(value))
    return value


@cache
def _builder(cls: type) -> Callable[[tuple[Any, ...]], Any]:
    """A function building `cls` from its flat tuple, nested dataclasses built in turn."""
    hints = typing.get_type_hints(cls)
    nested = [_builder(hints[f.name]) if dataclasses.is_dataclass(hints[f.name]) else None
              for f in dataclasses.fields(cls)]
    if not any(nested):
        return lambda flat: cls(*flat)
    return lambda flat: cls(*[make(v) if make else v for make, v in zip(nested, flat, strict=True)])
