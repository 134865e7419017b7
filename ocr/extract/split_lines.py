"""A printed line Tesseract returned as two: 'Regional' with a box over the whole of 'Regional Sales
Manager', then 'Sales Manager' as a line of its own inside that box ('Engenheiro' / 'de Produção', '66
avenue' / 'Jean Jaurès', 'K. V. NARASIMHA' / 'RAO'). The second line lies on the band of one of the
first's words and inside that word's box, which no two printed lines do: they are one line again, the
rest after that word ('Fax (201) 559-4666' read as 'Fax 559-4666' and '(201)'), the word's box cut where
the rest starts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ocr.types import Box, Line

# Lines after the first one searched for its rest: Tesseract may put another line between them.
LOOK_AHEAD = 2
# How far past the word's box the rest may reach, in heights of its text (rounding of the boxes).
SLACK = 0.3


def rejoined_lines(lines: Sequence[Line]) -> list[Line]:
    out = list(lines)
    i = 0
    while i < len(out):
        for j in range(i + 1, min(i + 1 + LOOK_AHEAD, len(out))):
            if (at := _rest_of(out[i], out[j])) is not None:
                out[i] = _joined(out[i], out[j], at)
                del out[j]
                break
        else:
            i += 1
    return out


def _rest_of(line: Line, other: Line) -> int | None:
    """The index of the word of `line` whose box holds `other` (Tesseract's words both, on the line's band,
    inside the word's box and not at its start), or None when `other` is a line of its own."""
    if not line.words or not other.words:
        return None
    if any(w.engine != "tesseract" for w in (*line.words, *other.words)):
        return None
    span = other.box
    left, right, top, bottom = span.left, span.right, span.top, span.bottom
    for i, word in enumerate(line.words):
        box = word.box
        # On the word's own band: a logo glyph beside the line may reach down to a tagline under it.
        height = min(bottom - top, box.height)
        overlap = min(bottom, box.top + box.height) - max(top, box.top)
        slack = SLACK * height
        if (
            height > 0
            and overlap >= 0.5 * height
            and left > box.left + slack
            and right <= box.left + box.width + slack
        ):
            return i
    return None


def _joined(line: Line, rest: Line, at: int) -> Line:
    holder = line.words[at]
    start = min(w.box.left for w in rest.words)
    # The word ends where the rest starts, less a space: the box Tesseract gave it spans both.
    gap = max(1, holder.box.height // 4)
    width = max(1, start - gap - holder.box.left)
    cut = replace(holder, box=Box(holder.box.left, holder.box.top, width, holder.box.height))
    return Line((*line.words[:at], cut, *rest.words, *line.words[at + 1 :]))
