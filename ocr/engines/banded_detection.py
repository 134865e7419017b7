"""RapidOCR's text detection run on a card in two overlapping horizontal bands, to bound its memory.

Detection is the reader's largest moment in memory, and its memory grows with its input's area: about 180
bytes a pixel, +124 MB for a 960x720 card against +56 MB at 640 px (onnxruntime 1.32, PP-OCR's detection
model; docs/reader.md, "Facts the code relies on"). Read as two bands that overlap by BAND_OVERLAP pixels,
each band holds a little over half the image, and the peak falls with it. A box touching a band's cut edge
is that band's partial view and is dropped, and the other band, which holds the whole line (the overlap is
taller than a card's text lines at detection size), gives it; a line taller than the overlap (a logo), cut
in both bands, is the union of its two views. Banding is not free (SINGLE_PASS_AREA says what it changes),
so only inputs larger than any the real cards gave are banded: it bounds the peak for any photo's aspect.
Card text is printed in horizontal lines, as the card arrives upright (ocr/upright.py), so the bands
are cut horizontally, along the lines, never across a line's length.
"""

from __future__ import annotations

from typing import Any

import numpy as np

# Overlap at detection size (the card is at most 960 px on its long side there): most text lines of the
# real dev cards are under 80 px tall at that size; logos and display type reach 200 px.
BAND_OVERLAP = 240
# Detection inputs up to this area are read in one pass, as banding changes what the detector finds: its
# backbone pools over the whole input, so boxes far from the cut move too (29 of 639 boxes of the real
# cards' whole-card reads changed), and banding the 4:3 photos whose card was not found (960x720, the largest
# input of the real cards) lost two address lines of 48. A card at its own aspect (960x550) and those photos
# stay whole; a square photo (960x960, about +170 MB in one pass) is banded.
SINGLE_PASS_AREA = 700_000
EDGE = 2  # a box this close to a band's cut edge touches it
SAME_LINE = 0.5  # a box this much inside another is the same line seen twice


class BandedDetector:
    """RapidOCR's TextDetector (`detector`) called on two bands of a large image; everything else
    (its post-processing settings, which RapidOCR sets per call) is the detector's own."""

    def __init__(self, detector: Any) -> None:
        self.detector = detector

    def __getattr__(self, name: str) -> Any:
        return getattr(self.detector, name)

    def __call__(self, image: np.ndarray) -> tuple[Any, float]:
        height, width = image.shape[:2]
        if height * width <= SINGLE_PASS_AREA or height <= 2 * BAND_OVERLAP:
            return self.detector(image)
        middle = height // 2
        top_end, bottom_start = middle + BAND_OVERLAP // 2, middle - BAND_OVERLAP // 2
        top, top_s = self.detector(image[:top_end])
        bottom, bottom_s = self.detector(image[bottom_start:])
        return merge_bands(_boxes(top), _boxes(bottom), top_end, bottom_start), top_s + bottom_s


def merge_bands(top: np.ndarray, bottom: np.ndarray, top_end: int, bottom_start: int) -> np.ndarray:
    """The card's boxes from the top band's (rows 0..top_end) and the bottom band's (rows bottom_start..,
    in band coordinates). A box touching its band's cut edge is a partial view: the other band's whole
    view of the line replaces it; a line taller than the overlap, cut in both bands, is the union of its
    two views."""
    if len(bottom):
        bottom = bottom + np.array([0, bottom_start], dtype=bottom.dtype)
    top_cut = [box for box in top if box[:, 1].max() >= top_end - EDGE]
    bottom_cut = [box for box in bottom if box[:, 1].min() <= bottom_start + EDGE]
    kept = [box for box in top if box[:, 1].max() < top_end - EDGE]
    for box in bottom:
        if box[:, 1].min() > bottom_start + EDGE and not _seen(box, kept):
            kept.append(box)
    top_views = [box for box in top_cut if not _seen(box, kept)]
    bottom_views = [box for box in bottom_cut if not _seen(box, kept)]
    for box in top_views:
        halves = [other for other in bottom_views if _columns_overlap(box, other)]
        bottom_views = [other for other in bottom_views if not _columns_overlap(box, other)]
        kept.append(_union([box, *halves]))
    kept += bottom_views
    return np.array(kept, dtype=np.float32).reshape(-1, 4, 2)


def _seen(box: np.ndarray, kept: list[np.ndarray]) -> bool:
    return any(
        _share_inside(box, other) >= SAME_LINE or _share_inside(other, box) >= SAME_LINE for other in kept
    )


def _columns_overlap(box: np.ndarray, other: np.ndarray) -> bool:
    return min(box[:, 0].max(), other[:, 0].max()) > max(box[:, 0].min(), other[:, 0].min())


def _union(boxes: list[np.ndarray]) -> np.ndarray:
    points = np.concatenate(boxes)
    (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float32)


def _boxes(found: Any) -> np.ndarray:
    if found is None or len(found) == 0:
        return np.zeros((0, 4, 2), dtype=np.float32)
    return np.asarray(found, dtype=np.float32).reshape(-1, 4, 2)


def _share_inside(box: np.ndarray, other: np.ndarray) -> float:
    """Share of `box`'s bounding rectangle inside `other`'s."""
    (x0, y0), (x1, y1) = box.min(axis=0), box.max(axis=0)
    (u0, v0), (u1, v1) = other.min(axis=0), other.max(axis=0)
    overlap = max(0.0, min(x1, u1) - max(x0, u0)) * max(0.0, min(y1, v1) - max(y0, v0))
    area = max(1e-6, float((x1 - x0) * (y1 - y0)))
    return float(overlap) / area
