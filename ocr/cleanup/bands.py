"""A card's coloured band outside the quad found for it: a header, footer or side stripe the card finder
took for the desk.

The card finder (ocr/cleanup/card.py) looks for the card as a region unlike the desk or as four straight
colour steps. A card printed with a dark or saturated band along one side shows a straight colour step
where its white panel meets the band, and the panel alone makes a plausible card: the band, often with the
company or the social profiles on it, is cut off. Measured on the development photos of both generators
with known corners, every quad cut short by more than a tenth was cut along a band (docs/reader.md).

Each side of the found quad is tested for such a band beyond it: a strip unlike the desk, of one colour
along both its edges position by position (a lamp may shade it from end to end; its middle may carry
text), ending in a colour step all along the side and into both corners (an object behind the card,
narrower than it, has none there) at most BAND_MAX of the card's depth away, and not found just past the
side's ends (a desk edge, a sheet or a book under the card goes on past them). The side is then moved out
to that step.
"""

from __future__ import annotations

import cv2
import numpy as np

from ocr.cleanup.desk import border_ring

BAND_MIN, BAND_MAX = 0.05, 0.45  # band depth, as a share of the card's depth across the side
EVEN = 0.7  # share of points along the side whose colour is the band's
SAME = 14.0  # Lab units: a point this close to the band's colour is the band
STEP = 18.0  # Lab units: the colour step that ends the band, and its difference from the desk
TEXT_LINE = 0.1  # of the card's depth: deeper than a line of type on a band (its x-height and more)
SHARP = 4  # px (in the detection copy) inside the band's far edge, where its colour is compared
ALONG = np.linspace(0.04, 0.96, 47)  # where along a side the colour is sampled
END_ZONE = 6  # samples at each end of ALONG: a band reaches both corners, an object behind the card not
BEYOND_ENDS = (0.03, 0.08)  # past a side's ends (share of its length): no band there


def widened_for_bands(small: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """`corners` (ordered, in `small`'s pixels) with each side that has a band beyond it moved out to
    the band's far edge; unchanged when no side has one."""
    lab = cv2.cvtColor(
        cv2.GaussianBlur(small if small.ndim == 3 else cv2.cvtColor(small, cv2.COLOR_GRAY2BGR), (3, 3), 0),
        cv2.COLOR_BGR2LAB,
    ).astype(np.float32)
    desk = _desk_colour(lab)
    corners = corners.astype(np.float32)
    widened = corners.copy()
    for k in range(4):
        depth = _band_depth(lab, corners, k, desk)
        if depth is None:
            continue
        start, end = _moved_side(corners, k, depth)
        widened[k] += start - corners[k]
        widened[(k + 1) % 4] += end - corners[(k + 1) % 4]
    height, width = lab.shape[:2]
    inside = np.all((widened >= -1) & (widened <= np.array([width, height], np.float32)))
    return widened if inside else corners


def _desk_colour(lab: np.ndarray) -> np.ndarray:
    return np.median(border_ring(lab), axis=0)


def _outward(corners: np.ndarray, k: int) -> np.ndarray:
    start, end = corners[k], corners[(k + 1) % 4]
    normal = np.array([end[1] - start[1], start[0] - end[0]], np.float32)
    normal /= max(float(np.linalg.norm(normal)), 1e-6)
    if (corners.mean(axis=0) - start) @ normal > 0:
        normal = -normal
    return normal


def _moved_side(corners: np.ndarray, k: int, offset: float) -> tuple[np.ndarray, np.ndarray]:
    """Side k's ends moved `offset` px out along the normal, each along its neighbouring side's line (the
    band's ends are the card's sides, which perspective and rotation keep off the normal)."""
    normal = _outward(corners, k)
    start, end = corners[k], corners[(k + 1) % 4]
    moved = []
    for corner, behind in ((start, corners[(k - 1) % 4]), (end, corners[(k + 2) % 4])):
        direction = (corner - behind) / max(float(np.linalg.norm(corner - behind)), 1e-6)
        moved.append(corner + direction * offset / max(float(direction @ normal), 0.5))
    return moved[0], moved[1]


def _sample(lab: np.ndarray, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Colours at `points` (n, 2), and which points lie inside the image."""
    height, width = lab.shape[:2]
    xy = np.round(points).astype(int)
    inside = (xy[:, 0] >= 0) & (xy[:, 0] < width) & (xy[:, 1] >= 0) & (xy[:, 1] < height)
    xy[:, 0] = np.clip(xy[:, 0], 0, width - 1)
    xy[:, 1] = np.clip(xy[:, 1], 0, height - 1)
    return lab[xy[:, 1], xy[:, 0]], inside


def _band_depth(lab: np.ndarray, corners: np.ndarray, k: int, desk: np.ndarray) -> float | None:
    """How far beyond side k a band reaches (pixels of `lab`), or None when there is none."""
    start, end = corners[k], corners[(k + 1) % 4]
    length = float(np.linalg.norm(end - start))
    depth_to_opposite = _distance_to_opposite(corners, k)
    if length < 20 or depth_to_opposite < 10:
        return None
    reach = int(BAND_MAX * depth_to_opposite)
    profile = _profile(lab, corners, k, reach + 2 + max(SHARP, round(TEXT_LINE * depth_to_opposite)))
    if len(profile) < BAND_MIN * depth_to_opposite + SHARP:
        return None
    band = np.median(profile[:3].reshape(-1, 3), axis=0)
    if np.linalg.norm(band - desk) < STEP:
        return None
    medians = np.median(profile, axis=1)
    away = np.linalg.norm(medians - band, axis=1) >= STEP
    # The far edge: where the colour leaves the band's for good. A row of text printed on the band can
    # change the median colour for a few pixels, as deep as a line of type, and the band comes back.
    stays = max(3, round(TEXT_LINE * depth_to_opposite))
    far = next((i for i in range(len(away) - stays + 1) if away[i : i + stays].all()), None)
    if far is None:
        return None
    depth = far + 2  # offsets start at 2 px
    if not BAND_MIN * depth_to_opposite <= depth <= BAND_MAX * depth_to_opposite:
        return None
    # Position by position along the side (a lamp's gradient shades a band from end to end): the band
    # has the same colour along both its edges (its middle may carry text) and ends in a step to
    # something else, all along the side and into both corners (an object behind the card, narrower
    # than it, has no such step near the corners).
    near_edge, far_edge = profile[1], profile[max(1, far - SHARP)]
    beyond = profile[min(len(profile) - 1, far + 2)]
    same = np.linalg.norm(near_edge - far_edge, axis=1) < SAME
    steps = np.linalg.norm(beyond - far_edge, axis=1) >= STEP
    # (The band's own corners may be rounded: its far edge near them is not tested for its colour.)
    if min(same.mean(), steps.mean(), steps[:END_ZONE].mean(), steps[-END_ZONE:].mean()) < EVEN:
        return None
    # A band is as long as the card's side: just past the side's ends, halfway across the band, the
    # colour is not the band's there (a sheet or a desk edge under the card would go on).
    near, far_end = _moved_side(corners, k, depth / 2)
    direction = (far_end - near) / max(float(np.linalg.norm(far_end - near)), 1e-6)
    for share in BEYOND_ENDS:
        past = np.array([near - direction * share * length, far_end + direction * share * length])
        colours, inside = _sample(lab, past)
        local = near_edge[[0, -1]]
        if np.any(inside & (np.linalg.norm(colours - local, axis=1) < SAME)):
            return None
    return float(depth)


def _profile(lab: np.ndarray, corners: np.ndarray, k: int, stop: int) -> np.ndarray:
    """The colours (offsets, len(ALONG), 3) sampled along side k moved out by 2, 3, .. `stop` - 1 px, up to
    the first offset that leaves the image: every offset at once, each computed as _moved_side and _sample
    compute one (the same float32 and float64 steps, so the same pixels)."""
    offsets = np.arange(2, max(stop, 2), dtype=np.float32)[:, None]
    normal = _outward(corners, k)
    ends = []
    for corner, behind in ((corners[k], corners[(k - 1) % 4]), (corners[(k + 1) % 4], corners[(k + 2) % 4])):
        direction = (corner - behind) / max(float(np.linalg.norm(corner - behind)), 1e-6)
        ends.append(corner + direction * offsets / max(float(direction @ normal), 0.5))
    near, far_end = ends[0][:, None, :], ends[1][:, None, :]
    points = near + (far_end - near) * ALONG[None, :, None]
    height, width = lab.shape[:2]
    xy = np.round(points).astype(int)
    inside = (xy[..., 0] >= 0) & (xy[..., 0] < width) & (xy[..., 1] >= 0) & (xy[..., 1] < height)
    outside = np.flatnonzero(inside.mean(axis=1) < 0.9)
    kept = int(outside[0]) if outside.size else len(offsets)
    xy = xy[:kept]
    xs, ys = np.clip(xy[..., 0], 0, width - 1), np.clip(xy[..., 1], 0, height - 1)
    return lab[ys, xs]


def _distance_to_opposite(corners: np.ndarray, k: int) -> float:
    outward = _outward(corners, k)
    start = corners[k]
    return float(max((start - corners[(k + 2) % 4]) @ outward, (start - corners[(k + 3) % 4]) @ outward))
