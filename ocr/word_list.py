"""wordninja's English word-frequency list, held compactly, and its word splitting.

`import wordninja` builds a dict of its 126,136 words at import: 17.8 MB of the reader's resident memory,
near a tenth of the peak budget, for the few long runs of letters RapidOCR joins per card
(ocr/engines/respace.py). The same list is kept here as two arrays, each word's hash (sorted) and its
cost, about 2 MB, and the split is wordninja's own dynamic programme over the same costs, so it splits
exactly as wordninja does (tests/ocr/test_word_list.py compares them). The list is read from the installed
wordninja package, without importing it, on first use.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
from functools import cache
from pathlib import Path

import numpy as np

_LIST_FILE = ("wordninja", "wordninja_words.txt.gz")
_UNKNOWN = 9e999  # wordninja's cost of a string not in its list (float infinity)


class WordCosts:
    """Each word's cost, -log of its Zipf probability: log((rank + 1) * log(size)), as wordninja's."""

    def __init__(self, words: list[str]) -> None:
        self.size = len(words)
        self.longest = max(len(w) for w in words)
        ranks: dict[int, int] = {}
        for rank, word in enumerate(words):
            ranks[hash(word)] = rank  # a word listed twice keeps its later rank, as in wordninja's dict
        # Python's string hash is salted per process, and the table is built in this process: a 64-bit
        # hash collision among 126k words (or with a looked-up string) has odds under one in 10^9.
        self._keys = np.fromiter(ranks.keys(), dtype=np.int64, count=len(ranks))
        order = np.argsort(self._keys)
        self._keys = self._keys[order]
        self._ranks = np.fromiter(ranks.values(), dtype=np.int32, count=len(ranks))[order]
        self._log_size = math.log(self.size)

    def rank(self, word: str) -> int | None:
        """0 for the most frequent word; None for a word not in the list."""
        key = hash(word)
        at = int(np.searchsorted(self._keys, key))
        return int(self._ranks[at]) if at < len(self._keys) and self._keys[at] == key else None

    def cost(self, word: str) -> float:
        rank = self.rank(word)
        return _UNKNOWN if rank is None else math.log((rank + 1) * self._log_size)

    def split_cost(self, run: str) -> float:
        """The cost of `run` read as its least costly split into words: how word-like a spelling is."""
        return sum(self.cost(word.lower()) for word in self.split(run))

    def split(self, run: str) -> list[str]:
        """The least costly split of a run of letters and digits into words (wordninja's `_split`, its
        apostrophe handling left out: RapidOCR's runs reach here without one)."""
        costs = [0.0]

        def best_match(i: int) -> tuple[float, int]:
            candidates = enumerate(reversed(costs[max(0, i - self.longest) : i]))
            return min((c + self.cost(run[i - k - 1 : i].lower()), k + 1) for k, c in candidates)

        for i in range(1, len(run) + 1):
            costs.append(best_match(i)[0])
        words: list[str] = []
        i = len(run)
        while i > 0:
            _, k = best_match(i)
            if words and run[i - 1].isdigit() and words[-1][0].isdigit():
                words[-1] = run[i - k : i] + words[-1]  # digits stay together, as in wordninja
            else:
                words.append(run[i - k : i])
            i -= k
        return words[::-1]


@cache
def english_word_costs() -> WordCosts | None:
    """The list from the installed wordninja package (the rapidocr extra); None without it."""
    try:
        spec = importlib.util.find_spec(_LIST_FILE[0])
    except (ImportError, ValueError):
        return None
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent.joinpath(*_LIST_FILE)
    if not path.is_file():
        return None
    with gzip.open(path) as packed:
        return WordCosts(packed.read().decode().split())
