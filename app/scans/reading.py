"""What runs where the card is read (a pool process or an RQ work horse): both sides through the reader,
outcomes as plain picklable values. Kept free of database code so reader processes stay light."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ocr import CardReading, ReadOptions

CardReader = Callable[[bytes, ReadOptions], CardReading]


@dataclass(frozen=True)
class Reading:
    """A successful read of a card (and of its back, when one was sent)."""

    front: CardReading
    back: CardReading | None = None


@dataclass(frozen=True)
class ReadFailure:
    code: str
    message: str


def read_sides(reader: CardReader, front: bytes, back: bytes | None, options: ReadOptions) -> Reading:
    """Raises the reader's ReadError subclasses; the caller turns them into a failed scan."""
    front_reading = reader(front, options)
    back_reading = reader(back, options) if back is not None else None
    return Reading(front=front_reading, back=back_reading)


def default_reader() -> CardReader:
    from ocr import read_card

    return read_card
