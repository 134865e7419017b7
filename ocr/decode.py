"""Bytes -> upright BGR pixels, safely: the pixel limit is checked from the header, before any pixel is
decoded, and every way an upload can fail to be an image becomes UnreadableImage or ImageTooLarge."""

from __future__ import annotations

import io
import warnings

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from ocr.errors import ImageTooLarge, UnreadableImage

register_heif_opener()  # HEIC/HEIF (the iPhone default) through the ordinary Image.open

ACCEPTED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP", "HEIF", "TIFF", "BMP"})
MIN_SIDE = 16  # smaller than this cannot hold a readable line of text


def decode_image(data: bytes, *, max_pixels: int, max_side: int | None = None) -> np.ndarray:
    """Decode `data` into an upright (EXIF orientation applied) BGR uint8 image.

    `max_side` lets JPEG decode at a reduced scale (libjpeg's DCT scaling, 1/2 to 1/8), and other formats
    shrink by a whole factor, while keeping the longer side at least `max_side`: a 12 MP phone photo then
    costs a quarter of the work and memory.
    Raises ImageTooLarge when the header announces more than `max_pixels` pixels, UnreadableImage when the
    bytes are not a complete image of an accepted format.
    """
    if not data:
        raise UnreadableImage("the file is empty")
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb check warns (or raises) at its global limit; ours is the one that counts.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise ImageTooLarge(f"the image has too many pixels (limit {max_pixels})") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise UnreadableImage("not an image in a supported format (JPEG, PNG, WebP, HEIC)") from exc

    width, height = image.size
    if width * height > max_pixels:
        raise ImageTooLarge(f"the image has {width}x{height} pixels, more than the limit of {max_pixels}")
    if image.format not in ACCEPTED_FORMATS:
        raise UnreadableImage(f"unsupported image format {image.format}")
    if min(width, height) < MIN_SIDE:
        raise UnreadableImage(f"the image is too small ({width}x{height} pixels)")

    if max_side is not None and image.format in {"JPEG", "MPO"}:
        image.draft("RGB", _draft_request(width, height, max_side))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image.load()
            ImageOps.exif_transpose(image, in_place=True)  # no second copy of a large image
    except Image.DecompressionBombError as exc:
        raise ImageTooLarge(f"the image has too many pixels (limit {max_pixels})") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise UnreadableImage("the image is truncated or corrupt") from exc
    if max_side is not None and (factor := max(image.size) // max_side) >= 2:
        # Formats without JPEG's scaled decoding (PNG, HEIC, WebP): shrink by whole factors before the
        # numpy copies, which would otherwise hold a 40 MP image three times over.
        image = image.reduce(factor)
    return _to_bgr(image)


def _draft_request(width: int, height: int, max_side: int) -> tuple[int, int]:
    """The size to ask draft() for so that the decoded longer side stays >= max_side."""
    scale = min(1.0, max_side / max(width, height))
    return max(1, int(width * scale)), max(1, int(height * scale))


def _to_bgr(image: Image.Image) -> np.ndarray:
    """Any Pillow mode -> 8-bit BGR; transparency is laid on white (the usual card background)."""
    if image.mode in {"RGBA", "LA", "PA"} or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    if image.mode in {"I;16", "I;16B", "I;16L", "I"}:
        # 16-bit PNG scans: scale to 8 bits instead of clipping.
        wide = np.asarray(image, dtype=np.float32)
        top = float(wide.max()) or 1.0
        image = Image.fromarray((wide * (255.0 / top)).astype(np.uint8), mode="L")
    if image.mode != "RGB":
        image = image.convert("RGB")
    # One writable copy, its channels swapped in place: a 10 MP photo held as PIL image, byte string, RGB
    # array and BGR array at once was the reader's largest moment of memory (docs/reader.md).
    pixels = np.array(image)
    return cv2.cvtColor(pixels, cv2.COLOR_RGB2BGR, dst=pixels)
