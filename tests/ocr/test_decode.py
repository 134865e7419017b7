"""Decoding: every accepted format, EXIF orientation, and every way an upload can fail to be an image."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from cardphotos import encode
from PIL import Image

from ocr.decode import decode_image
from ocr.errors import ImageTooLarge, UnreadableImage

LIMIT = 40_000_000


def _test_pattern(width: int = 320, height: int = 200) -> np.ndarray:
    """BGR: a red left half and a blue right half, so orientation and channel order can be checked."""
    image = np.zeros((height, width, 3), np.uint8)
    image[:, : width // 2] = (0, 0, 230)  # red in BGR
    image[:, width // 2 :] = (230, 0, 0)  # blue in BGR
    return image


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "HEIF"])
def test_accepted_formats_decode_to_bgr(fmt):
    data = encode(_test_pattern(), fmt, **({"quality": 95} if fmt != "PNG" else {}))
    image = decode_image(data, max_pixels=LIMIT)
    assert image.shape == (200, 320, 3)
    assert image.dtype == np.uint8
    left, right = image[100, 40].astype(int), image[100, 280].astype(int)
    assert left[2] > 180 and left[0] < 60  # still red: channels not swapped
    assert right[0] > 180 and right[2] < 60


def test_exif_orientation_is_applied():
    pil = Image.fromarray(_test_pattern()[:, :, ::-1])
    exif = pil.getexif()
    exif[0x0112] = 6  # "rotate 90 CW to display": the camera was held upright
    buffer = io.BytesIO()
    pil.save(buffer, format="JPEG", exif=exif.tobytes(), quality=95)
    image = decode_image(buffer.getvalue(), max_pixels=LIMIT)
    assert image.shape == (320, 200, 3)  # portrait now
    top, bottom = image[20, 100].astype(int), image[300, 100].astype(int)
    assert top[2] > 180  # the red (left) half is now on top
    assert bottom[0] > 180


def test_heic_photo_with_orientation_decodes():
    data = encode(_test_pattern(640, 480), "HEIF", quality=90)
    assert data[4:12] in (b"ftypheic", b"ftypmif1", b"ftypheix")
    assert decode_image(data, max_pixels=LIMIT).shape == (480, 640, 3)


def test_large_jpeg_decodes_at_reduced_scale_but_not_below_max_side():
    data = encode(np.full((3000, 4000, 3), 200, np.uint8), "JPEG")
    image = decode_image(data, max_pixels=LIMIT, max_side=1000)
    assert 1000 <= max(image.shape[:2]) < 4000
    assert image.shape[1] / image.shape[0] == pytest.approx(4 / 3, rel=0.01)


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG signature and IHDR announcing width x height, then a bogus data chunk: no decodable pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", b"\x00" * 16) + chunk(b"IEND", b"")


@pytest.mark.parametrize("size", [(10_000, 5_000), (50_000, 50_000)], ids=["over-our-limit", "over-pillows"])
def test_decompression_bomb_is_refused_from_the_header(size):
    # The pixel data is garbage, so a decoder that tried to read it would fail with a different error (or
    # run out of memory): ImageTooLarge proves the refusal came from the header alone.
    with pytest.raises(ImageTooLarge):
        decode_image(_png_header_only(*size), max_pixels=LIMIT)


def test_pixel_limit_is_the_callers():
    data = encode(_test_pattern(1000, 800), "PNG")
    with pytest.raises(ImageTooLarge):
        decode_image(data, max_pixels=500_000)
    assert decode_image(data, max_pixels=800_000).shape == (800, 1000, 3)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"hello, this is not an image at all",
        b"%PDF-1.7\n" + b"0" * 200,
    ],
    ids=["empty", "text", "pdf"],
)
def test_non_images_are_unreadable(data):
    with pytest.raises(UnreadableImage):
        decode_image(data, max_pixels=LIMIT)


def test_truncated_jpeg_is_unreadable():
    data = encode(_test_pattern(800, 600), "JPEG")
    with pytest.raises(UnreadableImage):
        decode_image(data[: len(data) // 3], max_pixels=LIMIT)


@pytest.mark.parametrize("size", [(1, 1), (8, 400)])
def test_images_too_small_to_hold_text_are_unreadable(size):
    data = encode(np.zeros((size[1], size[0], 3), np.uint8), "PNG")
    with pytest.raises(UnreadableImage):
        decode_image(data, max_pixels=LIMIT)


def test_unsupported_format_is_unreadable():
    buffer = io.BytesIO()
    Image.new("RGB", (100, 100), "white").save(buffer, format="GIF")
    with pytest.raises(UnreadableImage):
        decode_image(buffer.getvalue(), max_pixels=LIMIT)


def test_transparent_png_lies_on_white():
    rgba = np.zeros((100, 100, 4), np.uint8)  # fully transparent black
    buffer = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buffer, format="PNG")
    image = decode_image(buffer.getvalue(), max_pixels=LIMIT)
    assert image.shape == (100, 100, 3)
    assert int(image.min()) == 255


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_large_images_of_other_formats_shrink_by_a_whole_factor(fmt):
    data = encode(np.full((1200, 1600, 3), 200, np.uint8), fmt)
    image = decode_image(data, max_pixels=LIMIT, max_side=500)
    assert image.shape == (400, 534, 3)  # a third (rounded up): the longer side stays >= 500
