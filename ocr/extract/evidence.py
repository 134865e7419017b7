"""What the words behind a field say about whether it was read right: evidence for the calibrated
confidence (ocr/confidence.py), recorded by extraction beside each field's value.

A wrong value leaves traces that the value alone does not show: some of its words were read unsurely
(the field's raw confidence is only the lowest), it sits in small print at the card's edge, its words hold
characters OCR confuses ('|' for 'l', '0' inside letters), or free lines nobody claimed are left over (a
company or title the reader missed, or a better line it passed over).

Keys are "<field>.<what>" so they live beside the labeller's per-field probability ("<field>") in
`Extraction.evidence`.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from ocr.extract.freetext import Rest
from ocr.extract.layout import Hit, Segment

# A leftover line next to a value's line, in type this close to the value's (ratio), may be its other half.
SAME_TYPE = 1.25
UNSURE_WORD = 0.6  # a word read below this confidence is an unsure one
# Characters OCR puts where letters were ('|' for 'l', '0' for 'O', a stray bracket) and digit-letter mixes.
_CONFUSABLE = re.compile(r"[|!¦\[\]{}<>~^_`]|[a-z][0-9][a-z]|[0-9][a-z][0-9]|(?<=[A-Za-z])[0-9](?=[A-Za-z])")


def value_evidence(field: str, hits: Sequence[Hit], segments: Sequence[Segment]) -> dict[str, float]:
    """Evidence for one field from the words it came from, measured against the whole card."""
    words = [h.segment.words[i] for h in hits for i in h.word_indices if i < len(h.segment.words)]
    if not words or not segments:
        return {}
    confidences = [w.confidence for w in words]
    all_words = [w for s in segments for w in s.words]
    top = min(w.box.top for w in all_words)
    span = max(1, max(w.box.bottom for w in all_words) - top)
    typical = statistics.median(w.box.height for w in all_words) or 1
    height = statistics.median(w.box.height for w in words)
    text = " ".join(w.text for w in words)
    return {
        f"{field}.word_mean": round(sum(confidences) / len(confidences), 3),
        f"{field}.word_min": round(min(confidences), 3),
        f"{field}.unsure_share": round(sum(c < UNSURE_WORD for c in confidences) / len(confidences), 3),
        f"{field}.height": round(min(3.0, height / typical), 3),
        f"{field}.top": round((min(w.box.top for w in words) - top) / span, 3),
        f"{field}.confusable": float(bool(_CONFUSABLE.search(text))),
    }


def leftover_lines(texts: Sequence[str]) -> dict[str, float]:
    """Card-level: how many free lines (not an address, not taken by any field) are left over."""
    return {"card.leftover": float(len(texts))}


def leftover_neighbours(field: str, lines: Sequence[Rest], leftovers: Sequence[Rest]) -> dict[str, float]:
    """Whether a leftover line sits right above or below one of the field's lines in type of the same size:
    a company or address cut to one of its lines, or the line a title or name continued on."""
    near = any(
        abs(other.segment.line_index - line.segment.line_index) == 1
        and 1 / SAME_TYPE <= other.height_ratio / max(line.height_ratio, 1e-6) <= SAME_TYPE
        for line in lines
        for other in leftovers
    )
    return {f"{field}.leftover_next": float(near)} if lines else {}
