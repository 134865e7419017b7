"""The frame's border ring: what the photo shows around the card (the desk), whose colour the card finder and
the band check compare with."""

from __future__ import annotations

import numpy as np

RING = 0.03  # of the frame's shorter side


def border_ring(lab: np.ndarray) -> np.ndarray:
    """The pixels (n, 3) of a ring along the image's four edges."""
    height, width = lab.shape[:2]
    ring = max(2, round(RING * min(height, width)))
    return np.concatenate(
        [
            lab[:ring].reshape(-1, 3),
            lab[-ring:].reshape(-1, 3),
            lab[:, :ring].reshape(-1, 3),
            lab[:, -ring:].reshape(-1, 3),
        ]
    )
