"""The compact word list splits runs of letters exactly as wordninja does, at a fraction of its memory."""

from __future__ import annotations

import random
import string

import pytest

from ocr.word_list import english_word_costs

wordninja = pytest.importorskip("wordninja")  # the reference, installed with the rapidocr extra

RUNS = [
    "JUNIORSUPPLY",
    "juniorsupply",
    "GLOBALLOGISTICSPARTNERS",
    "realestateagency",
    "Chiefexecutiveofficer",
    "thequickbrownfoxjumpsoverthelazydog",
    "zzqxjkw",
    "win32intel",
    "1234abc5678",
]


def test_splits_as_wordninja_on_words_and_on_noise():
    words = english_word_costs()
    assert words is not None
    rng = random.Random(7)
    vocabulary = wordninja.DEFAULT_LANGUAGE_MODEL._wordcost
    common = [w for w, _ in sorted(vocabulary.items(), key=lambda kv: kv[1])[:20000] if w.isalpha()]
    glued = ["".join(rng.choice(common) for _ in range(rng.randint(2, 4))) for _ in range(300)]
    noise = [
        "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(8, 24))) for _ in range(100)
    ]
    for run in RUNS + glued + [g.upper() for g in glued[:50]] + noise:
        assert words.split(run) == wordninja.split(run), run


def test_ranks_and_costs_are_wordninjas():
    words = english_word_costs()
    assert words is not None
    reference = wordninja.DEFAULT_LANGUAGE_MODEL._wordcost
    for word in ("the", "supply", "junior", "logistics", "kumquat"):
        assert words.cost(word) == pytest.approx(reference[word])
    assert words.rank("the") == 0
    assert words.rank("qzxwvk") is None and words.cost("qzxwvk") > 1e300


def test_the_reader_splits_runs_without_importing_wordninja():
    """wordninja's own import builds a 126k-word dict (17.8 MB resident): the reader reads its list only."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from ocr.engines.respace import split_words\n"
        "text = 'JUNIORSUPPLY'\n"
        "assert [text[a:b] for a, b in split_words(text)] == ['JUNIOR', 'SUPPLY']\n"
        "assert 'wordninja' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
