"""Speed figures that hold on a shared machine: CPU seconds counted with the Tesseract children, and the
honest benchmark's CPU ratio to one raw tesseract pass."""

from __future__ import annotations

import subprocess
import sys

from benchmarks.cache import cpu_seconds
from benchmarks.honest import _cpu_ratio, _speed


def test_cpu_seconds_count_finished_child_processes():
    before = cpu_seconds()
    subprocess.run([sys.executable, "-c", "sum(i * i for i in range(3_000_000))"], check=True)
    assert cpu_seconds() - before > 0.05


def test_cpu_figures_and_their_ratio_appear_only_when_both_runs_recorded_cpu_seconds():
    auto = {str(i): {"seconds": 2.0 * i, "cpu_seconds": 1.0 * i} for i in range(1, 6)}
    base = {str(i): {"seconds": 1.0 * i, "cpu_seconds": 0.5 * i} for i in range(1, 6)}
    speed = {"auto as read": _speed(auto, {}), "tesseract": _speed(base, {})}
    assert speed["auto as read"]["cpu_p50_s"] == 3.0
    assert _cpu_ratio(speed) == 2.0
    old = {str(i): {"seconds": 1.0 * i} for i in range(1, 6)}  # a cache from before CPU seconds
    assert _speed(old, {})["cpu_p50_s"] is None
    assert _cpu_ratio({"auto as read": _speed(auto, {}), "tesseract": _speed(old, {})}) is None
