"""Which OCR engines a reading uses, by the name in ReadOptions.engine.

"tesseract" is always there; "rapidocr" comes with the optional extra (`pip install meishi[rapidocr]`)
and is imported only when asked for; "both" runs the two and merges their words.
"""

from __future__ import annotations

from functools import cache

from ocr.engines.base import OcrEngine
from ocr.errors import EngineUnavailable


def engines_for(name: str) -> list[OcrEngine]:
    """The engines `name` stands for, in the order their words are preferred when merged."""
    if name in {"tesseract", "auto"}:
        return [_tesseract()]
    if name in {"rapidocr", "both"} and not _rapidocr_installed():
        raise EngineUnavailable("RapidOCR needs the extra: pip install 'meishi[rapidocr]'")
    if name == "rapidocr":
        return [_rapidocr()]
    if name == "both":
        return [_tesseract(), _rapidocr()]
    raise EngineUnavailable(f"unknown OCR engine {name!r} (tesseract, rapidocr, auto, both)")


@cache
def _tesseract() -> OcrEngine:
    from ocr.engines.tesseract import TesseractEngine

    return TesseractEngine()


@cache
def _rapidocr() -> OcrEngine:
    try:
        from ocr.engines.rapidocr import RapidOcrEngine  # type: ignore[import-not-found]
    except ImportError as exc:
        raise EngineUnavailable("RapidOCR needs the extra: pip install 'meishi[rapidocr]'") from exc
    return RapidOcrEngine()


def _rapidocr_installed() -> bool:
    from ocr.engines.rapidocr import available  # imports no RapidOCR code: only looks for the packages

    return available()
