"""Find the business card in a photo: a validated quadrilateral, or None for "use the whole frame".

Candidates come from three masks of a small copy of the photo (edges, bright-on-dark and dark-on-bright
Otsu thresholds); each outer contour that simplifies to a convex quadrilateral is checked for what a card
looks like from a phone: sides in a card's proportions, corners near right angles, the contour filling
its quad, and a sensible share of the frame. A wrong quad (say only a logo panel) loses all text outside
it (ocr-notes.md), so anything doubtful falls back to the whole frame.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

DETECT_SIDE = 640  # px, the longer side of the copy the card is searched in
MIN_FRAME_SHARE = 0.12  # a card smaller than this in the photo is too small to read anyway
MAX_FRAME_SHARE = 0.93  # a quad this large is the frame (a scan, a card filling the photo)
ASPECT_RANGE = (1.25, 2.3)  # ISO 1.59, US 1.75, JP 1.65 and perspective foreshortening
MIN_CORNER_ANGLE, MAX_CORNER_ANGLE = 60.0, 120.0
MIN_FILL = 0.85  # contour area / quad area: a card is a solid shape, not an outline of a desk
MIN_EDGE_SUPPORT = 0.8  # share of the quad's perimeter seen as an edge, for quads from edge outlines


@dataclass(frozen=True)
class CardQuad:
    """Card corners (top-left, top-right, bottom-right, bottom-left) in the photo's pixels."""

    corners: np.ndarray  # float32, shape (4, 2)
    score: float

    def as_tuples(self) -> tuple[tuple[int, int], ...]:
        return tuple((round(float(x)), round(float(y))) for x, y in self.corners)


def find_card(image: np.ndarray) -> CardQuad | None:
    """The most plausible card quadrilateral in `image` (BGR or gray), or None when there is none."""
    scale = DETECT_SIDE / max(image.shape[:2])
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    scale = min(scale, 1.0)
    gray = small if small.ndim == 2 else cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    gray = cv2.GaussianBlur(gray, (5, 5), 0)
    edges = cv2.dilate(cv2.Canny(gray, 20, 60), np.ones((5, 5), np.uint8))

    best: CardQuad | None = None
    for mask in _candidate_masks(small, gray):
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            quad = _plausible_quad(contour, edges)
            if quad is not None and (best is None or quad.score > best.score):
                best = quad
    if best is None:
        return None
    return CardQuad(best.corners / scale, best.score)


def order_corners(points: np.ndarray) -> np.ndarray:
    """Four points as top-left, top-right, bottom-right, bottom-left."""
    points = points.reshape(4, 2).astype(np.float32)
    centre = points.mean(axis=0)
    angles = np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0])
    ordered = points[np.argsort(angles)]  # clockwise in image coordinates, starting top-left-ish
    start = int(np.argmin(ordered.sum(axis=1)))  # top-left has the smallest x + y
    return np.roll(ordered, -start, axis=0)


def _candidate_masks(small: np.ndarray, gray: np.ndarray) -> list[np.ndarray]:
    """Binary images in which the card may appear as one solid outer contour."""
    masks = [_differs_from_surroundings(small)]
    _, bright = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    opened = np.ones((7, 7), np.uint8)
    masks.append(cv2.morphologyEx(bright, cv2.MORPH_OPEN, opened))
    masks.append(cv2.morphologyEx(cv2.bitwise_not(bright), cv2.MORPH_OPEN, opened))
    median = float(np.median(gray))
    for low, high in ((0.33 * median, 0.66 * median), (15.0, 45.0)):
        edges = cv2.Canny(gray, max(8.0, low), max(24.0, high))
        masks.append(cv2.morphologyEx(edges, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8), iterations=2))
    return masks


def _differs_from_surroundings(small: np.ndarray) -> np.ndarray:
    """Pixels whose colour differs from the frame's border ring (the desk the card lies on). Finds the
    whole card even when it has panels of different colours, which the other masks split apart."""
    if small.ndim == 2:
        small = cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)
    lab = cv2.cvtColor(cv2.GaussianBlur(small, (7, 7), 0), cv2.COLOR_BGR2LAB).astype(np.float32)
    height, width = lab.shape[:2]
    ring = max(2, round(0.03 * min(height, width)))
    border = np.concatenate(
        [
            lab[:ring].reshape(-1, 3),
            lab[-ring:].reshape(-1, 3),
            lab[:, :ring].reshape(-1, 3),
            lab[:, -ring:].reshape(-1, 3),
        ]
    )
    desk = np.median(border, axis=0)
    spread = float(np.percentile(np.linalg.norm(border - desk, axis=1), 80))
    distance = np.linalg.norm(lab - desk, axis=2)
    mask = (distance > max(14.0, 2.0 * spread)).astype(np.uint8) * 255
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8), iterations=2)
    return cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))


def _plausible_quad(contour: np.ndarray, edges: np.ndarray) -> CardQuad | None:
    height, width = edges.shape[:2]
    frame_area = float(width * height)
    hull = cv2.convexHull(contour)
    hull_area = cv2.contourArea(hull)
    if hull_area < MIN_FRAME_SHARE * frame_area:
        return None
    approx = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    # Rounded corners or a nicked edge simplify to more than 4 points: take the tightest rotated
    # rectangle instead, which the fill check below accepts only if the contour fills it.
    quad = order_corners(approx if len(approx) == 4 else cv2.boxPoints(cv2.minAreaRect(hull)))
    quad_area = cv2.contourArea(quad)
    if quad_area <= 0 or quad_area > MAX_FRAME_SHARE * frame_area:
        return None
    support = _edge_support(quad, edges)
    # Solid masks must fill the quad; an edge outline may have gaps (a card edge fading into the desk)
    # but then the quad's own sides must be seen as edges nearly all the way round.
    solid = cv2.contourArea(contour) / quad_area >= MIN_FILL
    outlined = hull_area / quad_area >= 0.95 and support >= MIN_EDGE_SUPPORT
    if not (solid or outlined):
        return None
    aspect = _aspect(quad)
    if not ASPECT_RANGE[0] <= aspect <= ASPECT_RANGE[1]:
        return None
    if not all(MIN_CORNER_ANGLE <= a <= MAX_CORNER_ANGLE for a in _corner_angles(quad)):
        return None
    if _corners_on_frame_edge(quad, width, height) >= 2:
        return None  # a region cut by the frame: a shadow, a desk edge, or a card we cannot see whole
    return CardQuad(quad, score=quad_area / frame_area * (0.5 + 0.5 * support))


def _edge_support(quad: np.ndarray, edges: np.ndarray) -> float:
    """Share of points along the quad's sides that lie on an image edge."""
    height, width = edges.shape[:2]
    points = []
    for i in range(4):
        start, end = quad[i], quad[(i + 1) % 4]
        steps = np.linspace(0.05, 0.95, 40)[:, None]  # corners are often rounded: skip their ends
        points.append(start + (end - start) * steps)
    xy = np.concatenate(points).round().astype(int)
    xy[:, 0] = np.clip(xy[:, 0], 0, width - 1)
    xy[:, 1] = np.clip(xy[:, 1], 0, height - 1)
    return float((edges[xy[:, 1], xy[:, 0]] > 0).mean())


def _corners_on_frame_edge(quad: np.ndarray, width: int, height: int) -> int:
    margin = 0.015 * max(width, height)
    x, y = quad[:, 0], quad[:, 1]
    return int(np.sum((x < margin) | (y < margin) | (x > width - 1 - margin) | (y > height - 1 - margin)))


def _aspect(quad: np.ndarray) -> float:
    width, height = quad_size(quad)
    return max(width, height) / max(1.0, min(width, height))


def quad_size(quad: np.ndarray) -> tuple[float, float]:
    """Mean width and height of an ordered quadrilateral."""
    tl, tr, br, bl = quad
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    return float(width), float(height)


def _corner_angles(quad: np.ndarray) -> list[float]:
    angles = []
    for i in range(4):
        a, b, c = quad[i - 1], quad[i], quad[(i + 1) % 4]
        u, v = a - b, c - b
        cos = float(np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9))
        angles.append(float(np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))))
    return angles
