"""Repairs for the XML real OPML exports carry, each named so the user learns what was fixed.

Other readers accept a bare `&` in a URL, `&nbsp;`, a Windows-1252 file without a declaration
and bytes before the document; refusing them loses a person's whole list. What is repaired is
only what cannot be read otherwise; a document that is not XML at all still fails in the parser.
"""

from __future__ import annotations

import codecs
import re
from html.entities import name2codepoint

_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_TEXT_DECLARATION = re.compile(r"^<\?xml[^>]*\?>")
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_BARE_AMPERSAND = re.compile(r"&(?![A-Za-z][A-Za-z0-9._-]*;|#[0-9]+;|#x[0-9A-Fa-f]+;)")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def repair_xml(data: bytes) -> tuple[bytes, list[str]]:
    """The document as UTF-8 without declaration, line numbers kept, and the repairs it took."""
    repairs: list[str] = []
    text = _decode(data, repairs)
    text = _drop_prologue(text, repairs)
    text = _count_sub(_CONTROL, "", text, repairs, "removed {} stray control character(s)")
    text = _html_entities(text, repairs)
    text = _count_sub(_BARE_AMPERSAND, "&amp;", text, repairs, "escaped {} bare '&'")
    return text.encode("utf-8"), repairs


def _decode(data: bytes, repairs: list[str]) -> str:
    """The text, from its BOM, its declared encoding, else UTF-8, else Windows-1252."""
    declared = _DECLARATION.match(data)
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    encoding = encoding or (declared.group(1).decode("ascii") if declared else None)
    if encoding is None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            repairs.append("read as Windows-1252: no XML declaration and not UTF-8")
            return data.decode("cp1252", errors="replace")
    try:
        return data.decode(_known(encoding))
    except UnicodeDecodeError:
        text = data.decode(_known(encoding), errors="replace")
        repairs.append(f"replaced {text.count(chr(0xFFFD))} stray byte(s) not in {encoding}")
        return text


def _known(encoding: str) -> str:
    """A codec Python has for `encoding`, UTF-8 when the declared one is unknown."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return "utf-8"


def _drop_prologue(text: str, repairs: list[str]) -> str:
    """Without the BOM, anything before the first '<' and the declaration (lines kept)."""
    text = text.removeprefix("\ufeff")
    start = text.find("<")
    junk = text[:start] if start > 0 else ""
    if junk.strip():
        repairs.append(f"removed {len(junk.strip())} stray character(s) before the document")
    text = "\n" * junk.count("\n") + text[len(junk):]
    return _without_declaration(text)


def _without_declaration(text: str) -> str:
    """The text without its XML declaration (re-encoded as UTF-8, its encoding is wrong)."""
    body = text.lstrip("\n")
    lead = len(text) - len(body)
    found = _TEXT_DECLARATION.match(body)
    if found is None:
        return text
    return "\n" * (lead + found.group(0).count("\n")) + body[found.end():]


def _html_entities(text: str, repairs: list[str]) -> str:
    """`&nbsp;` and its kind as the characters they name (XML knows only five)."""
    names: list[str] = []

    def character(found: re.Match[str]) -> str:
        name = found.group(1)
        if name in _XML_ENTITIES or name not in name2codepoint:
            return found.group(0)
        names.append(name)
        return chr(name2codepoint[name])

    text = _ENTITY.sub(character, text)
    if names:
        shown = ", ".join(f"&{name};" for name in sorted(set(names)))
        repairs.append(f"replaced {len(names)} HTML entit(ies) ({shown})")
    return text


def _count_sub(pattern: re.Pattern[str], by: str, text: str, repairs: list[str],
               phrase: str) -> str:
    text, count = pattern.subn(by, text)
    if count:
        repairs.append(phrase.format(count))
    return text
