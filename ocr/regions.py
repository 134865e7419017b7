"""Text-like regions of the card that Tesseract returned no words for (logos, script fonts, busy bands).

A cheap look at the image, not OCR: strong local contrast (morphological gradient), joined along the line
direction, gives blobs shaped like lines of text. A blob of text height that no Tesseract word box covers
is text Tesseract missed -- one of the signs that `auto` should ask the second engine.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from ocr.types import Box

WORK_SIDE = 800  # px; enough to see lines of text, cheap to filter
MIN_HEIGHT_SHARE, MAX_HEIGHT_SHARE = 0.025, 0.15  # of the card's shorter side: text, not specks or panels
MIN_ASPECT = 2.0  # a line of text is wider than tall
MIN_FILL = 0.35  # share of the blob's box that is ink-edge: text is dense, a frame or rule is not
MAX_COVERED = 0.3  # a blob with less than this share under Tesseract's words counts as missed


def uncovered_text_regions(gray: np.ndarray, words: Sequence[Box]) -> list[Box]:
    """Boxes (in `gray` pixels) of text-like regions that the word boxes leave uncovered."""
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
    missed = []
    for left, top, width, height, area in stats[1:]:
        if not MIN_HEIGHT_SHARE * short_side <= height <= MAX_HEIGHT_SHARE * short_side:
            continue
        if width < MIN_ASPECT * height or area < MIN_FILL * width * height:
            continue
        if covered[top : top + height, left : left + width].mean() >= MAX_COVERED:
            continue
        missed.append(
            Box(int(left / scale), int(top / scale), int(width / scale) + 1, int(height / scale) + 1)
        )
    return missed
