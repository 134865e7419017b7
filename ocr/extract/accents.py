"""Accents OCR dropped ('Francois Lemaitre' -> 'François Lemaître'), restored from a word list.

Tesseract reading with English data only returns 'Francois', and 'Weiß' as 'WeiB' or 'Weif'. A word is
restored only when the list holds exactly one accented spelling for it and the card's country writes it that
way ('Rodriguez' stays as printed on a US card, 'President' is English too).
"""

from __future__ import annotations

import re
from functools import cache

from ocr.extract.lexicon import table
from ocr.extract.text import fold

# How English-only OCR renders letters it does not know, besides dropping the accent.
_MISREADS = (("ß", "ss"), ("ß", "b"), ("ß", "f"), ("ü", "ii"), ("ñ", "fi"), ("ñ", "f"))


def _keys(spelling: str) -> set[str]:
    """How OCR may return the spelling: accents dropped, 'ß' as 'ss', 'B' or 'f', 'ü' as 'ii', 'ñ' as 'fi'."""
    lowered = spelling.lower()
    keys = {fold(lowered.replace("ß", "ss"))}
    for letter, misread in _MISREADS:
        if letter in lowered:
            keys.add(fold(lowered.replace(letter, misread).replace("ß", "ss")))
    return keys


@cache
def _index() -> dict[str, list[tuple[str, frozenset[str]]]]:
    """folded form -> the accented spellings it may stand for, with the regions that write each."""
    index: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for entry_text, regions in table("accented_words.txt").items():
        for spelling in entry_text.split("-"):  # 'après-vente': each part on its own
            if spelling.isascii():
                continue
            entry = (spelling, frozenset(regions.split(",")))
            for key in _keys(spelling):
                if entry not in index.setdefault(key, []):
                    index[key].append(entry)
    return index


def _cased_like(word: str, spelling: str) -> str:
    if word.isupper() and len(word) > 1:
        return spelling.upper()
    if word[:1].isupper():
        return spelling[:1].upper() + spelling[1:]
    return spelling


def _restore_word(word: str, region: str) -> str:
    if len(word) < 3:
        return word
    # 'Lucia' is 'Lucía' in Spain and 'Lúcia' in Portugal: the card's region picks; two there, none.
    spellings = [s for s, regions in _index().get(fold(word.lower()), []) if region.upper() in regions]
    # 'Coté' for 'Côté': OCR kept one accent and dropped the other; the ones it kept must agree.
    spellings = [s for s in spellings if word.isascii() or _keeps_accents_of(word, s)]
    if len(spellings) == 1:
        return _cased_like(word, spellings[0].lower())
    return _with_accented_ending(word, region) if not spellings else word


MIN_STEM = 2  # letters before an accented ending: 'João', not 'Tao'


@cache
def _endings() -> list[tuple[str, str, frozenset[str]]]:
    """(folded ending, accented ending, regions), the longest first: 'ções' before 'ão'."""
    rows = [(fold(e), e, frozenset(r.split(","))) for e, r in table("accented_endings.txt").items()]
    return sorted(rows, key=lambda row: -len(row[0]))


def _with_accented_ending(word: str, region: str) -> str:
    """'Construcoes' -> 'Construções' on a Portuguese card: an ending the language always accents."""
    if not word.isascii():
        return word
    lowered = word.lower()
    for folded, accented, regions in _endings():
        if region.upper() in regions and lowered.endswith(folded) and len(word) - len(folded) >= MIN_STEM:
            stem = lowered[: -len(folded)]
            return _cased_like(word, stem + accented)
    return word


def _keeps_accents_of(word: str, spelling: str) -> bool:
    """Whether each accented letter of `word` is the letter of `spelling` in its place."""
    lowered = spelling.lower()
    return len(word) == len(lowered) and all(
        c.isascii() or c == printed for c, printed in zip(word.lower(), lowered, strict=True)
    )


def restore_accents(text: str, region: str) -> str:
    """The text with each accent-less word the list knows spelled with its accents."""
    return re.sub(r"[^\W\d_]+", lambda m: _restore_word(m.group(), region), text)


# Irish family names: 'Ó Briain' printed with the fada, which English-trained OCR drops to a lone 'O'. An
# anglicised name writes "O'Brien", and a middle initial carries a dot, so a lone 'O' before a capitalised
# word on an Irish or British card is the Ó.
_IRISH_O = re.compile(r"(?<!\S)O(?= [A-Z][a-z])")
_IRISH_O_REGIONS = frozenset({"IE", "GB"})


def restore_name_accents(name: str, region: str) -> str:
    """The name with dropped accents restored (restore_accents) and, on Irish or British cards, 'O' as 'Ó'."""
    name = restore_accents(name, region)
    return _IRISH_O.sub("Ó", name) if region.upper() in _IRISH_O_REGIONS else name
