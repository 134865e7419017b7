"""Meishi's card reader: image bytes in, a structured contact out.

    from ocr import read_card, ReadOptions
    reading = read_card(Path("card.jpg").read_bytes(), ReadOptions(region="US"))
    reading.contact.to_contract()

This package imports neither FastAPI nor a database, so the service, the CLI, workers and the benchmarks
all call the same function.
"""

from ocr.errors import (
    EngineUnavailable,
    ImageTooLarge,
    OcrTimeout,
    ReadError,
    TesseractMissing,
    UnreadableImage,
)
from ocr.types import Box, CardReading, Contact, Extraction, Line, Phone, ReadOptions, Word

__all__ = [
    "Box",
    "CardReading",
    "Contact",
    "EngineUnavailable",
    "Extraction",
    "ImageTooLarge",
    "Line",
    "OcrTimeout",
    "Phone",
    "ReadError",
    "ReadOptions",
    "TesseractMissing",
    "UnreadableImage",
    "Word",
    "read_card",
]


def read_card(data: bytes, options: ReadOptions | None = None) -> CardReading:
    """Read one business-card photo. Raises a ReadError subclass for input that cannot be read."""
    from ocr.pipeline import run_pipeline  # deferred: OpenCV loads only when a card is read

    return run_pipeline(data, options or ReadOptions())
