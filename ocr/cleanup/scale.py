"""Scale the card so that its body text has the height Tesseract's LSTM reads best.

Tesseract's documentation puts the sweet spot at an x-height of about 20-30 px; too small loses letters,
too large only costs time. The text height is measured as the median height of glyph-like connected
components of the (dark-on-light, flattened) image, which is dominated by the many small characters of
the contact lines rather than by the few large letters of a name or logo.
"""

from __future__ import annotations

import cv2
import numpy as np

TARGET_GLYPH_HEIGHT = 26.0  # px, median glyph height (x-height and capitals mixed)
MIN_SCALE, MAX_SCALE = 0.35, 3.0
MAX_PIXELS = 3_200_000  # Tesseract's time grows with pixels: never hand it more than this
MIN_GLYPHS = 8


def glyph_heights(gray: np.ndarray, *, lines_run_down: bool = False) -> np.ndarray:
    """Heights of the glyph-like connected components of dark ink (letters, digits; not specks, rules,
    photos or blocks). On a card lying on its side (`lines_run_down`) a glyph's height lies across the
    image, so it is measured there: measured down the image it is the glyph's width, 0.76x its height on
    the median real card (the card was scaled 1.3x too large), and a blurred photo's letters run together
    into word-long 'glyphs' (docs/reader.md, "Cards on their side, scaled")."""
    if lines_run_down:
        gray = cv2.transpose(gray)
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    areas = stats[1:, cv2.CC_STAT_AREA]
    fill = areas / np.maximum(1, widths * heights)
    glyph = (
        (heights >= 6)
        & (heights <= gray.shape[0] / 6)
        & (widths <= 2.5 * heights)
        & (widths >= 2)
        & (fill > 0.12)
        & (fill < 0.95)
    )
    return heights[glyph]


def glyph_height(gray: np.ndarray, *, lines_run_down: bool = False) -> float | None:
    """Median glyph height, or None when there are too few glyphs to tell."""
    heights = glyph_heights(gray, lines_run_down=lines_run_down)
    if len(heights) < MIN_GLYPHS:
        return None
    return float(np.median(heights))


def scale_for_ocr(gray: np.ndarray, *, lines_run_down: bool = False) -> tuple[np.ndarray, float]:
    """The image resized so that its median glyph is TARGET_GLYPH_HEIGHT tall; returns it and the factor.
    `lines_run_down`: the card lies on its side (ocr/cleanup/orient.py `line_direction_scores`)."""
    height = glyph_height(gray, lines_run_down=lines_run_down)
    factor = 1.0 if height is None else TARGET_GLYPH_HEIGHT / height
    factor = min(max(factor, MIN_SCALE), MAX_SCALE)
    pixels = gray.shape[0] * gray.shape[1] * factor * factor
    if pixels > MAX_PIXELS:
        factor *= (MAX_PIXELS / pixels) ** 0.5
    if abs(factor - 1.0) < 0.08:
        return gray, 1.0
    interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    return cv2.resize(gray, None, fx=factor, fy=factor, interpolation=interpolation), factor
