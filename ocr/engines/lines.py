"""Group loose words into lines by geometry, so every engine hands extraction the same kind of lines.

Sparse-text segmentation (psm 11) reports words without a reliable reading order, and a card often has two
columns side by side; a line is therefore words that share a baseline band AND sit close together.
"""

from __future__ import annotations

from collections.abc import Iterable

from ocr.types import Line, Word

MAX_GAP_IN_HEIGHTS = 2.2  # a wider horizontal gap than this (in text heights) starts a new column
MIN_VERTICAL_OVERLAP = 0.5  # share of the smaller word's height that must overlap the line's band
MAX_HEIGHT_RATIO = 1.9  # a big name beside small contact lines is another column, not the same line ...
TIGHT_GAP = 1.0  # ... unless a word space apart (in the smaller height): "av." and "paulista", "bsiag." "com"
# A dash or ampersand printed as its own word ("Head - Sales", "Engineering & Construction"). A dash's box is
# only its stroke (3-5 px high beside 20-30 px letters), so the height rules above would start a line of its
# own with it and the words after it would not join it again. A mark whose box lies inside the band of the
# word before it belongs to that word's line, and the line's next word is compared with that word's height
# (the gap is still the one after the mark).
JOIN_MARKS = frozenset({"-", "\u2013", "\u2014", "&"})


def group_lines(words: Iterable[Word]) -> list[Line]:
    """Lines of words, each left to right, in reading order."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.box.left, w.box.top)):
        row = _best_row(rows, word)
        if row is None:
            rows.append([word])
        else:
            row.append(word)
    lines = [Line(tuple(sorted(row, key=lambda w: w.box.left))) for row in rows]
    return reading_order(lines)


def reading_order(lines: Iterable[Line]) -> list[Line]:
    """Top to bottom; lines side by side on one band (two columns) left to right."""
    bands: list[list[Line]] = []
    for line in sorted(lines, key=lambda line: line.box.top + line.box.height / 2):
        band = bands[-1] if bands else None
        if band is not None and _same_band(band[0], line):
            band.append(line)
        else:
            bands.append([line])
    return [line for band in bands for line in sorted(band, key=lambda line: line.box.left)]


def _same_band(a: Line, b: Line) -> bool:
    overlap = min(a.box.bottom, b.box.bottom) - max(a.box.top, b.box.top)
    return overlap >= MIN_VERTICAL_OVERLAP * min(a.box.height, b.box.height)


def is_mark(word: Word) -> bool:
    """A lone dash or ampersand (see JOIN_MARKS)."""
    return word.text in JOIN_MARKS


def at_height_of(mark: Word, word: Word, taller: float = 1.0) -> bool:
    """The mark's middle lies within the word's height and its box is at most `taller` times the word's:
    printed at the text's height."""
    middle = mark.box.top + mark.box.height / 2
    return mark.box.height <= word.box.height * taller and word.box.top <= middle <= word.box.bottom


def _best_row(rows: list[list[Word]], word: Word) -> list[Word] | None:
    best: list[Word] | None = None
    best_overlap = 0.0
    for row in rows:
        last = row[-1]  # words arrive left to right, so the row's right end is its last word
        if is_mark(word) and not is_mark(last) and at_height_of(word, last):
            gap = word.box.left - last.box.right
            if -last.box.height < gap <= MAX_GAP_IN_HEIGHTS * last.box.height and best_overlap < 1.0:
                best, best_overlap = row, 1.0
            continue
        gap = word.box.left - last.box.right
        if is_mark(last) and len(row) > 1 and not is_mark(row[-2]) and at_height_of(last, row[-2]):
            last = row[-2]  # the word before the mark decides by its height whether `word` continues the line
        height = min(last.box.height, word.box.height)
        tallest = max(last.box.height, word.box.height)
        if height <= 0:
            continue
        overlap = min(last.box.bottom, word.box.bottom) - max(last.box.top, word.box.top)
        if overlap / height < MIN_VERTICAL_OVERLAP:
            continue
        if gap > MAX_GAP_IN_HEIGHTS * (height * tallest) ** 0.5 or gap < -height:
            continue
        # "com" (x-height only) right after "bsiag." belongs to it; big type further away does not.
        if tallest > MAX_HEIGHT_RATIO * height and gap > TIGHT_GAP * height:
            continue
        if overlap / height > best_overlap:
            best, best_overlap = row, overlap / height
    return best
