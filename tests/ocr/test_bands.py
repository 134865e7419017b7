"""A card's coloured band beyond the quad found for it is taken back in (ocr/cleanup/bands.py), and
nothing else is: an object behind the card, a sheet under it, the bare desk."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from cardphotos import font, on_desk, render_card
from PIL import Image, ImageDraw

from ocr.cleanup.bands import ALONG, _moved_side, _profile, _sample, widened_for_bands
from ocr.cleanup.card import DETECT_SIDE, find_card

BAND = 0.2  # of the card's height


def _banded_card(colour: tuple[int, int, int] = (40, 70, 150)) -> np.ndarray:
    """The test card with a footer band carrying a line of light text, as social-profile footers do."""
    card = render_card()
    height, width = card.shape[:2]
    image = Image.fromarray(card[:, :, ::-1])
    draw = ImageDraw.Draw(image)
    top = round(height * (1 - BAND))
    draw.rectangle((0, top, width, height), fill=colour[::-1])
    draw.text((90, top + 30), "linkedin.com/in/janedoe    x.com/janedoe", font=font(40), fill=(235, 235, 235))
    return np.asarray(image)[:, :, ::-1].copy()


def _panel(corners: np.ndarray) -> np.ndarray:
    """The card's corners cut at the band's inner edge: the white panel a card finder may take."""
    tl, tr, br, bl = corners
    return np.array([tl, tr, tr + (br - tr) * (1 - BAND), tl + (bl - tl) * (1 - BAND)], np.float32)


def _small(photo: np.ndarray, corners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scale = DETECT_SIDE / max(photo.shape[:2])
    return cv2.resize(photo, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), corners * scale


@pytest.mark.parametrize("angle", [0.0, 4.0, -7.0])
def test_a_footer_band_beyond_the_panel_is_taken_back_in(angle):
    photo, truth = on_desk(_banded_card(), angle=angle, tilt=0.03)
    small, truth = _small(photo, truth)
    widened = widened_for_bands(small, _panel(truth))
    assert np.max(np.linalg.norm(widened - truth, axis=1)) < 6  # px of the 640 px copy


def _block_under_card(
    photo: np.ndarray, truth: np.ndarray, along: tuple[float, float], across: tuple[float, float]
) -> np.ndarray:
    """A coloured block on the desk by the card's bottom edge, drawn under the card: from along[0] to
    along[1] of that edge, and from across[0] to across[1] card heights beyond it (negative: under it)."""
    tl, _, br, bl = truth
    down = bl - tl
    block = [bl + (br - bl) * along[i] + down * across[j] for i, j in ((0, 0), (1, 0), (1, 1), (0, 1))]
    under = photo.copy()
    cv2.fillPoly(under, [np.array(block, np.int32)], (90, 40, 200))
    card = np.zeros(photo.shape[:2], np.uint8)
    cv2.fillPoly(card, [truth.astype(np.int32)], 255)
    under[card > 0] = photo[card > 0]
    return under


@pytest.mark.parametrize("angle", [3.0, -5.0])
def test_the_card_finder_returns_the_whole_banded_card_beside_an_object_touching_its_band(angle):
    # The block below the card merges with the band in the colour mask, so only the straight edges of
    # the white panel make a card-shaped quad: without the band check the band is cut off.
    photo, truth = on_desk(_banded_card(), angle=angle, frame=(1600, 1400), scale=0.6)
    quad = find_card(_block_under_card(photo, truth, (0.05, 0.75), (0.0, 0.8)))
    assert quad is not None
    assert np.max(np.linalg.norm(quad.corners - truth, axis=1)) < 25  # px; the band is 0.2 * 630 px deep


def test_the_bare_desk_beyond_a_side_is_not_a_band():
    photo, truth = on_desk(render_card(), angle=2.0)
    small, truth = _small(photo, truth)
    assert np.allclose(widened_for_bands(small, truth), truth)


@pytest.mark.parametrize("along", [(0.2, 0.85), (-0.3, 1.3)])
def test_an_object_under_the_card_is_not_a_band(along):
    # Narrower than the card (it does not reach the corners) or wider (it goes on past them).
    photo, truth = on_desk(render_card(), angle=2.0)
    photo = _block_under_card(photo, truth, along, (-BAND, BAND))
    small, truth = _small(photo, truth)
    assert np.allclose(widened_for_bands(small, truth), truth)


def _profile_one_offset_at_a_time(lab: np.ndarray, corners: np.ndarray, k: int, stop: int) -> np.ndarray:
    """The band profile as it was sampled before it was vectorised: one offset at a time."""
    rows = []
    for offset in range(2, stop):
        near, far_end = _moved_side(corners, k, offset)
        colours, inside = _sample(lab, near + (far_end - near) * ALONG[:, None])
        if inside.mean() < 0.9:
            break
        rows.append(colours)
    return np.array(rows, np.float32).reshape(-1, len(ALONG), 3)


@pytest.mark.parametrize("angle", [0.0, 4.0, -7.0, 30.0])
def test_all_offsets_sampled_at_once_are_the_pixels_sampled_one_offset_at_a_time(angle):
    photo, truth = on_desk(_banded_card(), angle=angle, tilt=0.03)
    small, truth = _small(photo, truth)
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2LAB).astype(np.float32)
    corners = _panel(truth)
    for k in range(4):
        for stop in (2, 3, 60, 400):  # none, one, some, and past the photo's edge
            expected = _profile_one_offset_at_a_time(lab, corners, k, stop)
            assert np.array_equal(_profile(lab, corners, k, stop), expected)
