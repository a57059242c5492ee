"""Bulletins: one feed item holding several stories becomes one part per story.

Recognised from structure only, in any language, never from a list of outlets: a block opens
a part when it is a headline (an <h2>-<h4>, an all-bold paragraph, a short line with no final
full stop), a bold lead opening a paragraph, a live-blog time opening an update, or a list item
long enough to be a story. The split is kept only when it looks like several stories:

- two parts at least, each with a headline and a body of a sentence or more (a timeline's
  steps are shorter);
- not an interview (headlines that are questions, or leads repeated: "Q:", "A:");
- no lede before the first part (a single long story opens with one, then its subheadings),
  unless the item title is the headlines joined;
- the parts do not share their vocabulary (sections of one story do), same exception.

A "Read also" block and what follows it, and a sign-off after a rule or in italics, belong to
no part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.config import BULLETIN
from bot.core.text import fold, words
from bot.ingest.blocks import Block, blocks_of

_END_STOP = re.compile(r"[.!?…:;]\s*[»\"”)]?$")
_SOURCE_TAG = re.compile(r"\s[-–—]\s*\S+(?:\s\S+){0,3}$")
_TIME = re.compile(r"^(?:[01]?\d|2[0-3])(?::|h|\.)[0-5]\d\b\s*[-–—:|]?\s*")
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")
_READ_ALSO = re.compile(
    r"^(read also|see also|read more|related|more on this|à lire aussi|a lire aussi|lire aussi"
    r"|voir aussi|sur le même sujet|читайте також|читайте также|дивіться також|смотрите также"
    r"|по теме|за темою)\b", re.I)


@dataclass(frozen=True, slots=True)
class Part:
    """One story of a bulletin: its headline, its body, the link it carries (if any)."""

    title: str
    body: str
    link: str | None = None


@dataclass(slots=True)
class _Draft:
    title: str
    body: list[str]
    link: str | None
    question: bool = False
    mark: str = ""  # what opened it (the bold lead, or the headline): repeated in interviews


def split_bulletin(title: str, markup: str) -> list[Part] | None:
    """The parts of a bulletin, in order; None when the item is one story."""
    blocks = story_blocks(blocks_of(markup))
    intro, drafts = _segment(blocks)
    if len(drafts) < 2 or not all(len(" ".join(d.body)) >= BULLETIN.min_body for d in drafts):
        return None
    joined = _title_joins(title, drafts)
    if not joined and not _looks_like_bulletin(intro, drafts):
        return None
    return [Part(d.title, " ".join(d.body), d.link) for d in drafts]


def without_read_also(markup: str) -> str | None:
    """The text of a story whose "Read also" block is dropped; None when it has none."""
    blocks = blocks_of(markup)
    if not any(_READ_ALSO.match(fold(block.text)) for block in blocks):
        return None
    return " ".join(block.text for block in story_blocks(blocks))


def story_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks that tell stories: a "Read also" block and what follows it dropped, and a
    sign-off (after a rule, or a closing paragraph all in italics) dropped too."""
    kept: list[Block] = []
    for block in blocks:
        if _READ_ALSO.match(fold(block.text)) or (kept and block.after_rule):
            break
        kept.append(block)
    while kept and kept[-1].italic:
        kept.pop()
    return kept


def _segment(blocks: list[Block]) -> tuple[list[str], list[_Draft]]:
    """Text before the first part (an intro) and the parts, each opened by its headline."""
    intro: list[str] = []
    drafts: list[_Draft] = []
    for block in blocks:
        opened = _opens(block)
        if opened is not None:
            drafts.append(opened)
        elif drafts:
            drafts[-1].body.append(block.text)
        else:
            intro.append(block.text)
    return intro, drafts


def _opens(block: Block) -> _Draft | None:
    """The part this block opens, or None when it is body text."""
    text = block.text
    if block.heading or block.bold or _is_headline_line(block):
        return _Draft(text, [], block.link, text.rstrip().endswith("?"))
    if block.lead and len(block.lead) < len(text) and len(words(block.lead)) <= BULLETIN.lead_words:
        return _lead_part(block)
    stamp = _TIME.match(text)
    if stamp and len(text) - stamp.end() >= BULLETIN.min_body:
        return _first_sentence_part(text[stamp.end():], block.link)
    if block.item and len(text) >= BULLETIN.min_item and _SENTENCE.search(text):
        return _first_sentence_part(text, block.link)
    return None


def _is_headline_line(block: Block) -> bool:
    """A short paragraph of a few words with no final full stop ("Kyiv refuses X - MFA")."""
    count = len(words(block.text))
    return (not block.item and BULLETIN.headline_words[0] <= count <= BULLETIN.headline_words[1]
            and not _END_STOP.search(block.text))


def _lead_part(block: Block) -> _Draft:
    lead = block.lead.rstrip(" .:—–-")
    rest = block.text[len(block.lead):].lstrip(" .:—–-")
    first = _first_sentence(rest)
    question = lead.endswith("?") or first.endswith("?")
    if len(words(lead)) >= BULLETIN.headline_words[0] or not rest:
        return _Draft(lead, [rest] if rest else [], block.link, question, fold(lead))
    return _Draft(f"{lead}: {first}", [rest], block.link, question, fold(lead))


def _first_sentence_part(text: str, link: str | None) -> _Draft:
    return _Draft(_first_sentence(text).rstrip("."), [text], link)


def _first_sentence(text: str) -> str:
    return _SENTENCE.split(text, maxsplit=1)[0]


def _title_joins(title: str, drafts: list[_Draft]) -> bool:
    """The item title is (most of) the headlines joined: the shape of a digest's title."""
    title_words = set(words(fold(title)))
    found = sum(1 for d in drafts if _covered(_headline_words(d.title), title_words))
    return found >= 2 and found * 2 >= len(drafts)


def _headline_words(headline: str) -> set[str]:
    return {w for w in words(fold(_SOURCE_TAG.sub("", headline))) if len(w) > 2}


def _covered(headline: set[str], title: set[str]) -> bool:
    return bool(headline) and len(headline & title) >= BULLETIN.title_cover * len(headline)


def _looks_like_bulletin(intro: list[str], drafts: list[_Draft]) -> bool:
    """Several stories, not one: no interview, no lede, no vocabulary shared by the parts."""
    titles = [d.mark or fold(d.title) for d in drafts]
    if sum(d.question for d in drafts) * 2 >= len(drafts) or len(set(titles)) < len(titles):
        return False
    if sum(len(text) for text in intro) > BULLETIN.max_intro:
        return False
    return _shared_vocabulary(drafts) < BULLETIN.max_shared


def _shared_vocabulary(drafts: list[_Draft]) -> float:
    """Mean overlap (Jaccard) of the long words of each pair of parts."""
    sets = [{w for w in words(fold(" ".join([d.title, *d.body]))) if len(w) >= 5}
            for d in drafts]
    pairs = [(a, b) for i, a in enumerate(sets) for b in sets[i + 1:]]
    return sum(len(a & b) / max(1, len(a | b)) for a, b in pairs) / max(1, len(pairs))
