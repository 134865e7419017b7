"""The engine seam: every OCR engine turns an upright card image into lines of boxed words."""

from __future__ import annotations

from typing import Protocol

import numpy as np

from ocr.types import Line


class OcrEngine(Protocol):
    name: str

    def read_lines(self, image: np.ndarray, *, lang: str, timeout_s: float) -> list[Line]:
        """Lines of words with boxes (in `image` pixels) and confidences 0..1, top to bottom."""
        ...
