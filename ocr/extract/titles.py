"""Job titles from a multilingual title lexicon (en, de, fr, es, pt, it, nl)."""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz, process

from ocr.extract.lexicon import words
from ocr.extract.text import fold, word_list

_MIN_FUZZY_LENGTH = 12
# German compounds end in a title word: Vertriebsleiter, Projektmanagerin, Softwareentwickler.
_COMPOUND_ENDINGS = (
    "leiter",
    "leiterin",
    "manager",
    "managerin",
    "entwickler",
    "entwicklerin",
    "berater",
    "beraterin",
    "ingenieur",
    "ingenieurin",
    "führer",
    "führerin",
    "referent",
    "referentin",
    "direktor",
    "direktorin",
    "assistent",
    "assistentin",
    "kaufmann",
    "kauffrau",
)


def title_words(text: str) -> int:
    """How many words of the text are title words ('Head of New Business' -> 1, 'Sales Director' -> 2)."""
    lexicon = words("title_words.txt")
    count = 0
    for word in word_list(text):
        word = word.rstrip(".")
        parts = word.split("-")  # 'Expert-comptable', 'Software-ontwikkelaar'
        compound = len(word) > 7 and word.endswith(_COMPOUND_ENDINGS)
        if any(p in lexicon for p in parts) or compound or _misread_title(word):
            count += 1
    return count


def title_score(text: str) -> float:
    """0 when the text has no title word; higher for lines made mostly of title words."""
    tokens = word_list(text)
    if not tokens or len(tokens) > 9 or any(t in words("tagline_words.txt") for t in tokens):
        return 0.0
    found = title_words(text)
    return 0.0 if found == 0 else 1.0 + found / len(tokens)


@cache
def _folded_lexicon() -> dict[str, str]:
    """Long title words by their ASCII fold: {'geschaftsfuhrer': 'geschäftsführer'}."""
    # Sorted so that an accented spelling replaces its ASCII twin ('geschaftsfuhrer') for the same key.
    long_words = sorted((w for w in words("title_words.txt") if len(w) >= _MIN_FUZZY_LENGTH), key=str.isascii)
    return {fold(w): w for w in reversed(long_words)}


def _misread_title(word: str) -> str | None:
    """The lexicon word a long, slightly garbled OCR word stands for: 'Geschaftsfiihrer' -> 'geschäftsführer'.

    Only long words, and only close matches: short words differ by a letter from other real words.
    """
    if len(word) < _MIN_FUZZY_LENGTH:
        return None
    found = process.extractOne(fold(word), list(_folded_lexicon()), scorer=fuzz.ratio, score_cutoff=88)
    return _folded_lexicon()[found[0]] if found else None


def repair_title(text: str) -> str:
    """The title with garbled long words replaced by the lexicon's spelling (accents restored)."""
    lexicon = words("title_words.txt")

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        if word.lower() in lexicon or word.lower().endswith(_COMPOUND_ENDINGS):
            return word
        found = _misread_title(word.lower())
        if found is None:
            return word
        return found.upper() if word.isupper() else found.capitalize() if word[0].isupper() else found

    return re.sub(r"[^\W\d_]+", fix, text)
