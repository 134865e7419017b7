"""Out-of-focus photos are found by how far their ink's edges spread, and only they are sharpened."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from cardphotos import encode, render_card

from ocr import ReadOptions, read_card
from ocr.cleanup.sharpen import BLURRED_SPREAD, blur_width, edge_spread, sharpened
from ocr.pipeline import OUT_OF_FOCUS

TESSERACT = ReadOptions(engine="tesseract")


def _text(blur: float = 0.0) -> np.ndarray:
    gray = cv2.cvtColor(render_card(), cv2.COLOR_BGR2GRAY)
    return cv2.GaussianBlur(gray, (0, 0), blur) if blur else gray


def test_a_sharp_print_spreads_its_edges_over_few_pixels_and_a_blurred_one_over_more():
    sharp, soft, softer = (edge_spread(_text(b)) for b in (0.0, 2.0, 3.5))
    assert sharp is not None and soft is not None and softer is not None
    assert sharp < BLURRED_SPREAD < soft < softer
    assert blur_width(_text()) is None
    assert blur_width(_text(3.5)) == pytest.approx(0.8 * softer)


def test_a_blank_or_solid_image_has_no_edges_to_measure():
    assert edge_spread(np.full((200, 300), 240, np.uint8)) is None
    assert edge_spread(np.zeros((200, 300), np.uint8)) is None


def test_sharpening_steepens_the_edges_of_a_blurred_print_and_keeps_its_size_and_type():
    blurred = _text(3.5)
    width = blur_width(blurred)
    assert width is not None
    fixed = sharpened(blurred, width)
    assert fixed.shape == blurred.shape and fixed.dtype == np.uint8
    assert edge_spread(fixed) < edge_spread(blurred) - 0.5
    colour = cv2.cvtColor(blurred, cv2.COLOR_GRAY2BGR)
    assert sharpened(colour, width).shape == colour.shape


@pytest.mark.slow
def test_an_out_of_focus_photo_is_sharpened_says_so_and_reads():
    card = render_card()
    assert OUT_OF_FOCUS not in read_card(encode(card), TESSERACT).warnings
    reading = read_card(encode(cv2.GaussianBlur(card, (0, 0), 3.0)), TESSERACT)
    assert OUT_OF_FOCUS in reading.warnings
    assert reading.contact.emails == ("jane.doe@nypl.org",)
