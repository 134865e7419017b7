"""RapidOCR's detection input built by table lookup: the same numbers, a fraction of the time.

RapidOCR 1.4.4 normalises the detection image as `(img.astype(float32) * scale - mean) / std` with `mean`
and `std` held as float64 arrays, so every pixel of a 960 px card goes through float64 arithmetic and three
full-size temporaries, then a transposed copy and a float32 copy: about 18 ms of each whole-card read on a
2-core AMD EPYC machine (docs/reader.md, "Where the time goes"). A uint8 channel has 256 values, so each
channel's 256 results are computed once, by the same operations in the same types, and looked up straight
into the channel-first float32 array the model takes: equal to RapidOCR's, bit for bit (a test holds it).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np


class LookupPreProcess:
    """RapidOCR's DetPreProcess `original` (its resize, scale, mean and std kept) with the normalisation
    looked up per channel; an input that is not 3-channel uint8 goes through `original` unchanged."""

    def __init__(self, original: Any) -> None:
        self.original = original
        # RapidOCR builds a DetPreProcess per image; its constants are the same every time.
        self.table = _tables_for(
            float(original.scale), tuple(original.mean.tolist()), tuple(original.std.tolist())
        )

    def __call__(self, image: np.ndarray) -> np.ndarray | None:
        if image.dtype != np.uint8 or image.ndim != 3 or image.shape[2] != 3:
            return self.original(image)
        resized = self.original.resize(image)
        if resized is None:
            return None
        height, width = resized.shape[:2]
        out = np.empty((1, 3, height, width), dtype=np.float32)
        for channel in range(3):
            np.take(self.table[channel], resized[:, :, channel], out=out[0, channel])
        return out


def channel_tables(scale: float, mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    """(3, 256) float32: each channel's normalised value of every uint8 level, computed as RapidOCR does."""
    levels = np.arange(256, dtype=np.uint8).reshape(256, 1, 1).astype("float32")  # as img.astype("float32")
    normalised = (levels * scale - mean) / std  # (256, 1, 3), float64 as RapidOCR's
    return np.ascontiguousarray(normalised.reshape(256, 3).T.astype(np.float32))


@cache
def _tables_for(scale: float, mean: tuple[float, ...], std: tuple[float, ...]) -> np.ndarray:
    return channel_tables(scale, np.array(mean), np.array(std))


def with_lookup(get_preprocess: Callable[[int], Any]) -> Callable[[int], LookupPreProcess]:
    """A TextDetector.get_preprocess whose preprocessing looks the normalisation up."""

    def lookup(max_wh: int) -> LookupPreProcess:
        return LookupPreProcess(get_preprocess(max_wh))

    return lookup
