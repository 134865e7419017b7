"""The benchmark runner end to end on a tiny set, and its memory measurement."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from benchmarks.memory import PeakMemory
from benchmarks.run import main


def test_peak_memory_sees_a_child_process():
    mem = PeakMemory(interval=0.005).start()
    code = "import time; b = bytearray(80 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096]); time.sleep(0.4)"
    subprocess.run([sys.executable, "-c", code], check=True)
    peaks = mem.stop()
    assert peaks["largest_child_peak_mb"] >= 80
    assert peaks["combined_peak_mb"] >= peaks["largest_child_peak_mb"]
    assert 0 < peaks["process_peak_mb"] < 2000


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs the tesseract binary")
def test_runs_the_baseline_and_says_when_real_cards_are_absent(tmp_path, capsys):
    out = tmp_path / "bench.json"
    code = main(
        [
            "--seed",
            "3",
            "--count",
            "1",
            "--real",
            str(tmp_path / "absent"),
            "--engines",
            "none",
            "--json-out",
            str(out),
        ]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "real cards: skipped" in printed
    assert "overall micro F1" in printed and "p95 s/card" in printed and "load average" in printed
    data = json.loads(out.read_text("utf-8"))
    (result,) = data["sets"]["generated"]["results"]
    assert result["strategy"] == "baseline"
    assert result["summary"]["n"] == 1
    assert result["latency"]["p50_s"] > 0
    assert result["memory"]["largest_child_peak_mb"] > 0  # tesseract ran as a child and was measured
    assert "skipped" in data["sets"]["real"]
