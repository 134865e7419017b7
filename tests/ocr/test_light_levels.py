"""The light stage's median from a histogram equals np.median, and ink and texture share one ground."""

from __future__ import annotations

import numpy as np
import pytest
from cardphotos import on_desk, render_card

from ocr.cleanup import light
from ocr.cleanup.light import ink_and_texture, ink_on_white, median_level, texture, to_gray


@pytest.mark.parametrize("size", [1, 2, 3, 10, 11, 1000, 1001])
def test_the_histogram_median_is_numpys_exactly(size):
    rng = np.random.default_rng(size)
    for levels in (
        rng.integers(0, 256, size, dtype=np.uint8),
        rng.integers(0, 4, size, dtype=np.uint8),  # long runs of one value: the even-size midpoint
        np.full(size, 255, dtype=np.uint8),
    ):
        assert median_level(levels) == float(np.median(levels))


def test_an_even_count_takes_the_midpoint_of_the_two_middle_levels():
    assert median_level(np.array([[0, 1], [8, 9]], dtype=np.uint8)) == 4.5


def test_other_types_are_left_to_numpy():
    values = np.array([0.5, 2.5, 1.0])
    assert median_level(values) == 1.0


def test_ink_and_texture_together_are_each_alone():
    gray = to_gray(on_desk(render_card(), angle=3, seed=2)[0])
    ink, typical = ink_and_texture(gray)
    assert np.array_equal(ink, ink_on_white(gray))
    assert typical == texture(gray) == float(np.median(light._distance_from_ground(gray)))


def test_a_view_of_an_image_has_the_median_of_its_own_pixels():
    levels = np.random.default_rng(7).integers(0, 256, (300, 400), dtype=np.uint8)
    view = levels[10:250:3, 40:390:2]  # not contiguous
    assert median_level(view) == float(np.median(view))


def test_border_ink_is_cleared_as_numpy_isin_would_clear_it():
    import cv2

    ink = np.full((200, 300), 255, np.uint8)
    cv2.rectangle(ink, (0, 50), (40, 60), 0, -1)  # a strip touching the left border
    cv2.putText(ink, "Jane 42", (60, 120), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)  # text inside
    cv2.line(ink, (120, 199), (180, 150), 0, 2)  # a desk edge running into the bottom border
    _, dark = cv2.threshold(ink, 160, 255, cv2.THRESH_BINARY_INV)
    _, labels = cv2.connectedComponents(dark, connectivity=8)
    touching = np.unique(
        np.concatenate(
            [labels[:2].ravel(), labels[-2:].ravel(), labels[:, :2].ravel(), labels[:, -2:].ravel()]
        )
    )
    expected = ink.copy()
    expected[np.isin(labels, touching[touching > 0])] = 255
    cleared = light.clear_border(ink)
    assert np.array_equal(cleared, expected)
    assert (cleared[80:121, 60:280] < 128).any()  # the text is kept
    assert (cleared[:, :2] == 255).all()  # the ink at the border is gone
