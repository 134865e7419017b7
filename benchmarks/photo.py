"""Put a drawn card into a scene: a phone photo on a desk, or a flatbed scan.

Everything is procedural (numpy + OpenCV): backgrounds, perspective, light, shadows, blur, noise, JPEG.
The parameters drawn for each image are returned so the benchmark can break results down by them.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from typing import Any

import cv2
import numpy as np
from PIL import Image

BACKGROUNDS = ("wood", "laminate", "fabric", "granite", "notebook", "dark_desk")


def _low_freq(rng: np.random.Generator, h: int, w: int, cells: int) -> np.ndarray:
    """Smooth random field in [0, 1] (bicubic-upscaled coarse noise)."""
    small = rng.random((cells, max(2, round(cells * w / h)))).astype(np.float32)
    return np.clip(cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC), 0, 1)


def _gauss(rng: np.random.Generator, shape: tuple[int, ...], sigma: float) -> np.ndarray:
    """Gaussian noise via OpenCV (much faster than numpy at 12 MP), seeded from `rng`."""
    cv2.setRNGSeed(int(rng.integers(0, 2**31 - 1)))
    flat = np.empty(
        (shape[0], int(np.prod(shape[1:]))), np.float32
    )  # one channel: randn's scalars hit channel 0 only
    cv2.randn(flat, 0.0, float(sigma))
    return flat.reshape(shape)


def background(rng: np.random.Generator, h: int, w: int, kind: str) -> np.ndarray:
    """float32 HxWx3 in [0, 1]; the texture is drawn at half size (it is out of focus anyway)."""
    full_h, full_w = h, w
    h, w = max(2, h // 2), max(2, w // 2)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "wood":
        base = np.array(rng.choice([[0.55, 0.38, 0.22], [0.72, 0.56, 0.38], [0.36, 0.24, 0.15]]), np.float32)
        ang = rng.uniform(-0.3, 0.3)
        warp = _low_freq(rng, h, w, 4) * 20
        u = (xx * math.sin(ang) + yy * math.cos(ang) + warp) / max(h, w) * rng.uniform(40, 90)
        grain = 0.5 + 0.5 * np.sin(u * 2 * math.pi + _low_freq(rng, h, w, 8) * 3)
        img = base[None, None, :] * (0.8 + 0.25 * grain[..., None])
    elif kind == "fabric":
        base = np.array(rng.choice([[0.25, 0.3, 0.45], [0.5, 0.5, 0.48], [0.45, 0.2, 0.2]]), np.float32)
        period = rng.uniform(2, 5)
        weave = 0.5 + 0.25 * (np.sin(xx / period * 2 * math.pi) + np.sin(yy / period * 2 * math.pi))
        img = base[None, None, :] * (0.85 + 0.25 * weave[..., None])
    elif kind == "granite":
        base = np.array(rng.choice([[0.6, 0.6, 0.58], [0.3, 0.3, 0.32], [0.75, 0.7, 0.65]]), np.float32)
        speck = (rng.random((h // 2 + 1, w // 2 + 1)) ** 8).astype(np.float32)
        speck = cv2.resize(speck, (w, h), interpolation=cv2.INTER_NEAREST)
        img = base[None, None, :] * (0.9 + 0.2 * _low_freq(rng, h, w, 6)[..., None]) - 0.25 * speck[..., None]
    elif kind == "notebook":
        img = np.full((h, w, 3), (0.93, 0.93, 0.9), np.float32)
        step = rng.uniform(0.035, 0.05) * h
        rows = (np.mod(yy, step) < max(1.0, h / 900)).astype(np.float32)
        img -= rows[..., None] * np.array([0.25, 0.15, 0.02], np.float32)
    elif kind == "dark_desk":
        img = np.full((h, w, 3), rng.uniform(0.08, 0.18), np.float32) * (
            0.8 + 0.4 * _low_freq(rng, h, w, 5)[..., None]
        )
    else:  # laminate
        base = np.array(rng.choice([[0.85, 0.85, 0.83], [0.7, 0.72, 0.74], [0.82, 0.76, 0.66]]), np.float32)
        img = base[None, None, :] * (0.92 + 0.12 * _low_freq(rng, h, w, 5)[..., None])
    # clutter: other papers / objects partly in frame (the card is drawn over them)
    for _ in range(int(rng.integers(0, 3))):
        x0, y0 = int(rng.integers(-w // 4, w)), int(rng.integers(-h // 4, h))
        x1, y1 = x0 + int(rng.integers(w // 6, w // 2)), y0 + int(rng.integers(h // 6, h // 2))
        colour = rng.uniform(0.1, 0.95, 3).astype(np.float32)
        cv2.rectangle(img, (x0, y0), (x1, y1), tuple(float(c) for c in colour), -1)
    img = cv2.resize(img.astype(np.float32), (full_w, full_h), interpolation=cv2.INTER_LINEAR)
    img += _gauss(rng, img.shape, 0.012)
    return np.clip(img, 0, 1, out=img)


def _card_rgba(card: np.ndarray, rounded: bool) -> tuple[np.ndarray, np.ndarray]:
    """float card image and an alpha mask (rounded corners when asked)."""
    h, w = card.shape[:2]
    mask = np.zeros((h, w), np.uint8)
    if rounded:
        r = int(min(h, w) * 0.05)
        cv2.rectangle(mask, (r, 0), (w - 1 - r, h - 1), 255, -1)
        cv2.rectangle(mask, (0, r), (w - 1, h - 1 - r), 255, -1)
        for cx, cy in ((r, r), (w - 1 - r, r), (r, h - 1 - r), (w - 1 - r, h - 1 - r)):
            cv2.circle(mask, (cx, cy), r, 255, -1, lineType=cv2.LINE_AA)
    else:
        mask[:] = 255
    return card.astype(np.float32) / 255.0, mask.astype(np.float32) / 255.0


def _paper_grain(rng: np.random.Generator, card: np.ndarray) -> np.ndarray:
    h, w = card.shape[:2]
    grain = _gauss(rng, (h, w), 0.015)
    fibre = _low_freq(rng, h, w, 12) - 0.5
    return np.clip(card * (1 + grain[..., None] + 0.03 * fibre[..., None]), 0, 1)


def card_quad(
    rng: np.random.Generator, frame: tuple[int, int], card: tuple[int, int], angle: float, tilt: float
) -> np.ndarray:
    """Destination corners (tl, tr, br, bl) of the card in the frame: rotated, with perspective jitter,
    kept inside the frame."""
    fw, fh = frame
    cw, ch = card
    corners = np.array(
        [[-cw / 2, -ch / 2], [cw / 2, -ch / 2], [cw / 2, ch / 2], [-cw / 2, ch / 2]], np.float32
    )
    # perspective: one side of the card nearer the camera than the other
    sx, sy = rng.uniform(-tilt, tilt), rng.uniform(-tilt, tilt)
    corners[:, 0] *= 1 + sy * np.sign(corners[:, 1])
    corners[:, 1] *= 1 + sx * np.sign(corners[:, 0])
    corners += rng.normal(0, tilt * 0.15 * min(cw, ch), corners.shape).astype(np.float32)
    a = math.radians(angle)
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]], np.float32)
    corners = corners @ rot.T
    margin = 0.03 * np.array([fw, fh])
    span = corners.max(axis=0) - corners.min(axis=0)
    fit = float(min(1.0, *((np.array([fw, fh]) - 2 * margin) / span)))
    corners *= fit  # a steep angle on a big card: step back until it fits the frame
    span = corners.max(axis=0) - corners.min(axis=0)
    room = np.maximum(np.array([fw, fh]) - span - 2 * margin, 1)
    centre = margin + span / 2 - (corners.max(axis=0) + corners.min(axis=0)) / 2 + rng.random(2) * room
    return (corners + centre).astype(np.float32)


def encode_turned_jpeg(img: np.ndarray, quality: int, exif_turn: int) -> bytes:
    """Store the pixels turned, with the EXIF orientation tag that turns them back (as phones do)."""
    pil = Image.fromarray(img)
    exif = Image.Exif()
    if exif_turn:
        # pixels stored rotated; tag 6 = rotate 90 CW to display, 8 = 90 CCW, 3 = 180
        tag = {90: 6, 270: 8, 180: 3}[exif_turn]
        transpose = {
            6: Image.Transpose.ROTATE_90,
            8: Image.Transpose.ROTATE_270,
            3: Image.Transpose.ROTATE_180,
        }[tag]
        pil = pil.transpose(transpose)
        exif[0x0112] = tag
    buf = io.BytesIO()
    pil.save(buf, "JPEG", quality=quality, exif=exif.tobytes() if exif_turn else b"")
    return buf.getvalue()


def phone_photo(
    rng: np.random.Generator, draw: Callable[[int], np.ndarray], portrait_card: bool, rounded: bool
) -> tuple[bytes, dict[str, Any]]:
    """A phone photo of a card; `draw(long_px)` renders the card (RGB uint8) at its size in the frame."""
    turned = rng.random()
    angle = float(np.clip(rng.normal(0, 7), -25, 25))
    if turned < 0.08:
        angle += 90  # landscape card photographed with the phone held the other way, no EXIF to fix it
    elif turned < 0.11:
        angle += 180
    landscape_card = not portrait_card
    upright_landscape = landscape_card == (abs(angle) % 180 < 45)
    long_side = int(rng.choice([1600, 2048, 2592, 3024, 4032], p=[0.15, 0.3, 0.25, 0.2, 0.1]))
    short_side = long_side * 3 // 4
    frame = (long_side, short_side) if upright_landscape else (short_side, long_side)
    # the card's long side lies along the frame's long side; it fills half to most of it
    card_img = draw(round(rng.uniform(0.5, 0.85) * long_side))
    cf, alpha = _card_rgba(card_img, rounded)
    cf = _paper_grain(rng, cf)
    h, w = cf.shape[:2]
    tilt = float(rng.uniform(0.0, 0.09))
    quad = card_quad(rng, frame, (w, h), angle, tilt)
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    matrix = cv2.getPerspectiveTransform(src, quad)
    fw, fh = frame
    bg_kind = str(rng.choice(BACKGROUNDS))
    scene = background(rng, fh, fw, bg_kind)
    warped = cv2.warpPerspective(cf, matrix, (fw, fh), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(alpha, matrix, (fw, fh), flags=cv2.INTER_LINEAR)
    # drop shadow under the card (computed at 1/4 size: it is a blur anyway)
    q = 4
    small = cv2.resize(mask, (fw // q, fh // q), interpolation=cv2.INTER_AREA)
    off = rng.normal(0, 0.006, 2) * fw / q
    small = cv2.warpAffine(small, np.float32([[1, 0, off[0]], [0, 1, abs(off[1]) + 1]]), (fw // q, fh // q))
    small = cv2.GaussianBlur(small, (0, 0), fw * 0.006 / q + 1)
    shadow = cv2.resize(small, (fw, fh), interpolation=cv2.INTER_LINEAR)
    shade = 1 - rng.uniform(0.2, 0.5) * shadow
    scene = cv2.multiply(scene, cv2.merge([shade, shade, shade]))
    # OpenCV's element-wise ops: several times faster than numpy temporaries at 12 MP
    img = cv2.blendLinear(warped, scene, mask, 1 - mask)
    del scene, warped
    # light: gradient + vignette (+ occasional glare, cast shadow of the phone/hand), on a coarse grid
    lh, lw = max(2, fh // 8), max(2, fw // 8)
    yy, xx = np.mgrid[0:lh, 0:lw].astype(np.float32)
    yy /= lh
    xx /= lw
    gdir = rng.uniform(0, 2 * math.pi)
    grad = ((xx - 0.5) * math.cos(gdir) + (yy - 0.5) * math.sin(gdir)) * rng.uniform(0.0, 0.45)
    vignette = 1 - rng.uniform(0.05, 0.3) * (((xx - 0.5) ** 2 + (yy - 0.5) ** 2) * 2)
    light = (1 + grad) * vignette * rng.uniform(0.8, 1.1)
    glare = np.zeros_like(light)
    params: dict[str, Any] = {
        "mode": "photo",
        "background": bg_kind,
        "angle": round(angle, 1),
        "tilt": round(tilt, 3),
    }
    if rng.random() < 0.35:
        nx, ny = math.cos(rng.uniform(0, 2 * math.pi)), math.sin(rng.uniform(0, 2 * math.pi))
        d = (xx - 0.5) * nx + (yy - 0.5) * ny - rng.uniform(-0.3, 0.3)
        edge = 0.5 * (1 + np.tanh(d / (2 * rng.uniform(0.01, 0.05))))  # a soft shadow edge (logistic)
        depth = rng.uniform(0.2, 0.45)
        light *= 1 - depth * edge
        params["cast_shadow"] = round(depth, 2)
    if rng.random() < 0.15:
        gx, gy, rad = rng.uniform(0.2, 0.8), rng.uniform(0.2, 0.8), rng.uniform(0.05, 0.15)
        strength = rng.uniform(0.15, 0.35)
        glare = strength * np.exp(-(((xx - gx) ** 2 + ((yy - gy) * fh / fw) ** 2) / (2 * rad**2)))
        params["glare"] = round(strength, 2)
    light = cv2.resize(light.astype(np.float32), (fw, fh), interpolation=cv2.INTER_LINEAR)
    glare = cv2.resize(glare.astype(np.float32), (fw, fh), interpolation=cv2.INTER_LINEAR)
    img = cv2.multiply(img, cv2.merge([light, light, light]))
    img = cv2.add(img, cv2.merge([glare, glare, glare]))
    # camera: white balance, defocus or motion blur, sensor noise, JPEG
    img = cv2.multiply(img, (*(float(x) for x in rng.uniform(0.92, 1.08, 3)), 0.0))
    blur = float(rng.uniform(0.3, 1.6)) * fw / 2048
    img = cv2.GaussianBlur(img, (0, 0), blur)
    params["blur"] = round(blur, 2)
    if rng.random() < 0.1:
        length = int(rng.integers(3, 8))
        kernel = np.zeros((length, length), np.float32)
        kernel[length // 2, :] = 1 / length
        rot = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), float(rng.uniform(0, 180)), 1)
        kernel = cv2.warpAffine(kernel, rot, (length, length))
        img = cv2.filter2D(img, -1, kernel / max(kernel.sum(), 1e-6))
        params["motion_blur"] = length
    noise = rng.uniform(0.006, 0.03)
    # sensor noise after the phone's denoiser: drawn at half size, so it is slightly blotchy
    grain = cv2.resize(_gauss(rng, (fh // 2, fw // 2 * 3), noise).reshape(fh // 2, fw // 2, 3), (fw, fh))
    img = cv2.add(img, grain)
    params["noise"] = round(float(noise), 3)
    out = cv2.convertScaleAbs(img, alpha=255.0)
    quality = int(rng.integers(55, 93))
    exif_turn = int(rng.choice([0, 90, 270, 180], p=[0.88, 0.05, 0.05, 0.02]))
    params.update(quality=quality, exif_turn=exif_turn, frame=[fw, fh])
    params["corners"] = [[round(float(x), 1), round(float(y), 1)] for x, y in quad]
    return encode_turned_jpeg(out, quality, exif_turn), params


def flat_scan(rng: np.random.Generator, card: np.ndarray) -> tuple[bytes, dict[str, Any]]:
    """A flatbed scan at ~300 dpi: light lid background, a small rotation, even light, mild noise."""
    h, w = card.shape[:2]
    pad = int(max(h, w) * rng.uniform(0.03, 0.25))
    lid = rng.uniform(0.9, 0.99)
    canvas = np.full((h + 2 * pad, w + 2 * pad, 3), lid * 255, np.float32)
    canvas[pad : pad + h, pad : pad + w] = card
    angle = float(rng.uniform(-2, 2))
    rot = cv2.getRotationMatrix2D((canvas.shape[1] / 2, canvas.shape[0] / 2), angle, 1)
    canvas = cv2.warpAffine(
        canvas, rot, (canvas.shape[1], canvas.shape[0]), flags=cv2.INTER_LINEAR, borderValue=(lid * 255,) * 3
    )
    canvas = cv2.GaussianBlur(canvas, (0, 0), float(rng.uniform(0.3, 0.8)))
    canvas += _gauss(rng, canvas.shape, rng.uniform(1, 4))
    for _ in range(int(rng.integers(0, 12))):  # dust
        cv2.circle(
            canvas,
            (int(rng.integers(0, canvas.shape[1])), int(rng.integers(0, canvas.shape[0]))),
            1,
            (40, 40, 40),
            -1,
        )
    out = np.clip(canvas, 0, 255).astype(np.uint8)
    quality = int(rng.integers(80, 96))
    buf = io.BytesIO()
    Image.fromarray(out).save(buf, "JPEG", quality=quality, dpi=(300, 300))
    return buf.getvalue(), {"mode": "scan", "angle": round(angle, 2), "quality": quality}
