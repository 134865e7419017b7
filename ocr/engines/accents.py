"""Accents from a multi-language reading, everything else from the first language's.

Several Tesseract languages at once (`eng+deu+por`) restore accents (Geschäftsführer, São Paulo, Zürich) but
read `@` as `Q` or `O` often enough to cost emails (ocr-notes.md), and with `eng` among them Tesseract often
keeps its unaccented English reading. So the card is read with the first language and with the others, and
a word of the first reading takes its spelling from the second only where the two are the same word
(same place on the card, same letters once accents are folded away, or nearly) and the difference is
accents: a word with an `@`, a digit or a dot keeps the first reading's spelling.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from rapidfuzz import fuzz

from ocr.types import Box, Word

MIN_BOX_OVERLAP = 0.6  # intersection over the smaller box
MIN_SIMILARITY = 75.0  # rapidfuzz ratio of the accent-folded spellings ("Ziirich" ~ "Zürich")


def adopt_accents(primary: Sequence[Word], accented: Sequence[Word]) -> list[Word]:
    """`primary` with the accented spelling of each word the multi-language reading has accents in."""
    candidates = [w for w in accented if _has_accent(w.text) and not _technical(w.text)]
    out = []
    for word in primary:
        match = _same_word(word, candidates)
        if match is None or _technical(word.text):
            out.append(word)
        else:
            out.append(Word(match.text, max(word.confidence, match.confidence), word.box, word.engine))
    return out


def fold(text: str) -> str:
    """Lower case without accents: "Zürich" -> "zurich"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _same_word(word: Word, candidates: Sequence[Word]) -> Word | None:
    best, best_score = None, MIN_SIMILARITY
    for candidate in candidates:
        if _overlap(word.box, candidate.box) < MIN_BOX_OVERLAP:
            continue
        score = fuzz.ratio(fold(word.text), fold(candidate.text))
        if score >= best_score and abs(len(word.text) - len(candidate.text)) <= 2:
            best, best_score = candidate, score
    return best


def _has_accent(text: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFKD", text)) or "ß" in text


def _technical(text: str) -> bool:
    """Emails, web addresses and numbers: the first language reads these best."""
    return (
        any(c.isdigit() or c in "@/:" for c in text) or text.count(".") > 1 or text.lower().startswith("www")
    )


def _overlap(a: Box, b: Box) -> float:
    width = min(a.right, b.right) - max(a.left, b.left)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    if width <= 0 or height <= 0:
        return 0.0
    return width * height / max(1, min(a.width * a.height, b.width * b.height))
