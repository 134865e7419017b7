"""Small text helpers shared by the line classifiers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Chinese, Japanese and Korean script, one definition for every test of it: Hangul jamo, CJK radicals and
# punctuation, kana, bopomofo, compatibility jamo and enclosed forms, ideographs (extension A, unified,
# compatibility), Hangul syllables, full- and half-width forms, and the supplementary ideograph planes.
CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
    "\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]"
)
_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*\.?", re.UNICODE)


def word_list(text: str) -> list[str]:
    """Lower-case words (letters, inner apostrophes/hyphens/dots kept): 'Sales Director' -> [...]."""
    return [w.lower() for w in _WORD.findall(text)]


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: 'Förrli-Buck' -> 'forrlibuck' (for comparisons)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", decomposed.encode("ascii", "ignore").decode().lower())


_EDGE_MARKS = re.compile(r"^\W+|\W+$")


def word_core(token: str) -> str:
    """The token without the marks at its edges: OCR's specks, quotes and punctuation ('‘Tel:' -> 'Tel')."""
    return _EDGE_MARKS.sub("", token)


def is_cjk(character: str) -> bool:
    return CJK.fullmatch(character) is not None


def has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def clean_value(text: str) -> str:
    """A line as a field value: whitespace collapsed, stray edge punctuation removed."""
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(' ,;:|•·-–—_*~"“”„«»‘’')
