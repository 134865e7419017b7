"""Generated business-card photos for the service benchmarks: a white card with a few lines of text on a
darker desk, each card different (its number is in the email address), so nothing is deduplicated."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
NAMES = ["Jane Doe", "Arjun Mehta", "Sofia Rossi", "Lena Vogel", "Tom Baker", "Mei Chen", "Omar Haddad"]


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default(size)


def card_photo(number: int) -> bytes:
    """A 1000x640 JPEG photo of an 860x500 card: name, title, email, phone."""
    name = NAMES[number % len(NAMES)]
    lines = [
        name,
        "Account Manager",
        f"{name.split()[0].lower()}.{number}@example.com",
        f"+1 212 555 {number:04d}",
    ]
    photo = Image.new("RGB", (1000, 640), (60, 62, 70))
    draw = ImageDraw.Draw(photo)
    draw.rectangle((70, 70, 930, 570), fill=(250, 250, 246))
    top = 120
    for i, line in enumerate(lines):
        draw.text((120, top), line, fill=(15, 15, 20), font=_font(BOLD, 52) if i == 0 else _font(FONT, 36))
        top += 80 if i == 0 else 58
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()
