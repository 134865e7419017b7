"""Meishi's card reader: image bytes in, a structured contact out.

    from ocr import read_card, ReadOptions
    reading = read_card(Path("card.jpg").read_bytes(), ReadOptions(region="US"))
    reading.contact.to_contract()

This package imports neither FastAPI nor a database, so the service, the CLI, workers and the benchmarks
all call the same function. This module is the reader's one door: the service imports only what it
exports (and the value types and errors of `ocr.types` and `ocr.errors`), an import-linter contract checks
that, and importing it loads nothing heavy (OpenCV and the engines load when a card is read).
"""

import importlib

from ocr.engines.registry import ENGINES, available_engines, check_engine
from ocr.engines.threads import share_cores
from ocr.errors import (
    EngineUnavailable,
    ImageTooLarge,
    OcrTimeout,
    ReadError,
    TesseractMissing,
    UnreadableImage,
)
from ocr.types import Box, CardReading, Contact, Engine, Extraction, Line, Phone, ReadOptions, Word

# What a process that reads cards loads before it forks its readers, so they share it.
READER_MODULES = ("ocr.pipeline",)

__all__ = [
    "ENGINES",
    "READER_MODULES",
    "Box",
    "CardReading",
    "Contact",
    "Engine",
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
    "available_engines",
    "check_engine",
    "preload",
    "read_card",
    "share_cores",
]


def read_card(data: bytes, options: ReadOptions | None = None) -> CardReading:
    """Read one business-card photo. Raises a ReadError subclass for input that cannot be read."""
    from ocr.pipeline import run_pipeline  # deferred: OpenCV loads only when a card is read

    return run_pipeline(data, options or ReadOptions())


def preload() -> None:
    """Load the reader's modules now (OpenCV, the pipeline), before forking processes that read cards."""
    for name in READER_MODULES:
        importlib.import_module(name)
