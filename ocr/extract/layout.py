"""Card text as segments: OCR lines cut at printed separators ("|", "•", wide gaps), with the
geometry the field extractors reason about (height = prominence, position on the card)."""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from ocr.extract.repair import join_spaced_letters
from ocr.types import Box, Line, Word

# Words that only separate columns of a line: "T 555 | F 556", "Zürich · Schweiz".
_SEPARATOR = re.compile(r"^[|•·◦●▪■¦‖]+$")  # not '/': "(11) 2747-8430 / 2746-6245" is one list
_EDGE_SEPARATORS = "|•·◦●▪■¦‖"
# A horizontal gap wider than this many line heights starts a new column.
_SIZE_STEP = 1.25
_SIZE_STEP_GAP = 0.9  # of the larger type: an accent makes 'FERNÁNDEZ' taller than 'BUFETE'
_COLUMN_GAP = 2.5


@dataclass(frozen=True)
class Segment:
    """A run of words printed together: a whole line, or one column or piece of it."""

    words: tuple[Word, ...]
    text: str  # OCR text with letter-spaced capitals joined ("S W A N S O N" -> "SWANSON")
    line_index: int  # index of the OCR line it belongs to
    order: int  # reading order over all segments

    @property
    def box(self) -> Box:
        return Line(self.words).box

    @property
    def height(self) -> float:
        """Median word height: robust against a tall '|' or a descender-only word."""
        return float(statistics.median(w.box.height for w in self.words))

    @property
    def confidence(self) -> float:
        return sum(w.confidence for w in self.words) / len(self.words)

    @property
    def raw(self) -> str:
        """The words as read, one space apart (what character spans below refer to)."""
        return " ".join(w.text for w in self.words)

    def boxes(self) -> tuple[Box, ...]:
        return tuple(w.box for w in self.words)

    def word_indices(self, start: int, end: int) -> tuple[int, ...]:
        """Indices of the words that overlap characters start..end of `raw`."""
        found: list[int] = []
        offset = 0
        for index, word in enumerate(self.words):
            if offset < end and start < offset + len(word.text):
                found.append(index)
            offset += len(word.text) + 1
        return tuple(found)


@dataclass(frozen=True)
class Hit:
    """One value found in one segment, with the words it came from."""

    value: str
    segment: Segment
    word_indices: tuple[int, ...]
    confidence: float
    # Another segment's words the value was read from too (an email whose domain OCR cut onto the next
    # segment), used with the value's own.
    also: tuple[Segment, ...] = ()

    @property
    def boxes(self) -> tuple[Box, ...]:
        own = tuple(self.segment.words[i].box for i in self.word_indices)
        return own + tuple(w.box for other in self.also for w in other.words)

    @property
    def keys(self) -> set[tuple[int, int]]:
        """(segment order, word index) pairs, to mark the words as used."""
        own = {(self.segment.order, i) for i in self.word_indices}
        return own | {(other.order, i) for other in self.also for i in range(len(other.words))}


def hit(value: str, segment: Segment, start: int, end: int, certainty: float = 1.0) -> Hit:
    """A Hit for characters start..end of the segment's raw text; confidence = OCR x certainty."""
    indices = segment.word_indices(start, end) or tuple(range(len(segment.words)))
    ocr = sum(segment.words[i].confidence for i in indices) / len(indices)
    return Hit(value, segment, indices, round(min(1.0, ocr) * certainty, 3))


def _strip_edge_separators(word: Word) -> Word | None:
    # A bar glued to the front of an email address is more often its first letter ('|schroeder@' for
    # lschroeder@) than a column rule; the email repair decides, by the person's name.
    keep_front = "@" in word.text and word.text.startswith(("|", "¦"))
    text = (word.text.rstrip(_EDGE_SEPARATORS) if keep_front else word.text.strip(_EDGE_SEPARATORS)).strip()
    if not text:
        return None
    return word if text == word.text else Word(text, word.confidence, word.box, word.engine)


def _continues_number(previous: Word, word: Word) -> bool:
    """'+44  1473 550881': a gap inside a phone number (a lost '(0)') does not start a column."""
    return bool(re.search(r"[\d)]$", previous.text)) and bool(re.match(r"^[\d(]", word.text))


def _size_step(previous: Word, word: Word) -> bool:
    """'INTERWORLD  Miami, FL': a change of type size with more than a word space between is where a logo
    (or another column) meets the line; word spaces are about a third of the larger type's height."""
    small, large = sorted((previous.box.height, word.box.height))
    gap = word.box.left - previous.box.right
    return large > _SIZE_STEP * small and gap > _SIZE_STEP_GAP * large


def _split_line(line: Line) -> list[list[Word]]:
    pieces: list[list[Word]] = [[]]
    heights = [w.box.height for w in line.words] or [1]
    gap_limit = _COLUMN_GAP * statistics.median(heights)
    previous: Word | None = None
    widest = 0  # the widest word space so far in the current piece
    for word in line.words:
        if _SEPARATOR.match(word.text.strip()):
            pieces.append([])
            previous = None
            continue
        cut_after = word.text.rstrip().endswith(tuple(_EDGE_SEPARATORS))
        cut_before = word.text.lstrip().startswith(tuple(_EDGE_SEPARATORS)) and "@" not in word.text
        cleaned = _strip_edge_separators(word)
        gap = word.box.left - previous.box.right if previous is not None else 0
        # A size step no wider than the piece's word spaces so far is the same run of type ('OAKRIDGE
        # IMOBILIÁRIA S.A.' letter-spaced: the accent makes one word taller, the tracking every space wide).
        step = previous is not None and _size_step(previous, word) and not (widest and gap <= 1.2 * widest)
        wide_gap = previous is not None and (gap > gap_limit or step)
        if previous is not None and (cut_before or (wide_gap and not _continues_number(previous, word))):
            pieces.append([])
            widest = 0
        elif previous is not None:
            widest = max(widest, gap)
        if cleaned is not None:
            pieces[-1].append(cleaned)
        if cut_after:
            pieces.append([])
        previous = word
    return [p for p in pieces if p]


def spaced_text(words: Sequence[Word]) -> str:
    """The words one space apart, two where a gap is much wider than the others.

    In letter-spaced type ('J A N E   S W A N S O N') only the wider gap separates words, and
    join_spaced_letters needs to see it.
    """
    gaps = [b.box.left - a.box.right for a, b in itertools.pairwise(words)]
    if len(gaps) < 3:
        return " ".join(w.text for w in words)
    typical = max(1.0, statistics.median(gaps))
    parts = [words[0].text]
    for gap, word in zip(gaps, words[1:], strict=True):
        parts.append("  " if gap > 1.8 * typical else " ")
        parts.append(word.text)
    return "".join(parts)


def segments_of(lines: Sequence[Line]) -> list[Segment]:
    """Segments in reading order: lines top to bottom (as given), pieces left to right."""
    segments: list[Segment] = []
    for index, line in enumerate(lines):
        if not line.words:
            continue
        for words in _split_line(line):
            text = join_spaced_letters(spaced_text(words))
            if text.strip():
                segments.append(Segment(tuple(words), text.strip(), index, len(segments)))
    return segments


def card_text_height(segments: Sequence[Segment]) -> float:
    """The typical text height on the card: what 'big' is measured against."""
    if not segments:
        return 1.0
    return float(statistics.median(s.height for s in segments)) or 1.0
