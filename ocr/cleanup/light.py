"""Light and contrast: black ink on an even white ground, whatever the card and the lamp did.

The measure used is polarity-free: how far each pixel is from its local ground (a median over a window
larger than any stroke). Dark text on white, white text on a dark card or a coloured band, and both on the
same card all come out as dark ink, and a shadow or a lighting gradient moves the ground, not the ink.
Thresholding or max-filter flattening keep only one polarity and destroy light-on-dark text;
the measurements behind this choice are in docs/reader.md.
"""

from __future__ import annotations

import cv2
import numpy as np

WORK_SIDE = 400  # px, longer side of the copy the ground and contrast are estimated on (both are smooth)
GROUND_WINDOW = 1 / 10  # of the longer side: wider than the strokes of a large bold name
NOISE_FACTOR = 2.0  # differences below this many "typical" differences are paper texture, not ink
MIN_CONTRAST = 40.0  # gray levels: weaker local contrast is not stretched to full black (noise)
INK_AT = 0.7  # share of the local contrast at which a pixel counts as fully black
EXACT_HISTOGRAM = 1 << 24  # OpenCV counts in float32: whole numbers are exact below 2**24 pixels


def to_gray(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def ink_on_white(gray: np.ndarray) -> np.ndarray:
    """Each pixel's distance from its local ground, scaled by the local contrast, as dark ink on white."""
    return ink_and_texture(gray)[0]


def ink_and_texture(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """ink_on_white(gray) and texture(gray) from one estimate of the ground (the reader needs both)."""
    distance = _distance_from_ground(gray)
    noise = median_level(distance)
    # Local contrast: the strongest ink difference nearby, so faint grey text is stretched as far as black.
    contrast = cv2.dilate(_shrink(distance), np.ones((15, 15), np.uint8))
    contrast = _grow(cv2.GaussianBlur(contrast, (0, 0), 8), gray.shape).astype(np.float32)
    ink = (distance.astype(np.float32) - NOISE_FACTOR * noise) / (INK_AT * np.maximum(contrast, MIN_CONTRAST))
    return (255 - 255 * np.clip(ink, 0, 1)).astype(np.uint8), noise


def median_level(levels: np.ndarray) -> float:
    """np.median of a uint8 array, exactly, from its histogram: a card's million pixels are counted, not
    sorted (a third of the light stage's time went to np.median's partition)."""
    if levels.dtype != np.uint8 or levels.size == 0 or levels.size >= EXACT_HISTOGRAM:
        return float(np.median(levels))
    flat = np.ascontiguousarray(levels).reshape(-1, 1)
    counts = cv2.calcHist([flat], [0], None, [256], [0, 256]).ravel().astype(np.int64)
    cumulative = np.cumsum(counts)
    middle = levels.size // 2
    upper = int(np.searchsorted(cumulative, middle, side="right"))  # the value sorted at `middle`
    lower = int(np.searchsorted(cumulative, (levels.size - 1) // 2, side="right"))
    return (lower + upper) / 2


def clear_border(ink: np.ndarray, margin: int = 2) -> np.ndarray:
    """Ink touching the image border turned white: the edge of the card or of the desk, never text
    (a card's text keeps a margin), and Tesseract reads such strips as digits."""
    _, dark = cv2.threshold(ink, 160, 255, cv2.THRESH_BINARY_INV)
    count, labels = cv2.connectedComponents(dark, connectivity=8)
    if count <= 1:
        return ink
    edge = np.concatenate(
        [
            labels[:margin].ravel(),
            labels[-margin:].ravel(),
            labels[:, :margin].ravel(),
            labels[:, -margin:].ravel(),
        ]
    )
    touching = np.unique(edge[edge > 0])
    if touching.size == 0:
        return ink
    out = ink.copy()
    at_border = np.zeros(count, dtype=bool)
    at_border[touching] = True
    out[at_border[labels]] = 255  # a lookup per label: np.isin sorted the card's million labels
    return out


def texture(gray: np.ndarray) -> float:
    """The typical (median) distance of a pixel from its local ground: 0-5 for the real cards measured
    (the busiest 25), ~40 for sensor noise, where OCR only invents words (and takes its time doing it)."""
    return median_level(_distance_from_ground(gray))


def _distance_from_ground(gray: np.ndarray) -> np.ndarray:
    small = _shrink(gray)
    ground = cv2.medianBlur(small, _odd(round(max(small.shape) * GROUND_WINDOW)))
    return cv2.absdiff(gray, _grow(ground, gray.shape))


def _shrink(gray: np.ndarray) -> np.ndarray:
    scale = WORK_SIDE / max(gray.shape)
    if scale >= 1:
        return gray
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)


def _grow(small: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    if small.shape[:2] == shape[:2]:
        return small
    return cv2.resize(small, (shape[1], shape[0]), interpolation=cv2.INTER_LINEAR)


def _odd(n: int) -> int:
    n = max(3, n)
    return n if n % 2 else n + 1
