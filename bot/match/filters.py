"""The keyword-filter language users type in chat: parser, syntax tree, reference evaluator.

    kherson drone            both words (AND; an explicit `AND` is accepted too)
    drone OR missile         either word
    kherson -exercise        `-` excludes a word, a phrase or a group
    "power plant"            consecutive words
    bakhm*                   a prefix (at least 3 letters before `*`)
    kherson (drone OR "power plant") -exercise

`OR` binds its two neighbours more tightly than the implicit AND, as in web search:
`kherson drone OR missile` means kherson AND (drone OR missile). Matching is on whole words
of folded text (bot.core.text): case, accents and apostrophes do not matter, and a word written
with a hyphen or an apostrophe ("NATO-Gipfel", "l'OTAN") is the phrase of its parts.

Limits stated to users: FILTER_MAX_LENGTH characters per filter, FILTERS_PER_CHAT filters per
chat, MAX_ALTERNATIVES alternatives once the OR groups are multiplied out. A filter that could
match a story holding none of its words (`-war`, `-a OR b`) is refused, as is one that can
never match (`nato -nato`). `evaluate` is the plain reference the compiled index must agree
with; bot.match.matcher holds the index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import product

from bot.core.errors import FilterSyntaxError
from bot.core.text import words

FILTER_MAX_LENGTH = 200
FILTERS_PER_CHAT = 20
MAX_ALTERNATIVES = 32
MIN_PREFIX_LETTERS = 3

_TOKEN = re.compile(r'\s*(?:(?P<open>\()|(?P<close>\))|(?P<quote>"[^"]*"?)|(?P<word>[^\s()"]+))')


@dataclass(frozen=True, slots=True)
class Term:
    """Consecutive folded words; with `prefix`, the last word only has to begin that way."""

    words: tuple[str, ...]
    prefix: bool = False

    def __str__(self) -> str:
        text = " ".join(self.words) + ("*" if self.prefix else "")
        return f'"{text}"' if len(self.words) > 1 else text


@dataclass(frozen=True, slots=True)
class Not:
    operand: Node

    def __str__(self) -> str:
        inner = str(self.operand)
        return f"-({inner})" if isinstance(self.operand, And) else f"-{inner}"


@dataclass(frozen=True, slots=True)
class And:
    operands: tuple[Node, ...]

    def __str__(self) -> str:
        return " ".join(str(node) for node in self.operands)


@dataclass(frozen=True, slots=True)
class Or:
    operands: tuple[Node, ...]

    def __str__(self) -> str:
        return "(" + " OR ".join(str(node) for node in self.operands) + ")"


Node = Term | Not | And | Or
Conjunction = tuple[frozenset[Term], frozenset[Term]]
"""One alternative of a filter: the terms it requires, the terms it excludes."""


@dataclass(frozen=True, slots=True)
class FilterExpr:
    """A parsed filter: what the user typed and its tree (str() gives a canonical form)."""

    source: str
    root: Node

    def __str__(self) -> str:
        text = str(self.root)
        return text[1:-1] if isinstance(self.root, Or) else text


# --- terms -------------------------------------------------------------------------------


def parse_term(text: str, position: int = 0) -> Term:
    """A word, hyphenated word or phrase, with an optional final `*`, as a Term."""
    prefix = text.endswith("*")
    body = text[:-1] if prefix else text
    star = body.find("*")
    if star >= 0:
        raise FilterSyntaxError("'*' is allowed only at the end of a word", position + star,
                                "star_inside")
    folded = tuple(words(body))
    if not folded:
        raise FilterSyntaxError(f"{text!r} has no letter or digit to look for", position,
                                "no_letter", text=text)
    if prefix and len("".join(folded)) < MIN_PREFIX_LETTERS:
        raise FilterSyntaxError(
            f"a prefix needs at least {MIN_PREFIX_LETTERS} letters before '*'", position,
            "short_prefix", count=MIN_PREFIX_LETTERS)
    return Term(folded, prefix)


def term_in(term: Term, field: Sequence[str]) -> bool:
    """Whether `term` occurs in one field's folded words (the reference definition)."""
    size = len(term.words)
    head, last = term.words[:-1], term.words[-1]
    for start in range(len(field) - size + 1):
        word = field[start + size - 1]
        if tuple(field[start:start + size - 1]) != head:
            continue
        if word == last or (term.prefix and word.startswith(last)):
            return True
    return False


# --- tokens and parser -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "(", ")", "OR", "AND", "-", "term", "end"
    position: int
    term: Term | None = None


def _tokens(text: str) -> Iterator[_Token]:
    """Split filter text into tokens; a `-` at the start of a word is the NOT operator."""
    position = 0
    while match := _TOKEN.match(text, position):
        if match.end() == position:
            break
        kind = match.lastgroup or ""
        start, value, position = match.start(kind), match.group(kind), match.end()
        yield from _token(kind, value, start)
    yield _Token("end", len(text))


def _token(kind: str, value: str, start: int) -> Iterator[_Token]:
    if kind in ("open", "close"):
        yield _Token(value, start)
    elif kind == "quote":
        if len(value) < 2 or not value.endswith('"'):
            raise FilterSyntaxError('this quote is never closed', start, "quote_open")
        yield _Token("term", start, parse_term(value[1:-1], start + 1))
    elif value in ("OR", "AND"):
        yield _Token(value, start)
    else:
        dashes = len(value) - len(value.lstrip("-"))
        for offset in range(dashes):
            yield _Token("-", start + offset)
        if dashes == len(value):
            return
        yield _Token("term", start + dashes, parse_term(value[dashes:], start + dashes))


class _Parser:
    """Recursive descent: sequence := alternatives ([AND] alternatives)*;
    alternatives := unary (OR unary)*; unary := '-' unary | '(' sequence ')' | term."""

    def __init__(self, text: str) -> None:
        self._tokens = list(_tokens(text))
        self._index = 0

    def _peek(self) -> _Token:
        return self._tokens[self._index]

    def _next(self) -> _Token:
        token = self._tokens[self._index]
        self._index += 1
        return token

    def parse(self) -> Node:
        if self._peek().kind == "end":
            raise FilterSyntaxError("the filter is empty", 0, "empty")
        node = self._sequence()
        token = self._peek()
        if token.kind == ")":
            raise FilterSyntaxError("')' without a matching '('", token.position, "close_alone")
        return node

    def _sequence(self) -> Node:
        nodes = [self._alternatives()]
        while self._peek().kind not in ("end", ")"):
            if self._peek().kind == "AND":
                self._next()
            nodes.append(self._alternatives())
        return nodes[0] if len(nodes) == 1 else And(tuple(nodes))

    def _alternatives(self) -> Node:
        nodes = [self._unary()]
        while self._peek().kind == "OR":
            self._next()
            nodes.append(self._unary())
        return nodes[0] if len(nodes) == 1 else Or(tuple(nodes))

    def _unary(self) -> Node:
        token = self._next()
        if token.kind == "-":
            return Not(self._unary())
        if token.kind == "term" and token.term is not None:
            return token.term
        if token.kind == "(":
            return self._group(token)
        raise _expected(token)

    def _group(self, opening: _Token) -> Node:
        if self._peek().kind == ")":
            raise FilterSyntaxError("empty parentheses", opening.position, "empty_parens")
        node = self._sequence()
        if self._next().kind != ")":
            raise FilterSyntaxError("this '(' is never closed", opening.position, "paren_open")
        return node


def _expected(token: _Token) -> FilterSyntaxError:
    """The error for a token where a word should be, naming what is missing."""
    if token.kind == "end":
        return FilterSyntaxError("a word is missing at the end", token.position, "end_missing")
    if token.kind in ("OR", "AND"):
        return FilterSyntaxError(f"{token.kind} needs a word on each side", token.position,
                                 "operator_sides", operator=token.kind)
    if token.kind == ")":
        return FilterSyntaxError("a word is missing before ')'", token.position, "before_close")
    return FilterSyntaxError("a word is expected here", token.position, "word_expected")


# --- meaning -----------------------------------------------------------------------------


def negation_normal_form(node: Node, negate: bool = False) -> Node:
    """Push every `-` down onto terms (De Morgan), so only terms are ever negated."""
    if isinstance(node, Term):
        return Not(node) if negate else node
    if isinstance(node, Not):
        return negation_normal_form(node.operand, not negate)
    operands = tuple(negation_normal_form(child, negate) for child in node.operands)
    if isinstance(node, And):
        return Or(operands) if negate else And(operands)
    return And(operands) if negate else Or(operands)


def alternative_count(node: Node) -> int:
    """How many alternatives the normal form has, capped just above the limit."""
    if isinstance(node, Term | Not):
        return 1
    counts = [alternative_count(child) for child in node.operands]
    total = sum(counts) if isinstance(node, Or) else _capped_product(counts)
    return min(total, MAX_ALTERNATIVES + 1)


def _capped_product(counts: Iterable[int]) -> int:
    total = 1
    for count in counts:
        total = min(total * count, MAX_ALTERNATIVES + 1)
    return total


def alternatives(expr: FilterExpr) -> tuple[Conjunction, ...]:
    """The filter as OR of (required, excluded) term sets, contradictions dropped."""
    found = _dnf(negation_normal_form(expr.root))
    return tuple(dict.fromkeys(c for c in found if not c[0] & c[1]))


def _dnf(node: Node) -> list[Conjunction]:
    if isinstance(node, Term):
        return [(frozenset([node]), frozenset())]
    if isinstance(node, Not):
        if not isinstance(node.operand, Term):
            raise TypeError("alternatives need the negation normal form")
        return [(frozenset(), frozenset([node.operand]))]
    parts = [_dnf(child) for child in node.operands]
    if isinstance(node, Or):
        return [conjunction for part in parts for conjunction in part]
    return [(frozenset().union(*(c[0] for c in combo)), frozenset().union(*(c[1] for c in combo)))
            for combo in product(*parts)]


_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|&(?:[A-Za-z]+|#[0-9]+);")
"""An HTML tag or entity: typed from a formatted message, it would never match a headline."""


def parse_filter(text: str) -> FilterExpr:
    """Parse what a user typed, or raise FilterSyntaxError saying what and where."""
    if len(text) > FILTER_MAX_LENGTH:
        raise FilterSyntaxError(
            f"a filter is at most {FILTER_MAX_LENGTH} characters long", FILTER_MAX_LENGTH,
            "too_long", count=FILTER_MAX_LENGTH)
    markup = _MARKUP.search(text)
    if markup:
        raise FilterSyntaxError(
            "markup such as <b> is not searched (alerts are matched on their words): type the "
            "words alone", markup.start(), "markup", tag=markup.group(0))
    expr = FilterExpr(text, _Parser(text).parse())
    _check_meaning(expr)
    return expr


def _check_meaning(expr: FilterExpr) -> None:
    """Refuse what the index cannot serve: too many alternatives, no word to look for."""
    if alternative_count(expr.root) > MAX_ALTERNATIVES:
        raise FilterSyntaxError(
            f"more than {MAX_ALTERNATIVES} alternatives once the ORs are multiplied out", 0,
            "too_many", count=MAX_ALTERNATIVES)
    if evaluate(expr, []):
        raise FilterSyntaxError(
            "it would match stories holding none of its words (only exclusions, or an OR "
            "with an exclusion alone): add a word to look for", 0, "only_exclusions")
    if not alternatives(expr):
        raise FilterSyntaxError("this can never match: it requires and excludes the same word", 0,
                                "never_matches")


def evaluate(expr: FilterExpr, story_words: Sequence[Sequence[str]]) -> bool:
    """The reference: does a story, given as one list of folded words per field, match?"""
    return _holds(expr.root, story_words)


def _holds(node: Node, fields: Sequence[Sequence[str]]) -> bool:
    if isinstance(node, Term):
        return any(term_in(node, field) for field in fields)
    if isinstance(node, Not):
        return not _holds(node.operand, fields)
    if isinstance(node, And):
        return all(_holds(child, fields) for child in node.operands)
    return any(_holds(child, fields) for child in node.operands)
