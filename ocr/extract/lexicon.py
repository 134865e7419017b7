"""Plain-text word lists under ocr/extract/data/, loaded once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("ocr.extract").joinpath("data", name).read_text(encoding="utf-8")
    stripped = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in stripped if line]


@cache
def entries(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of data/NAME, lower-cased, in file order."""
    return tuple(line.lower() for line in _lines(name))


@cache
def table(name: str) -> dict[str, str]:
    """A two-column (tab-separated) data file as {lower-cased key: value as written}."""
    pairs = (line.split("\t", 1) for line in _lines(name))
    return {key.strip().lower(): value.strip() for key, value in pairs}


@cache
def gazetteer(name: str) -> frozenset[str]:
    """A large generated word list (data/NAME: lower-case already, '#' comments only at the top), loaded
    without the per-line clean-up of words(): names-dataset's 60k names a side in a fraction of the time."""
    text = resources.files("ocr.extract").joinpath("data", name).read_text(encoding="utf-8")
    lines = text.split("\n")
    header = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    return frozenset(lines[header:]) - {""}


@cache
def words(name: str) -> frozenset[str]:
    """The entries of data/NAME as a set, for membership tests."""
    return frozenset(entries(name))
