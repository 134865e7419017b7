"""RapidOCR behind the engine seam: reading, the missing-extra path, and loading with networking disabled."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from ocr import EngineUnavailable, ReadOptions, read_card
from ocr.engines import rapidocr, threads
from ocr.engines.registry import engines_for

CARD_LINES = ("Jane Doe", "Reference Librarian", "jane.doe@example.com", "+1 212 555 0134")
needs_extra = pytest.mark.skipif(not rapidocr.available(), reason="the rapidocr extra is not installed")


def card_image() -> np.ndarray:
    """A flat white card with four lines of dark text (BGR), like the pipeline hands the engines."""
    image = Image.new("RGB", (1000, 600), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=44)
    for i, text in enumerate(CARD_LINES):
        draw.text((80, 80 + 110 * i), text, fill=(20, 20, 20), font=font)
    return np.asarray(image)[:, :, ::-1].copy()


@pytest.mark.slow
@needs_extra
def test_reads_words_with_boxes_and_confidences_in_image_pixels():
    lines = rapidocr.RapidOcrEngine().read_lines(card_image(), lang="eng", timeout_s=30)
    words = {w.text: w for line in lines for w in line.words}
    assert "jane.doe@example.com" in words
    assert {"Jane", "Doe"} <= set(words), "words are split where the card has spaces"
    jane = words["Jane"]
    assert 60 <= jane.box.left <= 110 and 70 <= jane.box.top <= 140  # where it was drawn
    assert words["Jane"].box.right < words["Doe"].box.left
    assert all(0 < w.confidence <= 1 and w.engine == "rapidocr" for w in words.values())
    assert [line.box.top for line in lines] == sorted(line.box.top for line in lines)


@needs_extra
def test_the_model_loads_once_per_process():
    assert rapidocr.load_model() is rapidocr.load_model()


@needs_extra
def test_lines_are_recognised_one_at_a_time_not_padded_to_the_widest_of_a_batch():
    """A batch pads every line to its widest; on the real cards that padding cost 30% of RapidOCR's CPU."""
    assert rapidocr.load_model().text_rec.rec_batch_num == rapidocr.REC_BATCH == 1


@pytest.mark.slow
@needs_extra
def test_detection_and_recognition_run_on_a_shared_arena_given_back_after_each_run():
    """The reader's peak memory (benchmarks.run's peak RSS, under 400 MB for `auto`) depends on it: RapidOCR's
    own sessions take each tensor from malloc, and glibc kept them, 450-550 MB on the benchmark's cards."""
    model = rapidocr.load_model()
    for session in (model.text_det.infer.session, model.text_rec.session.session):
        options = session.get_session_options()
        assert options.enable_cpu_mem_arena
        assert options.get_session_config_entry("session.use_env_allocators") == "1"
        assert session.run_options.get_run_config_entry(rapidocr.SHRINK_ARENA[0]) == rapidocr.SHRINK_ARENA[1]
        assert options.intra_op_num_threads == threads.threads_for_this_process()
    lines = rapidocr.RapidOcrEngine().read_lines(card_image(), lang="eng", timeout_s=30)
    assert "jane.doe@example.com" in {w.text for line in lines for w in line.words}, "runs with run options"


@needs_extra
def test_detection_skips_the_layout_optimizations_that_raise_its_memory_peak():
    """NCHWc layout's reorder copies of detection's large activations: +16 MB at a 960x720 px input."""
    import onnxruntime as ort

    model = rapidocr.load_model()
    levels = ort.GraphOptimizationLevel
    detection = model.text_det.infer.session.get_session_options()
    recognition = model.text_rec.session.session.get_session_options()
    assert detection.graph_optimization_level == levels.ORT_ENABLE_EXTENDED
    assert recognition.graph_optimization_level == levels.ORT_ENABLE_ALL


def test_glibc_tuning_is_skipped_without_glibc(monkeypatch):
    monkeypatch.setattr(rapidocr.platform, "libc_ver", lambda: ("", ""))
    rapidocr._glibc.cache_clear()
    try:
        assert rapidocr._libc_call("malloc_trim", 0) is False
    finally:
        rapidocr._glibc.cache_clear()


def test_glibc_tuning_of_an_unknown_function_does_nothing():
    assert rapidocr._libc_call("no_such_malloc_function", 0) is False


@pytest.fixture
def without_extra(monkeypatch):
    """As if `meishi[rapidocr]` were not installed: its packages cannot be imported or found."""
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    monkeypatch.setattr(rapidocr, "_models", {})


def test_without_the_extra_rapidocr_is_unavailable_with_a_clear_error(without_extra):
    assert rapidocr.available() is False
    with pytest.raises(EngineUnavailable, match=r"meishi\[rapidocr\]"):
        rapidocr.RapidOcrEngine().read_lines(card_image(), lang="eng", timeout_s=5)
    for engine in ("rapidocr", "both"):
        with pytest.raises(EngineUnavailable, match=r"meishi\[rapidocr\]"):
            engines_for(engine)


@pytest.mark.slow
def test_without_the_extra_auto_reads_with_tesseract_alone(without_extra):
    _, png = cv2.imencode(".png", card_image())
    reading = read_card(png.tobytes(), ReadOptions(engine="auto", keep_card_image=False))
    assert reading.engine == "tesseract"
    assert "rapidocr_unavailable" in reading.warnings
    assert reading.contact.emails == ("jane.doe@example.com",)
    with pytest.raises(EngineUnavailable):
        read_card(png.tobytes(), ReadOptions(engine="rapidocr"))


NO_NETWORK = """
import socket, sys

class NetworkDisabled(OSError):
    pass

def refuse(*args, **kwargs):
    raise NetworkDisabled("networking is disabled in this test")

def audit(event, args):
    if event in {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"}:
        raise NetworkDisabled(event)

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
sys.addaudithook(audit)
"""

READ_ONE_CARD = """
import socket, sys
import cv2
try:
    socket.create_connection(("127.0.0.1", 9), timeout=1)
except OSError as exc:
    assert "disabled" in str(exc), exc
else:
    raise SystemExit("networking was not disabled")
from ocr.engines.rapidocr import RapidOcrEngine
lines = RapidOcrEngine().read_lines(cv2.imread(sys.argv[1]), lang="eng", timeout_s=60)
print("\\n".join(line.text for line in lines))
"""


@pytest.mark.slow
@needs_extra
def test_models_load_and_read_with_networking_disabled(tmp_path: Path):
    (tmp_path / "sitecustomize.py").write_text(textwrap.dedent(NO_NETWORK))
    card = tmp_path / "card.png"
    cv2.imwrite(str(card), card_image())
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", READ_ONE_CARD, str(card)],
        env={"PYTHONPATH": f"{tmp_path}:{root}", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "jane.doe@example.com" in done.stdout


def test_a_reader_uses_its_share_of_the_cores(monkeypatch):
    monkeypatch.delenv(threads.THREADS_ENV, raising=False)
    cores = len(os.sched_getaffinity(0))
    assert threads.threads_for_this_process() == cores
    threads.share_cores(readers=2)
    assert threads.threads_for_this_process() == max(1, cores // 2)
    threads.share_cores(readers=64)  # the first share stands: set once by the parent
    assert threads.threads_for_this_process() == max(1, cores // 2)
    monkeypatch.setenv(threads.THREADS_ENV, "nonsense")
    assert threads.threads_for_this_process() == cores
    threads.share_cores(readers=64)
    assert threads.threads_for_this_process() == 1
