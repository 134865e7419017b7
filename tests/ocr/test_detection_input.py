"""RapidOCR's detection input, looked up per channel, equals RapidOCR's own bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from ocr.engines import rapidocr
from ocr.engines.detection_input import LookupPreProcess, channel_tables

needs_extra = pytest.mark.skipif(not rapidocr.available(), reason="the rapidocr extra is not installed")


@needs_extra
@pytest.mark.parametrize("shape", [(720, 960, 3), (550, 960, 3), (33, 61, 3), (960, 500, 3)])
@pytest.mark.parametrize("mean_std", [([0.5] * 3, [0.5] * 3), ([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
def test_the_looked_up_input_equals_rapidocrs_own(shape, mean_std):
    from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess

    image = np.random.default_rng(sum(shape)).integers(0, 256, shape, dtype=np.uint8)
    original = DetPreProcess(960, "max", *mean_std)
    expected, looked_up = original(image), LookupPreProcess(original)(image)
    assert looked_up.dtype == expected.dtype == np.float32
    assert np.array_equal(looked_up, expected)  # bit for bit: the detector sees the same numbers


@needs_extra
def test_an_input_the_table_does_not_cover_goes_through_rapidocrs_own():
    from rapidocr_onnxruntime.ch_ppocr_det.utils import DetPreProcess

    original = DetPreProcess(960, "max", [0.5] * 3, [0.5] * 3)
    grey_as_float = np.random.default_rng(1).random((100, 200, 3)).astype(np.float32) * 255
    assert np.array_equal(LookupPreProcess(original)(grey_as_float), original(grey_as_float))


def test_each_channel_has_its_own_table():
    tables = channel_tables(1 / 255.0, np.array([0.1, 0.5, 0.9]), np.array([0.5, 0.5, 0.5]))
    assert tables.shape == (3, 256) and tables.dtype == np.float32
    assert tables[0, 0] > tables[1, 0] > tables[2, 0]


@needs_extra
def test_the_loaded_model_builds_its_detection_input_by_lookup():
    detector = rapidocr.load_model().text_det.detector
    assert isinstance(detector.get_preprocess(960), LookupPreProcess)
