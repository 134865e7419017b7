"""Which OCR engines a reading uses, by the name in ReadOptions.engine.

"tesseract" is always there; "rapidocr" comes with the optional extra (`pip install meishi[rapidocr]`)
and is imported only when asked for; "both" runs the two and merges their words.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, get_args

from ocr.errors import EngineUnavailable
from ocr.types import Engine

if TYPE_CHECKING:  # the engines' modules load OpenCV and numpy: only when a card is read
    from ocr.engines.base import OcrEngine

ENGINES: tuple[Engine, ...] = get_args(Engine)  # every value of the `engine` option
_NEED_RAPIDOCR = frozenset({"rapidocr", "both"})


def available_engines() -> tuple[Engine, ...]:
    """The values of the `engine` option this installation can read with (`auto` falls back to Tesseract
    alone without the extra, so it is always there)."""
    installed = _rapidocr_installed()
    return tuple(name for name in ENGINES if installed or name not in _NEED_RAPIDOCR)


def check_engine(name: str) -> None:
    """Raise EngineUnavailable, with what to do about it, unless `name` is an engine this installation has."""
    if name not in ENGINES:
        raise EngineUnavailable(f"unknown OCR engine {name!r} (tesseract, rapidocr, auto, both)")
    if name in _NEED_RAPIDOCR and not _rapidocr_installed():
        raise EngineUnavailable("RapidOCR needs the extra: pip install 'meishi[rapidocr]'")


def engines_for(name: str) -> list[OcrEngine]:
    """The engines `name` stands for, in the order their words are preferred when merged."""
    if name in {"tesseract", "auto"}:
        return [_tesseract()]
    check_engine(name)
    if name == "rapidocr":
        return [_rapidocr()]
    return [_tesseract(), _rapidocr()]  # both


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
