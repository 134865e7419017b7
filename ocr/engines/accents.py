"""Accents from a multi-language reading, everything else from the first language's.

Several Tesseract languages at once (`eng+deu+por`) restore accents (Geschäftsführer, São Paulo, Zürich) but
read `@` as `Q` or `O` often enough to cost emails (docs/reader.md), and with `eng` among them Tesseract often
keeps its unaccented English reading. So the card is read with the first language and with the others, and
a word of the first reading takes its spelling from the second only where the two are the same word
(same place on the card, same letters once accents are folded away, or nearly) and the difference is
accents: a word with an `@`, a digit or a dot keeps the first reading's spelling. The second reading only
sees the words that could take accents (the rest of the card is blanked): it costs less and has nothing else
to offer.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz

from ocr.types import Word

MIN_BOX_OVERLAP = 0.6  # intersection over the smaller box
MIN_SIMILARITY = 75.0  # rapidfuzz ratio of the accent-folded spellings ("Ziirich" ~ "Zürich")
WORD_MARGIN = 0.35  # of the word's height, kept around each word in the second reading's image


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


def accent_candidates_image(image: np.ndarray, primary: Sequence[Word]) -> np.ndarray | None:
    """`image` with everything but the first reading's letter words blanked to white; None when the card
    has no word that could take an accent (emails, numbers and web addresses keep their first spelling)."""
    words = [w for w in primary if any(c.isalpha() for c in w.text) and not _technical(w.text)]
    if not words:
        return None
    out = np.full_like(image, 255)
    height, width = image.shape[:2]
    for word in words:
        pad = max(2, int(word.box.height * WORD_MARGIN))
        x0, y0 = max(word.box.left - pad, 0), max(word.box.top - pad, 0)
        x1, y1 = min(word.box.right + pad, width), min(word.box.bottom + pad, height)
        out[y0:y1, x0:x1] = image[y0:y1, x0:x1]
    return out


def fold(text: str) -> str:
    """Lower case without accents: "Zürich" -> "zurich"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _same_word(word: Word, candidates: Sequence[Word]) -> Word | None:
    best, best_score = None, MIN_SIMILARITY
    for candidate in candidates:
        if word.box.overlap(candidate.box) < MIN_BOX_OVERLAP:
            continue
        score = fuzz.ratio(fold(word.text), fold(candidate.text))
        if score >= best_score and abs(len(word.text) - len(candidate.text)) <= 2:
            best, best_score = candidate, score
    return best


def _has_accent(text: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFKD", text)) or "ß" in text


def _technical(text: str) -> bool:
    """Emails, web addresses and numbers: the first language reads these best. A digit inside a word of
    letters ('K6nigstraBe') is a misread letter, not a number."""
    if any(c in "@/:" for c in text) or text.count(".") > 1 or text.lower().startswith("www"):
        return True
    core = text.strip(".,;()")
    digits = sum(c.isdigit() for c in core)
    return digits > 0 and (core[:1].isdigit() or core[-1:].isdigit() or 2 * digits >= len(core))
