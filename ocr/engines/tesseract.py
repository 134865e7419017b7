"""The only module that runs Tesseract: in this process where tesserocr is installed
(ocr/engines/tesseract_api.py), else through pytesseract; orientation detection always runs as a process.

Every call has a timeout. Outcomes are sorted the way OCRmyPDF's `_exec/tesseract.py` sorts them: a page
with too little text for orientation detection is harmless (None), a timeout is OcrTimeout, a missing
binary is TesseractMissing, anything else a ReadError raised from the original.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import subprocess
import threading
import time
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import pytesseract
from PIL import Image

from ocr.engines import tesseract_api
from ocr.engines.accents import accent_candidates_image, adopt_accents
from ocr.engines.lines import group_lines
from ocr.errors import OcrTimeout, ReadError, TesseractMissing
from ocr.types import Box, Line, Word

# OpenMP inside Tesseract doubles the time per card on 2 cores (docs/reader.md): parallelise across cards.
os.environ["OMP_THREAD_LIMIT"] = "1"

# psm 11 (sparse text, no order assumed) read business cards best for every preprocessing variant measured;
# oem 1 = the LSTM engine only (the only one the Debian traineddata carries reliably).
SPARSE_TEXT_CONFIG = "--oem 1 --psm 11"


@dataclass(frozen=True)
class Orientation:
    """Tesseract OSD: degrees to turn the image clockwise to make it upright, and how sure it is."""

    rotate: int
    confidence: float


class TesseractEngine:
    """Tesseract behind the engine seam. It remembers its last readings: the pipeline reads a card once to
    check that it is upright (twice when it tries the card turned), and the engine strategy asking again
    for the same pixels costs nothing."""

    name = "tesseract"

    def __init__(self, config: str = SPARSE_TEXT_CONFIG) -> None:
        self.config = config
        # At most REMEMBERED readings, the newest last; replaced whole, never changed in place, so a reader
        # on another thread sees one memory or the other.
        self._last: dict[bytes, list[Line]] = {}
        # The first language's words of the last image: reading it again with `eng+deu` after `eng`
        # (the reader picking the accent language from the English reading) costs only the `deu` pass.
        self._first: dict[bytes, list[Word]] = {}

    def forget(self) -> None:
        """Drop the remembered readings: the next read of the same pixels reads them (a benchmark timing
        several ways of reading one card in turn must not hand the second way the first way's reading)."""
        self._last = {}
        self._first = {}

    def read_lines(self, image: np.ndarray, *, lang: str, timeout_s: float) -> list[Line]:
        """Words with boxes and confidences (0..1), grouped into lines, in reading order.

        With several languages (`eng+deu+por`) the card is read with the first alone and with the others,
        and only accents are taken from the second reading (see ocr/engines/accents.py)."""
        key = _fingerprint(image, lang, self.config)
        if (remembered := self._last.get(key)) is not None:
            return list(remembered)
        first, _, others = lang.partition("+")
        words = self._first_words(image, first, timeout_s)
        masked = accent_candidates_image(image, words) if others else None
        if masked is not None:  # with the first language in the mix, Tesseract often keeps its English read
            words = adopt_accents(words, self._read_words(masked, others, timeout_s))
        lines = group_lines(words)
        self._last = _remembering(self._last, key, lines)
        return list(lines)

    def _first_words(self, image: np.ndarray, lang: str, timeout_s: float) -> list[Word]:
        key = _fingerprint(image, lang, self.config)
        if (remembered_words := self._first.get(key)) is not None:
            return list(remembered_words)
        words = self._read_words(image, lang, timeout_s)
        self._first = _remembering(self._first, key, words)
        return list(words)

    def _read_words(self, image: np.ndarray, lang: str, timeout_s: float) -> list[Word]:
        if tesseract_api.in_process():
            return _words(_run_in_process(image, lang=lang, config=self.config, timeout_s=timeout_s))
        data = _run(
            pytesseract.image_to_data,
            _as_pil(image),
            lang=lang,
            config=self.config,
            output_type=pytesseract.Output.DICT,
            timeout=timeout_s,
        )
        return _words(data)


T = TypeVar("T")
REMEMBERED = 2  # the card as it is and turned: the orientation check's two readings


def _remembering(memory: dict[bytes, T], key: bytes, value: T) -> dict[bytes, T]:
    """A new memory with `value` as the newest and the oldest beyond REMEMBERED dropped."""
    kept = [(k, v) for k, v in memory.items() if k != key] + [(key, value)]
    return dict(kept[-REMEMBERED:])


def _fingerprint(image: np.ndarray, lang: str, config: str) -> bytes:
    digest = hashlib.blake2b(np.ascontiguousarray(image).data, digest_size=16)
    digest.update(repr((image.shape, str(image.dtype), lang, config)).encode())
    return digest.digest()


def detect_orientation(image: np.ndarray, *, timeout_s: float) -> Orientation | None:
    """Tesseract's orientation detection; None when the image has too little text to tell."""
    return start_orientation(image, timeout_s=timeout_s).result()


def start_orientation(image: np.ndarray, *, timeout_s: float) -> PendingOrientation:
    """Orientation detection started in the background: ask for its result later, or cancel it."""
    return PendingOrientation(image, timeout_s)


class PendingOrientation:
    """Tesseract's orientation detection (OSD) running in its own process.

    pytesseract gives no handle on the process it runs, and OSD is the one call worth starting before it
    is known to be needed (ocr/upright.py starts it beside the reading that usually makes it unnecessary):
    a cancelled detection must stop at once, or it takes the core the next stage wants. So this runs the
    same command pytesseract would (`tesseract IMAGE stdout --psm 0`, the image piped in as PNM) and
    parses the output with pytesseract's own parser.
    """

    def __init__(self, image: np.ndarray, timeout_s: float) -> None:
        self._timeout_s = timeout_s
        self._deadline = time.monotonic() + timeout_s
        command = [pytesseract.pytesseract.tesseract_cmd, "stdin", "stdout", "--psm", "0"]
        try:
            self._process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
        except OSError as exc:  # no binary at that path (pytesseract's TesseractNotFoundError case)
            raise TesseractMissing("the tesseract binary is not installed or not on PATH") from exc
        self._output: tuple[bytes, bytes] = (b"", b"")
        self._talker = threading.Thread(target=self._talk, args=(_pnm(image),), daemon=True)
        self._talker.start()

    def _talk(self, image: bytes) -> None:
        # A process killed while the image is still being written (cancelled) has nothing to report.
        with contextlib.suppress(OSError, ValueError):
            self._output = self._process.communicate(image)

    def result(self) -> Orientation | None:
        """The detected orientation (waits for it); None when the image has too little text to tell."""
        self._talker.join(max(0.0, self._deadline - time.monotonic()))
        if self._talker.is_alive():
            self.cancel()
            raise OcrTimeout(f"Tesseract took longer than {self._timeout_s} s")
        output, errors = self._output
        if self._process.returncode:
            message = errors.decode(errors="replace")
            if "Too few characters" in message or "Invalid resolution" in message:
                return None
            raise ReadError(f"Tesseract failed: {message.strip()}")
        osd = pytesseract.pytesseract.osd_to_dict(output.decode(errors="replace"))
        if "rotate" not in osd or "orientation_conf" not in osd:
            return None
        return Orientation(rotate=int(osd["rotate"]) % 360, confidence=float(osd["orientation_conf"]))

    def cancel(self) -> None:
        """Stop the detection (its result is no longer wanted) and wait until its process is gone."""
        if self._process.poll() is None:
            self._process.kill()
        self._talker.join()


def tesseract_version() -> str:
    """The installed Tesseract's version; TesseractMissing when there is none."""
    return str(_run(pytesseract.get_tesseract_version))


def _run(function, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202 - a thin pass-through
    try:
        return function(*args, **kwargs)
    except pytesseract.TesseractNotFoundError as exc:
        raise TesseractMissing("the tesseract binary is not installed or not on PATH") from exc
    except pytesseract.TesseractError as exc:
        message = str(exc.message)
        if "Failed loading language" in message or "traineddata" in message:
            raise ReadError(f"Tesseract has no language data for {kwargs.get('lang')!r}") from exc
        raise ReadError(f"Tesseract failed: {message.strip()}") from exc
    except RuntimeError as exc:  # pytesseract signals its timeout with a bare RuntimeError
        if "timeout" in str(exc).lower():
            raise OcrTimeout(f"Tesseract took longer than {kwargs.get('timeout')} s") from exc
        raise ReadError(f"Tesseract failed: {exc}") from exc


def _run_in_process(image: np.ndarray, *, lang: str, config: str, timeout_s: float) -> dict[str, list]:
    try:
        return tesseract_api.image_to_data(image, lang=lang, config=config, timeout_s=timeout_s)
    except tesseract_api.Timeout as exc:
        raise OcrTimeout(str(exc)) from exc
    except RuntimeError as exc:  # tesserocr's failure to load a language's data
        raise ReadError(f"Tesseract has no language data for {lang!r}: {exc}") from exc


def _as_pil(image: np.ndarray) -> Image.Image:
    """A PIL image that pytesseract hands over as uncompressed PNM (PNG encoding costs tens of ms)."""
    pil = Image.fromarray(image if image.ndim == 2 else image[:, :, ::-1])
    pil.format = "PPM"  # pytesseract keeps a set format; Pillow writes PGM/PPM by mode
    return pil


def _pnm(image: np.ndarray) -> bytes:
    """The image as the uncompressed PNM bytes pytesseract would have written for it."""
    buffer = io.BytesIO()
    _as_pil(image).save(buffer, format="PPM")
    return buffer.getvalue()


def _words(data: dict[str, list]) -> list[Word]:
    words: list[Word] = []
    for text, conf, left, top, width, height in zip(
        data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"], strict=True
    ):
        text = str(text).strip()
        confidence = float(conf)
        if not text or confidence < 0:  # -1 marks block/paragraph/line rows, not words
            continue
        box = Box(int(left), int(top), int(width), int(height))
        words.append(Word(text, round(confidence / 100, 3), box))
    return words
