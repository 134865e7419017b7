"""Flatten the card: a perspective warp of its quadrilateral to an upright rectangle."""

from __future__ import annotations

import cv2
import numpy as np

from ocr.cleanup.card import quad_size

MAX_CARD_SIDE = 2000  # px; more resolution than this only slows Tesseract down


def warp_card(image: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """The card cut out of `image` and made rectangular, at the photo's own resolution (capped)."""
    width, height = quad_size(corners)
    scale = min(1.0, MAX_CARD_SIDE / max(width, height))
    out_w, out_h = max(1, round(width * scale)), max(1, round(height * scale))
    target = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(corners.astype(np.float32), target)
    return cv2.warpPerspective(
        image, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )


def limit_side(image: np.ndarray, max_side: int = MAX_CARD_SIDE) -> np.ndarray:
    """The whole frame (no card found) shrunk so that its longer side is at most `max_side`."""
    scale = max_side / max(image.shape[:2])
    if scale >= 1:
        return image
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
