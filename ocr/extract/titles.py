"""Job titles from a multilingual title lexicon (en, de, fr, es, pt, it, nl)."""

from __future__ import annotations

from ocr.extract.lexicon import words
from ocr.extract.text import word_list

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
        if word in lexicon or (len(word) > 7 and word.endswith(_COMPOUND_ENDINGS)):
            count += 1
    return count


def title_score(text: str) -> float:
    """0 when the text has no title word; higher for lines made mostly of title words."""
    tokens = word_list(text)
    if not tokens or len(tokens) > 9:
        return 0.0
    found = title_words(text)
    return 0.0 if found == 0 else 1.0 + found / len(tokens)
