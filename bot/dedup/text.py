"""Headline reduction for dedup: what two outlets' titles of one story have in common.

Outlets decorate titles ("BREAKING:", " - Reuters", "(video)", "ОНОВЛЕНО") and inflect words
differently, so titles are reduced to folded words without decorations (`normalise_title`),
then to crude stems of content words, numbers apart (`content_terms`). The vocabularies below
(stopwords, number words, negations, opposite verbs) cover French, English, Ukrainian and
Russian, folded the way `bot.core.text.fold` folds (й -> и, ї -> і, accents dropped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.core.text import fold, join_apostrophes, words
from bot.dedup.figures import FIGURE, Figures, figures, is_number

_TOKEN = re.compile(rf"{FIGURE}|\w+")
_ALIASES = {"евросоюз": "ес", "евросоюза": "ес", "євросоюз": "єс", "євросоюзу": "єс"}
_SEPARATOR = re.compile(r"\s+[-–—|•:]{1,2}\s+")
_BRACKETED = re.compile(r"[(\[]([^()\[\]]{1,40})[)\]]")
_SOURCE_MAX_WORDS = 4
_REUTERS_UPDATE = re.compile(r"^\s*update\s*\d+\s*[-:]", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")

_DECORATION_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(phrase.split())
    for phrase in (
        "breaking news", "breaking", "update", "updated", "updates", "live", "exclusive",
        "video", "videos", "photo", "photos", "watch", "just in", "developing", "urgent",
        "en direct", "direct", "en images", "mise a jour", "alerte", "info", "infographie",
        "exclusif", "urgent", "video", "photos", "live blog",
        "оновлено", "терміново", "відео", "фото", "наживо", "онлаин", "блискавка", "эксклюзив",
        "срочно", "видео", "обновлено", "онлаин трансляция", "прямои эфир", "пряма трансляція",
        "ексклюзив", "инфографика", "інфографіка", "молния",
    )
)
_DECORATION_WORDS = frozenset(word for phrase in _DECORATION_PHRASES for word in phrase)

STOPWORDS = frozenset(
    [
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as", "is",
        "are", "was", "were", "be", "been", "being", "has", "have", "had", "and", "or", "its",
        "it", "this", "that", "these", "those", "after", "before", "over", "into", "about", "amid",
        "says", "said", "say", "than", "le", "la", "les", "l", "d", "de", "des", "du", "un", "une",
        "et", "en", "au", "aux", "dans", "sur", "pour", "par", "avec", "est", "sont", "qui", "que",
        "qu", "ce", "cet", "cette", "se", "s", "son", "sa", "ses", "il", "elle", "ils", "elles",
        "apres", "selon", "y", "ou", "lors", "entre", "і", "и", "та", "в", "у", "на", "з",
        "із", "зі", "до", "від", "за", "по", "про", "для", "що", "як", "це", "після", "є", "буде",
        "будуть", "було", "був", "була", "під", "через", "який", "яка", "во", "с", "со", "к", "из",
        "от", "о", "об", "после", "при", "под", "над", "это", "его", "ее", "их",
        "который", "которая", "был", "была", "были",
    ]
)

NEGATIONS = frozenset([
    "not", "no", "never", "without", "ne", "n", "pas", "jamais", "sans", "aucun", "не", "ні",
    "нет", "ни", "без",
])

_SUFFIXES = sorted(
    [
        "ing", "ed", "es", "s", "e", "ent", "ee", "ees", "ами", "ями", "ого", "его", "ому", "ему",
        "ими", "ыми", "ах", "ях", "ов", "ев", "ей", "ий", "ый", "ои", "ая", "яя", "ое", "ее", "ые",
        "ие", "ом", "ем", "ам", "ям", "ую", "юю", "ться", "ся", "сь", "ть", "ти", "ла",
        "ло", "ли", "а", "я", "у", "ю", "е", "и", "ы", "о", "і",
    ],
    key=len,
    reverse=True,
)
# Pairs of opposite verbs and nouns: "Summit opens in Vilnius" is not "Summit ends in Vilnius".
_OPPOSITES: tuple[tuple[str, str], ...] = (
    (r"open|begin|began|beginn|start|kick|ouv|commenc|debut|demarr|відкри|розпоч|почал|почина"
     r"|старту|откры|начал|начин|стартова",
     r"end$|ends$|ended$|clos|finish|conclud|wrap|clot|ferm|termin|achev|fin$|заверш|закри"
     r"|закінч|оконч|закры"),
    (r"rise|rose|risen|rising|increas|grow|grew|hausse|augment|зрост|зроста|рост|раст|вырос"
     r"|увелич|збільш",
     r"fall|fell|drop|declin|decreas|baisse|chute|diminu|recul|паден|падін|знизи|сниж|зниж"
     r"|уменш|уменьш|упал"),
    (r"win$|wins$|won$|victor|gagn|remport|перемож|перемог|побед|выигр",
     r"lose$|loses$|lost$|losing$|defeat|perd|defait|програ|поразк|пораж|проигр"),
    (r"approv|accept|adopt|endors|ухвал|схвал|одобр|приня|підтрима|поддерж",
     r"reject|refus|veto|rejet|відхил|отклон|відмов|отказ"),
    (r"confirm|admit|підтверд|подтверд|визна|призна",
     r"deny|denie|dement|nie$|nient|спрост|заперечу|опроверг|отрица"),
)
_STEM_MIN = 3
_STEM_MAX = 6
TYPO_MIN_LENGTH = 4
"""Shorter stems ("war", "gas") are too easily one letter from another word to pair as typos."""


def _strip_source(title: str) -> str:
    """Drop a trailing " - Reuters" / " | Kyiv Independent": a short, capitalised last part."""
    parts = _SEPARATOR.split(title.strip())
    while len(parts) > 1 and _looks_like_source(parts[-1]):
        parts.pop()
    while len(parts) > 1 and _looks_like_source(parts[0]) and _is_decoration(parts[0]):
        parts.pop(0)
    return " ".join(parts)


@lru_cache(maxsize=4096)
def _looks_like_source(part: str) -> bool:
    """An outlet name: a few words, each starting with a capital or a digit, or decoration."""
    tokens = part.split()
    if not tokens or len(tokens) > _SOURCE_MAX_WORDS:
        return False
    return _is_decoration(part) or all(t[0].isupper() or t[0].isdigit() for t in tokens)


@lru_cache(maxsize=4096)
def _is_decoration(text: str) -> bool:
    """True when every word of `text` is a status word such as "live" or "відео"."""
    folded = words(text)
    return bool(folded) and all(word in _DECORATION_WORDS for word in folded)


def _strip_brackets(title: str) -> str:
    """Drop "(video)", "[ОНОВЛЕНО]", "(фото, відео)"; keep brackets that carry content."""
    return _BRACKETED.sub(lambda m: " " if _is_decoration(m.group(1)) else m.group(0), title)


def _trim_decoration(tokens: list[str]) -> list[str]:
    """Remove status phrases ("BREAKING", "EN DIRECT", "фото") at either end of the words."""
    changed = True
    while changed and tokens:
        if tokens[0] not in _DECORATION_WORDS and tokens[-1] not in _DECORATION_WORDS:
            break  # every phrase starts or ends with a decoration word: none can match
        changed = False
        for phrase in _DECORATION_PHRASES:
            size = len(phrase)
            if len(tokens) > size and tuple(tokens[:size]) == phrase:
                tokens, changed = tokens[size:], True
            elif len(tokens) > size and tuple(tokens[-size:]) == phrase:
                tokens, changed = tokens[:-size], True
    return tokens


def _tokens(text: str) -> list[str]:
    """Folded words and figures; an apostrophe inside a Ukrainian word joins it ("п'ять")."""
    folded = fold(text)
    if folded.isascii():  # no Cyrillic: neither an inner apostrophe to join nor an alias
        return _TOKEN.findall(folded)
    if "'" in folded:
        folded = join_apostrophes(folded)
    return [_ALIASES.get(token, token) for token in _TOKEN.findall(folded)]


_CLAUSE_END = (":", ".", "!", "?")
_LABEL_WORDS = 2  # "Zaporizhzhia region:"; a longer head before a colon is a sentence


@lru_cache(maxsize=64)
def undecorated(title: str) -> str:
    """`title` without a source suffix, "UPDATE 2 -" or decorative brackets, case kept.

    Cached for a few titles: a story's fingerprint and its signature both ask, in turn."""
    return _strip_brackets(_strip_source(_REUTERS_UPDATE.sub(" ", title)))


def normalise_title(title: str) -> str:
    """The folded words of `title` without source or status decorations, space-separated."""
    return _normalised(undecorated(title))


def reduce_title(title: str) -> tuple[str, frozenset[str]]:
    """`normalise_title` and the title's name stems, decorations stripped a single time."""
    bare = undecorated(title)
    return _normalised(bare), _names(bare)


def _normalised(undecorated: str) -> str:
    return " ".join(_trim_decoration(_tokens(undecorated)))


def _names(undecorated: str) -> frozenset[str]:
    """Stems of the capitalised words inside a headline: its places, people, organisations.

    The first word and words after a colon or full stop are capitalised anyway, except in a
    dateline ("Kherson: …"); a Title Case headline (most words capitalised) names nothing
    this way, so only its dateline counts.
    """
    words = undecorated.split()
    capitalised = [word for index, word in enumerate(words)
                   if index and word[:1].isupper() and not words[index - 1].endswith(_CLAUSE_END)]
    if 2 * len(capitalised) > len(words):
        capitalised = []
    named = [*_label(words), *_tail(words), *capitalised]
    return frozenset(stem_ for word in named for stem_ in _name_stems(word))


@lru_cache(maxsize=1 << 16)
def _name_stems(word: str) -> tuple[str, ...]:
    """The content stems of one word of a headline as written ("Kherson:", "l'OTAN"), cached:
    the same names come back in headline after headline."""
    terms = (_term(token) for token in _tokens(word))
    return tuple(term[0] for term in terms if term is not None)


def _label(words: list[str]) -> list[str]:
    """The words of a dateline: a head of at most two words before a colon ("Kherson:",
    "Dnipro region :"), where the story happened. Their case says nothing: the head starts
    the headline, and some outlets lowercase everything. (Not a tail after a colon: that is
    most often the figure, "…: five injured".)"""
    for index, word in enumerate(words[:_LABEL_WORDS + 1]):
        if word == ":" or word.startswith(":"):  # "Kherson :Russian drones"
            return words[:index]
        if word.endswith(":"):
            return words[:index + 1]
    return []


def _tail(words: list[str]) -> list[str]:
    """One or two capitalised words closing a headline after a colon: a place some outlets
    put last ("Drones hit a power plant, 4 injured: Sumy"); a figure there is no name."""
    for index in range(max(len(words) - 2, 1), len(words)):
        if words[index - 1].endswith(":"):
            tail = words[index:]
            return tail if all(w[:1].isupper() and w.isalpha() for w in tail) else []
    return []


def stem(word: str) -> str:
    """A crude stem: one common suffix off, then at most six letters ("killed" ~ "kills")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _STEM_MIN:
            word = word[: -len(suffix)]
            break
    return word[:_STEM_MAX]


@lru_cache(maxsize=1)
def _compile_poles() -> tuple[re.Pattern[str], ...]:
    """One pattern per pole; poles 2k and 2k+1 are opposites (compiled on first use)."""
    return tuple(re.compile(f"^(?:{pole})") for pair in _OPPOSITES for pole in pair)


def polarity(word: str) -> int | None:
    """The pole a folded word belongs to ("opens" -> 0, "ends" -> 1), None for most words."""
    return next((i for i, pole in enumerate(_compile_poles()) if pole.match(word)), None)


@dataclass(slots=True)  # not frozen: decoded ~16 times a new story (bot/dedup/stored.py)
class Terms:
    """What a headline says: content stems, figures, negations, and polar words by stem."""

    stems: tuple[str, ...]
    figures: Figures
    negations: int
    poles: tuple[tuple[str, int], ...]
    stem_set: frozenset[str]
    letters: str = ""
    """The words run together: equal when only a space slipped ("russesf rappent", "1 3")."""
    long_stems: tuple[str, ...] = ()
    """The stems long enough to be told apart from a misspelling, sorted (paired as typos)."""


@lru_cache(maxsize=1 << 16)
def _term(token: str) -> tuple[str, int | None] | None:
    """A content word's stem and pole; None for a stopword, negation or figure.

    Cached because news repeats its words endlessly, and stemming and the opposite-word
    patterns are most of the cost of a headline. The cached stems are shared strings too.
    """
    if token in STOPWORDS or token in NEGATIONS or is_number(token):
        return None
    return stem(token), polarity(token)


def content_terms(normalised: str) -> Terms:
    """Split normalised words into content stems, figures and negations; drop stopwords."""
    tokens = normalised.split()
    negations = sum(map(NEGATIONS.__contains__, tokens))
    terms = [term for t in tokens if (term := _term(t)) is not None]
    poles = tuple((stem_, pole) for stem_, pole in terms if pole is not None)
    stems = tuple(stem_ for stem_, _ in terms)
    stem_set = frozenset(stems)
    long_stems = tuple(sorted(stem_ for stem_ in stem_set if len(stem_) >= TYPO_MIN_LENGTH))
    return Terms(
        stems, figures(tokens), negations, poles, stem_set, "".join(tokens), long_stems
    )


def fold_lead(summary: str, max_words: int = 20) -> str:
    """The first sentence of a summary, at most `max_words` folded words (for short titles)."""
    first = _SENTENCE_END.split(summary.strip(), maxsplit=1)[0]
    return " ".join(_tokens(first)[:max_words])
