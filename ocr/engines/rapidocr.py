"""RapidOCR (PaddleOCR's models run by onnxruntime) behind the engine seam: the optional second engine.

Installed with the `meishi[rapidocr]` extra; the `rapidocr-onnxruntime` wheel carries its ONNX models, so
nothing is downloaded: the models load from the installed package, once per process, on first use.
Without the extra, `available()` is False and reading raises EngineUnavailable (callers fall back to
Tesseract). RapidOCR reads a line at a time; its per-character positions let us rebuild words, re-insert
the spaces it drops (ocr/engines/respace.py) and give each word its own box and confidence.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import importlib.util
import platform
import threading
import time
from typing import Any

import cv2
import numpy as np

from ocr.engines.banded_detection import BandedDetector
from ocr.engines.detection_input import with_lookup
from ocr.engines.respace import split_words
from ocr.engines.threads import threads_for_this_process
from ocr.errors import EngineUnavailable, OcrTimeout, ReadError
from ocr.types import Box, Line, Word

INSTALL_HINT = "install the extra with `pip install 'meishi[rapidocr]'`, or read with engine=tesseract"

# The card image is already flattened and upright, and often scaled up for Tesseract. RapidOCR picks its
# detection size from the image's long side (960 / 1500 / 2000 px steps), and detection dominates its time
# and memory (a 1600 px card: 660 MB peak), so the engine reads a copy at most this large and scales the
# boxes back: on the real cards 960 px read as well as 1280 px (overall F1 .790 vs .786), in less time.
MAX_SIDE = 960
# Recognition dominates RapidOCR's time (about three quarters of a whole-card read). RapidOCR batches six
# lines and pads each to the widest of its batch, and the padding is paid for in full: one line at a time
# cost 30% less CPU over the whole-card reads of the real cards, and reads spaces the padded batch lost
# ('Tel650.260.2218' -> 'Tel 650.260.2218'; docs/reader.md).
REC_BATCH = 1

# Memory (bench.run's "peak RSS", reader + Tesseract child): RapidOCR 1.4.4 builds its sessions with
# onnxruntime's arena off, so each tensor of a run comes from malloc; every card has its own input shape,
# so no run reuses a memory plan, and glibc, whose mmap threshold rises to 32 MB once large blocks are
# freed, keeps freed tensors and the pipeline's images in a fragmented heap: `auto` peaked at 450-550 MB
# against 210 for Tesseract alone. So detection and recognition run in sessions of our own that share one
# arena, which takes blocks as large as asked (no power-of-two rounding) and gives them back at the end of
# every run; glibc's threshold is fixed (blocks of 128 KB and more are unmapped when freed); and the heap is
# trimmed before each read (the measurements: docs/reader.md).
SHRINK_ARENA = ("memory.enable_memory_arena_shrinkage", "cpu:0")
ARENA = {"arena_extend_strategy": 1, "initial_chunk_size_bytes": 1 << 20}  # 1 = kSameAsRequested
_M_MMAP_THRESHOLD = -3  # mallopt's parameter number (malloc.h)
MMAP_THRESHOLD = 128 * 1024  # glibc's own default, kept from rising

# Detection's graph is optimized without onnxruntime's layout optimizations (ORT_ENABLE_EXTENDED, one level
# below RapidOCR's own ORT_ENABLE_ALL): those turn its convolutions to the blocked NCHWc layout, whose
# reorder copies of the large early activations raised detection's peak at 960x720 px by 16 MB (+124 MB
# against +108 over the steady process), for the same boxes (the same lines on all 62 real cards) and ~10%
# more detection time (0.25 s against 0.23 s a card, 30 paired detections; docs/reader.md).
# Recognition's inputs are small (48 px lines): it keeps every optimization.
_PACKAGES = ("rapidocr_onnxruntime", "onnxruntime")
_load_lock = threading.Lock()
_models: dict[int, Any] = {}
# The cancel flag of the read running on this thread (ocr/speculation.py): checked before every model run.
_this_read = threading.local()


class ReadCancelled(ReadError):
    """A read whose result was no longer wanted, stopped between two model runs."""


def available() -> bool:
    """True when the rapidocr extra is installed (checked without importing it, so it is cheap)."""
    try:
        return all(importlib.util.find_spec(name) is not None for name in _PACKAGES)
    except (ImportError, ValueError):
        return False


def load_model(threads: int | None = None) -> Any:
    """The RapidOCR model for this process, loaded from the installed package on first use."""
    threads = threads or threads_for_this_process()
    model = _models.get(threads)
    if model is not None:
        return model
    with _load_lock:
        if threads not in _models:
            _models[threads] = _build(threads)
        return _models[threads]


def _build(threads: int) -> Any:
    try:
        import onnxruntime as ort
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise EngineUnavailable(f"RapidOCR is not installed: {INSTALL_HINT}") from exc
    _libc_call("mallopt", _M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    try:
        model = RapidOCR(
            intra_op_num_threads=threads,
            inter_op_num_threads=1,
            max_side_len=MAX_SIDE,
            det_limit_type="max",
            rec_batch_num=REC_BATCH,
            print_verbose=False,
        )
        _register_arena(ort)
        # Detection and recognition run in our sessions (the line classifier is never used, see read_lines).
        detection, recognition = model.text_det.infer, model.text_rec.session
        detection.session = _session(
            ort, detection.session, threads, ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
        )
        recognition.session = _session(
            ort, recognition.session, threads, ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        )
        model.text_det.get_preprocess = with_lookup(model.text_det.get_preprocess)  # same input, faster
        model.text_det = BandedDetector(model.text_det)  # detection's memory peak, bounded
    except Exception as exc:  # a broken install (missing model file, onnxruntime library) is not our bug
        raise EngineUnavailable(f"RapidOCR could not load its models: {exc}") from exc
    return model


_arena_registered = False


def _register_arena(ort: Any) -> None:
    """The process's shared CPU arena for our sessions (onnxruntime allows one; called under _load_lock)."""
    global _arena_registered
    if not _arena_registered:
        cpu = ort.OrtMemoryInfo("Cpu", ort.OrtAllocatorType.ORT_ARENA_ALLOCATOR, 0, ort.OrtMemType.DEFAULT)
        ort.create_and_register_allocator(cpu, ort.OrtArenaCfg(ARENA))
        _arena_registered = True


def _session(ort: Any, built: Any, threads: int, optimization: Any) -> Any:
    """RapidOCR's session `built`, rebuilt from its model file on the shared arena, shrunk after each run,
    with the graph optimizations `optimization` (a GraphOptimizationLevel)."""
    options = ort.SessionOptions()
    options.log_severity_level = 4
    options.enable_cpu_mem_arena = True
    options.add_session_config_entry("session.use_env_allocators", "1")
    options.graph_optimization_level = optimization
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    run_options = ort.RunOptions()
    run_options.add_run_config_entry(*SHRINK_ARENA)

    class ShrinkingSession(ort.InferenceSession):  # type: ignore[misc]
        """RapidOCR calls run(names, feed): each run then gives its arena blocks back when it ends."""

        run_options: Any

        def run(self, output_names: Any, input_feed: Any, run_options: Any = None) -> Any:
            cancelled = getattr(_this_read, "cancelled", None)
            if cancelled is not None and cancelled.is_set():  # a run cannot be stopped once started
                raise ReadCancelled("the read was cancelled")
            return super().run(output_names, input_feed, run_options or self.run_options)

    session = ShrinkingSession(built._model_path, sess_options=options, providers=["CPUExecutionProvider"])
    session.run_options = run_options
    return session


@functools.cache
def _glibc() -> Any:
    """The C library when it is glibc, else None (musl, macOS: other allocators, without these functions)."""
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


def _libc_call(name: str, *args: int) -> bool:
    """Call one of glibc's malloc tuning functions; False, and nothing done, without glibc."""
    function = getattr(_glibc(), name, None)
    return bool(function(*args)) if function is not None else False


class RapidOcrEngine:
    name = "rapidocr"

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads

    def read_lines(
        self, image: np.ndarray, *, lang: str, timeout_s: float, cancelled: threading.Event | None = None
    ) -> list[Line]:
        """Lines (one per detected text box) of words with boxes in `image` pixels and confidences 0..1.

        `lang` is accepted for the seam but unused: the bundled model reads Latin script (and Chinese)
        whatever the card's language. The card arrives upright (ocr/upright.py), so RapidOCR's per-line
        180-degree classifier is skipped: same F1 on the real cards, less time. RapidOCR cannot be
        interrupted, so the timeout is checked when it returns; its work is bounded by MAX_SIDE. Setting
        `cancelled` stops the read before its next model run (detection, then one per line) with
        ReadCancelled: a read started before it was known to be needed (ocr/speculation.py).
        """
        model = load_model(self.threads)
        _libc_call("malloc_trim", 0)  # the pipeline's freed images leave the heap before detection's peak
        started = time.monotonic()
        scale = min(1.0, MAX_SIDE / max(image.shape[:2]))
        if scale < 1.0:
            image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        _this_read.cancelled = cancelled
        try:
            result, _ = model(_as_bgr(image), use_cls=False, return_word_box=True)
        except Exception as exc:  # onnxruntime errors carry no stable type
            if cancelled is not None and cancelled.is_set():  # RapidOCR wraps what our session raised
                raise ReadCancelled("the read was cancelled") from exc
            raise ReadError(f"RapidOCR failed: {exc}") from exc
        finally:
            _this_read.cancelled = None
        elapsed = time.monotonic() - started
        if elapsed > timeout_s:
            raise OcrTimeout(f"RapidOCR took {elapsed:.1f} s, longer than {timeout_s} s")
        lines = [_line(entry, 1 / scale) for entry in result or []]
        return [line for line in lines if line.words]


def _as_bgr(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return np.ascontiguousarray(np.repeat(image[:, :, None], 3, axis=2))
    return image


def _line(entry: list[Any], zoom: float = 1.0) -> Line:
    """One RapidOCR result [quad, text, score, char boxes, chars, char scores] as a Line of words, its
    coordinates multiplied by `zoom` (back to the caller's image)."""
    quad, text, score = entry[0], str(entry[1]), float(entry[2])
    xs = [float(p[0]) * zoom for p in quad]
    ys = [float(p[1]) * zoom for p in quad]
    top, bottom = int(min(ys)), round(max(ys))
    chars = list(entry[4]) if len(entry) > 4 else []
    char_boxes = entry[3] if len(entry) > 3 else []
    char_scores = list(entry[5]) if len(entry) > 5 else []
    if "".join(chars) == text and len(char_boxes) == len(text) and len(char_scores) == len(text):
        lefts = [min(p[0] for p in box) * zoom for box in char_boxes]
        rights = [max(p[0] for p in box) * zoom for box in char_boxes]
        scores = [float(s) for s in char_scores]
    else:  # no per-character positions: spread the characters evenly over the line's box
        step = (max(xs) - min(xs)) / max(len(text), 1)
        lefts = [min(xs) + i * step for i in range(len(text))]
        rights = [left + step for left in lefts]
        scores = [score] * len(text)
    centers = [(a + b) / 2 for a, b in zip(lefts, rights, strict=True)]
    words = []
    for start, end in split_words(text, centers):
        left, right = int(min(lefts[start:end])), round(max(rights[start:end]))
        confidence = round(sum(scores[start:end]) / (end - start), 3)
        box = Box(left, top, max(right - left, 1), max(bottom - top, 1))
        words.append(Word(text[start:end], confidence, box, engine="rapidocr"))
    return Line(tuple(words))
