"""Accents OCR dropped ('Francois Lemaitre' -> 'François Lemaître'), restored from a word list.

Tesseract reading with English data only returns 'Francois', and 'Weiß' as 'WeiB'. A word is restored
only when the list holds exactly one accented spelling for it and the card's country writes it that way
('Rodriguez' stays as printed on a US card, 'President' is English too).
"""

from __future__ import annotations

import re
from functools import cache

from ocr.extract.lexicon import table
from ocr.extract.text import fold


def _keys(spelling: str) -> set[str]:
    """How OCR may return the spelling: accents dropped, and 'ß' as 'ss' or as 'B'."""
    lowered = spelling.lower()
    return {fold(lowered.replace("ß", "ss")), fold(lowered.replace("ß", "b"))}


@cache
def _index() -> dict[str, tuple[str, frozenset[str]] | None]:
    """folded form -> (accented spelling, regions); None where two spellings share a folded form."""
    index: dict[str, tuple[str, frozenset[str]] | None] = {}
    for entry_text, regions in table("accented_words.txt").items():
        for spelling in entry_text.split("-"):  # 'après-vente': each part on its own
            if spelling.isascii():
                continue
            entry = (spelling, frozenset(regions.split(",")))
            for key in _keys(spelling):
                index[key] = None if key in index and index[key] != entry else entry
    return index


def _cased_like(word: str, spelling: str) -> str:
    if word.isupper() and len(word) > 1:
        return spelling.upper()
    if word[:1].isupper():
        return spelling[:1].upper() + spelling[1:]
    return spelling


def _restore_word(word: str, region: str) -> str:
    if len(word) < 3 or not word.isascii():
        return word
    entry = _index().get(fold(word.lower()))
    if entry is None:
        return word
    spelling, regions = entry
    return _cased_like(word, spelling.lower()) if region.upper() in regions else word


def restore_accents(text: str, region: str) -> str:
    """The text with each accent-less word the list knows spelled with its accents."""
    return re.sub(r"[A-Za-z]+", lambda m: _restore_word(m.group(), region), text)
