"""Plain-text word lists under ocr/extract/data/, loaded once per process."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable
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


class HashedWords:
    """A large word list for membership tests only, kept as the sorted hashes of its words: 8 bytes a word
    where a set of strings takes about 80. The name gazetteers (60k given and 69k family names, and the
    given names again with the hand list) took 29 MB of the reading process as sets, and every megabyte
    counts at the second engine's detection, the reader's peak. Python's string hash is 64-bit and fixed
    within a process, which is all a membership test needs; a word outside the list matches one inside
    with odds of about 1 in 10^14."""

    def __init__(self, words: Iterable[str]) -> None:
        self._hashes = array("q", sorted(map(hash, words)))  # a repeated word is harmless to bisect

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        key = hash(word)
        at = bisect_left(self._hashes, key)
        return at < len(self._hashes) and self._hashes[at] == key

    def __len__(self) -> int:
        return len(self._hashes)

    def with_words(self, words: Iterable[str]) -> HashedWords:
        """This list and `words` as one."""
        joined = HashedWords(())
        joined._hashes = array("q", sorted([*self._hashes, *map(hash, words)]))
        return joined


@cache
def gazetteer(name: str) -> HashedWords:
    """A large generated word list (data/NAME: lower-case already, '#' comments only at the top), loaded
    without the per-line clean-up of words(): names-dataset's 60k names a side in a fraction of the time."""
    text = resources.files("ocr.extract").joinpath("data", name).read_text(encoding="utf-8")
    lines = text.split("\n")
    header = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    return HashedWords(line for line in lines[header:] if line)


def gazetteer_name(word: str) -> bool:
    """A lower-case word that is a given or a family name of the gazetteers (each list looked up on its
    own: a union of the two 60k-name sets built per call was most of the confidence stage's time)."""
    return word in gazetteer("given_names.txt") or word in gazetteer("family_names.txt")


@cache
def words(name: str) -> frozenset[str]:
    """The entries of data/NAME as a set, for membership tests."""
    return frozenset(entries(name))
