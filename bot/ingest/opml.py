"""OPML in and out: the format every feed reader exports, so users can bring their list along.

Reading accepts what readers really write: feeds nested in category outlines (Feedly,
Inoreader), `title` or only `text`, attribute names in any case (`xmlurl`), the same feed twice.
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


class OpmlError(VigieError):
    """The file is not OPML a feed list can be read from; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One feed of an OPML list."""

    url: str
    name: str


class _NoDoctype(ET.TreeBuilder):
    """A tree builder that stops the parse at a DOCTYPE, before its entities are declared."""

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise OpmlError("not accepted: the file declares a DOCTYPE (OPML needs none)")


def read_opml(data: bytes) -> list[OpmlFeed]:
    """The feeds of an OPML document, in order, each once (http(s) or not: the caller checks)."""
    root = _parse(data)
    if _local(root.tag) != "opml":
        raise OpmlError(f"not OPML: the root element is <{root.tag}>, expected <opml>")
    body = next((child for child in root if _local(child.tag) == "body"), None)
    if body is None:
        raise OpmlError("not OPML: there is no <body> element")
    feeds: dict[str, OpmlFeed] = {}
    for outline in _outlines(body):
        feed = _feed(outline)
        if feed is not None:
            feeds.setdefault(canonical_link(feed.url) or feed.url, feed)
    return list(feeds.values())


def _parse(data: bytes) -> ET.Element:
    parser = ET.XMLParser(target=_NoDoctype())
    try:
        parser.feed(data)
        root: ET.Element = parser.close()
    except ET.ParseError as error:
        raise OpmlError(f"not OPML: invalid XML ({error})") from None
    return root


def _outlines(element: ET.Element) -> Iterator[ET.Element]:
    """Every outline under `element`, categories and their children alike, in document order."""
    return (node for node in element.iter() if _local(node.tag) == "outline")


def _feed(outline: ET.Element) -> OpmlFeed | None:
    """The feed an outline stands for, or None for a category or an entry without a URL."""
    attributes = {key.lower(): value.strip() for key, value in outline.attrib.items()}
    url = attributes.get("xmlurl", "")
    if not url:
        return None
    return OpmlFeed(url, attributes.get("title") or attributes.get("text") or url)


def _local(tag: object) -> str:
    """An element name without namespace, lower-cased (`Outline` and `outline` are one)."""
    return str(tag).rsplit("}", 1)[-1].lower()


def write_opml(feeds: Sequence[OpmlFeed], title: str, created: datetime | None = None) -> bytes:
    """An OPML 2.0 document listing `feeds`, readable by any feed reader."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    moment = created or datetime.now(UTC)
    ET.SubElement(head, "dateCreated").text = format_datetime(moment.astimezone(UTC), usegmt=True)
    body = ET.SubElement(root, "body")
    for feed in feeds:
        attributes = {"type": "rss", "text": feed.name, "title": feed.name, "xmlUrl": feed.url}
        ET.SubElement(body, "outline", attributes)
    ET.indent(root)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document + b"\n"
