"""Copies of a set's photos changed by a transform of their pixels (turned: benchmarks/turned.py; spoiled:
benchmarks/degraded.py), written once as a generated set's folder and read like any other set. A copy is
written again, and read again, when the set's photos change (a generator fixed, a set drawn anew): a copy
of the old photos would be scored with the new labels."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from benchmarks.cache import cache_path, ensure_cache, read_cache
from benchmarks.datasets import LabelledCard
from benchmarks.honest import _shipped


def write_copy(
    cards: Sequence[LabelledCard],
    folder: Path,
    transform: Callable[[np.ndarray], np.ndarray],
    meta: dict[str, Any],
) -> Path:
    """The cards' photos through `transform`, with their labels (`meta` added to each), as a generated
    set's folder (NNNN.json beside NNNN.jpg); made once for the same photos."""
    done = folder / ".complete"
    digest = photos_digest(cards)
    if done.is_file() and done.read_text("utf-8") == digest:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for card in cards:
        image = cv2.imread(str(card.image), cv2.IMREAD_COLOR)  # applies the photo's EXIF orientation
        if image is None:
            raise SystemExit(f"cannot read {card.image}")
        cv2.imwrite(str(folder / f"{card.stem}.jpg"), transform(image), [cv2.IMWRITE_JPEG_QUALITY, 95])
        label = {**card.truth, "meta": {**card.meta, **meta}}
        (folder / f"{card.stem}.json").write_text(json.dumps(label, ensure_ascii=False, indent=1), "utf-8")
    done.write_text(digest, "utf-8")
    return folder


def photos_digest(cards: Sequence[LabelledCard]) -> str:
    """What the copy was made from: every card's stem and photo bytes."""
    digest = hashlib.sha256()
    for card in cards:
        digest.update(card.stem.encode("utf-8"))
        digest.update(Path(card.image).read_bytes())
    return digest.hexdigest()


def read_copy(folder: Path, name: str, refresh: bool) -> Path:
    """The cached reading of a copy (benchmarks/cache.py), read again when asked or when the copy was
    written after the reading was."""
    cache = cache_path(name)
    stale = cache.is_file() and (folder / ".complete").stat().st_mtime > cache.stat().st_mtime
    return ensure_cache(folder, name, "auto", refresh or stale)


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
