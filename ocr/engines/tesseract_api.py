"""Tesseract run inside this process through its C++ API (tesserocr), with the same page segmentation,
engine and language data as the `tesseract` command.

A pytesseract call starts a `tesseract` process that loads its language model before it reads, and the
image travels through a temporary file: about 0.2 s of CPU per call on the 2-core reference machine, and a
card is read by Tesseract one to three times (docs/reader.md, "Where the time goes"). Here each language's
model is loaded once per process and kept, and the pixels are handed over in memory.

The API object is not thread-safe, so one lock guards all of them; OCR runs in worker processes
(app/scans/runner.py), where it is never contended. `MEISHI_TESSERACT=cli` (or tesserocr missing) keeps
the command-line path; the language data is the installed `tesseract`'s, found by asking it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
from collections import OrderedDict
from functools import cache
from typing import Any

import numpy as np
import pytesseract

try:
    import tesserocr
except ImportError:  # an installation without the wheel reads through the command line
    tesserocr = None

# Loaded models kept per process. Each holds its languages' LSTM models in memory (English alone 30 MB,
# English with Portuguese 53 MB), and the accents pass's combination (one card in nine on the real cards)
# stayed loaded beside English through the second engine's detection, the reader's largest moment: the
# peak of the cards after one rose by 20-50 MB. So only the language every card is read in stays loaded
# between readings, and another is loaded for its reading and let go after it (about 0.1 s on those cards).
MAX_LOADED = 2  # the kept language and the one being read
KEPT_LANGUAGE = "eng"
_PSM = re.compile(r"--psm\s+(\d+)")
_OEM = re.compile(r"--oem\s+(\d+)")
_TESSDATA_LISTED = re.compile(r'languages in "([^"]+)"')
_lock = threading.Lock()
_loaded: OrderedDict[tuple[str, int, int], Any] = OrderedDict()


class Timeout(Exception):
    """Recognition was cancelled at its deadline."""


def in_process() -> bool:
    """Whether Tesseract runs in this process: tesserocr importable, language data found, not turned off."""
    return (
        tesserocr is not None
        and os.environ.get("MEISHI_TESSERACT", "").lower() != "cli"
        and tessdata_dir() is not None
    )


@cache
def tessdata_dir() -> str | None:
    """The installed `tesseract`'s language data folder (TESSDATA_PREFIX wins, as for the command)."""
    if prefix := os.environ.get("TESSDATA_PREFIX"):
        return prefix if prefix.endswith("/") else prefix + "/"
    command = shutil.which(pytesseract.pytesseract.tesseract_cmd)
    if command is None:
        return None
    try:
        listed = subprocess.run([command, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = _TESSDATA_LISTED.search(listed.stdout + listed.stderr)
    return found.group(1) if found else None


def image_to_data(image: np.ndarray, *, lang: str, config: str, timeout_s: float) -> dict[str, list[Any]]:
    """Tesseract's TSV for the image, as the dict pytesseract's `image_to_data(..., Output.DICT)` returns."""
    psm = int(m.group(1)) if (m := _PSM.search(config)) else 3
    oem = int(m.group(1)) if (m := _OEM.search(config)) else 3
    pixels = np.ascontiguousarray(image if image.ndim == 2 else image[:, :, ::-1])  # BGR -> RGB
    height, width = pixels.shape[:2]
    depth = 1 if pixels.ndim == 2 else pixels.shape[2]
    with _lock:
        api = _api(lang, psm, oem)
        api.SetImageBytes(pixels.tobytes(), width, height, depth, width * depth)
        if not api.Recognize(timeout=max(1, int(timeout_s * 1000))):
            api.Clear()
            raise Timeout(f"Tesseract took longer than {timeout_s} s")
        tsv = api.GetTSVText(0)
        api.Clear()
        if lang != KEPT_LANGUAGE:
            _loaded.pop((lang, psm, oem)).End()
    return _parse_tsv(tsv)


def _api(lang: str, psm: int, oem: int) -> Any:
    key = (lang, psm, oem)
    api = _loaded.get(key)
    if api is None:
        # Raises RuntimeError when the language data is missing, as the command fails on it.
        api = tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang=lang, psm=psm, oem=oem)
        _loaded[key] = api
        while len(_loaded) > MAX_LOADED:
            _, oldest = _loaded.popitem(last=False)
            oldest.End()
    _loaded.move_to_end(key)
    return api


# GetTSVText gives the rows without the header the command prints first; pytesseract's own parser wants it.
_TSV_COLUMNS = ("level", "page_num", "block_num", "par_num", "line_num", "word_num")
_TSV_HEADER = "\t".join((*_TSV_COLUMNS, "left", "top", "width", "height", "conf", "text")) + "\n"


def _parse_tsv(tsv: str) -> dict[str, list[Any]]:
    # An image without a word gives no rows, and the parser no columns.
    return pytesseract.pytesseract.file_to_dict(_TSV_HEADER + tsv, "\t", -1) or {
        column: [] for column in _TSV_HEADER.split()
    }
