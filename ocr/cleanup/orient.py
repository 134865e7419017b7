"""Orientation: quarter turns (decided by Tesseract's OSD in the pipeline) and residual skew."""

from __future__ import annotations

import cv2
import numpy as np

MAX_SKEW = 12.0  # degrees; beyond this the skew estimate is more likely wrong than the card
MIN_SKEW = 0.4  # degrees; below this a rotation blurs more than it helps
BLOB_SIDE = 1000  # px, the longer side of the copy the line blobs are found in
PROFILE_SIDE = 800  # px, the longer side of the copy the profile is measured on (0.1 degree = 1.4 px there)
COARSE_STEP, FINE_STEP = 0.5, 0.1  # degrees: every angle in range, then around the best one
MIN_INK_PIXELS = 200  # fewer is no text to measure
MAX_INK_PIXELS = 60_000  # more is sampled evenly (the time is linear in it)
# The sharpest profile against the median one over all angles: 3.3-47 on the real cards (cluttered photos
# lowest), 1-1.3 for noise away from level (level, a profile of whole pixel rows is sharper by its sampling
# alone, and level turns nothing; docs/reader.md, "Cards askew").
MIN_PEAK_RATIO = 2.0
# The profile's angle is taken only this large: taken from 0.4 degrees on every card, it cost the real
# photos more values than it won (a degree's turn merged one card's columns), and Tesseract reads a small
# skew well enough (docs/reader.md, "Cards askew").
PROFILE_MIN_SKEW = 2.0

_QUARTER_TURNS = {
    90: cv2.ROTATE_90_CLOCKWISE,
    180: cv2.ROTATE_180,
    270: cv2.ROTATE_90_COUNTERCLOCKWISE,
}


def rotate_quarter(image: np.ndarray, degrees_clockwise: int) -> np.ndarray:
    """The image turned clockwise by 0, 90, 180 or 270 degrees (exact, no interpolation)."""
    degrees = degrees_clockwise % 360
    if degrees == 0:
        return image
    if degrees not in _QUARTER_TURNS:
        raise ValueError(f"not a quarter turn: {degrees_clockwise}")
    return cv2.rotate(image, _QUARTER_TURNS[degrees])


def _ink_of_copy(gray: np.ndarray, side: int) -> np.ndarray:
    """Dark ink (255) on a copy of `gray` at most `side` px long (Otsu's threshold)."""
    scale = min(1.0, side / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    return cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]


def _mostly_ink(ink: np.ndarray) -> bool:
    return bool(ink.mean() > 255 * 0.35)  # not a text page: nothing to learn from its lines


def skew_angle(gray: np.ndarray) -> float:
    """The angle (degrees, counter-clockwise positive) of the text lines, from the long blobs that
    dark-on-light text lines become when smeared sideways; 0.0 when there is no clear answer."""
    angle = _blob_angle(gray)
    return 0.0 if angle is None else angle


def _blob_angle(gray: np.ndarray) -> float | None:
    """skew_angle, or None when the blobs give no answer (too few lines: a level card measures 0.0)."""
    ink = _ink_of_copy(gray, BLOB_SIDE)
    if _mostly_ink(ink):
        return None
    smear = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (25, 3)))
    contours, _ = cv2.findContours(smear, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    angles: list[float] = []
    weights: list[float] = []
    for contour in contours:
        (_, _), (w, h), angle = cv2.minAreaRect(contour)
        if min(w, h) < 4 or max(w, h) < 5 * min(w, h) or max(w, h) > 0.95 * ink.shape[1]:
            continue  # not a text line: a dot, a word, or a card edge / rule
        if w < h:
            angle -= 90.0
        angle = (angle + 90.0) % 180.0 - 90.0
        if abs(angle) <= MAX_SKEW:
            angles.append(angle)
            weights.append(max(w, h))
    if len(angles) < 3:
        return None
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights)[order])
    median = float(np.asarray(angles)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])
    return -median  # minAreaRect measures clockwise in image coordinates


def profile_skew_angle(gray: np.ndarray) -> float:
    """skew_angle by the projection-profile method (Leptonica's pixFindSkew works the same way): ink pixels
    are projected onto rows at each candidate angle, and text lines stand out as sharp peaks and gaps only
    at the angle they run at. It needs no guess of letter gaps, so it answers where the line blobs are too
    few (large type, few lines); where both answer, the blobs' angle read better (docs/reader.md, "Cards
    askew")."""
    ink = _ink_of_copy(gray, PROFILE_SIDE)
    if _mostly_ink(ink):
        return 0.0
    ys, xs = np.nonzero(ink)
    if len(xs) < MIN_INK_PIXELS:
        return 0.0
    if len(xs) > MAX_INK_PIXELS:  # an even sample: the profile's shape, not its height, decides
        step = len(xs) // MAX_INK_PIXELS + 1
        ys, xs = ys[::step], xs[::step]
    rows_y = ys.astype(np.float64)
    rows_x = xs.astype(np.float64) - ink.shape[1] / 2

    def sharpness(degrees: float) -> float:
        # Rows of the image turned by `degrees` clockwise, so a line rising by `degrees` lies level.
        theta = np.deg2rad(degrees)
        rows = np.round(rows_y * np.cos(theta) + rows_x * np.sin(theta)).astype(np.int64)
        profile = np.bincount(rows - rows.min()).astype(np.float64)
        return float(np.sum(np.diff(profile) ** 2))

    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, COARSE_STEP)
    scores = np.array([sharpness(a) for a in coarse])
    fine = np.arange(-COARSE_STEP, COARSE_STEP + 1e-9, FINE_STEP) + coarse[int(np.argmax(scores))]
    fine_scores = [sharpness(a) for a in fine]
    best = int(np.argmax(fine_scores))
    if fine_scores[best] < MIN_PEAK_RATIO * float(np.median(scores)):
        return 0.0  # no angle stands out: no text lines, or clutter outweighs them
    return round(float(fine[best]), 2)


def deskew(gray: np.ndarray, *, lines_level: bool = False) -> tuple[np.ndarray, float]:
    """The image rotated so that text lines run level; returns it and the correction applied.
    `lines_level`: the lines are known to run across (not up or down) the image, so where the line blobs
    give no answer, the projection profile's is taken when it sees a clear angle of PROFILE_MIN_SKEW or
    more (on text running up or down it finds angles that are not there)."""
    angle = _blob_angle(gray)
    if angle is None and lines_level:
        measured = profile_skew_angle(gray)
        angle = measured if abs(measured) >= PROFILE_MIN_SKEW else 0.0
    angle = angle or 0.0
    if abs(angle) < MIN_SKEW:
        return gray, 0.0
    height, width = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -angle, 1.0)
    rotated = cv2.warpAffine(
        gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )
    return rotated, -angle


def line_direction_scores(gray: np.ndarray) -> tuple[float, float]:
    """(horizontal, vertical): total length of the long blobs that dark-on-light text lines become when
    smeared along each axis. Text running vertically means the card lies on its side."""
    ink = _ink_of_copy(gray, BLOB_SIDE)
    scores = []
    for kernel in ((25, 3), (3, 25)):
        smear = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        contours, _ = cv2.findContours(smear, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        total = 0.0
        for contour in contours:
            _, _, w, h = cv2.boundingRect(contour)
            along, across = (w, h) if kernel[0] > kernel[1] else (h, w)
            if across >= 4 and along >= 5 * across:
                total += along
        scores.append(total)
    return scores[0], scores[1]
