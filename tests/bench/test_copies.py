"""Copies of a set's photos (turned, degraded) follow the set: made and read again when its photos change."""

from __future__ import annotations

import os

import cv2
import numpy as np

from benchmarks import copies
from benchmarks.datasets import LabelledCard, load_generated


def _card(tmp_path, level: int) -> LabelledCard:
    source = tmp_path / "card.png"
    cv2.imwrite(str(source), np.full((40, 100, 3), level, np.uint8))
    return LabelledCard("card-1", source, {"name": "Jane Doe"}, {"mode": "real"})


def test_a_copy_is_written_again_when_the_sets_photo_changed(tmp_path):
    folder = tmp_path / "copy"
    copies.write_copy([_card(tmp_path, 200)], folder, lambda image: image, {"degraded": "resaved"})
    first = cv2.imread(str(folder / "card-1.jpg"))
    copies.write_copy([_card(tmp_path, 200)], folder, lambda image: 255 - image, {"degraded": "resaved"})
    assert (cv2.imread(str(folder / "card-1.jpg")) == first).all()  # the same photos: made once
    copies.write_copy([_card(tmp_path, 60)], folder, lambda image: image, {"degraded": "resaved"})
    assert abs(float(cv2.imread(str(folder / "card-1.jpg")).mean()) - 60) < 2  # a new photo: made again
    assert load_generated(folder)[0].meta == {"mode": "real", "degraded": "resaved"}


def test_a_copy_written_after_its_reading_is_read_again(tmp_path, monkeypatch):
    asked: list[bool] = []
    monkeypatch.setattr("benchmarks.cache.CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(copies, "ensure_cache", lambda folder, name, strategy, refresh: asked.append(refresh))
    folder = tmp_path / "copy"
    copies.write_copy([_card(tmp_path, 200)], folder, lambda image: image, {})
    (tmp_path / "cache").mkdir()
    cache = tmp_path / "cache" / "degraded-x-resaved.auto.jsonl"
    cache.write_text("")
    done = folder / ".complete"
    os.utime(done, (cache.stat().st_mtime - 10, cache.stat().st_mtime - 10))
    copies.read_copy(folder, "degraded-x-resaved", refresh=False)
    os.utime(done, (cache.stat().st_mtime + 10, cache.stat().st_mtime + 10))
    copies.read_copy(folder, "degraded-x-resaved", refresh=False)
    copies.read_copy(folder, "degraded-x-resaved", refresh=True)
    assert asked == [False, True, True]
