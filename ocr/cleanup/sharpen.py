"""Out-of-focus photos sharpened before OCR.

A card photographed too close, or held in a hand, is often a little out of focus: the strokes of small
print run into each other, Tesseract reads 'l' for 'i' and loses word gaps, and the second engine misreads
whole lines. How blurred the text is shows at its edges: between ink and card the brightness rises by the
full contrast within a pixel or two when the photo is sharp, over several when it is not. `edge_spread`
measures that on the image scaled for OCR (body text ~26 px high, ocr/cleanup/scale.py): the contrast
between card and ink over the steepest slopes at the ink's edges. A photo whose edges spread wider than
`BLURRED_SPREAD` is sharpened, colour card and all, by an unsharp mask as wide as the blur it estimates.
Sharp photos are left alone: sharpening them brings out noise and JPEG ringing that OCR reads as specks.
Measured in docs/reader.md, "The same cards photographed again, and worse".
"""

from __future__ import annotations

import cv2
import numpy as np

# Sharp photos of the real and generated development cards spread their edges over 2.1-2.9 px (p10-p90,
# highest 3.3), the same photos blurred by a Gaussian of 1/800 of their side over 2.5-4.9 px.
BLURRED_SPREAD = 3.0
# The blur's width (Gaussian sigma, px) per px of edge spread, as measured on blurred copies of the
# development cards (a step edge blurred by sigma alone would give 0.4; thin strokes lose contrast too).
SIGMA_PER_SPREAD = 0.8
UNSHARP_AMOUNT = 1.0
_MIN_INK_PIXELS = 100
_STEEPEST = 90  # percentile of the slopes at the ink's edges


def edge_spread(gray: np.ndarray) -> float | None:
    """Over how many pixels the ink's edges rise to the card's brightness; None without ink to measure."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    inked = int(cv2.countNonZero(ink))
    if inked < _MIN_INK_PIXELS or ink.size - inked < _MIN_INK_PIXELS:
        return None
    contrast = _median_under(gray, cv2.bitwise_not(ink)) - _median_under(gray, ink)
    edges = cv2.morphologyEx(ink, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8)) > 0
    # Exact integer slopes (Sobel's 3x3 kernels weigh the difference eightfold), taken at the edges only.
    across = cv2.Sobel(gray, cv2.CV_16S, 1, 0, ksize=3)[edges].astype(np.float32)
    down = cv2.Sobel(gray, cv2.CV_16S, 0, 1, ksize=3)[edges].astype(np.float32)
    steepest = float(np.percentile(np.sqrt(across * across + down * down), _STEEPEST)) / 8
    return contrast / steepest if steepest > 0 else None


def _median_under(gray: np.ndarray, mask: np.ndarray) -> float:
    """The median level of the pixels under `mask` (the lower middle one), counted from a histogram."""
    counts = np.cumsum(cv2.calcHist([gray], [0], mask, [256], [0, 256]).ravel())
    return float(np.searchsorted(counts, counts[-1] / 2))


def blur_width(gray: np.ndarray) -> float | None:
    """The blur's width in pixels of this image scaled for OCR when its text is out of focus, else None."""
    spread = edge_spread(gray)
    if spread is None or spread <= BLURRED_SPREAD:
        return None
    return SIGMA_PER_SPREAD * spread


def sharpened(image: np.ndarray, sigma: float) -> np.ndarray:
    """The image through an unsharp mask of Gaussian width `sigma` (px of this image)."""
    blurred = cv2.GaussianBlur(image, (0, 0), sigma)
    return cv2.addWeighted(image, 1.0 + UNSHARP_AMOUNT, blurred, -UNSHARP_AMOUNT, 0)
