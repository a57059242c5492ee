"""What the dedup window needs of a story, computed once when it is stored, read back at start.

Recomputing every story's fingerprint and signature made a start with a 200,000-story window
take 25-31 s. The pair is encoded with `marshal` (C, fast, every value is a tuple, string,
number or frozenset) as the tuples of the dataclasses' fields, in field order, so a field
added to `Fingerprint` or `Signature` needs no change here. The codec string names the
marshal format and a hash of the code that computes a print: any change to that code makes
every stored print old, and the window load recomputes and rewrites those rows.

The bytes open with what the window files a story under (`Filed`: its stems, its name keys,
its language), then the print and the signature, each its own marshal object behind a header
of two offsets: a start reads only the first part, and the window keeps the bytes, decoding a
story's print or signature only when it is a candidate, and then only that part (a print in
4.6 us instead of 9.2, when one object held all three: 132,000 of them in a first poll of
1,000 feeds of 30 new items). The classes built are slotted dataclasses, not frozen ones:
a frozen one is built field by field through `object.__setattr__`, and a print decoded in
5.2 us instead of 3.2 (the window decodes about 16 for each new story); nothing changes a
print once made.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import struct
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
from bot.dedup.text import Terms

_PRINT_MODULES = ("bot.core.text", "bot.dedup.text", "bot.dedup.figures", "bot.dedup.score",
                  "bot.dedup.crosslang", "bot.dedup.names", "bot.dedup.concepts",
                  "bot.dedup.translit", "bot.dedup.lexicon", "bot.dedup.phrases",
                  "bot.dedup.stored")
"""The code a print depends on: a change to any of them makes stored prints old."""
_PRINT_DATA = ("lexicon.tsv",)
"""The data files of bot.dedup a print reads (the lexicon's words and weights)."""


_HEAD = struct.Struct("<II")
"""Where a print's bytes hold its print, then its signature (after the filing)."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """A story as the window judges it, and the same encoded for its row."""

    fingerprint: Fingerprint
    signature: Signature
    data: bytes


@dataclass(frozen=True, slots=True)
class Filed:
    """What the window looks a story up by, read without decoding the print."""

    stems: tuple[str, ...]
    """The stems of its title (of title and lead when the title is short)."""
    names: tuple[str, ...]
    """Its signature's keys: names and rare concepts (`Signature.keys`)."""
    language: str


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
    """The pair as bytes for the `dedup_print` column, behind what the window files it under.

    Three marshal objects behind the offsets of the second and third (`_HEAD`), so each is
    read alone; a context that is the title itself (no lead) is written once.
    """
    flat = _flattener(Fingerprint)(print_)
    if print_.context == print_.title:
        flat = (flat[0], None, *flat[2:])
    filing = marshal.dumps((tuple(stems_of(print_)), sign.keys, sign.language))
    printed, signed = marshal.dumps(flat), marshal.dumps(_flattener(Signature)(sign))
    start = _HEAD.size + len(filing)
    return _HEAD.pack(start, start + len(printed)) + filing + printed + signed


def stems_of(print_: Fingerprint) -> frozenset[str]:
    """The stems a story is looked up by: its title's, or with the lead for a short title."""
    return print_.context.stem_set if print_.short else print_.title.stem_set


def filed(data: bytes) -> Filed:
    """What the window files a story under."""
    start, _ = _HEAD.unpack_from(data)
    return Filed(*marshal.loads(memoryview(data)[_HEAD.size:start]))


def decode_print(data: bytes) -> Fingerprint:
    """The print alone back from its bytes (a candidate scored within one language)."""
    start, end = _HEAD.unpack_from(data)
    return _print(marshal.loads(memoryview(data)[start:end]))


def decode_signature(data: bytes) -> Signature:
    """The signature alone back from its bytes (a candidate across languages)."""
    _, end = _HEAD.unpack_from(data)
    sign: Signature = _builder(Signature)(marshal.loads(memoryview(data)[end:]))
    return sign


def decode(data: bytes) -> Prepared:
    """The pair back from its bytes (written by this codec: check `codec()` first)."""
    return Prepared(decode_print(data), decode_signature(data), data)


def _print(flat: tuple[Any, ...]) -> Fingerprint:
    """The print from its flat tuple, its context the title's own when written once."""
    title = _builder(Terms)(flat[0])
    context = title if flat[1] is None else _builder(Terms)(flat[1])
    return Fingerprint(title, context, *flat[2:])


@cache
def _flattener(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving an instance of `cls` as the tuple of its fields, nested dataclasses
    as theirs in turn; the inverse of `_builder`. Which fields hold a dataclass is read once
    from the type hints, not asked of each value: 5.6 us a story instead of 41 in the parsing
    workers, which flatten 30,000 prints in a first poll of 1,000 feeds."""
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    inner = [(place, _flattener(hints[name])) for place, name in enumerate(names)
             if dataclasses.is_dataclass(hints[name])]

    def flat(value: Any) -> tuple[Any, ...]:
        values = [getattr(value, name) for name in names]
        for place, make in inner:
            values[place] = make(values[place])
        return tuple(values)

    return flat


@cache
def _builder(cls: type) -> Callable[[tuple[Any, ...]], Any]:
    """A function building `cls` from its flat tuple, nested dataclasses built in turn."""
    hints = typing.get_type_hints(cls)
    nested = [_builder(hints[f.name]) if dataclasses.is_dataclass(hints[f.name]) else None
              for f in dataclasses.fields(cls)]
    if not any(nested):
        return lambda flat: cls(*flat)
    inner = [(place, make) for place, make in enumerate(nested) if make is not None]

    def build(flat: tuple[Any, ...]) -> Any:  # the window decodes ~12 of these a new story
        values = list(flat)
        for place, make in inner:
            values[place] = make(values[place])
        return cls(*values)

    return build
