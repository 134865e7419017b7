"""Shared by the benchmarks: a stamp of when and where figures were measured, and Markdown tables."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def current_commit() -> str:
    """The checked-out commit (take it before measuring: the tree may move while a long run goes on)."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return commit or "?"


def stamp(results: dict[str, Any], commit: str) -> dict[str, Any]:
    return {
        **results,
        "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "machine": machine(),
    }


# The vector units onnxruntime and Tesseract's LSTM pick their kernels by. The same 2-core kind of machine
# read the real cards' `auto` p50 in 0.72 s on an Intel CPU with AVX-512 and AMX, and in 0.83-1.06 s on an
# AMD EPYC with AVX2 only, whose speed also drifted within a session (docs/reader.md, fourteenth session):
# seconds mean little without the CPU.
_VECTOR_UNITS = ("avx2", "avx512f", "amx_tile")


def machine(cpuinfo: Path = Path("/proc/cpuinfo")) -> str:
    """The CPU seconds were measured on: 'AMD EPYC, 2 cores, avx2' ('?' where /proc/cpuinfo is absent)."""
    try:
        text = cpuinfo.read_text("utf-8", errors="replace")
    except OSError:
        return "?"
    fields = dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in text.splitlines())
        if key.strip() in ("model name", "flags")
    )
    cores = sum(line.startswith("processor") for line in text.splitlines())
    flags = set(fields.get("flags", "").split())
    units = ", ".join(unit for unit in _VECTOR_UNITS if unit in flags) or "no AVX2"
    return f"{fields.get('model name', '?')}, {cores} cores, {units}"


def render_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def write_docs(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
