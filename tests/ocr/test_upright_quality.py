"""How much a reading looks like real text, the measure the orientation stage decides by (ocr/upright.py)."""

from __future__ import annotations

import numpy as np
import pytest

from ocr.types import Box, Line, ReadOptions, Word
from ocr.upright import _Quality, _reading_quality, better_half_median, make_upright

CARD_WORDS = ("Carla", "Lowery", "Customer", "Representative", "Services", "Address", "Brooklyn", "Website")


class _Engine:
    def __init__(self, words: list[tuple[str, float]]) -> None:
        self.words = words

    def read_lines(self, gray: np.ndarray, *, lang: str, timeout_s: float) -> list[Line]:
        return [
            Line((Word(text, confidence, Box(0, 30 * i, 100, 20)),))
            for i, (text, confidence) in enumerate(self.words)
        ]


def _quality(monkeypatch: pytest.MonkeyPatch, words: list[tuple[str, float]]):
    monkeypatch.setattr("ocr.upright.engines_for", lambda name: (_Engine(words),))
    return _reading_quality(np.full((10, 10), 255, np.uint8), ReadOptions(engine="tesseract"))


def test_the_better_half_median_takes_the_upper_half():
    assert better_half_median([]) == 0.0
    assert better_half_median([0.2, 0.9, 0.1, 0.8, 0.95]) == 0.9  # .95, .9, .8
    assert better_half_median([0.3, 0.7, 0.9, 0.5]) == 0.8  # .9, .7


def test_a_card_on_a_textured_ground_reads_clearly_better_the_right_way_up(monkeypatch):
    # The card's own words read well; the ground adds more weak 'words' than the card has (leather read
    # as 'Lert', 'ars', 'Aen'): the median of all is theirs either way up, the better half is the card's.
    noise = [(text, 0.3) for text in ("ars", "Lert", "ede", "Ate", "rtd", "ies", "Aen", "eee", "hod", "fama")]
    upright = _quality(monkeypatch, [(w, 0.92) for w in CARD_WORDS] + noise)
    upside_down = _quality(monkeypatch, [(w[::-1], 0.45) for w in CARD_WORDS] + noise)
    assert upright.clearly_better_than(upside_down)
    assert not upside_down.clearly_better_than(upright)


def test_a_reading_looks_upright_by_all_its_words_not_its_better_half(monkeypatch):
    # An upside-down card of few words: a few glyphs read as confident words lift its better half, but
    # most of its words are weak; accepting it as upright would lose the card.
    upside_down = _quality(
        monkeypatch, [(w, 0.97) for w in CARD_WORDS[:5]] + [(w[::-1], 0.35) for w in CARD_WORDS]
    )
    assert upside_down.better_half > 0.9
    assert not upside_down.looks_upright
    assert _quality(monkeypatch, [(w, 0.92) for w in CARD_WORDS]).looks_upright


def test_too_few_words_never_look_upright(monkeypatch):
    assert not _quality(monkeypatch, [("Carla", 0.96), ("Lowery", 0.96), ("ACN", 0.9)]).looks_upright


class _UnsureOsd:
    def result(self):
        return None

    def cancel(self) -> None:
        pass


def test_a_card_taken_for_one_on_its_side_keeps_its_upright_reading(monkeypatch):
    # The line blobs say the lines run down (a card of close-set columns); one quarter reads clearly
    # better than the other, but both are weak, and the card as it is reads well: it is kept as it is.
    qualities = iter([_Quality(5, 0.16, 0.21), _Quality(6, 0.46, 0.64), _Quality(17, 0.96, 0.96)])
    seen: list[tuple[int, ...]] = []

    def reading_quality(gray, options):
        seen.append(gray.shape)
        return next(qualities)

    monkeypatch.setattr("ocr.upright._reading_quality", reading_quality)
    monkeypatch.setattr("ocr.upright.start_orientation", lambda image, *, timeout_s: _UnsureOsd())
    card = np.full((600, 1000), 255, np.uint8)
    upright = make_upright(card, ReadOptions(engine="tesseract"), lines_run_down=True)
    assert upright.rotation == 0
    assert [shape[:2] for shape in seen] == [(1000, 600), (1000, 600), (600, 1000)]
