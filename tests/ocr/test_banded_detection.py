"""Detection in two overlapping bands (ocr/engines/banded_detection.py): each line once, whole."""

import numpy as np

from ocr.engines.banded_detection import BAND_OVERLAP, SINGLE_PASS_AREA, BandedDetector, merge_bands


def box(x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float32)


def boxes(*found: np.ndarray) -> np.ndarray:
    return np.array(found, dtype=np.float32).reshape(-1, 4, 2)


def rects(merged: np.ndarray) -> list[tuple[float, ...]]:
    return sorted(tuple(map(float, (*b.min(axis=0), *b.max(axis=0)))) for b in merged)


# A 600-row card: the top band is rows 0..420, the bottom band rows 180..600 (overlap 240).
TOP_END, BOTTOM_START = 420, 180


def test_a_line_inside_the_overlap_is_kept_once():
    top = boxes(box(10, 20, 200, 40), box(10, 300, 300, 330))
    bottom = boxes(box(10, 120, 300, 150), box(10, 350, 250, 380))  # 300..330 again, and a line below
    assert rects(merge_bands(top, bottom, TOP_END, BOTTOM_START)) == [
        (10, 20, 200, 40),
        (10, 300, 300, 330),
        (10, 530, 250, 560),
    ]


def test_a_line_cut_by_a_bands_edge_comes_from_the_other_band_whole():
    top = boxes(box(10, 172, 120, 190), box(10, 400, 300, 420))  # rows 172..190 whole; 400..440 cut at 420
    bottom = boxes(box(10, 0, 120, 10), box(10, 220, 300, 260))  # rows 172..190 cut at 180; 400..440 whole
    assert rects(merge_bands(top, bottom, TOP_END, BOTTOM_START)) == [
        (10, 172, 120, 190),
        (10, 400, 300, 440),
    ]


def test_a_line_taller_than_the_overlap_is_the_union_of_its_two_views():
    top = boxes(box(100, 150, 500, 420))  # a logo from row 150 to row 460, cut in both bands
    bottom = boxes(box(110, 0, 490, 280))
    assert rects(merge_bands(top, bottom, TOP_END, BOTTOM_START)) == [(100, 150, 500, 460)]


def test_no_boxes_in_either_band():
    assert merge_bands(boxes(), boxes(), TOP_END, BOTTOM_START).shape == (0, 4, 2)


class RecordingDetector:
    def __init__(self) -> None:
        self.shapes: list[tuple[int, ...]] = []
        self.postprocess_op = "the detector's own settings"

    def __call__(self, image: np.ndarray) -> tuple[np.ndarray, float]:
        self.shapes.append(image.shape)
        return boxes(box(5, 5, 50, 25)), 0.01


def test_a_card_is_detected_in_two_overlapping_bands_and_a_crop_in_one_pass():
    detector = RecordingDetector()
    banded = BandedDetector(detector)
    assert banded.postprocess_op == "the detector's own settings"  # RapidOCR sets these per call
    card = np.zeros((960, 960, 3), dtype=np.uint8)  # a square photo at detection size
    assert card.shape[0] * card.shape[1] > SINGLE_PASS_AREA
    found, _seconds = banded(card)
    assert detector.shapes == [(480 + BAND_OVERLAP // 2, 960, 3), (480 + BAND_OVERLAP // 2, 960, 3)]
    assert rects(found) == [(5, 5, 50, 25), (5, 365, 50, 385)]
    detector.shapes.clear()
    banded(np.zeros((720, 960, 3), dtype=np.uint8))  # a 4:3 photo: one pass
    assert detector.shapes == [(720, 960, 3)]
