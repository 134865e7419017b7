"""Build OCR lines from text rows, with plausible boxes, for extraction tests (no image, no Tesseract)."""

from __future__ import annotations

from ocr.types import Box, Line, Word

CHAR_WIDTH = 0.55  # of the text height, for a proportional font


def make_lines(
    rows: str | list[str], *, height: int = 24, left: int = 60, confidence: float = 0.93
) -> list[Line]:
    """One Line per non-empty row, top to bottom.

    A row may start with '#N ' to print it N pixels high (the name in big type: '#40 Jane Doe'), and may
    contain '   ' (three spaces) to put the rest in a second column further right; two spaces make a
    wider gap between words (letter-spaced capitals: 'J A N E  D O E').
    """
    if isinstance(rows, str):
        rows = [r for r in rows.strip("\n").splitlines()]
    lines: list[Line] = []
    top = 40
    for row in rows:
        row = row.strip()
        if not row:
            top += height
            continue
        size = height
        if row.startswith("#"):
            size_text, _, row = row.partition(" ")
            size = int(size_text[1:])
        words: list[Word] = []
        x = left
        for column, chunk in enumerate(row.split("   ")):
            if column:
                x = max(x + 6 * size, 600)
            for text in chunk.split(" "):
                if not text:  # two spaces in the row: a wider gap (letter-spaced type)
                    x += round(size * 0.6)
                    continue
                width = max(1, round(len(text) * size * CHAR_WIDTH))
                words.append(Word(text, confidence, Box(x, top, width, size)))
                x += width + round(size * 0.35)
        lines.append(Line(tuple(words)))
        top += round(size * 1.6)
    return lines
