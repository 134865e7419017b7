"""The degraded-photos benchmark spoils the pixels deterministically and compares with a re-saved copy."""

from __future__ import annotations

import json

import cv2
import numpy as np

from benchmarks.datasets import LabelledCard, load_generated
from benchmarks.degraded import DOCS, KINDS, RESULTS, degraded_copy, docs, skew
from benchmarks.replay_sets import cards_of


def _photo() -> np.ndarray:
    photo = np.full((120, 200, 3), 230, np.uint8)
    cv2.putText(photo, "Jane Doe", (10, 60), cv2.FONT_HERSHEY_SIMPLEX, 1.0, (20, 20, 20), 2)
    return photo


def test_each_transform_is_deterministic_and_spoils_what_it_says():
    photo = _photo()
    for name, transform in KINDS.items():
        assert np.array_equal(transform(photo.copy()), transform(photo.copy())), name
    assert np.array_equal(KINDS["resaved"](photo), photo)
    assert KINDS["half"](photo).shape == (60, 100, 3)
    assert KINDS["dim"](photo).mean() < photo.mean() * 0.45
    shadowed = KINDS["shadow"](photo)
    assert np.array_equal(shadowed[:, :80], photo[:, :80]) and shadowed[:, -40:].mean() < 0.5 * photo.mean()
    sharpness = [
        cv2.Laplacian(cv2.cvtColor(p, cv2.COLOR_BGR2GRAY), cv2.CV_64F).var()
        for p in (photo, KINDS["blur"](photo))
    ]
    assert sharpness[1] < sharpness[0] / 2


def test_a_skewed_photo_keeps_its_corners_on_a_larger_canvas():
    photo = np.full((100, 200, 3), 40, np.uint8)
    photo[:10, :10] = 255  # a white corner that a same-size rotation would cut off
    turned = skew(photo)
    assert turned.shape[0] > 100 and turned.shape[1] > 200
    assert (turned > 200).all(axis=2).sum() >= 0.8 * 100  # the corner is still there, turned


def test_a_degraded_copy_holds_each_photo_spoiled_with_its_label(tmp_path):
    source = tmp_path / "card.png"
    cv2.imwrite(str(source), _photo())
    card = LabelledCard("card-1", source, {"name": "Jane Doe"}, {"mode": "real"})
    folder = degraded_copy([card], "half", tmp_path / "degraded")
    (copy,) = load_generated(folder)
    assert cv2.imread(str(copy.image)).shape[:2] == (60, 100)
    assert copy.truth == {"name": "Jane Doe"}
    assert copy.meta == {"mode": "real", "degraded": "half"}


def test_a_degraded_or_turned_sets_cache_is_scored_with_the_sets_labels(tmp_path, monkeypatch):
    import benchmarks.replay_sets as replay_sets

    source = tmp_path / "card.png"
    cv2.imwrite(str(source), _photo())
    card = LabelledCard("0001", source, {"name": "Jane Doe"}, {"mode": "photo"})
    degraded_copy([card], "resaved", tmp_path / "gen5")  # a generated set's folder
    monkeypatch.setattr(replay_sets, "CACHE_DIR", tmp_path / "cache")
    for name in ("gen5", "degraded-gen5-half", "turned-gen5-90"):
        assert [(c.stem, c.truth) for c in cards_of(name)] == [("0001", {"name": "Jane Doe"})], name


def test_the_page_shows_exactly_the_committed_results():
    assert DOCS.read_text("utf-8") == docs(json.loads(RESULTS.read_text("utf-8"))), (
        "docs/benchmarks/degraded.md differs from benchmarks/results/degraded.json: "
        "run `python -m benchmarks.degraded --docs-only`"
    )
