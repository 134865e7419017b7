"""RapidOCR's whole-card read started beside Tesseract's (ocr/speculation.py): used only when `auto` asks
for it, cancelled otherwise without leaving anything behind, and never started by readers sharing cores."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from cardphotos import encode, on_desk, render_card
from test_rapidocr import card_image, needs_extra
from test_strategy import BLANK, FakeEngine, fake_extract, reading, words_line

from ocr import OcrTimeout, ReadOptions, read_card, strategy
from ocr.cleanup.orient import rotate_quarter
from ocr.engines import rapidocr
from ocr.engines.threads import THREADS_ENV
from ocr.speculation import SPECULATE_ENV, SpeculativeRead
from ocr.types import Line

AUTO = ReadOptions(engine="auto")


def speculative_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "meishi-speculative-read"]


class Spy:
    """A read for SpeculativeRead that returns `lines` (or raises `error`), counting its model runs: it
    checks the cancel flag between runs as RapidOCR's sessions do, and can be held before its first."""

    def __init__(self, lines: list[Line], error: Exception | None = None, runs: int = 1) -> None:
        self.lines, self.error, self.runs = lines, error, runs
        self.ran = 0
        self.release = threading.Event()
        self.release.set()

    def __call__(self, image: np.ndarray, cancelled: threading.Event) -> list[Line]:
        self.release.wait(5)
        for _ in range(self.runs):
            if cancelled.is_set():
                raise rapidocr.ReadCancelled("cancelled")
            self.ran += 1
            time.sleep(0.01)
        if self.error is not None:
            raise self.error
        return self.lines


def read_auto(speculative: SpeculativeRead | None, color: np.ndarray = BLANK) -> strategy.StrategyResult:
    return strategy.read_with_strategy(BLANK, color, AUTO, extract=fake_extract, speculative=speculative)


def test_a_card_that_needs_the_whole_card_read_takes_the_speculative_one(engines):
    engines["tesseract"].lines = reading(0.6, "tesseract", email="jane.doeQexample.com")
    engines["rapidocr"].lines = reading(0.97, "rapidocr")
    serial = read_auto(None)
    assert engines["rapidocr"].calls == 1

    spy = Spy(reading(0.97, "rapidocr"))
    overlapped = read_auto(SpeculativeRead(BLANK, spy))
    assert engines["rapidocr"].calls == 1, "the whole card was not read a second time"
    assert spy.ran == 1
    assert overlapped.lines == serial.lines and overlapped.extraction == serial.extraction
    assert overlapped.engines == serial.engines and overlapped.reasons == serial.reasons
    assert "rapidocr_background" in overlapped.timings
    assert not speculative_threads()


def test_a_card_tesseract_reads_well_cancels_the_speculative_read(engines):
    engines["tesseract"].lines = reading(0.95, "tesseract")
    spy = Spy(reading(0.97, "rapidocr"), runs=1000)  # long: it is still running when auto decides
    read = SpeculativeRead(BLANK, spy)
    result = read_auto(read)
    assert result.engines == ("tesseract",)
    assert read.cancelled and not read.running
    assert spy.ran < 1000, "stopped at a run, not finished"
    assert read.color is None and read._lines is None and read._error is None  # nothing of it is kept
    assert not speculative_threads()


def test_region_reads_start_only_once_the_speculative_read_has_stopped(engines):
    card = np.full((400, 700), 255, np.uint8)
    for x in range(40, 500, 18):  # a line of "text" Tesseract returns nothing for: a region read
        card[200:230, x : x + 10] = 0
    engines["tesseract"].lines = [
        words_line("Jane Doe", 0.95, "tesseract", 40),
        words_line("jane.doe@example.com", 0.95, "tesseract", 100),
    ]
    read = SpeculativeRead(card, Spy([], runs=1000))
    running_during_region_reads: list[bool] = []

    class CropReader(FakeEngine):
        def read_lines(self, image: np.ndarray, *, lang: str, timeout_s: float) -> list[Line]:
            running_during_region_reads.append(read.running)
            return [words_line("Reference Librarian", 0.97, "rapidocr", 5)]

    engines["rapidocr"] = CropReader("rapidocr", [])
    result = strategy.read_with_strategy(card, card, AUTO, extract=fake_extract, speculative=read)
    assert result.reasons == ("text_tesseract_missed",)
    assert running_during_region_reads == [False], "the one model never runs two reads at once"
    assert read.cancelled


def test_a_speculative_read_that_timed_out_leaves_tesseracts_reading_as_a_serial_one_does(engines):
    engines["tesseract"].lines = reading(0.6, "tesseract")
    result = read_auto(SpeculativeRead(BLANK, Spy([], error=OcrTimeout("RapidOCR took 35 s"))))
    assert result.engines == ("tesseract",)
    assert result.warnings == ["rapidocr_timeout"]
    assert result.extraction.contact.emails == ("jane.doe@example.com",)


def test_a_speculative_read_of_other_pixels_is_never_used(engines):
    engines["tesseract"].lines = reading(0.6, "tesseract", email="jane.doeQexample.com")
    engines["rapidocr"].lines = reading(0.97, "rapidocr")
    spy = Spy([words_line("Somebody Else", 0.99, "rapidocr", 40)])
    read = SpeculativeRead(BLANK.copy(), spy)
    result = read_auto(read)
    assert engines["rapidocr"].calls == 1, "the card was read itself"
    assert "Somebody" not in {w.text for line in result.lines for w in line.words}
    assert read.cancelled and not read.running


def test_a_failing_reading_still_ends_the_speculative_read(engines):
    def broken(lines: list[Line]) -> None:
        raise RuntimeError("extraction broke")

    engines["tesseract"].lines = reading(0.95, "tesseract")
    read = SpeculativeRead(BLANK, Spy([], runs=1000))
    with pytest.raises(RuntimeError):
        strategy.read_with_strategy(BLANK, BLANK, AUTO, extract=broken, speculative=read)  # type: ignore[arg-type]
    assert read.cancelled and not read.running


def test_result_after_cancel_is_refused():
    read = SpeculativeRead(BLANK, Spy([]))
    read.cancel()
    with pytest.raises(RuntimeError):
        read.result()


@pytest.mark.parametrize(
    ("threads", "engine", "switch", "starts"),
    [
        ("2", "auto", "1", True),
        ("2", "auto", None, False),  # off unless turned on: it costs memory
        ("2", "auto", "0", False),
        ("1", "auto", "1", False),  # a pooled reader: the other core is another card's
        ("2", "tesseract", "1", False),
        ("2", "both", "1", False),
    ],
)
def test_only_a_lone_auto_reader_speculates(monkeypatch, threads, engine, switch, starts):
    monkeypatch.setenv(THREADS_ENV, threads)
    if switch is None:
        monkeypatch.delenv(SPECULATE_ENV, raising=False)
    else:
        monkeypatch.setenv(SPECULATE_ENV, switch)
    monkeypatch.setattr(strategy, "rapidocr_available", lambda: True)
    monkeypatch.setattr(strategy, "_rapid", lambda color, options, cancelled=None: [])
    read = strategy.speculate(BLANK, ReadOptions(engine=engine))
    assert (read is not None) == starts
    if read is not None:
        read.cancel()


@needs_extra
def test_a_cancelled_rapidocr_read_stops_and_the_next_read_is_unchanged():
    engine = rapidocr.RapidOcrEngine()
    image = card_image()
    before = engine.read_lines(image, lang="eng", timeout_s=30)
    cancelled = threading.Event()
    cancelled.set()
    with pytest.raises(rapidocr.ReadCancelled):
        engine.read_lines(image, lang="eng", timeout_s=30, cancelled=cancelled)
    assert engine.read_lines(image, lang="eng", timeout_s=30) == before, "a cancelled read leaves no state"


@pytest.mark.slow
@needs_extra
@pytest.mark.parametrize("turn", [0, 180])
def test_a_lone_reader_reads_the_same_with_and_without_speculation(monkeypatch, turn):
    # No email or phone makes auto ask for the whole card; a card photographed upside down is turned
    # after the speculative read began, which must then be dropped and the turned card read instead.
    lines = (("Jane Doe", 64, True), ("Reference Librarian", 38, False), ("Main Street Library", 38, False))
    photo, _ = on_desk(rotate_quarter(render_card(lines), turn), angle=4, scale=0.7)
    data = encode(photo, "JPEG", quality=85)
    monkeypatch.setenv(THREADS_ENV, "2")
    started: list[SpeculativeRead] = []
    real = strategy.speculate

    def spy(color: np.ndarray, options: ReadOptions) -> SpeculativeRead | None:
        read = real(color, options)
        started.extend([read] if read is not None else [])
        return read

    monkeypatch.setattr("ocr.pipeline.speculate", spy)
    monkeypatch.setenv(SPECULATE_ENV, "0")
    serial = read_card(data, AUTO)
    assert not started
    monkeypatch.setenv(SPECULATE_ENV, "1")
    overlapped = read_card(data, AUTO)
    assert len(started) == 1 and not started[0].running
    assert not speculative_threads()
    assert (overlapped.text, overlapped.contact, overlapped.engine, overlapped.warnings) == (
        serial.text,
        serial.contact,
        serial.engine,
        serial.warnings,
    )
    assert overlapped.engine == "tesseract+rapidocr"
    assert overlapped.orientation == (360 - turn) % 360
    # Taken when the card stayed as it was, dropped for the turned card (which RapidOCR then read itself).
    assert ("rapidocr_background" in overlapped.timings) == (turn == 0)


@pytest.mark.slow
@needs_extra
@pytest.mark.parametrize("speculating", [True, False])
def test_orientation_detection_starts_early_only_when_no_speculative_read_has_the_spare_core(
    monkeypatch, speculating
):
    from ocr.engines.tesseract import start_orientation

    osd: list[object] = []

    def spy(image: np.ndarray, *, timeout_s: float) -> object:
        pending = start_orientation(image, timeout_s=timeout_s)
        osd.append(pending)
        return pending

    monkeypatch.setenv(THREADS_ENV, "2")
    monkeypatch.setenv(SPECULATE_ENV, "1" if speculating else "0")
    monkeypatch.setattr("ocr.upright.start_orientation", spy)
    photo, _ = on_desk(render_card(), angle=4, scale=0.7)
    reading = read_card(encode(photo, "JPEG", quality=85), AUTO)
    assert reading.orientation == 0
    assert len(osd) == (0 if speculating else 1), "three at once on two cores: the detection waits"
