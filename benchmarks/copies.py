"""Copies of a set's photos changed by a transform of their pixels (turned: benchmarks/turned.py; spoiled:
benchmarks/degraded.py), written once as a generated set's folder and read like any other set."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from benchmarks.cache import read_cache
from benchmarks.datasets import LabelledCard
from benchmarks.honest import _shipped


def write_copy(
    cards: Sequence[LabelledCard],
    folder: Path,
    transform: Callable[[np.ndarray], np.ndarray],
    meta: dict[str, Any],
) -> Path:
    """The cards' photos through `transform`, with their labels (`meta` added to each), as a generated
    set's folder (NNNN.json beside NNNN.jpg); made once."""
    done = folder / ".complete"
    if done.is_file():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for card in cards:
        image = cv2.imread(str(card.image), cv2.IMREAD_COLOR)  # applies the photo's EXIF orientation
        if image is None:
            raise SystemExit(f"cannot read {card.image}")
        cv2.imwrite(str(folder / f"{card.stem}.jpg"), transform(image), [cv2.IMWRITE_JPEG_QUALITY, 95])
        label = {**card.truth, "meta": {**card.meta, **meta}}
        (folder / f"{card.stem}.json").write_text(json.dumps(label, ensure_ascii=False, indent=1), "utf-8")
    done.write_text("")
    return folder


def shipped_readings(
    cards: Sequence[LabelledCard], cache: Path
) -> tuple[list[LabelledCard], dict[str, dict[str, Any]], dict[str, dict[str, Any] | None]]:
    """The cards read in `cache`, its rows, and the contact the reader ships for each."""
    rows, _ = read_cache(cache)
    read = [c for c in cards if c.stem in rows]
    return read, rows, {c.stem: _shipped(rows[c.stem]) for c in read}


def results_and_page(
    docs_only: bool,
    measure: Callable[[], dict[str, Any]],
    results: Path,
    page: Path,
    render: Callable[[dict[str, Any]], str],
) -> int:
    """Measure and keep the figures (or take the committed ones), then write and print their page."""
    if docs_only:
        figures = json.loads(results.read_text("utf-8"))
    else:
        figures = measure()
        results.write_text(json.dumps(figures, indent=1) + "\n", "utf-8")
    text = render(figures)
    page.write_text(text, "utf-8")
    print(text)
    return 0
