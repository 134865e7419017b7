"""The turned-photos benchmark turns the pixels (not an EXIF tag) and counts cards lost whole."""

from __future__ import annotations

import json

import cv2
import numpy as np

from benchmarks.datasets import LabelledCard, load_generated
from benchmarks.turned import DOCS, RESULTS, docs, lost_whole, turned_copy


def test_a_turned_copy_holds_each_photo_turned_with_its_label(tmp_path):
    photo = np.zeros((40, 100, 3), np.uint8)
    photo[:, :10] = 255  # a white band on the left
    source = tmp_path / "card.png"
    cv2.imwrite(str(source), photo)
    card = LabelledCard("card-1", source, {"name": "Jane Doe"}, {"mode": "real"})
    folder = turned_copy([card], 90, tmp_path / "turned")
    (copy,) = load_generated(folder)
    turned = cv2.imread(str(copy.image))
    assert turned.shape[:2] == (100, 40)
    assert turned[:10].mean() > 200 and turned[-10:].mean() < 50  # turned clockwise: the band on top
    assert copy.truth == {"name": "Jane Doe"}
    assert copy.meta == {"mode": "real", "turned": 90}
    label = json.loads((folder / "card-1.json").read_text("utf-8"))
    label["name"] = "changed"
    (folder / "card-1.json").write_text(json.dumps(label), "utf-8")
    turned_copy([card], 90, folder)  # made once: a finished copy is not made again
    assert load_generated(folder)[0].truth["name"] == "changed"


def test_a_card_is_lost_whole_when_turning_it_leaves_nothing_it_had_right():
    upright = {"a": 5, "b": 0, "c": 3}
    turned = {"a": 0, "b": 0, "c": 1}
    assert lost_whole(upright, turned) == 1  # 'b' had nothing right upright either


def test_the_page_shows_exactly_the_committed_results():
    assert DOCS.read_text("utf-8") == docs(json.loads(RESULTS.read_text("utf-8"))), (
        "docs/benchmarks/turned.md differs from benchmarks/results/turned.json: "
        "run `python -m benchmarks.turned --docs-only`"
    )
