"""Real images for the image-pipeline tests: text rendered onto a card, the card laid on a desk with a
rotation and a perspective, encoded as a phone would. Nothing is stored; every test draws what it needs."""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)
BOLD_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)

CARD_LINES = (
    ("Jane Doe", 64, True),
    ("Reference Librarian", 38, False),
    ("jane.doe@nypl.org", 38, False),
    ("Tel +1 212 555 0134", 38, False),
    ("www.nypl.org", 38, False),
)


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in BOLD_PATHS if bold else FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def render_card(
    lines: tuple[tuple[str, int, bool], ...] = CARD_LINES,
    *,
    size: tuple[int, int] = (1050, 600),
    paper: tuple[int, int, int] = (250, 250, 247),
    ink: tuple[int, int, int] = (20, 20, 30),
    panel: tuple[int, int, int] | None = None,
) -> np.ndarray:
    """A flat card (BGR) with `lines` of (text, pixel size, bold) from the top left; `panel` paints a
    dark logo block down the left third, with the text set to its right."""
    image = Image.new("RGB", size, paper)
    draw = ImageDraw.Draw(image)
    left = 70
    if panel is not None:
        draw.rectangle((0, 0, size[0] // 3, size[1]), fill=panel)
        draw.ellipse((60, 170, size[0] // 3 - 60, 430), outline=(200, 40, 40), width=18)
        left = size[0] // 3 + 50
    top = 60
    for text, px, bold in lines:
        draw.text((left, top), text, font=font(px, bold), fill=ink)
        top += int(px * 1.55)
    return np.asarray(image)[:, :, ::-1].copy()


def on_desk(
    card: np.ndarray,
    *,
    frame: tuple[int, int] = (1600, 1200),
    angle: float = 0.0,
    tilt: float = 0.0,
    scale: float = 0.75,
    desk: tuple[int, int, int] = (95, 110, 125),
    shade: bool = True,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """The card placed on a textured desk: turned `angle` degrees, its top edge shortened by `tilt`
    (perspective), filling about `scale` of the frame's width. Returns the photo and the true corners
    (top-left, top-right, bottom-right, bottom-left of the card as printed)."""
    width, height = frame
    rng = np.random.default_rng(seed)
    photo = np.empty((height, width, 3), np.float32)
    photo[:] = desk
    photo += rng.normal(0, 6, (height, width, 1)).astype(np.float32)  # wood-ish grain noise
    card_h, card_w = card.shape[:2]
    w = scale * width
    h = w * card_h / card_w
    half = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]], np.float32)
    half[0, 0] += tilt * w / 2
    half[1, 0] -= tilt * w / 2
    theta = np.radians(angle)
    rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]], np.float32)
    corners = half @ rotation.T + np.array([width / 2, height / 2], np.float32)
    source = np.array([[0, 0], [card_w, 0], [card_w, card_h], [0, card_h]], np.float32)
    matrix = cv2.getPerspectiveTransform(source, corners.astype(np.float32))
    warped = cv2.warpPerspective(card, matrix, (width, height), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((card_h, card_w), 255, np.uint8), matrix, (width, height))
    inside = mask.astype(np.float32)[:, :, None] / 255
    photo = photo * (1 - inside) + warped.astype(np.float32) * inside
    if shade:  # a lamp on the left: light falls off to the right
        photo *= np.linspace(1.05, 0.8, width, dtype=np.float32)[None, :, None]
    return np.clip(photo, 0, 255).astype(np.uint8), corners


def encode(image: np.ndarray, fmt: str = "JPEG", **params: object) -> bytes:
    """BGR pixels -> file bytes in `fmt` (JPEG, PNG, WEBP, HEIF)."""
    buffer = io.BytesIO()
    pil = Image.fromarray(image[:, :, ::-1] if image.ndim == 3 else image)
    if fmt == "HEIF":
        from pillow_heif import register_heif_opener

        register_heif_opener()
    pil.save(buffer, format=fmt, **params)
    return buffer.getvalue()


# A full vCard (its QR code is one OpenCV's detector misses upside down)
VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;Q.;;\r\nFN:Jane Q. Doe\r\n"
    "ORG:New York Public Library;Research Services\r\nTITLE:Reference Librarian\r\n"
    "TEL;TYPE=WORK,VOICE:(212) 555-0134\r\nTEL;TYPE=CELL:+1 212 555 0199\r\nTEL;TYPE=FAX:+1 212 555 0100\r\n"
    "EMAIL;TYPE=INTERNET:Jane.Doe@nypl.org\r\nURL:https://www.nypl.org\r\n"
    "URL:https://www.linkedin.com/in/janedoe\r\n"
    "ADR;TYPE=WORK:;;476 Fifth Avenue;New York;NY;10018;USA\r\nEND:VCARD\r\n"
)


def card_with_qr(payload: str) -> np.ndarray:
    """The default card (1400x800) with a QR code of `payload` on its right side."""
    code = cv2.QRCodeEncoder.create().encode(payload)
    code = cv2.resize(code, None, fx=8, fy=8, interpolation=cv2.INTER_NEAREST)
    code = cv2.copyMakeBorder(code, 32, 32, 32, 32, cv2.BORDER_CONSTANT, value=255)
    card = render_card(size=(1400, 800))
    size = min(code.shape[0], 700)
    card[50 : 50 + size, 1350 - size : 1350] = cv2.cvtColor(code[:size, :size], cv2.COLOR_GRAY2BGR)
    return card
