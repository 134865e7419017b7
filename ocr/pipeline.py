"""The order of the card reader's stages, each timed: bytes in, CardReading out.

decode -> find card -> warp -> light (ink on white) -> scale (+ is there text at all?) -> upright (turn,
deskew) -> QR -> OCR engines and field extraction (ocr/strategy.py). Every stage is a small function in its
own module; this file only decides the order, what is passed on, and what is reported.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import cv2
import numpy as np

from ocr.cleanup.card import find_card
from ocr.cleanup.light import clear_border, ink_and_texture, to_gray
from ocr.cleanup.orient import line_direction_scores, rotate_quarter
from ocr.cleanup.scale import glyph_heights, scale_for_ocr
from ocr.cleanup.sharpen import blur_width, sharpened
from ocr.cleanup.warp import limit_side, warp_card
from ocr.confidence import calibrate
from ocr.decode import decode_image
from ocr.dots import with_lost_dots
from ocr.engines.registry import engines_for
from ocr.engines.threads import threads_for_this_process
from ocr.qr import QrResult, read_qr, start_reading_qr
from ocr.speculation import SpeculativeRead
from ocr.strategy import read_with_strategy, speculate
from ocr.types import CardReading, Contact, Extraction, Line, ReadOptions, Word
from ocr.upright import Upright, make_upright
from ocr.withhold import withhold

DECODE_SIDE = 2000  # px; photos decode at a reduced scale down to this (a card needs no more)
CARD_JPEG_QUALITY = 85
MIN_TEXT_GLYPHS = 5  # fewer letter-like shapes than this: nothing to read (blank, noise, not a card)
MAX_TEXTURE = 30.0  # gray levels; cards measure 0-5 (the busiest real one 25), sensor noise ~40


class _Stages:
    """Times named stages into a dict (seconds, rounded to 0.1 ms)."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = round(self.timings.get(name, 0.0) + time.perf_counter() - start, 4)


def run_pipeline(data: bytes, options: ReadOptions) -> CardReading:
    """Read one card photo; raises ReadError subclasses for input that cannot be read."""
    stages = _Stages()
    started = time.perf_counter()
    warnings: list[str] = []
    engines_for(options.engine)  # unknown/unavailable engine fails before any work

    with stages.stage("decode"):
        photo = decode_image(data, max_pixels=options.max_pixels, max_side=DECODE_SIDE)
    with stages.stage("find_card"):
        quad = find_card(photo)
    with stages.stage("warp"):
        # Held only in this list, so that _read_image can let the colour card go before OCR.
        cards = [warp_card(photo, quad.corners) if quad is not None else limit_side(photo)]
        del photo  # the full photo is the largest buffer; let it go before OCR
    if quad is None:
        warnings.append("card_edges_not_found")

    read = _read_image(cards, options, stages)
    if quad is not None and not read.lines and read.qr is None:
        # Nothing legible inside the quad: it may be a blank sheet or panel beside the card. Read the
        # whole frame instead, decoded again rather than kept (the photo is the largest buffer, and this
        # is the rare case), and keep that reading when it has text.
        with stages.stage("whole_frame"):
            cards = [limit_side(decode_image(data, max_pixels=options.max_pixels, max_side=DECODE_SIDE))]
        frame = _read_image(cards, options, stages)
        if frame.lines or frame.qr is not None:
            read, quad = frame, None
            warnings.append("card_edges_not_found")
    warnings.extend(read.warnings)
    lines, extraction, used, upright = read.lines, read.extraction, read.engines, read.upright
    if not lines and read.qr is None:
        warnings.append("no_text_found")

    with stages.stage("confidence"):
        confidence, needs_review = calibrate(extraction, engines=len([e for e in used if e != "none"]))
        contact, confidence, suggestions = withhold(extraction.contact, confidence)
    card_jpeg = None
    if options.keep_card_image:
        with stages.stage("encode_card"):
            card_jpeg = _jpeg(upright)
    stages.timings["total"] = round(time.perf_counter() - started, 4)

    words: tuple[Word, ...] = tuple(word for line in lines for word in line.words)
    return CardReading(
        contact=contact,
        confidence=confidence,
        needs_review=needs_review,
        suggestions=suggestions,
        sources=extraction.sources,
        text="\n".join(line.text for line in lines),
        words=words,
        corners=quad.as_tuples() if quad is not None else None,
        orientation=read.rotation,
        card_size=read.size,
        timings=stages.timings,
        warnings=tuple(warnings),
        engine="+".join(used),
        card_image=card_jpeg,
    )


@dataclass
class _ImageReading:
    lines: list[Line]
    extraction: Extraction
    engines: tuple[str, ...]
    warnings: list[str]
    qr: Contact | None
    upright: np.ndarray  # the colour card, turned like the OCR image
    rotation: int
    size: tuple[int, int]  # width, height of the OCR image


OUT_OF_FOCUS = "photo_out_of_focus"  # a warning: the photo was sharpened before OCR (ocr/cleanup/sharpen.py)


def _read_image(cards: list[np.ndarray], options: ReadOptions, stages: _Stages) -> _ImageReading:
    """Light, scale, orientation, QR, OCR and fields for the one colour image in `cards` (taken out)."""
    card = cards[0]  # held in `cards` too until the colour card is made (before_reading needs it)
    # Read on the card as warped (not yet upright) beside the stages that follow, when this reader has
    # the cores to itself; the result is taken after orientation (ocr/qr.py start_reading_qr).
    with stages.stage("qr"):  # the read itself for readers sharing the cores, else starting it
        qr = start_reading_qr(card, region=options.region, beside=threads_for_this_process() >= 2)
    with stages.stage("light"):
        flat, textured = _lit(card)
    with stages.stage("scale"):
        flat, factor, lines_run_down = _scaled(flat)
    with stages.stage("sharpen"):
        if (sigma := blur_width(flat)) is not None:
            # Out of focus: the colour card sharpened (the second engine reads it) and cleaned up again.
            card = cards[0] = sharpened(cards[0], sigma / factor)
            flat, textured = _lit(card)
            flat, factor, lines_run_down = _scaled(flat)
    with stages.stage("scale"):
        has_text = not textured and len(glyph_heights(flat)) >= MIN_TEXT_GLYPHS

    speculative: list[tuple[tuple[int, ...], float, SpeculativeRead]] = []
    coloured = _Stages()  # the colour card made inside the orientation stage is timed as card_image

    def before_reading(shape: tuple[int, ...], skew: float) -> bool:
        # The colour card as it will be if Tesseract's reading finds the card upright, and RapidOCR's
        # whole-card read of it started now, beside that reading, in case `auto` asks for it.
        with coloured.stage("card_image"):
            color = _upright_color(cards[0], shape, 0, skew)
        if (read := speculate(color, options)) is not None:
            speculative.append((shape, skew, read))
        return read is not None

    started: SpeculativeRead | None = None
    try:
        with stages.stage("orient"):
            upright_card = (
                make_upright(flat, options, before_reading, lines_run_down=lines_run_down)
                if has_text
                else Upright(flat, 0, 0.0)
            )
            flat, rotation, skew = upright_card.image, upright_card.rotation, upright_card.skew
        if speculative:
            shape, straightened, started = speculative.pop()
            if (rotation, skew, shape) != (0, straightened, flat.shape):
                started.cancel()  # the card was turned after all: that read is of the wrong pixels
                started = None
        # A Tesseract reading made to check the orientation is the OCR stage's (the engine reuses it).
        made = coloured.timings.get("card_image", 0.0)
        stages.timings["orient"] = round(stages.timings["orient"] - upright_card.tesseract_s - made, 4)
        with stages.stage("card_image"):
            made_now = started.color if started is not None else None
            upright = made_now if made_now is not None else _upright_color(card, flat.shape, rotation, skew)
            del card
            cards.clear()
        stages.timings["card_image"] = round(stages.timings["card_image"] + made, 4)
        reading = _Upright(flat, upright, rotation, upright_card.tesseract_s)
        image_reading = _read_upright(reading, has_text, options, stages, started, qr)
        if sigma is not None:
            image_reading.warnings.insert(0, OUT_OF_FOCUS)
        return image_reading
    finally:
        for _, _, read in speculative:  # a failure inside the orientation stage
            read.cancel()
        if started is not None:  # whatever happened, the read ends with the card (no-op once used)
            started.cancel()


def _scaled(lit: np.ndarray) -> tuple[np.ndarray, float, bool]:
    """The lit card scaled for OCR, the factor, and whether its lines run up or down the image (measured
    on the scaled card, where the orientation stage measured it). A card on its side has its glyphs'
    height across the image, so it is scaled again by that (docs/reader.md, "Cards on their side,
    scaled")."""
    flat, factor = scale_for_ocr(lit)
    across, down = line_direction_scores(flat)
    if across < down:
        flat, factor = scale_for_ocr(lit, lines_run_down=True)
    return flat, factor, across < down


def _lit(card: np.ndarray) -> tuple[np.ndarray, bool]:
    """The card as ink on white, its border cleared, and whether it is too textured to hold text."""
    ink, typical_distance = ink_and_texture(to_gray(card))
    return clear_border(ink), typical_distance > MAX_TEXTURE


@dataclass
class _Upright:
    flat: np.ndarray  # the card for Tesseract
    color: np.ndarray  # the same card in colour (RapidOCR, QR)
    rotation: int
    tesseract_s: float  # the orientation check's Tesseract reading, reused by the OCR stage


def _read_upright(
    card: _Upright,
    has_text: bool,
    options: ReadOptions,
    stages: _Stages,
    speculative: SpeculativeRead | None,
    qr: Callable[[], QrResult],
) -> _ImageReading:
    """OCR and fields for the upright card; `speculative`: RapidOCR's read of it, already started; `qr`:
    the card's QR code, read or being read (the wait for it is the qr stage)."""
    flat, upright, rotation = card.flat, card.color, card.rotation
    with stages.stage("qr"):
        qr_contact, payload = qr()
        if payload is None and rotation:  # OpenCV's detector misses codes upside down or on their side
            qr_contact, payload = read_qr(upright, region=options.region)
    warnings: list[str] = []
    if has_text:
        # The engine strategy (ocr/strategy.py) runs the OCR engines and field extraction, timing each.
        def extract(found: list[Line]) -> Extraction:
            return with_lost_dots(flat, found, _extract(found, region=options.region, qr=qr_contact))

        read = read_with_strategy(flat, upright, options, extract=extract, speculative=speculative)
        lines, extraction, used = read.lines, read.extraction, read.engines
        for name, seconds in read.timings.items():  # added: a second reading (whole frame) adds to the first
            stages.timings[name] = round(stages.timings.get(name, 0.0) + seconds, 4)
        if "ocr_tesseract" in read.timings:
            stages.timings["ocr_tesseract"] = round(stages.timings["ocr_tesseract"] + card.tesseract_s, 4)
        stages.timings["ocr"] = round(sum(t for k, t in stages.timings.items() if k.startswith("ocr_")), 4)
        warnings.extend(read.warnings)
    else:  # blank, noise, a photo of something else: OCR would only invent words (and take long)
        lines, used = [], ("none",)
        with stages.stage("extract"):
            extraction = _extract(lines, region=options.region, qr=qr_contact)
    return _ImageReading(
        lines,
        extraction,
        tuple(used),
        warnings,
        qr_contact,
        upright,
        rotation,
        (flat.shape[1], flat.shape[0]),
    )


def _upright_color(card: np.ndarray, shape: tuple[int, ...], rotation: int, skew: float) -> np.ndarray:
    """The colour card turned and straightened like the OCR image, at its size (boxes refer to it)."""
    turned = rotate_quarter(card, rotation)
    height, width = shape[:2]
    if turned.shape[:2] != (height, width):
        turned = cv2.resize(turned, (width, height), interpolation=cv2.INTER_AREA)
    if skew:
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), skew, 1.0)
        turned = cv2.warpAffine(turned, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE)
    return turned


def _extract(lines: list[Line], *, region: str | None, qr: Contact | None) -> Extraction:
    from ocr.extract import extract_fields  # the extraction package loads its lexicons on first use

    return extract_fields(lines, region=region, qr=qr)


def _jpeg(image: np.ndarray) -> bytes:
    ok, buffer = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, CARD_JPEG_QUALITY])
    return buffer.tobytes() if ok else b""
