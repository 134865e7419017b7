"""The Tesseract seam: word boxes and confidences, orientation, and how failures are sorted."""

from __future__ import annotations

import os
import sys

import numpy as np
import pytesseract
import pytest
from cardphotos import render_card

from ocr.cleanup.light import ink_on_white, to_gray
from ocr.cleanup.orient import rotate_quarter
from ocr.engines import tesseract_api
from ocr.engines.accents import adopt_accents
from ocr.engines.lines import group_lines
from ocr.engines.tesseract import TesseractEngine, detect_orientation, start_orientation, tesseract_version
from ocr.errors import OcrTimeout, ReadError, TesseractMissing
from ocr.types import Box, Word


@pytest.fixture(scope="module")
def card_gray() -> np.ndarray:
    return ink_on_white(to_gray(render_card()))


@pytest.fixture(params=["in_process", "cli"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of running Tesseract: in this process (tesserocr) and the `tesseract` command."""
    if request.param == "cli":
        monkeypatch.setenv("MEISHI_TESSERACT", "cli")
        assert not tesseract_api.in_process()
    else:
        monkeypatch.delenv("MEISHI_TESSERACT", raising=False)
        if not tesseract_api.in_process():
            pytest.skip("tesserocr is not installed on this platform")
    return request.param


def test_linux_installations_read_in_process():
    if sys.platform == "linux":  # the wheel is a dependency there: its absence is a broken installation
        assert tesseract_api.in_process()


@pytest.mark.slow
def test_words_come_with_boxes_and_confidences(card_gray, backend):
    lines = TesseractEngine().read_lines(card_gray, lang="eng", timeout_s=30)
    texts = [line.text for line in lines]
    assert "jane.doe@nypl.org" in texts
    assert any("555 0134" in t for t in texts)
    email = next(w for line in lines for w in line.words if w.text == "jane.doe@nypl.org")
    assert 0.8 <= email.confidence <= 1.0
    # the email is printed on the third line, from x=70: its box says so
    assert 60 <= email.box.left <= 80 and 180 <= email.box.top <= 260
    assert lines == sorted(lines, key=lambda line: line.box.top + line.box.height / 2)


@pytest.mark.slow
def test_orientation_detection_says_how_to_turn_the_card_upright(card_gray):
    for turned in (90, 180, 270):
        found = detect_orientation(rotate_quarter(card_gray, turned), timeout_s=30)
        assert found is not None and found.confidence >= 1.5
        assert (turned + found.rotate) % 360 == 0  # turning by `rotate` clockwise undoes the turn


@pytest.mark.slow
def test_orientation_of_a_blank_image_is_unknown_not_an_error():
    assert detect_orientation(np.full((600, 1000), 255, np.uint8), timeout_s=30) is None


@pytest.mark.slow
def test_orientation_detection_can_be_cancelled(card_gray):
    pending = start_orientation(np.tile(card_gray, (4, 4)), timeout_s=30)
    pending.cancel()
    assert pending._process.returncode is not None  # killed, not left running
    assert pending._process.returncode < 0


@pytest.mark.slow
def test_an_orientation_timeout_becomes_ocr_timeout(card_gray):
    with pytest.raises(OcrTimeout):
        detect_orientation(np.tile(card_gray, (4, 4)), timeout_s=0.01)


@pytest.mark.slow
def test_a_timeout_becomes_ocr_timeout(card_gray, backend):
    with pytest.raises(OcrTimeout):
        TesseractEngine().read_lines(np.tile(card_gray, (3, 3)), lang="eng", timeout_s=0.01)


@pytest.mark.slow
def test_a_blank_image_reads_as_no_lines(backend):
    assert TesseractEngine().read_lines(np.full((400, 700), 255, np.uint8), lang="eng", timeout_s=30) == []


@pytest.mark.slow
def test_a_language_without_data_is_a_read_error(card_gray, backend):
    with pytest.raises(ReadError):
        TesseractEngine().read_lines(card_gray, lang="xyz", timeout_s=30)


@pytest.mark.slow
def test_only_the_base_language_stays_loaded_between_readings(card_gray, monkeypatch):
    # Another language (the accents pass's) is let go after its reading: it would sit in memory through
    # the second engine's detection, the reader's largest moment.
    monkeypatch.delenv("MEISHI_TESSERACT", raising=False)
    if not tesseract_api.in_process():
        pytest.skip("tesserocr is not installed on this platform")
    for lang in ("eng", "eng+deu", "eng", "por"):
        TesseractEngine().read_lines(card_gray, lang=lang, timeout_s=30)
        assert [key[0] for key in tesseract_api._loaded] == ["eng"]


def test_a_missing_binary_becomes_tesseract_missing(monkeypatch, card_gray):
    monkeypatch.setenv("MEISHI_TESSERACT", "cli")
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(TesseractMissing):
        TesseractEngine().read_lines(card_gray, lang="eng", timeout_s=30)
    with pytest.raises(TesseractMissing):
        tesseract_version()
    with pytest.raises(TesseractMissing):
        detect_orientation(card_gray, timeout_s=30)


def test_tesseract_runs_single_threaded():
    assert os.environ["OMP_THREAD_LIMIT"] == "1"


def _word(text: str, left: int, top: int, width: int = 80, height: int = 24) -> Word:
    return Word(text, 0.9, Box(left, top, width, height))


def test_lines_keep_two_columns_apart_and_order_words():
    words = [
        _word("Doe", 160, 40),
        _word("Jane", 60, 42),
        _word("Fax:", 700, 41),  # the right-hand column on the same baseline
        _word("555-0199", 790, 40),
        _word("Librarian", 60, 90),
    ]
    lines = [line.text for line in group_lines(words)]
    assert lines == ["Jane Doe", "Fax: 555-0199", "Librarian"]


@pytest.mark.slow
def test_the_same_pixels_are_read_once(monkeypatch, card_gray):
    calls = []
    real = TesseractEngine._read_words

    def counting(self, image, lang, timeout_s):
        calls.append(1)
        return real(self, image, lang, timeout_s)

    monkeypatch.setattr(TesseractEngine, "_read_words", counting)
    engine = TesseractEngine()
    first = engine.read_lines(card_gray, lang="eng", timeout_s=30)
    again = engine.read_lines(card_gray.copy(), lang="eng", timeout_s=30)  # equal pixels, another array
    assert again == first and len(calls) == 1
    engine.read_lines(card_gray[:, :-40], lang="eng", timeout_s=30)  # other pixels: read again
    assert len(calls) == 2


def test_a_small_word_right_after_a_tall_one_joins_it_but_big_type_further_away_does_not():
    words = [
        _word("zimmermann@bsiag.", 60, 40, width=300, height=30),  # ascenders and descenders
        _word("com", 368, 48, width=50, height=15),  # x-height only, a word space after
        _word("STANFORD", 60, 100, width=400, height=90),  # a big name ...
        _word("Electrical", 540, 130, width=130, height=40),  # ... with the right column beside it
    ]
    assert [line.text for line in group_lines(words)] == ["zimmermann@bsiag. com", "STANFORD", "Electrical"]


def test_accents_come_from_the_multi_language_reading_and_nothing_else():
    primary = [_word("Geschaftsfuhrer", 60, 40), _word("Ziirich", 60, 80), _word("max@firma.de", 60, 120)]
    accented = [_word("Geschäftsführer", 62, 41), _word("Zürich", 60, 80), _word("maxQfirmä.de", 60, 120)]
    assert [w.text for w in adopt_accents(primary, accented)] == ["Geschäftsführer", "Zürich", "max@firma.de"]
    elsewhere = [_word("Zürich", 400, 300)]  # same letters, another place on the card: not the same word
    assert adopt_accents(primary, elsewhere) == primary


@pytest.mark.slow
def test_several_languages_restore_accents_and_keep_the_email(backend):
    lines = (("Mike Renn", 64, True), ("Geschäftsführer", 40, False), ("mike.renn@renn-group.com", 40, False))
    gray = ink_on_white(to_gray(render_card(lines)))
    words = [
        w.text
        for line in TesseractEngine().read_lines(gray, lang="eng+deu", timeout_s=30)
        for w in line.words
    ]
    assert "Geschäftsführer" in words
    assert "mike.renn@renn-group.com" in words


def test_the_engine_reads_the_same_pixels_again_only_after_forgetting(monkeypatch):
    engine = TesseractEngine()
    reads: list[str] = []

    def read_words(image: np.ndarray, lang: str, timeout_s: float) -> list[Word]:
        reads.append(lang)
        return [Word("Jane", 0.9, Box(10, 10, 40, 20))]

    monkeypatch.setattr(engine, "_read_words", read_words)
    image = np.full((60, 200), 255, np.uint8)
    first = engine.read_lines(image, lang="eng", timeout_s=5)
    assert engine.read_lines(image, lang="eng", timeout_s=5) == first
    assert len(reads) == 1, "the orientation check's reading is reused"
    engine.forget()
    assert engine.read_lines(image, lang="eng", timeout_s=5) == first
    assert len(reads) == 2, "read again once forgotten (the paired speed benchmark's variants)"


def test_the_engine_remembers_the_card_as_it_is_and_turned_not_more(monkeypatch):
    engine = TesseractEngine()
    reads: list[int] = []

    def read_words(image: np.ndarray, lang: str, timeout_s: float) -> list[Word]:
        reads.append(int(image[0, 0]))
        return [Word("Jane", 0.9, Box(10, 10, 40, 20))]

    monkeypatch.setattr(engine, "_read_words", read_words)
    as_is, turned, third = (np.full((60, 200), shade, np.uint8) for shade in (255, 254, 253))
    for image in (as_is, turned, as_is, turned):
        engine.read_lines(image, lang="eng", timeout_s=5)
    assert reads == [255, 254], "the orientation check's two readings are both reused"
    engine.read_lines(third, lang="eng", timeout_s=5)
    engine.read_lines(turned, lang="eng", timeout_s=5)
    engine.read_lines(as_is, lang="eng", timeout_s=5)
    assert reads == [255, 254, 253, 255], "the oldest is forgotten: a worker holds two cards' words at most"
