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


def test_a_child_that_execs_while_it_is_sampled_is_not_counted_with_our_pages(monkeypatch):
    """The status read between fork and exec holds our own pages; the command line read after it may
    already be Tesseract's: the child counts only when its command line is another's before and after."""
    import benchmarks.memory as memory

    ours, theirs = b"python\0-m\0benchmarks.cache\0", b"tesseract\0stdin\0"
    seen = iter([ours, theirs])  # the child's command line: before its status is read, then after
    monkeypatch.setattr(memory, "_children", lambda pid: ["4242"])
    monkeypatch.setattr(memory, "_cmdline", lambda pid: next(seen) if pid == "4242" else ours)
    monkeypatch.setattr(memory, "_status", lambda pid: {"VmRSS": "350000 kB", "VmHWM": "350000 kB"})
    mem = PeakMemory()
    mem._sample()
    assert mem.child_peak_kb == 0 and mem.combined_peak_kb == 350000
    seen = iter([theirs, theirs])  # exec'd before the sample: Tesseract's own pages, counted
    mem._sample()
    assert mem.child_peak_kb == 350000 and mem.combined_peak_kb == 700000


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
