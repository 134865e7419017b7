"""Turn the card upright, paying for Tesseract's orientation detection (OSD) only when it is needed.

OSD at ~1200 px costs about as much as reading the card (docs/reader.md), and most cards arrive upright.
So: text lines running vertically (a card on its side) go to OSD straight away; otherwise the card is read
once as it is, and a reading that looks like real text (measured on the 27 real cards: upright readings
have a median word confidence of .84-.96, upside-down ones .39-.68) is accepted as upright. That reading
is not wasted: the Tesseract engine remembers it for the engine strategy that asks next. Only weak
readings (logos, odd fonts, an upside-down card) pay for OSD as well, and where OSD is unsure (below
OSD_MIN_CONFIDENCE) the turn it names, or the likely one, is read too and kept when the card reads clearly
better that way (docs/reader.md, "Cards photographed upside down").

A reader with a core to spare (a lone reader: the CLI on one card, a single worker; see
ocr/engines/threads.py) starts OSD beside that reading rather than after it, and cancels it when the
reading says upright: weak cards then wait for the longer of the two instead of both (OSD takes 0.2-0.6 s
on the busy real cards). Readers sharing the cores do not: there the second core is another card's.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from ocr.cleanup.orient import deskew, line_direction_scores, rotate_quarter
from ocr.engines.registry import engines_for
from ocr.engines.tesseract import Orientation, PendingOrientation, start_orientation
from ocr.engines.threads import threads_for_this_process
from ocr.languages import tesseract_languages
from ocr.types import ReadOptions

OSD_SIDE = 1200  # px; Tesseract's orientation detection is as good as at full size and much faster
OSD_MIN_CONFIDENCE = 1.5  # at or above this OSD's turn is taken as it is (docs/reader.md)
UPRIGHT_MIN_WORDS = 4  # words of 3+ letters
UPRIGHT_MIN_CONFIDENCE = 0.80  # their median confidence
# A turned card's reading is taken over the card's as it is when its median word confidence, or that of
# its better half, is this much higher (docs/reader.md, "Cards photographed upside down", "Cards on a
# textured ground").
TURNED_MIN_GAIN = 0.25
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(frozen=True)
class Upright:
    image: np.ndarray
    rotation: int  # clockwise quarter turn applied first
    skew: float  # then this straightening (degrees, counter-clockwise)
    tesseract_s: float = 0.0  # time spent reading the card with Tesseract (a reading kept for the OCR stage)


def make_upright(
    gray: np.ndarray,
    options: ReadOptions,
    before_reading: Callable[[tuple[int, ...], float], bool] | None = None,
    *,
    lines_run_down: bool | None = None,
) -> Upright:
    """The card image turned upright and straightened. `before_reading(shape, skew)` is called just before
    Tesseract reads the straightened card, with no quarter turn yet (the usual outcome): the pipeline starts
    the second engine's read beside it (ocr/speculation.py) and says whether it did. That read has the
    spare core then, so orientation detection is not started early beside the two: three at once on two
    cores slowed both readings, and the detection's process added its memory to both engines' (docs/
    reader.md, "Where the time goes")."""
    if lines_run_down is None:
        across, down = line_direction_scores(gray)
        lines_run_down = across < down
    if lines_run_down:
        return _on_its_side(gray, options)
    straight, skew = deskew(gray, lines_level=True)  # a half turn keeps the skew angle: straighten first
    if options.engine == "rapidocr":  # Tesseract will not read this card: its reading would be wasted
        rotation = _osd_turn(straight, options.timeout_s)
        return Upright(rotate_quarter(straight, rotation), rotation, skew)
    beside = before_reading is not None and before_reading(straight.shape, skew)
    started = time.perf_counter()
    spare_core = threads_for_this_process() >= 2 and not beside
    early = _start_osd(straight, options.timeout_s) if spare_core else None
    try:
        as_is = _reading_quality(straight, options)
    except BaseException:
        if early is not None:
            early.cancel()
        raise
    spent = time.perf_counter() - started
    if as_is.looks_upright:
        if early is not None:
            early.cancel()
        return Upright(straight, 0, skew, spent)
    found = (early or _start_osd(straight, options.timeout_s)).result()
    if found is not None and found.confidence >= OSD_MIN_CONFIDENCE:
        if not found.rotate:
            # Sure of the card as it is, and wrong on a card read upside down on a textured ground (2.15;
            # docs/reader.md, "Cards on a textured ground"): the half turn is read and kept when it reads
            # clearly better, as where OSD is unsure.
            return _turned_if_better(straight, skew, as_is, spent, options)
        # Sure is not always right: on a cluttered photo OSD named a half turn at 1.63 for a card that read
        # clearly better as it was (median .75 against .27 turned). The turned card is read anyway when the
        # turn is kept (the engine remembers the reading for the OCR stage), so the check costs a reading
        # only where OSD is overruled (docs/reader.md, "Cards askew").
        started = time.perf_counter()
        turned = rotate_quarter(straight, found.rotate)
        if as_is.clearly_better_than(_reading_quality(turned, options)):
            return Upright(straight, 0, skew, spent)
        return Upright(turned, found.rotate, skew, time.perf_counter() - started)
    # OSD is unsure. It still names the turn of most upside-down photos (1.02-1.32 on generated ones) and
    # names none for others; the card's lines run across it, so the turn to try is the one named, else a
    # half turn. It is taken when the card reads clearly better that way (docs/reader.md, "Cards
    # photographed upside down"); the engine remembers both readings, so the OCR stage reuses the one kept.
    candidate = found.rotate if found is not None and found.rotate else 180
    return _turned_if_better(straight, skew, as_is, spent, options, candidate)


def _turned_if_better(
    straight: np.ndarray, skew: float, as_is: _Quality, spent: float, options: ReadOptions, turn: int = 180
) -> Upright:
    """The card turned by `turn` when it reads clearly better so, else as it is (read in `spent` s)."""
    started = time.perf_counter()
    turned = rotate_quarter(straight, turn)
    if _reading_quality(turned, options).clearly_better_than(as_is):
        return Upright(turned, turn, skew, time.perf_counter() - started)
    return Upright(straight, 0, skew, spent)


def _on_its_side(gray: np.ndarray, options: ReadOptions) -> Upright:
    """A card whose text lines run up or down: turned a quarter either way, as OSD says when it is sure.
    Unsure, it still names the right quarter for most (generated cards turned: 5 of 5 at 0.28-1.48), so
    that quarter is read first and kept when it looks upright; else the other quarter is read too. When
    neither looks upright, the card is read as it is as well and kept when that looks upright: the line
    blobs take some upright cards for cards on their side (columns set close, a photo re-compressed),
    and the quarter that reads clearly better than the other was then taken over a card that read .96 as
    it was (docs/reader.md, "Cards on their side, scaled"). Else the quarter that reads clearly better is
    kept (neither: the card as it is, as before)."""
    found = _start_osd(gray, options.timeout_s).result()
    if found is None or found.confidence < OSD_MIN_CONFIDENCE:
        named = found.rotate if found is not None and found.rotate in (90, 270) else 90
        first = _turned_reading(gray, named, options)
        if first.quality.looks_upright:
            return first.upright
        second = _turned_reading(gray, 360 - named, options)
        if second.quality.looks_upright:
            return second.upright
        straight, skew = deskew(gray, lines_level=True)
        started = time.perf_counter()
        as_is = _reading_quality(straight, options)
        as_it_is = Upright(straight, 0, skew, time.perf_counter() - started)
        if as_is.looks_upright:
            return as_it_is
        for better, worse in ((second, first), (first, second)):
            if better.quality.clearly_better_than(worse.quality):
                return better.upright  # the engine remembers every reading: the one kept is not read again
        return as_it_is
    rotation = found.rotate
    # OSD is sure: the lines run across the card turned so, and straightening it is safe (docs/reader.md,
    # "Cards askew").
    straight, skew = deskew(rotate_quarter(gray, rotation), lines_level=True)
    return Upright(straight, rotation, skew)


@dataclass(frozen=True)
class _TurnedReading:
    upright: Upright
    quality: _Quality


def _turned_reading(gray: np.ndarray, rotation: int, options: ReadOptions) -> _TurnedReading:
    straight, skew = deskew(rotate_quarter(gray, rotation))
    started = time.perf_counter()
    quality = _reading_quality(straight, options)
    return _TurnedReading(Upright(straight, rotation, skew, time.perf_counter() - started), quality)


@dataclass(frozen=True)
class _Quality:
    """How much a reading looks like real text: its words of 3+ letters, their median confidence, and the
    median of the better half of them.

    A reading looks upright by the median of all: upside-down readings stay far below the threshold
    (.38-.43 at most, against .80), while the better half of one reaches .76 on a card of few words. Two
    readings of one card are compared by either: a textured ground (leather, wood, a patterned desk)
    adds as many weak 'words' to the card read the right way up as upside down, so that on a card whose
    own words read at .85-.96 the median of all was .38 against .32 turned, while the better halves
    were .94 and .44 (docs/reader.md, "Cards on a textured ground")."""

    words: int
    median: float
    better_half: float

    @property
    def looks_upright(self) -> bool:
        return self.words >= UPRIGHT_MIN_WORDS and self.median >= UPRIGHT_MIN_CONFIDENCE

    def clearly_better_than(self, other: _Quality) -> bool:
        return self.words >= UPRIGHT_MIN_WORDS and (
            self.median >= other.median + TURNED_MIN_GAIN
            or self.better_half >= other.better_half + TURNED_MIN_GAIN
        )


def _reading_quality(gray: np.ndarray, options: ReadOptions) -> _Quality:
    (tesseract,) = engines_for("tesseract")
    lines = tesseract.read_lines(gray, lang=tesseract_languages(options.lang), timeout_s=options.timeout_s)
    confidences = [w.confidence for line in lines for w in line.words if len(_LETTERS.findall(w.text)) >= 3]
    median = statistics.median(confidences) if confidences else 0.0
    return _Quality(len(confidences), median, better_half_median(confidences))


def better_half_median(confidences: list[float]) -> float:
    """The median of the upper half (the middle one included when odd); 0.0 for none."""
    if not confidences:
        return 0.0
    ranked = sorted(confidences, reverse=True)
    return statistics.median(ranked[: (len(ranked) + 1) // 2])


def _osd_turn(gray: np.ndarray, timeout_s: float) -> int:
    """Clockwise quarter turn making the card upright, by OSD on a reduced copy (0 when unsure)."""
    return _turn(_start_osd(gray, timeout_s))


def _start_osd(gray: np.ndarray, timeout_s: float) -> PendingOrientation:
    scale = min(1.0, OSD_SIDE / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    return start_orientation(small, timeout_s=timeout_s)


def _turn(pending: PendingOrientation) -> int:
    return _turn_of(pending.result())


def _turn_of(found: Orientation | None) -> int:
    if found is None or found.confidence < OSD_MIN_CONFIDENCE:
        return 0
    return found.rotate
