"""A printed line Tesseract returned as two: 'Regional' with a box over the whole of 'Regional Sales
Manager', then 'Sales Manager' as a line of its own inside that box ('Engenheiro' / 'de Produção', '66
avenue' / 'Jean Jaurès', 'K. V. NARASIMHA' / 'RAO'). The second line lies on the first's band and within
its last word's box, which no two printed lines do: they are one line again, the last word's box cut where
the rest starts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ocr.types import Box, Line

# Lines after the first one searched for its rest: Tesseract may put another line between them.
LOOK_AHEAD = 2
# How far past the last word's box the rest may reach, in heights of its text (rounding of the boxes).
SLACK = 0.3


def rejoined_lines(lines: Sequence[Line]) -> list[Line]:
    out = list(lines)
    i = 0
    while i < len(out):
        for j in range(i + 1, min(i + 1 + LOOK_AHEAD, len(out))):
            if _rest_of(out[i], out[j]):
                out[i] = _joined(out[i], out[j])
                del out[j]
                break
        else:
            i += 1
    return out


def _span(line: Line) -> tuple[int, int, int, int]:
    boxes = [w.box for w in line.words]
    return (
        min(b.left for b in boxes),
        max(b.left + b.width for b in boxes),
        min(b.top for b in boxes),
        max(b.top + b.height for b in boxes),
    )


def _rest_of(line: Line, other: Line) -> bool:
    """Whether `other` is the rest of `line`: Tesseract's words both, on its band, inside its last word's box
    and not at its start."""
    if not line.words or not other.words:
        return False
    if any(w.engine != "tesseract" for w in (*line.words, *other.words)):
        return False
    last = line.words[-1].box
    left, right, top, bottom = _span(other)
    _, _, line_top, line_bottom = _span(line)
    height = min(bottom - top, line_bottom - line_top)
    overlap = min(bottom, line_bottom) - max(top, line_top)
    slack = SLACK * height
    return (
        height > 0
        and overlap >= 0.5 * height
        and left > last.left + slack
        and right <= last.left + last.width + slack
    )


def _joined(line: Line, rest: Line) -> Line:
    last = line.words[-1]
    start = min(w.box.left for w in rest.words)
    # The last word ends where the rest starts, less a space: the box Tesseract gave it spans both.
    gap = max(1, last.box.height // 4)
    width = max(1, start - gap - last.box.left)
    cut = replace(last, box=Box(last.box.left, last.box.top, width, last.box.height))
    return Line((*line.words[:-1], cut, *rest.words))
