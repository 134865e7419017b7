"""Small text helpers shared by the line classifiers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?", re.UNICODE)


def word_list(text: str) -> list[str]:
    """Lower-case words (letters, inner apostrophes/hyphens/dots kept): 'Sales Director' -> [...]."""
    return [w.lower() for w in _WORD.findall(text)]


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: 'Förrli-Buck' -> 'forrlibuck' (for comparisons)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", decomposed.encode("ascii", "ignore").decode().lower())


def has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def clean_value(text: str) -> str:
    """A line as a field value: whitespace collapsed, stray edge punctuation removed."""
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(' ,;:|•·-–—_*~"“”„«»‘’')
