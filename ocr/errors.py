"""Typed reader errors with stable codes; the service maps them to HTTP in one place."""

from __future__ import annotations


class ReadError(Exception):
    code = "read_failed"


class UnreadableImage(ReadError):
    """Not an image we can decode (wrong format, truncated, empty, too small)."""

    code = "unreadable_image"


class ImageTooLarge(ReadError):
    """More pixels than allowed: refused before decoding (decompression bombs)."""

    code = "image_too_large"


class OcrTimeout(ReadError):
    code = "ocr_timeout"


class TesseractMissing(ReadError):
    code = "tesseract_missing"


class EngineUnavailable(ReadError):
    """An optional OCR engine was asked for but its extra is not installed."""

    code = "engine_unavailable"
