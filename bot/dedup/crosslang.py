"""Cross-language folding: one event reported in English, French, Ukrainian and Russian.

Word overlap (bot/dedup/score.py) cannot see that "Zelensky discusses inviting Ukraine to
NATO with Rutte" and "Зеленський обговорив з Рютте запрошення України до НАТО" are one phone
call. Each report's words are read as ids every language shares: people, places and
organisations (bot/dedup/names.py), the common words of news (bot/dedup/lexicon.py), else a
sound key (bot/dedup/translit.py); and its figures and dates. A wrong merge hides an event, so
two reports in different languages merge only when most of what they say is said alike, or
when they share enough distinctive names and say much alike, reported within a few hours,
and nothing tells them apart: another place or country, other figures (a toll rising within
a few hours aside), opposite words or concepts (opens / closes), a negation on one side,
another ministry (foreign / finance).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from bot.core.text import fold, join_apostrophes
from bot.dedup.concepts import concept_of, ministry_of
from bot.dedup.figures import Figures, figures_differ, is_number, spelt_out
from bot.dedup.lexicon import STOP, entry_of, opposed, root, stem, tables, tables_of, weight_of
from bot.dedup.names import COUNTRIES, ENTITY_IDS, Kind, as_one_name, gazetteer
from bot.dedup.phrases import SAYING_CONCEPTS, readings, signs
from bot.dedup.score import FIGURE_HOURS, Fingerprint, each_own
from bot.dedup.text import STOPWORDS, undecorated
from bot.dedup.translit import sound_key

LANGUAGES = ("en", "fr", "uk", "ru")
CROSS_HOURS = 12.0
"""Reports further apart than this are never merged across languages."""
MIN_SUPPORT = 2
"""Distinctive names (and figures) two reports must share."""
CONCEPTS_AS_NAME = 3
"""Saying the same three things ("drone", "strike", "injured") counts as one name shared."""
MIN_NAME_DICE = 0.6
"""Share of both reports' names they hold in common (Dice, 0-1)."""
MIN_CONTENT_DICE = 0.6
"""... and of all they say: names, figures and concepts together."""
NEAR_KEY = 5
"""Sound keys this long (with "~") or longer may differ by one letter and still agree."""
NEAR_SIMILARITY = 0.8
COUNTRIES_CONTENT_DICE = 0.75
"""The content bar when only countries are shared: they tell less than a town or a person."""
SAID_BAR = 0.62
"""`said_alike` at which two reports in one script (English, French) are one event ...
(0.61 merged 1.1 % of all en-fr different pairs once the lexicon grew to 3,000 concepts)"""
SAID_BAR_ACROSS_SCRIPTS = 0.65
"""... and across scripts, where fewer words are seen alike: each the lowest at which at
most 1 % of the STS news pairs of different stories merge (benchmarks/crosslang.py)."""
LINK_BAR = 0.55
"""`said_score` at which a report in another language that does not merge is still shown
beside the alert as perhaps the same event: a wrong merge hides an event, a link only
points at another. On the STS news pairs (benchmarks/crosslang.py) it adds 10-17 points of
same-story pairs to the merged ones and shows 0-4 % of different-story pairs."""
NAMED_SAID_BAR = 0.55
"""Sharing names, two reports must still say this much alike (at 0.5, once translations read
alike, reports naming the same people but saying other things merged: 1.2 % of the en-ru
different STS pairs: "Turkey raises the alarm over Syrian refugees" and "Turkey seeks to resettle
Syrian refugees")."""
NAME_SWAP_PENALTY = 0.1
"""Taken off `said_alike` when each report names someone or somewhere the other does not ..."""
SLOT_PENALTY = 0.15
"""... and when all each says that the other does not is one name or unknown word: one slot
filled two ways ("Aust stocks open lower", "Акции Токио открылись ниже"), which three words
said alike make look like one report."""
RARE_WEIGHT = 2.5
RARE_CONCEPTS = 2
"""A report is also found by its two rarest concepts, of this weight at least (at 3, one
same-story STS pair in 30 was merged by the scorer but never compared: "stock", "close")."""
FIGURE_KEY = 10
"""... and by its counts from this up and its marks ("$47.98", "1990", "300,000"), told alike
in every language; a count under ten is in too many reports to find one."""
NAME_WEIGHT = 2.0
"""A known person, place or organisation weighs as much as a rare concept (1-5) ..."""
KEY_WEIGHT = 2.0
"""... and so does a word the lexicon lacks, by its sound key: mostly a name the gazetteer
lacks ("~mandel") or a borrowed word ("~marath")."""
FIGURE_WEIGHT = 4.0
COMMON = frozenset({"ukraine", "russia"})
"""Named in nearly every report Vigie reads: shared, they tell nothing."""

_WORD = re.compile(r"\w+")
_CLAUSE_END = (":", ".", "!", "?")
_NEGATIVE = frozenset([
    "not", "no", "never", "without", "cannot", "nor", "neither", "nothing", "nobody", "none",
    "pas", "jamais", "sans", "aucun", "aucune", "rien", "не", "ні", "нет", "ни", "без",
    "немає", "нема", "ніколи", "никогда", "нічого", "ничего", "ніхто", "никто"])
"""Folded words that negate a clause in some language of ours, each on its own."""
_NE = frozenset(["ne", "n"])
_NE_PARTNERS = frozenset(["plus", "personne", "guere", "point", "nul", "ni"])
"""A French "ne" negates only with one of these after it ("n'est plus"); with "pas" or
"jamais" those negate, with "que" it means "only", alone it negates nothing ("avant qu'ils
n'arrivent")."""
_NE_SPAN = 4
"""Words after "ne" its partner may stand at ("ne l'a plus")."""
_NE_ENDS = _NEGATIVE | {"que", "qu"}
_NOT_NEGATING_NEXT = frozenset([
    "less", "fewer", "more", "later", "earlier", "only", "least", "moins", "plus", "seulement",
    "менее", "более", "меньше", "больше", "только", "ранее", "раньше", "позднее", "позже",
    "менше", "більше", "лише", "тільки", "раніше", "пізніше", "вести"])
"""A negative word before one of these says a bound or a focus, not what did not happen:
"not less than 15" is at least 15 ("не менее 15", "щонайменше 15"), "not only", "без
вести" (gone missing)."""
_APOSTROPHES = frozenset("'’ʼ")
_UK_LETTERS = frozenset("іїєґІЇЄҐ")
_RU_LETTERS = frozenset("ыэъёЫЭЪЁ")


@dataclass(slots=True)  # not frozen: decoded ~16 times a new story (bot/dedup/stored.py)
class Signature:
    """What a report names, in ids every language shares, and what tells reports apart."""

    language: str
    """en, fr, uk, ru; "latin" or "cyrillic" when the words alone do not say which."""
    names: tuple[str, ...]
    places: tuple[str, ...]
    numbers: tuple[str, ...]
    figures: Figures
    """The headline's figures, to tell an update ("five" -> "seven injured") from another
    event, as within one language (bot/dedup/figures.py)."""
    poles: tuple[int, ...]
    negated: bool
    roles: frozenset[str]
    """Ministries named ("foreign", "finance"), the fingerprint's own set."""
    concepts: tuple[str, ...]
    """What the report says happened, in concept ids (bot/dedup/concepts.py).

    Sorted tuples, not sets: every story of the window keeps one (200,000 at 100,000 stories
    a day), and only the few candidates of a story are ever compared."""
    said: tuple[str, ...] = ()
    """All it says, word by word, in ids every language shares: the lexicon's concepts
    (bot/dedup/lexicon.py), and for a word it lacks, the word's sound key ("~marath":
    "Marathon", "марафона"), which names and borrowed words share."""


    @property
    def keys(self) -> tuple[str, ...]:
        """What the window looks a report up by: its names, its rarest concepts (a report
        naming nothing known may still say "marathon" and "explosion") and its figures."""
        rare = sorted((word for word in self.said if word not in ENTITY_IDS
                       and not word.startswith("~") and weight_of(word) >= RARE_WEIGHT),
                      key=weight_of, reverse=True)[:RARE_CONCEPTS]
        figures = [n for n in self.numbers if not n.isdigit() or int(n) >= FIGURE_KEY]
        return (*self.names, *rare, *figures) if rare or figures else self.names


def read_word_lists() -> None:
    """Read the lexicon and the gazetteer now (about 190 ms), so a window made at start pays
    it, not its first story: the event loop would stand still that long inside a batch."""
    tables()
    gazetteer()


def script(language: str) -> str:
    """The alphabet a language is written in."""
    return "cyrillic" if language in ("uk", "ru", "cyrillic") else "latin"


def languages_differ(a: str, b: str) -> bool:
    """Two reports in different languages (an unsure guess differs only by script)."""
    if script(a) != script(b):
        return True
    return a != b and a in LANGUAGES and b in LANGUAGES


def report_language(title: str, given: str | None = None) -> str:
    """The feed's language when it names one of ours, else a guess from the letters."""
    if given in LANGUAGES:
        return given
    cyrillic = sum("а" <= char.lower() <= "я" or char in _UK_LETTERS for char in title)
    if 2 * cyrillic > sum(char.isalpha() for char in title):
        uk, ru = (any(char in letters for char in title) for letters in (_UK_LETTERS, _RU_LETTERS))
        return "uk" if uk and not ru else "ru" if ru and not uk else "cyrillic"
    folded = _WORD.findall(fold(title))
    fr, en = (sum(word in vocabulary for word in folded) for vocabulary in _own_words())
    return "fr" if fr > en else "en" if en > fr else "latin"


@lru_cache(maxsize=1)
def _own_words() -> tuple[frozenset[str], frozenset[str]]:
    """The words the lexicon writes out in French and not in English, and the reverse: a
    headline's language is the one more of its words belong to alone. A handful of function
    words did it before, among them "a", which folds from French "à" and is English too:
    "NATO opens a hub near Rzeszów" read French, and never folded with its translation."""
    fr, en = (frozenset(tables()[language].words) for language in ("fr", "en"))
    return fr - en, en - fr


def signature(title: str, print_: Fingerprint, language: str) -> Signature:
    """The names, places, figures and contrasts of a headline (`print_`: its fingerprint)."""
    names: set[str] = set()
    places: set[str] = set()
    said: set[str] = set()
    words: set[str] = set()
    last: str | None = None  # the name just before, if the word before named one
    text = undecorated(as_one_name(title))
    tokens = _words(text, language)
    for token, capitalised, reading in phrased(tokens, language):
        word = said_of(token, capitalised, reading, language)
        if word is not None:
            words.add(word)
        if reading is not None:
            last = None
            continue
        name, place, concept = _meaning(token, capitalised, language)
        if name is not None:
            if last is not None and last.startswith("~"):
                names.discard(last)  # "Whitney Houston" is one person: her last name says it
            names.add(name)
            places.update(place)
        elif concept is not None:
            said.add(concept)
        last = name
    words.update(signs(text))
    figures = _spelt(print_.title.figures)
    return Signature(language, _sorted(names), _sorted(places), _numbers(figures), figures,
                     tuple(sorted({pole for _, pole in print_.title.poles})),
                     negated(text), print_.ministries, _sorted(said), _sorted(words))


def words_of(title: str, language: str) -> list[tuple[str, bool, str | None]]:
    """A headline's folded words as `signature` reads them (`phrased`)."""
    return phrased(_words(undecorated(as_one_name(title)), language), language)


def phrased(tokens: list[tuple[str, bool]],
            language: str) -> list[tuple[str, bool, str | None]]:
    """Each word, whether capitalised, and what the phrase it stands in reads (None: in no
    phrase; "": a phrase that reads nothing, "в результате")."""
    read = readings([token for token, _ in tokens], language)
    return [(token, capital, reading) for (token, capital), reading in zip(tokens, read,
                                                                          strict=True)]


def said_of(token: str, capitalised: bool, reading: str | None, language: str) -> str | None:
    """The id one word adds to `Signature.said`: its phrase's, else its own (`_said`)."""
    if reading is not None:
        return reading or None
    return _said(token, language, capitalised)


def negated(text: str) -> bool:
    """Whether a headline says something did not happen, read alike in every language.

    A negative word counts unless it is part of a word ("no-fly zone", "No. 2") or says a
    bound ("не менее 15", "not only"); a French "ne" only with its partner ("n'est plus");
    an English "n't" as "not". A word's own negation is the word's ("non essentiel",
    "undeclared", "невиновен"), not the clause's. Within one language dedup reads any negative word
    (bot/dedup/text.py): both reports there say it alike or not at all.
    """
    folded = fold(join_apostrophes(text))
    tokens, gaps = _WORD.findall(folded), _WORD.split(folded)[1:]  # gaps[i]: after tokens[i]
    return any(_negates(tokens, gaps, index) for index in range(len(tokens)))


def _negates(tokens: list[str], gaps: list[str], index: int) -> bool:
    """Whether the word at `index` negates its clause (see `negated`)."""
    token, gap = tokens[index], gaps[index]
    if token in _NE:
        return _partnered(tokens[index + 1:index + 1 + _NE_SPAN])
    if token == "t" and index and tokens[index - 1].endswith("n"):
        return gaps[index - 1] in _APOSTROPHES  # "doesn't", "can't", "won't"
    after = tokens[index + 1] if index + 1 < len(tokens) else ""
    if token not in _NEGATIVE or gap.startswith("-") or token == "no" and is_number(after):
        return False  # "no-fly zone", "No. 11" (and "№ 11", folded alike)
    return after not in _NOT_NEGATING_NEXT


def _partnered(ahead: list[str]) -> bool:
    """Whether the words after a French "ne" hold its partner before another negation."""
    for word in ahead:
        if word in _NE_PARTNERS:
            return True
        if word in _NE_ENDS:
            return False
    return False


@lru_cache(maxsize=1 << 17)
def _said(token: str, language: str, capitalised: bool = False) -> str | None:
    """What a folded word says in ids every language shares: a name's id, a concept, a
    sound key; None for a figure or a word that says nothing ("the", "которые"). A
    capitalised Cyrillic word the lexicon reaches only through a cut is a name, as
    `_meaning` reads it: "Морено" is not the sea (море), "Гордоном" not pride; "Газе" is
    Gaza, "газе" gas."""
    entity = gazetteer().find(token, capitalised)
    if entity is not None:
        return entity.id
    if is_number(token) or len(token) < 3 or token in STOPWORDS:
        return None
    entry = entry_of(token, _column(token, language))
    if entry is not None and not (capitalised and _cut_name(token, language)):
        return None if entry.concept == STOP or entry.concept in SAYING_CONCEPTS else entry.concept
    key = sound_key(token)
    return None if key is None else f"~{key}"


def _column(token: str, language: str) -> str:
    """The lexicon column a word is read in: a Latin word in a Cyrillic report is English
    ("Nasdaq", "Microsoft", "Standard & Poor's"), as its English report reads it."""
    return "en" if token[:1].isascii() and script(language) == "cyrillic" else language


_INFLECTION = 3
"""Letters a case ending adds to a word's root at most ("Южн-ом", "Верховн-ого")."""


def _cut_name(token: str, language: str) -> bool:
    """Whether a capitalised word is a name the lexicon only seems to know (a Latin one:
    `_latin_cut_name`): neither a word of its language's columns written out ("Надежда" is
    hope) nor one's root or the word itself and a case ending ("Южном Судане": south;
    "Сената": senate), but reached only by a longer cut ("Морено" is not the sea, море;
    "Гордоном" not pride)."""
    if token[:1].isascii():
        return _latin_cut_name(token, language)
    cut = root(token)
    inflected = token.startswith(cut) and len(token) - len(cut) <= _INFLECTION
    return not any(token in table.words or inflected and (cut in table.roots
                                                          or cut in table.words)
                   for table in tables_of(language))


_NAME_REACH = 0.6
"""A capitalised Latin word the lexicon reaches through a stem shorter than this share of
it is a name: "Richard" (rich), "Campbell" (camp), "Houston"; not "Gendarmerie", "Forces"."""


def _latin_cut_name(token: str, language: str) -> bool:
    """Latin counterpart of `_cut_name`: not written out, and reached only through a stem
    well short of the word (`_NAME_REACH`)."""
    return not any(token in table.words or table.reach(token) >= _NAME_REACH * len(token)
                   for table in tables_of(_column(token, language)))


def _sorted(items: set[str]) -> tuple[str, ...]:
    return tuple(sorted(items)) if items else ()


def _words(text: str, language: str = "") -> list[tuple[str, bool]]:
    """Folded words, each with whether it names something by its capital letter; a
    hyphenated compound known whole is one word (`_compound`).

    The first word and words after a colon or full stop are capitalised anyway, and in a
    Title Case headline every word is; an acronym ("IAEA") counts wherever it stands.
    """
    text = join_apostrophes(text)
    raws = _WORD.findall(text)
    gaps = _WORD.split(text)  # gaps[i]: the text before raws[i]
    spellings = [_spelling(raw) for raw in raws]
    title_case = 2 * sum(upper for _, _, upper in spellings) > len(raws) + 1
    found: list[tuple[str, bool]] = []
    index = 0
    while index < len(raws):
        folded, acronym, upper = spellings[index]
        span, folded = _compound(spellings, gaps, index, language) or (1, folded)
        opening = index == 0 or _ends_clause(gaps[index])
        found.append((folded, acronym or (upper and not opening and not title_case)))
        index += span
    return found


_COMPOUND_PARTS = (3, 2)
"""A compound of three words ("cessez-le-feu") is tried before one of two."""


def _compound(spellings: list[tuple[str, bool, bool]], gaps: list[str], index: int,
              language: str) -> tuple[int, str] | None:
    """The longest run of hyphenated words from `index` that the gazetteer or the lexicon
    knows whole ("porte-parole": spokesman, not a door and a word), with its length."""
    for span in _COMPOUND_PARTS:
        if index + span <= len(spellings) and all(
                gap == "-" for gap in gaps[index + 1:index + span]):
            joined = "-".join(folded for folded, _, _ in spellings[index:index + span])
            if _whole(joined, language):
                return span, joined
    return None


@lru_cache(maxsize=1 << 14)
def _whole(word: str, language: str) -> bool:
    """Whether a hyphenated word is listed whole: a spelling of the gazetteer, or a word of
    the lexicon in any of its forms ("прес-секретаря"), not only its first part's."""
    if word in gazetteer().words:
        return True
    return any(word in table.words or stem(word) in table.stems
               or root(word) in table.roots and "-" in root(word)
               for table in tables_of(_column(word, language)))


@lru_cache(maxsize=1 << 16)
def _spelling(raw: str) -> tuple[str, bool, bool]:
    """A word folded, whether it is an acronym, whether it starts with a capital: cached, as
    news repeats its words (and the folded ones come out as shared strings)."""
    return fold(raw), len(raw) > 1 and raw.isupper() and raw.isalpha(), raw[0].isupper()


def _ends_clause(gap: str) -> bool:
    """Whether the text between two words ends a clause (": ", ". ")."""
    return gap != " " and any(mark in gap for mark in _CLAUSE_END)


@lru_cache(maxsize=1 << 16)
def _meaning(token: str, capitalised: bool,
             language: str = "") -> tuple[str | None, tuple[str, ...], str | None]:
    """What a folded word is: a name (and the place it is), or a concept, or nothing.

    A name is the gazetteer's id, else a capitalised word's sound key; a word that says what
    happened is not a name, capital or not ("les Affaires étrangères", "la Conférence"), nor
    a Cyrillic word the lexicon lists written out ("Надежда", as `_said` reads it).
    Cached: news repeats its words, and the keys come out as shared strings.
    """
    entity = gazetteer().find(token, capitalised)
    if entity is not None:
        place = (entity.id,) if entity.kind in (Kind.PLACE, Kind.COUNTRY) else ()
        return entity.id, place, None
    concept = concept_of(token)
    if (not capitalised or concept or ministry_of(token) or token in STOPWORDS
            or is_number(token) or len(token) < 3
            or not token[:1].isascii() and not _cut_name(token, language)):
        return None, (), concept
    key = sound_key(token)
    return (None if key is None else f"~{key}"), (), None


def _numbers(figures: Figures) -> tuple[str, ...]:
    """Counts and marks (dates, decimals) as one set: digits are digits in every language
    ("sept", a count in French, is a mark too: it may be September)."""
    if not figures.counts and not figures.marks:
        return ()
    return tuple(sorted({*map(str, figures.counts), *map(spelt_out, figures.marks)}))


def _spelt(figures: Figures) -> Figures:
    """`figures` with number words among the marks as digits ("sept" -> "7")."""
    marks = frozenset(map(spelt_out, figures.marks))
    return figures if marks == figures.marks else Figures(figures.counts, marks)


def cross_score(a: Signature, b: Signature, gap_hours: float) -> float | None:
    """How surely two reports in different languages are one event (0-100), or None.

    They merge when most of all they say is said alike (`said_alike`, above a bar that is
    higher across scripts), or when they share enough distinctive names and say much alike
    (`_named_alike`); never when anything tells them apart.
    """
    return cross_judged(a, b, gap_hours)[0]


def cross_judged(a: Signature, b: Signature,
                 gap_hours: float) -> tuple[float | None, float | None]:
    """`cross_score`, and the `said_score` it rests on (None: told apart, or not comparable),
    which says whether an unmerged pair is perhaps one event (`LINK_BAR`)."""
    if not languages_differ(a.language, b.language) or abs(gap_hours) > CROSS_HOURS:
        return None, None
    said = said_score(a, b, abs(gap_hours) <= FIGURE_HOURS)
    if said is None:
        return None, None
    bar = SAID_BAR if script(a.language) == script(b.language) else SAID_BAR_ACROSS_SCRIPTS
    if said >= bar:
        return round(100 * said, 1), said
    if said < NAMED_SAID_BAR or a.poles != b.poles:
        return None, said
    return _named_alike(a, b), said


def said_score(a: Signature, b: Signature, update_allowed: bool = True) -> float | None:
    """`said_alike`, less a penalty when each names someone the other does not; None when
    anything tells the two apart. Blind to their languages: benchmarks/crosslang.py reads
    one language's pairs with it, as a perfect translation would be read."""
    if _figures_differ(a.figures, b.figures, update_allowed) or contradicts(a, b):
        return None
    penalty = (NAME_SWAP_PENALTY if _names_swapped(a, b) else SLOT_PENALTY
               if _slot_swapped(a, b) else 0.0)
    return said_alike(a, b) - penalty


def _figures_differ(a: Figures, b: Figures, update_allowed: bool) -> bool:
    """As within one language (bot/dedup/figures.py), but blind to the order of the counts,
    which a translation changes ("$65,000 in his 30th year", "en 30 ans ... 65 000 dollars"),
    and a report may give fewer counts than the other if it shares all it gives."""
    if a.counts and b.counts and _within(a.counts, b.counts):
        return figures_differ(Figures((), a.marks), Figures((), b.marks), update_allowed)
    return figures_differ(Figures(tuple(sorted(a.counts)), a.marks),
                          Figures(tuple(sorted(b.counts)), b.marks), update_allowed)


def _within(ours: tuple[int, ...], theirs: tuple[int, ...]) -> bool:
    """Whether the shorter list of counts is all among the longer's, repeats counted: a few
    list steps, where two Counters and their difference cost 10 us a candidate (every
    headline of a first poll's benchmark holds a count)."""
    short, long = (ours, theirs) if len(ours) <= len(theirs) else (theirs, ours)
    left = list(long)
    for count in short:
        if count not in left:
            return False
        left.remove(count)
    return True


def _names_swapped(a: Signature, b: Signature) -> bool:
    """Each report names someone or somewhere the other does not ("Venezuelan president",
    "президент Сенегала"): most likely two events, however alike the rest."""
    ours, theirs = frozenset(a.names), _spelt_alike(frozenset(a.names), b.names)
    return each_own(ours, theirs)


def _slot_swapped(a: Signature, b: Signature) -> bool:
    """All each report says that the other does not is one name or one word known only by
    its sound key."""
    ours, theirs = {*a.said, *a.numbers}, {*b.said, *b.numbers}
    only = (*(ours - theirs), *(theirs - ours))
    return len(only) == 2 and len(ours - theirs) == 1 and all(map(_name_like, only))


def _name_like(word: str) -> bool:
    return word.startswith("~") or word in ENTITY_IDS


def _named_alike(a: Signature, b: Signature) -> float | None:
    """The score of two reports that share at least two distinctive names, most of each
    one's names, and most of their names, figures and concepts, or None."""
    names_a, names_b = frozenset(a.names), _spelt_alike(frozenset(a.names), b.names)
    shared = names_a & names_b
    sure = _sure(a, b, shared)
    if sure + _countries(a, b, shared) < MIN_SUPPORT or _dice(names_a, names_b) < MIN_NAME_DICE:
        return None
    content = _dice(names_a.union(a.concepts, a.numbers), names_b.union(b.concepts, b.numbers))
    bar = MIN_CONTENT_DICE if sure else COUNTRIES_CONTENT_DICE
    return round(100 * content, 1) if content >= bar else None


def _sure(a: Signature, b: Signature, shared: frozenset[str]) -> int:
    """Shared towns, people, organisations and figures, and three things said alike."""
    said = len(set(a.concepts) & set(b.concepts)) >= CONCEPTS_AS_NAME
    return len(shared - COUNTRIES) + len(set(a.numbers) & set(b.numbers)) + said


def _countries(a: Signature, b: Signature, shared: frozenset[str]) -> int:
    """Shared countries, which count only beside something said alike ("Turkey", "Syria"
    and nothing else shared is a topic, not an event)."""
    return len(shared & (COUNTRIES - COMMON)) if set(a.concepts) & set(b.concepts) else 0


def said_alike(a: Signature, b: Signature) -> float:
    """How much of all two reports say they share, 0-1: a Dice overlap of their words' ids
    and figures, each weighed by how much it tells: a rare concept more than "say"; a name,
    a figure or a word known only by its sound key as much as a rare concept."""
    (ours, our_total), (theirs, their_total) = _weighed(a.said, a.numbers), _weighed(
        b.said, b.numbers)
    total = our_total + their_total
    shared = sum(ours[key] for key in ours.keys() & theirs.keys())
    return 2 * shared / total if total else 0.0


@lru_cache(maxsize=1 << 14)
def _weighed(said: tuple[str, ...], numbers: tuple[str, ...]) -> tuple[dict[str, float], float]:
    """What each word and figure of a report weighs, and their sum: kept, since a new report
    is weighed against each of its candidates (and a window's report against many), and
    weighing its words was a tenth of judging a first poll. Callers do not change it."""
    weights = dict.fromkeys(numbers, FIGURE_WEIGHT)
    for word in said:
        weights[word] = (KEY_WEIGHT if word.startswith("~") else NAME_WEIGHT
                         if word in ENTITY_IDS else weight_of(word))
    return weights, sum(weights.values())


def _spelt_alike(ours: frozenset[str], theirs: tuple[str, ...]) -> frozenset[str]:
    """`theirs`, a sound key one letter off one of `ours` taken as ours: a transliteration
    differs by a vowel or a voicing ("~kansas" / "~kanzas", "~madiso" / "~mediso")."""
    keys = [name for name in ours if name.startswith("~") and name not in theirs]
    return frozenset(_as_ours(name, keys, ours) if keys else name for name in theirs)


def _as_ours(name: str, keys: list[str], ours: frozenset[str]) -> str:
    """Their sound key spelt as one of our unmatched keys one letter off, else as it is."""
    if not name.startswith("~") or name in ours:
        return name
    return next((key for key in keys if _near(key, name)), name)


@lru_cache(maxsize=1 << 16)
def _near(a: str, b: str) -> bool:
    return min(len(a), len(b)) >= NEAR_KEY and Indel.normalized_similarity(a, b) >= NEAR_SIMILARITY


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b) or 1)


def contradicts(a: Signature, b: Signature) -> bool:
    """Another place or ministry on each side, a negation on one, or opposite words: two
    events, whichever languages. (Not figures: within one cluster a toll may rise.)"""
    return (each_own(frozenset(a.places), frozenset(b.places)) or each_own(a.roles, b.roles)
            or a.negated != b.negated
            or any(pole ^ 1 in b.poles and pole ^ 1 not in a.poles for pole in a.poles)
            or opposed(a.said, b.said))
