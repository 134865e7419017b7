"""Cleanup stages on drawn photos: finding and flattening the card, light, scale, orientation, skew."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from cardphotos import on_desk, render_card

from ocr.cleanup.card import find_card, order_corners
from ocr.cleanup.light import ink_on_white, to_gray
from ocr.cleanup.orient import (
    deskew,
    line_direction_scores,
    profile_skew_angle,
    rotate_quarter,
    skew_angle,
)
from ocr.cleanup.scale import TARGET_GLYPH_HEIGHT, glyph_height, scale_for_ocr
from ocr.cleanup.warp import warp_card


def _corner_error(found: np.ndarray, truth: np.ndarray) -> float:
    """Largest distance between matching corners, as a share of the card's diagonal."""
    diagonal = float(np.linalg.norm(truth[2] - truth[0]))
    return float(np.max(np.linalg.norm(found - truth, axis=1))) / diagonal


@pytest.mark.parametrize(
    ("angle", "tilt"),
    [(0.0, 0.0), (12.0, 0.0), (-25.0, 0.08), (4.0, 0.15)],
    ids=["straight", "turned", "turned-tilted", "perspective"],
)
def test_card_corners_are_found_near_the_truth(angle, tilt):
    photo, truth = on_desk(render_card(), angle=angle, tilt=tilt)
    quad = find_card(photo)
    assert quad is not None
    assert _corner_error(quad.corners, truth) < 0.02


def test_a_card_with_a_dark_logo_panel_is_found_whole_not_just_the_panel():
    photo, truth = on_desk(render_card(panel=(25, 25, 30)), angle=-8, desk=(150, 150, 150))
    quad = find_card(photo)
    assert quad is not None
    assert _corner_error(quad.corners, truth) < 0.03


def _on_ruled_paper(photo: np.ndarray, truth: np.ndarray, spacing: int = 60) -> np.ndarray:
    """Blue rulings drawn across the desk (a notebook page) but not over the card."""
    height, width = photo.shape[:2]
    rulings = np.zeros((height, width), np.uint8)
    for y in range(20, height, spacing):
        cv2.line(rulings, (0, y), (width, y), 255, 2)
    card = np.zeros_like(rulings)
    cv2.fillConvexPoly(card, truth.round().astype(np.int32), 255)
    rulings[card > 0] = 0
    ruled = photo.copy()
    ruled[rulings > 0] = (0.6 * ruled[rulings > 0] + 0.4 * np.array([200, 170, 150])).astype(np.uint8)
    return ruled


def _corner_error_any_start(found: np.ndarray, truth: np.ndarray) -> float:
    """_corner_error whichever corner the card's printed top-left turned up at (a card turned 90 degrees)."""
    return min(_corner_error(np.roll(found, k, axis=0), truth) for k in range(4))


@pytest.mark.parametrize("angle", [7.0, -15.0, 85.0], ids=["turned", "turned-back", "sideways"])
def test_a_light_card_on_ruled_light_paper_is_found(angle):
    # Card and paper differ by a few levels only; the rulings cut every region mask into strips.
    photo, truth = on_desk(render_card(), angle=angle, desk=(236, 232, 238), scale=0.55)
    quad = find_card(_on_ruled_paper(photo, truth))
    assert quad is not None
    assert _corner_error_any_start(quad.corners, truth) < 0.03


def test_a_ruled_page_without_a_card_has_no_card():
    page = np.full((1200, 1600, 3), (236, 232, 238), np.uint8)
    assert find_card(_on_ruled_paper(page, np.zeros((4, 2), np.float32))) is None


def test_a_card_beside_a_sheet_touching_it_is_found_without_the_sheet():
    # A coloured sheet under the card's right edge: region masks merge the two into one larger quad.
    photo, truth = on_desk(render_card(), angle=3, desk=(200, 200, 195), scale=0.55, shade=False)
    right = int(truth[:, 0].max())
    top, bottom = int(truth[:, 1].min()) + 60, int(truth[:, 1].max()) - 60
    sheet = np.zeros(photo.shape[:2], np.uint8)
    cv2.rectangle(sheet, (right - 80, top), (right + 180, bottom), 255, -1)
    card = np.zeros_like(sheet)
    cv2.fillConvexPoly(card, truth.round().astype(np.int32), 255)
    photo[(sheet > 0) & (card == 0)] = (150, 120, 60)
    quad = find_card(photo)
    assert quad is not None
    assert _corner_error(quad.corners, truth) < 0.03


def test_a_scan_that_is_all_card_falls_back_to_the_whole_frame():
    assert find_card(render_card()) is None


def test_noise_and_blank_frames_have_no_card():
    rng = np.random.default_rng(1)
    assert find_card(rng.integers(0, 255, (900, 1200, 3), dtype=np.uint8)) is None
    assert find_card(np.full((900, 1200, 3), 128, np.uint8)) is None


def test_order_corners_starts_top_left_and_runs_clockwise():
    shuffled = np.array([[90, 95], [10, 5], [12, 90], [100, 8]], np.float32)
    assert order_corners(shuffled).tolist() == [[10, 5], [100, 8], [90, 95], [12, 90]]


def test_warp_makes_the_card_rectangular_with_its_proportions():
    card = render_card()
    photo, truth = on_desk(card, angle=20, tilt=0.1)
    flat = warp_card(photo, truth)
    height, width = flat.shape[:2]
    assert width / height == pytest.approx(card.shape[1] / card.shape[0], rel=0.08)
    # the bold name sits in the top-left quarter of the flattened card, as printed
    ink = to_gray(flat) < 100
    assert ink[: height // 4, : width // 2].mean() > ink[height // 2 :, width // 2 :].mean()


def test_ink_on_white_makes_light_text_on_a_dark_card_dark_on_white():
    dark = render_card(paper=(40, 30, 25), ink=(235, 235, 235))
    out = ink_on_white(to_gray(dark))
    text_mask = to_gray(dark) > 128  # where the white letters were printed
    assert out[text_mask].mean() < 90  # letters are now dark
    assert out[~text_mask].mean() > 200  # the dark card is now white paper


def test_ink_on_white_handles_both_polarities_on_one_card():
    card = render_card()
    card[300:, :] = (160, 110, 40)  # a blue band across the bottom ...
    cv2.putText(card, "white text", (80, 480), cv2.FONT_HERSHEY_SIMPLEX, 2.0, (255, 255, 255), 5)
    gray = to_gray(card)
    out = ink_on_white(gray)
    band_text = (gray > 200) & (np.arange(gray.shape[0])[:, None] > 380)
    assert out[band_text].mean() < 100  # white on blue came out as ink
    assert out[400:, 800:].mean() > 220  # empty band area is paper
    assert out[60:130, 70:400].min() < 60  # the black name above is still ink


def test_ink_on_white_removes_a_shadow_gradient():
    card = render_card()
    gradient = np.linspace(1.0, 0.35, card.shape[1], dtype=np.float32)[None, :, None]
    shaded = (card.astype(np.float32) * gradient).astype(np.uint8)
    out = ink_on_white(to_gray(shaded))
    paper = out[520:590, 50:1000]  # an empty strip across the whole gradient
    assert paper.mean() > 230 and paper.std() < 15


def test_scale_brings_text_to_the_target_height():
    small = cv2.resize(to_gray(render_card()), None, fx=0.4, fy=0.4, interpolation=cv2.INTER_AREA)
    scaled, factor = scale_for_ocr(ink_on_white(small))
    assert factor > 1.5
    assert glyph_height(scaled) == pytest.approx(TARGET_GLYPH_HEIGHT, rel=0.25)


def test_a_card_on_its_side_is_scaled_by_its_glyphs_height_across_the_image():
    gray = ink_on_white(to_gray(render_card()))
    _, upright = scale_for_ocr(gray)
    on_its_side = rotate_quarter(gray, 90)
    assert scale_for_ocr(on_its_side, lines_run_down=True)[1] == pytest.approx(upright, rel=0.01)
    # Measured down the image, a glyph's 'height' is its width: the card would be scaled otherwise.
    assert scale_for_ocr(on_its_side)[1] != pytest.approx(upright, rel=0.1)


def test_scale_leaves_blank_images_alone():
    blank = np.full((600, 1000), 255, np.uint8)
    assert glyph_height(blank) is None
    assert scale_for_ocr(blank)[1] == 1.0


def test_rotate_quarter_turns_clockwise_exactly():
    image = np.zeros((2, 3), np.uint8)
    image[0, 0] = 255  # top-left
    turned = rotate_quarter(image, 90)
    assert turned.shape == (3, 2) and turned[0, 1] == 255  # top-left went to top-right
    assert np.array_equal(rotate_quarter(rotate_quarter(image, 90), 270), image)
    with pytest.raises(ValueError):
        rotate_quarter(image, 45)


@pytest.mark.parametrize("angle", [-6.0, 3.0])
def test_residual_skew_is_measured_and_removed(angle):
    gray = ink_on_white(to_gray(render_card()))
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)  # counter-clockwise positive
    skewed = cv2.warpAffine(gray, matrix, (width, height), borderValue=255)
    assert skew_angle(skewed) == pytest.approx(angle, abs=1.0)
    straight, applied = deskew(skewed)
    assert applied == pytest.approx(-angle, abs=1.0)
    assert abs(skew_angle(straight)) < 0.8


def _turned(gray: np.ndarray, angle: float) -> np.ndarray:
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)  # counter-clockwise positive
    return cv2.warpAffine(gray, matrix, (width, height), borderValue=255)


@pytest.mark.parametrize("angle", [-8.0, 2.5, 11.0])
def test_the_projection_profile_measures_the_skew_of_text_lines(angle):
    gray = ink_on_white(to_gray(render_card()))
    assert profile_skew_angle(_turned(gray, angle)) == pytest.approx(angle, abs=0.3)
    assert abs(profile_skew_angle(gray)) < 0.3


def test_the_projection_profile_sees_no_angle_in_noise_or_a_blank_card():
    rng = np.random.default_rng(7)
    noise = np.where(rng.random((600, 1000)) < 0.05, 0, 255).astype(np.uint8)
    assert abs(profile_skew_angle(noise)) < 0.4  # below MIN_SKEW: nothing is turned
    assert profile_skew_angle(np.full((600, 1000), 255, np.uint8)) == 0.0


def test_a_card_of_few_large_lines_is_straightened_when_its_lines_are_known_to_run_across():
    # Two lines of large type: too few line blobs for skew_angle, so only the profile measures it, and
    # only where the caller knows the lines run across the card (on text running up it would invent one).
    big = render_card((("Jane Doe", 110, True), ("Librarian", 110, False)))
    skewed = _turned(ink_on_white(to_gray(big)), 6.0)
    assert skew_angle(skewed) == 0.0
    assert deskew(skewed)[1] == 0.0
    straight, applied = deskew(skewed, lines_level=True)
    assert applied == pytest.approx(-6.0, abs=0.3)
    assert abs(profile_skew_angle(straight)) < 0.3


def test_the_profile_is_not_asked_where_the_line_blobs_measure_the_card_level(monkeypatch):
    def no_profile(gray):
        raise AssertionError("the blobs measured this card: the profile has no say")

    monkeypatch.setattr("ocr.cleanup.orient.profile_skew_angle", no_profile)
    gray = ink_on_white(to_gray(render_card()))
    out, applied = deskew(gray, lines_level=True)
    assert applied == 0.0 and out is gray


def test_straight_text_is_left_alone():
    gray = ink_on_white(to_gray(render_card()))
    out, applied = deskew(gray)
    assert applied == 0.0 and out is gray


def test_text_lines_running_vertically_are_told_from_horizontal_ones():
    gray = ink_on_white(to_gray(render_card()))
    horizontal, vertical = line_direction_scores(gray)
    assert horizontal > 3 * vertical
    horizontal, vertical = line_direction_scores(rotate_quarter(gray, 90))
    assert vertical > 3 * horizontal
