"""Generated cards as OCR-like lines without the OCR: the generator's layout gives every printed word, its
box and the truth field it carries, in a fraction of a millisecond per card. The line labeller trains on
thousands of these (every layout, locale, department, tagline and service list the generator knows), and
on real cards' OCR lines (benchmarks/cache.py), where layouts and OCR noise are real.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from benchmarks.fonts import load
from benchmarks.generate import plan_card
from benchmarks.layout import TextOp, layout_card
from ocr.engines.lines import reading_order
from ocr.types import Box, Line, Word

LONG_PX = 1000


@dataclass(frozen=True)
class SyntheticCard:
    lines: list[Line]
    labels: dict[tuple[int, int, int, int], str]  # word box (left, top, width, height) -> truth field
    truth: dict[str, object]


def _words(op: TextOp, rng: random.Random) -> list[tuple[Word, str]]:
    font = load(op.font, op.size)
    out: list[tuple[Word, str]] = []
    x = op.x
    space = font.getlength(" ") + op.tracking
    for token in op.text.split(" "):
        width = font.getlength(token) + op.tracking * len(token)
        if token.strip():
            box = Box(int(x), int(op.y + op.size * 0.1), max(1, int(width)), max(1, int(op.size * 0.8)))
            confidence = max(0.3, min(0.99, rng.gauss(0.9, 0.08)))
            out.append((Word(token, round(confidence, 3), box), op.field))
        x += width + space
    return out


def synthetic_card(seed: int, index: int, variety: float = 0.0) -> SyntheticCard:
    """Card `index` of generator seed `seed` as lines (words joined left to right when they share a
    baseline, as an OCR engine groups them) with each word's truth field; `variety`: the share of cards
    with benchmarks/variety.py's extra layouts."""
    content, style, _mode = plan_card(seed, index, variety)
    _size, ops, _layout = layout_card(content, style, LONG_PX)
    rng = random.Random(f"synthetic-lines/{seed}/{index}")
    tagline = getattr(content, "tagline", None)
    pieces: list[tuple[Word, str]] = []
    for op in ops:
        if isinstance(op, TextOp) and op.text.strip():
            field = "tagline" if tagline and op.text.strip() == tagline.strip() else op.field
            pieces += [(word, field) for word, _ in _words(op, rng)]
    labels = {(w.box.left, w.box.top, w.box.width, w.box.height): f for w, f in pieces}
    rows: list[list[Word]] = []
    for word, _field in sorted(pieces, key=lambda p: (p[0].box.top, p[0].box.left)):
        for row in rows:
            last = row[-1]
            same_line = abs(last.box.top - word.box.top) < 0.5 * min(last.box.height, word.box.height)
            close = 0 <= word.box.left - last.box.right < 3 * word.box.height
            if same_line and close:
                row.append(word)
                break
        else:
            rows.append([word])
    lines = reading_order([Line(tuple(row)) for row in rows])
    return SyntheticCard(lines, labels, dict(content.truth))


def word_label(card: SyntheticCard, word: Word) -> str:
    return card.labels.get((word.box.left, word.box.top, word.box.width, word.box.height), "other")
