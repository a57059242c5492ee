"""OPML in and out: the format every feed reader exports, so users can bring their list along.

Reading accepts what readers really write: feeds nested in category outlines (Feedly,
Inoreader), `title` or only `text`, attribute names in any case (`xmlurl`), the same feed twice.
It also repairs the breakage real exports carry (a bare `&` in a URL, HTML entities such as
`&nbsp;`, a file in Windows-1252 without a declaration, stray bytes) and says what it repaired.
A DOCTYPE is refused before any entity in it can expand: OPML never needs one.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from bot.core.errors import VigieError
from bot.ingest.normalise import canonical_link
from bot.ingest.opml_repair import repair_xml


class OpmlError(VigieError):
    """The file is not OPML a feed list can be read from; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One feed of an OPML list, with the folder it sits in ('' at the top, 'War/East' nested)."""

    url: str
    name: str
    folder: str = ""


@dataclass(frozen=True, slots=True)
class OpmlList:
    """The feeds of a document and what had to be repaired to read it (one phrase each)."""

    feeds: list[OpmlFeed]
    repairs: list[str]


class _NoDoctype(ET.TreeBuilder):
    """A tree builder that stops the parse at a DOCTYPE, before its entities are declared."""

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise OpmlError("not accepted: the file declares a DOCTYPE (OPML needs none)")


def read_opml(data: bytes) -> list[OpmlFeed]:
    """The feeds of an OPML document, in order, each once (http(s) or not: the caller checks)."""
    return read_opml_list(data).feeds


def read_opml_list(data: bytes) -> OpmlList:
    """The feeds of an OPML document and the repairs its reading needed."""
    text, repairs = repair_xml(data)
    root = _parse(text)
    if _local(root.tag) != "opml":
        raise OpmlError(f"not OPML: the root element is <{root.tag}>, expected <opml>")
    body = next((child for child in root if _local(child.tag) == "body"), None)
    if body is None:
        raise OpmlError("not OPML: there is no <body> element")
    feeds: dict[str, OpmlFeed] = {}
    for outline, folder in _outlines(body, ""):
        feed = _feed(outline, folder)
        if feed is not None:
            feeds.setdefault(canonical_link(feed.url) or feed.url, feed)
    return OpmlList(list(feeds.values()), repairs)


def _parse(text: bytes) -> ET.Element:
    parser = ET.XMLParser(target=_NoDoctype())
    try:
        parser.feed(text)
        root: ET.Element = parser.close()
    except ET.ParseError as error:
        raise OpmlError(f"not OPML: invalid XML ({error})") from None
    return root


def _outlines(element: ET.Element, folder: str) -> Iterator[tuple[ET.Element, str]]:
    """Every outline under `element` with the folder path it sits in, in document order."""
    for node in element:
        if _local(node.tag) != "outline":
            continue
        yield node, folder
        name = _attributes(node).get("title") or _attributes(node).get("text") or ""
        yield from _outlines(node, f"{folder}/{name}" if folder else name)


def _attributes(outline: ET.Element) -> dict[str, str]:
    return {key.lower(): value.strip() for key, value in outline.attrib.items()}


def _feed(outline: ET.Element, folder: str) -> OpmlFeed | None:
    """The feed an outline stands for, or None for a category or an entry without a URL."""
    attributes = _attributes(outline)
    url = attributes.get("xmlurl", "")
    if not url:
        return None
    return OpmlFeed(url, attributes.get("title") or attributes.get("text") or url, folder)


def _local(tag: object) -> str:
    """An element name without namespace, lower-cased (`Outline` and `outline` are one)."""
    return str(tag).rsplit("}", 1)[-1].lower()


def write_opml(feeds: Sequence[OpmlFeed], title: str, created: datetime | None = None) -> bytes:
    """An OPML 2.0 document listing `feeds`, folders as nested outlines, ending with a newline."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    moment = created or datetime.now(UTC)
    ET.SubElement(head, "dateCreated").text = format_datetime(moment.astimezone(UTC), usegmt=True)
    body = ET.SubElement(root, "body")
    folders: dict[str, ET.Element] = {"": body}
    for feed in feeds:
        attributes = {"type": "rss", "text": feed.name, "title": feed.name, "xmlUrl": feed.url}
        ET.SubElement(_folder(folders, feed.folder), "outline", attributes)
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"


def _folder(folders: dict[str, ET.Element], path: str) -> ET.Element:
    """The outline for folder `path`, made (with its parents) the first time it is asked for."""
    if path not in folders:
        parent, _, name = path.rpartition("/")
        folders[path] = ET.SubElement(_folder(folders, parent), "outline",
                                      {"text": name, "title": name})
    return folders[path]
