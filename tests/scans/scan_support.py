"""Small generated card photos and a stand-in reader for the scan tests.

`card_photo` draws a white card with dark text on a darker desk, so the real reader has a card to find.
`stand_in_reader` is the seam used to test the runner without OCR: it follows instructions written into the
PNG's text chunk (`meishi-test`), so each test says exactly what the reader returns or raises.
"""

from __future__ import annotations

import io
import json
import time
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont, PngImagePlugin

from ocr import CardReading, Contact, OcrTimeout, Phone, ReadOptions, UnreadableImage

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

JANE = ["Jane Doe", "Reference Librarian", "jane.doe@nypl.org", "(212) 555-0134"]


def _font(path: Path, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default(size)


def card_image(lines: list[str] | None = None, *, blank: bool = False) -> Image.Image:
    """A 1000x640 photo: an 860x500 white card (text left-aligned, name bigger) on a dark grey desk."""
    photo = Image.new("RGB", (1000, 640), (60, 62, 70))
    draw = ImageDraw.Draw(photo)
    draw.rectangle((70, 70, 930, 570), fill=(250, 250, 246))
    if not blank:
        top = 120
        for i, line in enumerate(lines or JANE):
            font = _font(BOLD, 52) if i == 0 else _font(FONT, 36)
            draw.text((120, top), line, fill=(15, 15, 20), font=font)
            top += 80 if i == 0 else 58
    return photo


def encode(image: Image.Image, fmt: str = "JPEG", **save: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **save)
    return buffer.getvalue()


def card_photo(lines: list[str] | None = None, fmt: str = "JPEG") -> bytes:
    return encode(card_image(lines), fmt, **({"quality": 90} if fmt == "JPEG" else {}))


def exif_rotated_photo(lines: list[str] | None = None) -> bytes:
    """Pixels stored turned 90°, with EXIF Orientation=6 ('rotate 90 CW to view'), as phones do."""
    upright = card_image(lines)
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # counter-clockwise; viewer turns it back
    exif = Image.Exif()
    exif[0x0112] = 6
    return encode(stored, "JPEG", quality=90, exif=exif.tobytes())


def instructed_png(instructions: dict[str, Any], size: tuple[int, int] = (400, 250)) -> bytes:
    """A plain PNG carrying instructions for `stand_in_reader`."""
    info = PngImagePlugin.PngInfo()
    info.add_text("meishi-test", json.dumps(instructions))
    return encode(Image.new("RGB", size, (240, 240, 240)), "PNG", pnginfo=info)


def stand_in_reader(data: bytes, options: ReadOptions) -> CardReading:
    """Reads nothing: returns (or raises, or sleeps first) what the image's instructions say."""
    image = Image.open(io.BytesIO(data))
    instructions = json.loads(image.info.get("meishi-test", "{}"))
    time.sleep(instructions.get("sleep", 0))
    error = instructions.get("raise")
    if error == "timeout":
        raise OcrTimeout("tesseract took too long")
    if error == "unreadable":
        raise UnreadableImage("the image is truncated or corrupt")
    fields = instructions.get("contact", {})
    contact = Contact(
        name=fields.get("name"),
        company=fields.get("company"),
        emails=tuple(fields.get("emails", ())),
        phones=tuple(Phone(p) for p in fields.get("phones", ())),
        websites=tuple(fields.get("websites", ())),
    )
    return CardReading(
        contact=contact,
        confidence={name: 0.9 for name in fields},
        sources={},
        text="\n".join(str(v) for v in fields.values()),
        words=(),
        corners=None,
        orientation=0,
        card_size=image.size,
        timings={"total": 0.0},
        warnings=tuple(instructions.get("warnings", ())),
        needs_review=tuple(instructions.get("needs_review", ())),
        card_image=encode(image.convert("RGB"), "JPEG"),
    )
