"""How many threads a reading process gives onnxruntime (RapidOCR), so readers share the cores, not fight.

A process reading one card at a time (the CLI on one file, the benchmark, a lone worker) uses every core it
may run on: on 2 cores RapidOCR's mean time on the real cards fell from 0.51 to 0.37 s against one thread.
Where several readers share the cores (the service's process pool, the CLI's batch), the parent calls
share_cores before starting them. This module imports nothing heavy, so the API process can call it.
"""

from __future__ import annotations

import os

THREADS_ENV = "MEISHI_OCR_THREADS"


def _cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def threads_for_this_process() -> int:
    """THREADS_ENV when set (by a parent running several readers, or the operator), else every core."""
    configured = os.environ.get(THREADS_ENV, "").strip()
    if configured.isdigit() and int(configured) >= 1:
        return int(configured)
    return _cores()


def share_cores(readers: int) -> None:
    """Give each of `readers` reading processes started after this call its share of the cores, unless the
    operator set THREADS_ENV."""
    if not os.environ.get(THREADS_ENV, "").strip().isdigit():
        os.environ[THREADS_ENV] = str(max(1, _cores() // max(1, readers)))
