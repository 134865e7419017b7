"""Find the business card in a photo: a validated quadrilateral, or None for "use the whole frame".

Candidates come from masks of a small copy of the photo (colour differing from the border ring, edges,
bright-on-dark and dark-on-bright Otsu thresholds); each outer contour that simplifies to a convex
quadrilateral is checked for what a card looks like from a phone: sides in a card's proportions, corners
near right angles, the contour filling its quad, and a sensible share of the frame. When no mask shows the
card as one region (ruled paper, wood grain, granite, fabric, a light card on light paper), the card is
looked for as four long straight colour steps that meet at its corners (line segments, see
_card_from_lines). A wrong quad (say only a logo panel) loses all text outside it (docs/reader.md), so
anything doubtful falls back to the whole frame.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from ocr.cleanup.bands import widened_for_bands
from ocr.cleanup.desk import border_ring

DETECT_SIDE = 640  # px, the longer side of the copy the card is searched in
MIN_FRAME_SHARE = 0.12  # a card smaller than this in the photo is too small to read anyway
MAX_FRAME_SHARE = 0.93  # a quad this large is the frame (a scan, a card filling the photo)
ASPECT_RANGE = (1.25, 2.3)  # ISO 1.59, US 1.75, JP 1.65 and perspective foreshortening
MIN_CORNER_ANGLE, MAX_CORNER_ANGLE = 60.0, 120.0
MIN_FILL = 0.85  # contour area / quad area: a card is a solid shape, not an outline of a desk
MIN_LINE_SHARE = 0.7  # a straight-edge quad this much smaller than the mask's quad is a panel, not the card
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
    # Four straight edges meeting at corners are found where no mask shows the card as one region
    # (textured or ruled desks, a light card on light paper), and are the tighter outline where a mask
    # merged the card with a sheet or shadow beside it; a much smaller one is more likely a panel on the
    # card than the card. Searched in the same small copy, so its corners scale the same way.
    lined = _card_from_lines(small)
    if lined is not None and (best is None or _area(lined) >= MIN_LINE_SHARE * _area(best)):
        best = lined
    if best is None:
        return None
    widened = widened_for_bands(small, best.corners)
    if _aspect(widened) <= ASPECT_RANGE[1] and cv2.contourArea(widened) <= MAX_FRAME_SHARE * gray.size:
        best = CardQuad(widened, best.score)
    return CardQuad(best.corners / scale, best.score)


def _area(quad: CardQuad) -> float:
    return abs(float(cv2.contourArea(quad.corners.astype(np.float32))))


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
    border = border_ring(lab)
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


# --- Straight-edge candidates -------------------------------------------------------------------------
# The masks above need the card to stand out as one region; on ruled paper, wood grain, granite or fabric,
# and for a light card on light paper, they break apart. Straight edges do not: the card's four sides are
# long, straight colour steps, while ruled lines are thin (the same colour on both sides), grain and texture
# are short or inconsistent, and a sheet's edge does not stop at the card's corners.

LINE_SIDE = 400  # px, the longer side of the copy searched for straight edges
MIN_SEGMENT = 0.04  # of LINE_SIDE: shorter line segments are text strokes or texture
MIN_LINE = 0.1  # of LINE_SIDE: a side's collinear segments must add up to this
MAX_LINES = 24  # the longest edge lines kept; sides of a card are among the longest steps in a photo
MAX_QUADS = 50  # the largest candidates whose colour steps are checked
MERGE_ANGLE = np.radians(3.0)  # segments this close in direction and
MERGE_OFFSET = 3.0  # px this close to the line are one edge
PARALLEL = np.radians(20.0)  # opposite sides of a card in perspective
CROSSING = np.radians(60.0)  # neighbouring sides
STEP_OFFSET = 3.0  # px either side of an edge where the colours are compared: beyond a thin printed or
# ruled line (whose two edges are each a step between the line and the paper), within a card's margin
MIN_STEP = 3.0  # Lab units: the mean colour step across a side (a light card on light paper has ~4)
MIN_CONSISTENT = 0.5  # share of points along an edge whose step agrees with the mean step
MIN_THIRD_COVER = 0.3  # share of each third of a side seen as segments (corners must be seen, not guessed)
MIN_COVER = 0.5  # share of the whole side seen as segments
MIN_END_COVER = 0.25  # share of the side's end tenths seen: the edge reaches the corner (rounded or not)
MAX_OVERSHOOT = 0.5  # share of 0.3 side lengths beyond a corner seen as the same line: a sheet or ruling


@dataclass
class _Line:
    """Collinear segments: the line's unit normal and offset (points p with p @ normal == rho)."""

    normal: np.ndarray
    rho: float
    theta: float  # direction in [0, pi)
    segments: np.ndarray  # (n, 4) x1 y1 x2 y2
    length: float


def _card_from_lines(image: np.ndarray) -> CardQuad | None:
    """The largest quad whose four sides are seen as straight colour steps meeting at its corners."""
    scale = min(1.0, LINE_SIDE / max(image.shape[:2]))
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    color = small if small.ndim == 3 else cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)
    lab = cv2.cvtColor(color, cv2.COLOR_BGR2LAB)
    height, width = lab.shape[:2]
    side = max(height, width)
    smooth = cv2.GaussianBlur(lab, (5, 5), 0).astype(np.float32)
    # Each Lab channel stretched to its own range: a light card on light paper differs from it by a few
    # levels of lightness or tint, which the detector's gradient threshold would not see unstretched.
    # Lightness first; the tint channels (b: yellow-blue, then a) only when it shows no card: the
    # detector is most of the cost.
    found: list[np.ndarray] = []
    for channel in (0, 2, 1) if small.ndim == 3 else (0,):
        found.append(_segments(_stretched(lab[:, :, channel])))
        lines = [
            line
            for line in _merge_collinear(np.concatenate(found), MIN_SEGMENT * side)
            if line.length >= MIN_LINE * side
        ]
        lines = [
            line
            for line, step in zip(lines, _edge_steps(smooth, lines), strict=True)
            if step >= MIN_CONSISTENT
        ]
        lines = sorted(lines, key=lambda line: -line.length)[:MAX_LINES]
        for area, corners, _sides in _line_quads(lines, width, height):
            if _sides_step(smooth, corners):
                return CardQuad(order_corners(corners) / scale, score=area / (width * height))
    return None


def _stretched(channel: np.ndarray) -> np.ndarray:
    blurred = cv2.GaussianBlur(channel, (3, 3), 0).astype(np.float32)
    low, high = np.percentile(blurred[::2, ::2], (2, 98))
    return np.clip((blurred - low) * (255.0 / max(float(high - low), 8.0)), 0, 255).astype(np.uint8)


def _segments(channel: np.ndarray) -> np.ndarray:
    # A detector per call: it costs microseconds, and one shared between reader threads would not be safe.
    found = cv2.createLineSegmentDetector().detect(channel)[0]
    return np.zeros((0, 4), np.float32) if found is None else found.reshape(-1, 4)


def _merge_collinear(segments: np.ndarray, min_length: float) -> list[_Line]:
    """Greedy: the longest unassigned segment takes every segment lying on its line."""
    vector = segments[:, 2:] - segments[:, :2]
    length = np.hypot(vector[:, 0], vector[:, 1])
    keep = length >= min_length
    segments, vector, length = segments[keep], vector[keep], length[keep]
    theta = np.arctan2(vector[:, 1], vector[:, 0]) % np.pi
    free = np.ones(len(segments), bool)
    lines = []
    for seed in np.argsort(-length):
        if not free[seed]:
            continue
        normal = np.array([-np.sin(theta[seed]), np.cos(theta[seed])])
        rho = float(segments[seed, :2] @ normal)
        turn = np.abs(theta - theta[seed])
        turn = np.minimum(turn, np.pi - turn)
        off = np.maximum(np.abs(segments[:, :2] @ normal - rho), np.abs(segments[:, 2:] @ normal - rho))
        members = free & (turn <= MERGE_ANGLE) & (off <= MERGE_OFFSET)
        members[seed] = True
        free &= ~members
        lines.append(_Line(normal, rho, float(theta[seed]), segments[members], float(length[members].sum())))
    return lines


def _edge_steps(smooth: np.ndarray, lines: list[_Line]) -> np.ndarray:
    """Per line, the length-weighted share of points along its segments where the colour steps across it
    the way it does on average (0 when the mean step is small: a thin ruled line has paper on both sides)."""
    if not lines:
        return np.zeros(0)
    segments = np.concatenate([line.segments for line in lines])
    owner = np.repeat(np.arange(len(lines)), [len(line.segments) for line in lines])
    normal = np.array([line.normal for line in lines])[owner][:, None, :]
    start, end = segments[:, None, :2], segments[:, None, 2:]
    points = start + (end - start) * np.linspace(0.0, 1.0, 8)[None, :, None]  # (n, 8, 2)
    height, width = smooth.shape[:2]
    limit = np.array([width - 1, height - 1])
    ahead = np.clip((points + normal * STEP_OFFSET).round().astype(int), 0, limit)
    behind = np.clip((points - normal * STEP_OFFSET).round().astype(int), 0, limit)
    step = smooth[ahead[..., 1], ahead[..., 0]] - smooth[behind[..., 1], behind[..., 0]]  # (n, 8, 3)
    weight = np.linalg.norm(segments[:, 2:] - segments[:, :2], axis=1)
    total = np.bincount(owner, weight, len(lines))
    mean = (
        np.stack(
            [
                np.bincount(owner, weight * step[:, :, c].mean(axis=1), len(lines))
                for c in range(step.shape[2])
            ],
            1,
        )
        / total[:, None]
    )
    size = np.linalg.norm(mean, axis=1)
    unit = mean / np.maximum(size, 1e-6)[:, None]
    agrees = (np.einsum("npc,nc->np", step, unit[owner]) > 0.3 * size[owner][:, None]).mean(axis=1)
    share = np.bincount(owner, weight * agrees, len(lines)) / total
    return np.where(size >= MIN_STEP, share, 0.0)


def _consistent_step(smooth: np.ndarray, points: np.ndarray, normal: np.ndarray, parts: int = 1) -> float:
    """Share of points whose colour step across `normal` agrees with the mean step (worst of `parts`)."""
    height, width = smooth.shape[:2]
    limit = np.array([width - 1, height - 1])
    ahead = np.clip((points + normal * STEP_OFFSET).round().astype(int), 0, limit)
    behind = np.clip((points - normal * STEP_OFFSET).round().astype(int), 0, limit)
    step = smooth[ahead[:, 1], ahead[:, 0]] - smooth[behind[:, 1], behind[:, 0]]
    mean = step.mean(axis=0)
    size = float(np.linalg.norm(mean))
    if size < MIN_STEP:
        return 0.0
    agrees = step @ (mean / size) > 0.3 * size
    return float(min(part.mean() for part in np.array_split(agrees, parts)))


def _line_quads(
    lines: list[_Line], width: int, height: int
) -> list[tuple[float, np.ndarray, tuple[int, int, int, int]]]:
    """Quads from two pairs of roughly parallel lines crossing each other, largest first, with the
    indices of their sides (corner k lies between sides k-1 and k)."""
    if len(lines) < 4:
        return []
    normals = np.array([line.normal for line in lines])
    rhos = np.array([line.rho for line in lines])
    thetas = np.array([line.theta for line in lines])
    det = normals[:, None, 0] * normals[None, :, 1] - normals[:, None, 1] * normals[None, :, 0]
    safe = np.where(np.abs(det) < 1e-6, np.nan, det)
    cross = np.stack(
        [
            (rhos[:, None] * normals[None, :, 1] - rhos[None, :] * normals[:, None, 1]) / safe,
            (normals[:, None, 0] * rhos[None, :] - normals[None, :, 0] * rhos[:, None]) / safe,
        ],
        axis=-1,
    )  # (count, count, 2): where lines i and j meet
    turn = np.abs(thetas[:, None] - thetas[None, :])
    turn = np.minimum(turn, np.pi - turn)
    first, second = np.nonzero(np.triu(turn < PARALLEL, 1))
    if len(first) < 2:
        return []
    direction = np.stack([np.cos(2 * thetas), np.sin(2 * thetas)], axis=1)  # doubled: 0 and pi agree
    mean = direction[first] + direction[second]
    pair_angle = np.arctan2(mean[:, 1], mean[:, 0]) / 2
    x, y = np.triu_indices(len(first), 1)
    apart = np.abs(pair_angle[x] - pair_angle[y]) % np.pi
    apart = np.minimum(apart, np.pi - apart)
    x, y = x[apart >= CROSSING], y[apart >= CROSSING]
    a, b, c, d = first[x], second[x], first[y], second[y]  # a, b parallel; c, d parallel
    corners = np.stack([cross[a, c], cross[c, b], cross[b, d], cross[d, a]], axis=1)  # (n, 4, 2)
    inside = np.all(
        (corners[..., 0] >= -2)
        & (corners[..., 0] <= width + 1)
        & (corners[..., 1] >= -2)
        & (corners[..., 1] <= height + 1),
        axis=1,
    )
    corners, a, b, c, d = corners[inside], a[inside], b[inside], c[inside], d[inside]
    xs, ys = corners[..., 0], corners[..., 1]
    area = 0.5 * np.abs(np.sum(xs * np.roll(ys, -1, axis=1) - np.roll(xs, -1, axis=1) * ys, axis=1))
    # The card-shape checks of _plausible_quad, for all candidates at once.
    edge = np.roll(corners, -1, axis=1) - corners  # side k runs from corner k to corner k+1
    length = np.linalg.norm(edge, axis=2) + 1e-9
    across = (length[:, 0] + length[:, 2]) / 2
    down = (length[:, 1] + length[:, 3]) / 2
    aspect = np.maximum(across, down) / np.maximum(1.0, np.minimum(across, down))
    cosine = -np.sum(edge * np.roll(edge, 1, axis=1), axis=2) / (length * np.roll(length, 1, axis=1))
    angle = np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0)))
    margin = 0.015 * max(width, height)
    on_edge = (xs < margin) | (ys < margin) | (xs > width - 1 - margin) | (ys > height - 1 - margin)
    frame = float(width * height)
    ok = (
        (area >= MIN_FRAME_SHARE * frame)
        & (area <= MAX_FRAME_SHARE * frame)
        & (aspect >= ASPECT_RANGE[0])
        & (aspect <= ASPECT_RANGE[1])
        & np.all((angle >= MIN_CORNER_ANGLE) & (angle <= MAX_CORNER_ANGLE), axis=1)
        & (on_edge.sum(axis=1) < 2)
    )
    sides = np.stack([c, b, d, a], axis=1)  # side k runs from corner k to corner k+1
    ok[ok] = _sides_seen(corners[ok], sides[ok], lines, reach=float(np.hypot(width, height)))
    order = np.argsort(-area[ok])[:MAX_QUADS]
    corners, area, sides = corners[ok][order].astype(np.float32), area[ok][order], sides[ok][order]
    return [
        (float(area[i]), corners[i], (int(s[0]), int(s[1]), int(s[2]), int(s[3])))
        for i, s in enumerate(sides)
    ]


def _sides_seen(corners: np.ndarray, sides: np.ndarray, lines: list[_Line], reach: float) -> np.ndarray:
    """For (n, 4, 2) candidate corners and the (n, 4) lines of their sides: is every side seen as
    segments along most of its length and near both its corners, and does its line stop there? Line k's
    segments are kept as a running count of covered 1 px steps along the line, from -reach to +reach."""
    size = int(2 * reach) + 2
    directions = np.array([[np.cos(line.theta), np.sin(line.theta)] for line in lines])
    covered = np.zeros((len(lines), size), np.float32)
    for k, line in enumerate(lines):
        ends = np.sort(np.stack([line.segments[:, :2], line.segments[:, 2:]], 1) @ directions[k], axis=1)
        marks = np.zeros(size + 1, np.float32)
        np.add.at(marks, np.clip(np.round(ends[:, 0] + reach), 0, size).astype(int), 1)
        np.add.at(marks, np.clip(np.round(ends[:, 1] + reach), 0, size).astype(int), -1)
        covered[k] = np.cumsum(marks)[:size] > 0
    running = np.concatenate([np.zeros((len(lines), 1), np.float32), np.cumsum(covered, axis=1)], axis=1)

    def share(line: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
        lo = np.clip(np.round(low + reach), 0, size).astype(int)
        hi = np.clip(np.round(high + reach), 0, size).astype(int)
        return (running[line, hi] - running[line, lo]) / np.maximum(high - low, 1.0)

    ok = np.ones(len(corners), bool)
    for k in range(4):
        line = sides[:, k]
        along = np.stack([corners[:, k], corners[:, (k + 1) % 4]], axis=1) @ directions[line][:, :, None]
        low, high = along[:, :, 0].min(axis=1), along[:, :, 0].max(axis=1)
        third = (high - low) / 3
        thirds = [share(line, low + i * third, low + (i + 1) * third) for i in range(3)]
        beyond = np.maximum(share(line, low - 0.9 * third, low), share(line, high, high + 0.9 * third))
        ends = np.minimum(share(line, low, low + 0.4 * third), share(line, high - 0.4 * third, high))
        ok &= (np.minimum.reduce(thirds) >= MIN_THIRD_COVER) & (sum(thirds) / 3 >= MIN_COVER)
        ok &= ends >= MIN_END_COVER
        ok &= beyond <= MAX_OVERSHOOT
    return ok


def _sides_step(smooth: np.ndarray, corners: np.ndarray) -> bool:
    """Across every side the colour steps the same way all along it (each third of it)."""
    centre = corners.mean(axis=0)
    for k in range(4):
        start, end = corners[k], corners[(k + 1) % 4]
        points = start + (end - start) * np.linspace(0.06, 0.94, 30)[:, None]
        normal = np.array([start[1] - end[1], end[0] - start[0]], np.float32)
        normal /= max(float(np.linalg.norm(normal)), 1e-6)
        if (centre - start) @ normal < 0:
            normal = -normal  # pointing into the card
        if _consistent_step(smooth, points, normal, parts=3) < MIN_CONSISTENT:
            return False
    return True
