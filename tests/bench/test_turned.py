"""The turned-photos benchmark turns the pixels (not an EXIF tag) and counts cards lost whole."""

from __future__ import annotations

import json

import cv2
import numpy as np

from benchmarks.datasets import LabelledCard, load_generated
from benchmarks.turned import DOCS, RESULTS, SetReading, docs, lost_whole, turned_copy, turned_wrong


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


def test_a_card_is_turned_wrong_when_the_reader_does_not_undo_the_turn():
    as_taken = SetReading({}, {"a": 3, "b": 2, "c": 0}, {"a": 0, "b": 90, "c": 0})
    turned = SetReading({}, {"a": 3, "b": 2, "c": 0}, {"a": 270, "b": 90, "c": 90})
    # Turned 90 clockwise: 'a' is turned back 270; 'b' needed 90 as taken, so 0 now, not 90; 'c' read nothing.
    assert turned_wrong(as_taken, turned, 90) == 1
    older = SetReading({}, {"a": 3}, {"a": None})  # a cache from before the reader's turn was kept
    assert turned_wrong(older, turned, 90) is None
