"""Light and contrast: dark text on an even white ground, whatever the card and the lamp did.

Two steps on a gray image:
1. polarity: where text is lighter than its surroundings (a dark card, a coloured band with white text),
   invert locally. Thresholding or flattening alone destroys light-on-dark text (ocr-notes.md).
2. flattening: divide by an estimate of the paper's brightness, which removes shadows, gradients and
   glare edges while keeping the strokes.
"""

from __future__ import annotations

import cv2
import numpy as np

RESIDUAL = 28  # gray levels a pixel must differ from its surroundings to count as ink
WORK_SIDE = 400  # px, the longer side of the copy the background is estimated on (it is smooth)


def to_gray(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def fix_polarity(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """Invert the regions where ink is lighter than the ground. Returns the image and the inverted share."""
    small, _ = _shrink(gray)
    kernel = _odd(max(small.shape) // 10)
    ground = cv2.medianBlur(small, kernel)
    residual = small.astype(np.int16) - ground.astype(np.int16)
    light_ink = np.clip(residual - RESIDUAL, 0, None).astype(np.float32)
    dark_ink = np.clip(-residual - RESIDUAL, 0, None).astype(np.float32)
    window = (_odd(max(small.shape) // 6),) * 2
    light_ink = cv2.blur(light_ink, window)
    dark_ink = cv2.blur(dark_ink, window)
    # Light ink must clearly dominate, and the ground must not be white (glare on white card is not a band).
    invert_small = ((light_ink > 1.5 * dark_ink + 0.5) & (ground < 200)).astype(np.uint8)
    share = float(invert_small.mean())
    if share == 0:
        return gray, 0.0
    invert = cv2.resize(invert_small, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_NEAREST)
    return np.where(invert.astype(bool), 255 - gray, gray).astype(np.uint8), share


def flatten_lighting(gray: np.ndarray) -> np.ndarray:
    """Gray divided by its local paper brightness (a max filter removes dark ink, a blur smooths)."""
    small, _ = _shrink(gray)
    size = _odd(max(small.shape) // 40)
    paper = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    paper = cv2.GaussianBlur(paper, (0, 0), size)
    paper = cv2.resize(paper, (gray.shape[1], gray.shape[0]), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(gray, np.maximum(paper, 1), scale=255)
    return _stretch(flat)


def _stretch(gray: np.ndarray) -> np.ndarray:
    """Spread the darkest ink to black; the flattened paper already sits at white."""
    low = float(np.percentile(gray, 1))
    if low >= 200:  # almost nothing dark: a blank area; do not amplify noise
        return gray
    lut = np.clip((np.arange(256, dtype=np.float32) - low) * (255.0 / max(1.0, 255.0 - low)), 0, 255)
    return lut.astype(np.uint8)[gray]


def _shrink(gray: np.ndarray) -> tuple[np.ndarray, float]:
    scale = WORK_SIDE / max(gray.shape)
    if scale >= 1:
        return gray, 1.0
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), scale


def _odd(n: int) -> int:
    n = max(3, n)
    return n if n % 2 else n + 1
