"""Ukrainian and Russian written in Latin letters, and a sound key that spellings share.

A name unknown to the gazetteer (bot/dedup/names.py) is still recognised across scripts and
languages when its key agrees: "Рютте" and "Rutte" are both "rt", "Шмигаль" and "Chmyhal"
(French) differ only where a key cannot help. The key is crude on purpose: one
transliteration for both languages (г and g alike, и and y, s and z, sch and ш, дж, ж and
j, th and т), doubled letters and a silent h dropped, then its first letter (any vowel
as a: "Anthony" is "Энтони", "Osama" "Усама") and its consonants, four at most, so
inflected forms ("Рютте", "Зеленського") keep theirs. Vowels go
because an English name's are spelt otherwise in Cyrillic ("James" / "Джеймс", "Jackson" /
"Джексон", "Jones" / "Джонс"); measured on the STS pairs (benchmarks/crosslang.py) the
consonants alone merged more same-story pairs and no more different ones.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CYRILLIC = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "i", "і": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "ы": "y",
    "э": "e", "ъ": "", "'": "",
})
_ENDINGS = tuple(sorted((
    "ами", "ями", "ого", "ому", "ими", "ові", "еві", "ою", "ею", "ом", "ем", "ах", "ях", "ів",
    "ов", "ев", "ей", "ии", "ыи", "ои", "ую", "а", "я", "у", "ю", "і", "и", "ы", "е", "о",
), key=len, reverse=True))
_SOUNDS = (("shch", "sh"), ("sch", "sh"), ("dzh", "j"), ("zh", "j"), ("dj", "j"), ("tz", "ts"),
           ("ts", "s"), ("th", "t"), ("kh", "h"), ("ck", "k"), ("ph", "f"), ("qu", "k"),
           ("q", "k"), ("ou", "u"), ("w", "v"), ("c", "k"), ("g", "h"), ("y", "i"), ("x", "ks"),
           ("z", "s"), ("œ", "e"), ("æ", "e"))
_SOFT_G = re.compile(r"(?<!g)g(?=eo|ia|io|iu|es?$)|(?<=d)g(?=[eiy])|(?<=r)g(?=i)")
"""A Latin g that sounds j, as Cyrillic spells it ("George": "Джордж", "Giuliani",
"Assange", "Dodge"); elsewhere before e or i it is as often hard ("Gerhard", "Hegel",
"Gibson"), and keeps г's key."""
_OW = re.compile(r"(?<=[oe])w(?![aeiouy])")
"""An English "ow" or "ew" before a consonant or at the end is a vowel, "оу" or "ью"
("Snowden", "Сноуден"; "Brown", "Браун"; "Matthew", "Мэттью"); before a vowel a w
("Howard")."""
_CH_AS_K = re.compile(r"ch(?=ael)")
"""An English ch sounded k, as Cyrillic spells it ("Michael", "Майкл")."""
_SILENT_LATIN = re.compile(r"^k(?=n)|^w(?=r)|(?<=i)gh")
"""English letters Cyrillic does not write: an opening k before n, w before r, a gh after i
("Knight", "Найт"; "Wright", "Райт")."""
_SOFT_C = re.compile(r"c(?=[eiy])")
"""A Latin c that sounds s, as Cyrillic spells it ("Bruce", "Брюс"; "Vincent", "Винсент")."""
_VOWELS = re.compile(r"[aeiou]+")
_SILENT_H = re.compile(r"(?<=[aeiou])h(?![aeiou])")
_GLIDE = re.compile(r"i(?=[aeiou])")
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_VOWELS = re.compile(r"(?<=..)[aeiou]+$")
KEY_LENGTH = 4
MIN_KEY = 3


_OPENING_W = re.compile(r"^у(?=[иоэеа])")
"""An English w spelt in Cyrillic ("Уильям", "Уотсон", "Уэльс": William, Watson, Wales)."""


def latin(folded: str) -> str:
    """A folded Ukrainian or Russian word in Latin letters ("херсоні" -> "khersoni")."""
    return folded.translate(_CYRILLIC)


def _uninflected(folded: str) -> str:
    """A Cyrillic word without its case ending, three letters kept at least."""
    if not folded or not "а" <= folded[0] <= "я" and folded[0] not in "іє":
        return folded
    for ending in _ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= MIN_KEY:
            return folded[: -len(ending)]
    return folded


def _heard(word: str) -> str:
    """A spelling in Latin letters, with the sounds the other script writes otherwise: a Latin
    g, c, w and ch as Cyrillic hears them (`_SOFT_G`, `_SOFT_C`, `_OW`, `_CH_AS_K`), without
    the letters it does not write (`_SILENT_LATIN`), a Cyrillic opening у as the w it spells
    (`_OPENING_W`). A sound key's rule, not transliteration: `latin` stays plain."""
    if word.isascii():
        word = _CH_AS_K.sub("k", _SILENT_LATIN.sub("", latin(word)))
        return _OW.sub("u", _SOFT_G.sub("j", _SOFT_C.sub("s", word)))
    return latin(_OPENING_W.sub("в", word))


@lru_cache(maxsize=1 << 16)
def sound_key(folded: str) -> str | None:
    """The key a name's spellings share in every language, or None for a word too short."""
    word = _heard(_uninflected(folded))
    for spelling, sound in _SOUNDS:
        word = word.replace(spelling, sound)
    word = _SILENT_H.sub("", word)
    word = _FINAL_VOWELS.sub("", _DOUBLE.sub(r"\1", _GLIDE.sub("", word)))
    if len(word) < MIN_KEY or not word.isalpha():
        return None
    first = "a" if word[0] in "aeiou" else word[0]
    return (first + _VOWELS.sub("", word[1:]))[:KEY_LENGTH]
