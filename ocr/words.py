"""Words between OCR and extraction: merge engines' readings, drop what is noise rather than text.

Sparse-text OCR of a photo of wood grain or a blank wall "finds" words: short, symbol-heavy, low
confidence. Extraction would turn them into a garbage contact; an empty reading with a warning is honest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ocr.engines.lines import at_height_of, group_lines, is_mark, reading_order
from ocr.extract.joined import split_joined
from ocr.types import Box, Line, Word

MIN_WORD_CONFIDENCE = 0.40
MIN_LONG_WORD_CONFIDENCE = 0.25  # long, mostly-alphanumeric words are rarely noise even when unsure
MIN_CARD_CONFIDENCE = 0.55  # mean confidence of what is left: below it, the whole "text" is noise
_ALNUM = re.compile(r"[^\W_]", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
# Symbols that are words in their own right on cards ("Krüger & Partner", "Founder & CEO"). Alone they look
# like noise, so they are kept only between two plausible words of the same line.
_JOINERS = frozenset({"&", "+"})
# A dash between two words joins them as printed ("Head - Sales", "Senior Manager - HR": Indian cards write
# a function after the title so). Tesseract reads it as its own word, sure of it (0.90-0.92 on the real
# cards) or not, so a dash counts when it sits at the text's height between two words with letters on
# either side. Between digits (phone numbers, dates, postcodes "Pune - 411 003") it stays dropped as before:
# the phone and address readers parse the digits around it.
_DASHES = frozenset({"-", "\u2013", "\u2014"})
# Tesseract gives web and email addresses near-zero confidence when it splits them ("www.:0.00
# meridian.it:0.00" for a crisp "www.meridian.it", "contact:0.13 @silverline-inmobiliaria.es:0.13").
# Noise does not spell an address, so words that do, alone or with the next words, are kept whatever their
# confidence: the extractor repairs and validates them ("www_falconnl", "https:/;www.pioneer-realty.ca").
_ADDRESS_LIKE = re.compile(
    r"^(?:(?:https?\S{0,4})?www\S{5,}|[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}[).,;:]*)$",
    re.IGNORECASE,
)
MAX_ADDRESS_PIECES = 3  # 'rachel.' 'patel' '@ironwood-consulting.com'


def is_plausible_word(word: Word) -> bool:
    text = word.text
    alnum = len(_ALNUM.findall(text))
    if alnum == 0:
        return False
    if word.confidence >= MIN_WORD_CONFIDENCE:
        return alnum / len(text) >= 0.5 or len(text) >= 4
    return len(text) >= 4 and alnum / len(text) >= 0.75 and word.confidence >= MIN_LONG_WORD_CONFIDENCE


def keep_plausible_lines(lines: Sequence[Line]) -> list[Line]:
    """Lines with their noise words removed; no lines at all when what is left does not look like text."""
    kept = [Line(_plausible_words(line.words)) for line in lines]
    kept = [line for line in kept if line.words]
    words = [w for line in kept for w in line.words]
    if not words:
        return []
    mean = sum(w.confidence for w in words) / len(words)
    letters = sum(len(_ALNUM.findall(w.text)) for w in words)
    if mean < MIN_CARD_CONFIDENCE or letters < 3:
        return []
    return kept


def _plausible_words(words: Sequence[Word]) -> tuple[Word, ...]:
    plausible = [is_plausible_word(w) for w in words]
    for start in range(len(words)):
        for end in range(start + 1, min(start + MAX_ADDRESS_PIECES, len(words)) + 1):
            if _ADDRESS_LIKE.match("".join(w.text for w in words[start:end])):
                plausible[start:end] = [True] * (end - start)

    def between_words(i: int) -> bool:
        return 0 < i < len(words) - 1 and plausible[i - 1] and plausible[i + 1]

    def joins(i: int) -> bool:
        word = words[i]
        if word.text == "&" and len(words) > 1 and (i == 0 or i == len(words) - 1):
            # "ENGINEERING &" above "CONSTRUCTION": a firm's name broken after its ampersand.
            beside = words[1] if i == 0 else words[-2]
            at_edge = beside.text[-1] if i else beside.text[0]
            return (
                plausible[1 if i == 0 else len(words) - 2]
                and bool(_LETTER.search(at_edge))
                and word.confidence >= MIN_WORD_CONFIDENCE
                and at_height_of(word, beside, taller=1.2)
            )
        if not between_words(i):
            return False
        if word.text in _DASHES:
            return _joins_words(words[i - 1], word, words[i + 1])
        return word.text in _JOINERS and word.confidence >= MIN_WORD_CONFIDENCE

    kept = (plausible[i] or joins(i) for i in range(len(words)))
    return tuple(word for word, keep in zip(words, kept, strict=True) if keep)


def _joins_words(before: Word, dash: Word, after: Word) -> bool:
    """A dash between two words with letters, at their height, a space or so from each."""
    if not (_LETTER.search(before.text[-1]) and _LETTER.search(after.text[0])):
        return False
    height = min(before.box.height, after.box.height)
    middle = dash.box.top + dash.box.height / 2
    top = max(before.box.top, after.box.top)
    bottom = min(before.box.bottom, after.box.bottom)
    gaps = (dash.box.left - before.box.right, after.box.left - dash.box.right)
    return (
        is_mark(dash)
        and dash.box.height <= height / 2  # a stroke, not a letter or a smudge
        and top <= middle <= bottom
        and all(-height / 4 <= gap <= 1.5 * height for gap in gaps)
    )


def merge_engine_lines(per_engine: Sequence[Sequence[Line]]) -> list[Line]:
    """One reading from several engines: the first engine's words, plus the others' words where the
    first read nothing (judged by box overlap), regrouped into lines. A line of the first engine stays one
    line: regrouped without the noise words dropped from it ('W [https://] pioneerfr' read 'W ~~ pioneerfr'),
    its words can be too far apart to join again, and a web label parted from its address vouches for
    nothing."""
    if not per_engine:
        return []
    if len(per_engine) == 1:
        return list(per_engine[0])
    words = [w for line in per_engine[0] for w in line.words]
    for lines in per_engine[1:]:
        taken = list(words)
        for line in lines:
            if not any(line.box.overlap(w.box) > 0.5 for w in taken):
                words.extend(line.words)
    return _keep_lines_together(group_lines(words), per_engine[0])


def _keep_lines_together(grouped: list[Line], first: Sequence[Line]) -> list[Line]:
    """`grouped` with the lines that share words of one line of `first` joined again."""
    line_of = {id(word): i for i, line in enumerate(first) for word in line.words}
    rows: list[list[Word]] = []
    row_of: dict[int, int] = {}  # line of `first` -> the row holding its words
    for line in grouped:
        origins = {line_of[id(w)] for w in line.words if id(w) in line_of}
        targets = sorted({row_of[origin] for origin in origins if origin in row_of})
        if not targets:
            rows.append([])
            targets = [len(rows) - 1]
        row = targets[0]
        for other in targets[1:]:  # this line bridges rows that each hold part of one line: one row now
            rows[row].extend(rows[other])
            rows[other] = []
            row_of = {origin: row if at == other else at for origin, at in row_of.items()}
        rows[row].extend(line.words)
        row_of.update(dict.fromkeys(origins, row))
    return reading_order(Line(tuple(sorted(words, key=lambda w: w.box.left))) for words in rows if words)


def split_joined_words(lines: Sequence[Line], engine: str = "rapidocr") -> list[Line]:
    """`lines` with `engine`'s words that join two known tokens ('ONM5V2T6', '1015CjAmsterdam') split in
    two (ocr/extract/joined.py), each part with its share of the word's box."""
    return [Line(tuple(part for w in line.words for part in _split_word(w, engine))) for line in lines]


def _split_word(word: Word, engine: str) -> list[Word]:
    parts = split_joined(word.text) if word.engine == engine else [word.text]
    if len(parts) == 1:
        return [word]
    per_char = word.box.width / len(word.text)
    out, x = [], float(word.box.left)
    for part in parts:
        width = max(round(len(part) * per_char), 1)
        box = Box(round(x), word.box.top, width, word.box.height)
        out.append(Word(part, word.confidence, box, word.engine))
        x += len(part) * per_char
    return out
