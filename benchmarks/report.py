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
    return {**results, "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "commit": commit}


def render_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def write_docs(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
