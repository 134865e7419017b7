"""Text-like regions of the card that Tesseract returned no words for (logos, script fonts, busy bands).

A cheap look at the image, not OCR: strong local contrast (morphological gradient), joined along the line
direction, gives blobs shaped like lines of text. A blob of text height that no Tesseract word box covers
is text Tesseract missed -- one of the signs that `auto` should ask the second engine.

A line Tesseract read only in part is another: psm 11 sometimes drops a piece of a crisp line ('E: mi' ...
'men-partners.com' for 'E: michael@lumen-partners.com'), leaving a stretch of inked columns that no word
covers. A crop of just that stretch cuts letters in half (RapidOCR read 'chael@lu' as 'hicha'), so such a
line is reported whole, to be read again whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from ocr.types import Box

WORK_SIDE = 800  # px; enough to see lines of text, cheap to filter
MIN_HEIGHT_SHARE, MAX_HEIGHT_SHARE = 0.025, 0.15  # of the card's shorter side: text, not specks or panels
MIN_ASPECT = 2.0  # a line of text is wider than tall
MIN_FILL = 0.35  # share of the blob's box that is ink-edge: text is dense, a frame or rule is not
MAX_COVERED = 0.3  # a blob with less than this share under Tesseract's words counts as missed
MIN_SKIPPED = 1.5  # blob heights: an uncovered stretch of inked columns this long is a skipped piece
MIN_COLUMN_COVER = 0.5  # a column is read when words cover this share of the line there (not a neighbour's)
MIN_INKED = 0.5  # share of a stretch's columns with ink: the gap between a label and its value has none


@dataclass(frozen=True)
class UnreadText:
    missed: list[Box]  # text-like regions no word covers
    partly_read: list[Box]  # lines with a skipped stretch of ink between or beside their words


def unread_text(gray: np.ndarray, words: Sequence[Box]) -> UnreadText:
    """The text-like regions the word boxes leave uncovered, and the lines they cover only in part."""
    scale = min(1.0, WORK_SIDE / max(gray.shape[:2]))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    gradient = cv2.morphologyEx(small, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
    _, edges = cv2.threshold(gradient, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    joined = cv2.morphologyEx(edges, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 1)))
    _, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    short_side = min(small.shape[:2])
    covered = np.zeros(small.shape[:2], np.uint8)
    for box in words:
        x0, y0 = int(box.left * scale), int(box.top * scale)
        x1, y1 = int(np.ceil(box.right * scale)), int(np.ceil(box.bottom * scale))
        covered[y0 : y1 + 1, x0 : x1 + 1] = 1
    missed, partly_read = [], []
    for left, top, width, height, area in stats[1:]:
        if not MIN_HEIGHT_SHARE * short_side <= height <= MAX_HEIGHT_SHARE * short_side:
            continue
        if width < MIN_ASPECT * height or area < MIN_FILL * width * height:
            continue
        blob = Box(int(left / scale), int(top / scale), int(width / scale) + 1, int(height / scale) + 1)
        under_words = covered[top : top + height, left : left + width]
        if under_words.mean() < MAX_COVERED:
            missed.append(blob)
        elif _has_skipped_stretch(
            under_words.mean(axis=0) >= MIN_COLUMN_COVER,
            edges[top : top + height, left : left + width].max(axis=0) > 0,
            MIN_SKIPPED * height,
        ):
            partly_read.append(blob)
    return UnreadText(missed, partly_read)


def _has_skipped_stretch(read: np.ndarray, inked: np.ndarray, min_length: float) -> bool:
    """A run of unread columns at least `min_length` long, mostly inked."""
    start = None
    for column, is_read in enumerate([*read.tolist(), True]):
        if not is_read and start is None:
            start = column
        elif is_read and start is not None:
            if column - start >= min_length and inked[start:column].mean() >= MIN_INKED:
                return True
            start = None
    return False
