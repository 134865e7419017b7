"""Peak resident memory of this process and its child processes (Tesseract runs as a child), from /proc.

getrusage's ru_maxrss cannot be used: Linux carries the parent's high-water mark into a child at exec, so a
child of a big process reports the parent's peak. /proc/PID/status VmHWM is per address space and right.
A sampling thread adds the children's RSS to ours, so the combined peak is what the machine had to hold.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def _status(pid: int | str) -> dict[str, str]:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    return dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)


def _kb(status: dict[str, str], key: str) -> int:
    try:
        return int(status.get(key, "0 kB").split()[0])
    except ValueError:
        return 0


def _cmdline(pid: int | str) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _children(pid: int) -> list[str]:
    kids: list[str] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            kids += (task / "children").read_text().split()
    except OSError:
        pass
    return kids


class PeakMemory:
    """Samples every `interval` seconds while running; read the peaks after stop()."""

    def __init__(self, interval: float = 0.01) -> None:
        self.interval = interval
        self.pid = os.getpid()
        self.combined_peak_kb = 0
        self.child_peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        me = _status(self.pid)
        total = _kb(me, "VmRSS")
        own_command = _cmdline(self.pid)
        for kid in _children(self.pid):
            # Between fork and exec a child still shows our own pages and command line: not yet Tesseract.
            # (Its name alone would also match a child running another Python program.) The command line is
            # read before and after the status: a child that exec'd in between would pair our pages with
            # Tesseract's name (one run read a 357 MB "child" so, and a combined peak of 499 MB).
            before = _cmdline(kid)
            status = _status(kid)
            if own_command in (before, _cmdline(kid)):
                continue
            total += _kb(status, "VmRSS")
            self.child_peak_kb = max(self.child_peak_kb, _kb(status, "VmHWM"))
        self.combined_peak_kb = max(self.combined_peak_kb, total)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample()

    def start(self) -> PeakMemory:
        self._thread.start()
        return self

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._thread.join()
        self._sample()
        return {
            "process_peak_mb": round(_kb(_status(self.pid), "VmHWM") / 1024, 1),
            "largest_child_peak_mb": round(self.child_peak_kb / 1024, 1),
            "combined_peak_mb": round(self.combined_peak_kb / 1024, 1),
        }
