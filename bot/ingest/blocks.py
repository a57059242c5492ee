"""Feed HTML (or plain text) as a list of blocks: the structure a bulletin is recognised by.

A block is a paragraph, a heading, a list item or a line of plain text, with what its shape
says: heading level, the bold lead that opens it, whether it is all bold or italic, a link it
holds, and whether a rule (<hr>) came before it. The stdlib parser never raises on bad markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from bot.core.text import drop_controls

_BREAKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr",
                     "blockquote", "section", "article", "ul", "ol", "dt", "dd", "tr"})
_BOLD = frozenset({"b", "strong"})
_ITALIC = frozenset({"i", "em"})
_SPACE = re.compile(r"\s+")
_HAS_TAG = re.compile(r"<[a-zA-Z/!][^<>]*>")
_PARA_BREAK = re.compile(r"\n\s*\n")


@dataclass(slots=True)
class Block:
    """One paragraph-like piece of an item's text."""

    text: str = ""
    heading: int = 0  # 2 for <h2> ...; 0 for none
    item: bool = False  # a list item
    lead: str = ""  # the bold words opening the block
    bold: bool = False  # all of its text is bold
    italic: bool = False  # all of its text is italic
    link: str | None = None  # the first link it holds
    after_rule: bool = False
    _plain: list[bool] = field(default_factory=list)  # per text run: outside bold/italic?


class _Reader(HTMLParser):
    """Collects blocks; bold and italic are tracked per text run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.current = Block()
        self.bold = self.italic = 0
        self.lead_open = False
        self.rule = False
        self.levels: list[int] = []
        self.items = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self.end_block(tag)
        if tag in ("h2", "h3", "h4"):
            self.current.heading = int(tag[1])
        if tag == "li":
            self.current.item = True
        self.bold += tag in _BOLD
        self.italic += tag in _ITALIC
        if tag in _BOLD and not self.current.text.strip():
            self.lead_open = True
        if tag == "a" and self.current.link is None:
            self.current.link = dict(attrs).get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BOLD:
            self.bold = max(0, self.bold - 1)
            self.lead_open = False
        self.italic = max(0, self.italic - (tag in _ITALIC))
        if tag in _BREAKS:
            self.end_block(tag)

    def handle_data(self, data: str) -> None:
        if not data.strip():
            self.current.text += data
            return
        self.current.text += data
        self.current._plain.append(not self.bold and not self.italic)
        if self.lead_open and self.bold:
            self.current.lead += data

    def end_block(self, tag: str) -> None:
        """End the current block (if it has text) and start the next."""
        block = self.current
        block.text = _SPACE.sub(" ", drop_controls(block.text)).strip()
        if block.text:
            block.bold = bool(block._plain) and block.lead.strip() == block.text
            block.italic = bool(block._plain) and not any(block._plain) and not block.bold
            block.lead = _SPACE.sub(" ", block.lead).strip()
            block.after_rule = self.rule
            self.blocks.append(block)
            self.rule = False
        self.rule = self.rule or tag == "hr"
        self.current = Block()
        self.lead_open = False


def blocks_of(markup: str) -> list[Block]:
    """The blocks of feed HTML; of plain text, one block per paragraph or line."""
    if not _HAS_TAG.search(markup):
        lines = _PARA_BREAK.sub("\n", html.unescape(markup)).split("\n")
        return [Block(text=t) for line in lines if (t := _SPACE.sub(" ", line).strip())]
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    reader.end_block("")
    return reader.blocks
