"""A second engine's whole-card read started before `auto` knows it needs one, on a core that is idle.

`auto` reads the card with Tesseract, extracts its fields, and only then decides whether RapidOCR reads
the whole card too (about half the real cards). Tesseract runs on one core; a lone reader (the CLI on one
card, a single worker; ocr/engines/threads.py) has a second one that sits idle meanwhile. So the pipeline
starts RapidOCR's whole-card read on a background thread just before Tesseract's reading (both release the
GIL while they compute), and the strategy takes its lines if it decides it needs them, or cancels it. The
read is exactly the one the strategy would have made (same pixels, same call), so the card's reading is
the same; what changes is when it runs. Readers sharing the cores (the service's pool) never speculate:
there the second core is another card's.

Cancelling cannot stop onnxruntime inside a run, but RapidOCR makes one run for detection and one per
line recognised (ocr/engines/rapidocr.py), and each run first checks the read's cancel flag: a cancelled
read stops within one run, and cancel() waits for it, so nothing of it outlives the card.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

import numpy as np

from ocr.types import Line

Read = Callable[[np.ndarray, threading.Event], list[Line]]
# "1" turns speculation on. Off by default: on the 62 real cards it raised the reader's peak memory (one
# reading process and its orientation child) from 450.7 to 523.7 MB, the process alone 450.5 -> 480.6, over
# the 400 MB budget, for a 10% shorter summed wall time on a loaded machine (docs/reader.md, "Where the
# time goes"). For a lone reader with memory to spare; the paired speed benchmark's `auto speculative`.
SPECULATE_ENV = "MEISHI_SPECULATE"


def enabled() -> bool:
    return os.environ.get(SPECULATE_ENV, "").strip() == "1"


class SpeculativeRead:
    """`read(color, cancelled)` running on its own thread from construction on: ask for its lines with
    result(), or drop it with cancel(). `color` is kept so the caller can check it is the image it reads."""

    def __init__(self, color: np.ndarray, read: Read) -> None:
        self.color: np.ndarray | None = color
        self.seconds = 0.0  # how long the read ran on its thread (not the time anyone waited for it)
        self._cancelled = threading.Event()
        self._lines: list[Line] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run, args=(read, color), name="meishi-speculative-read", daemon=True
        )
        self._thread.start()

    def _run(self, read: Read, color: np.ndarray) -> None:
        started = time.perf_counter()
        try:
            self._lines = read(color, self._cancelled)
        except Exception as exc:  # handed to whoever asks for the result, as if they had read it themselves
            self._error = exc
        finally:
            self.seconds = round(time.perf_counter() - started, 4)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def result(self) -> list[Line]:
        """The read's lines, waiting for them; raises what the read raised. Not after cancel()."""
        if self._cancelled.is_set():
            raise RuntimeError("the speculative read was cancelled")
        self._thread.join()
        self.color = None
        if self._error is not None:
            raise self._error
        assert self._lines is not None  # the read returned without raising
        return list(self._lines)

    def cancel(self) -> None:
        """Drop the read: it stops at its next model run; returns once its thread has ended, having
        forgotten its lines, error and image."""
        self._cancelled.set()
        self._thread.join()
        self._lines, self._error, self.color = None, None, None
