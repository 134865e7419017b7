"""The robustness benchmark makes the slips it names, and only where they can be made."""

from __future__ import annotations

import random

from benchmarks.robustness import SLIPS, slipped


def _row(*texts: str) -> dict:
    words = [[t, 0.9, 10 + 60 * i, 10, 50, 20, "tesseract"] for i, t in enumerate(texts)]
    return {"groups": [{"calls": [{"lines": [words]}]}]}


def _texts(row: dict) -> list[str]:
    return [w[0] for w in row["groups"][0]["calls"][0]["lines"][0]]


def test_every_slip_changes_only_what_it_names():
    rng = random.Random(0)
    assert SLIPS["comma read as stop"]("Bristol,", rng, 1.0) == "Bristol."
    assert SLIPS["0 read as O"]("80202", rng, 1.0) == "8O2O2"
    assert SLIPS["0 read as O"]("Office", rng, 1.0) == "Office"
    assert SLIPS["I read as l"]("India", rng, 1.0) == "lndia"
    assert SLIPS["m read as rn"]("Smith", rng, 1.0) == "Srnith"
    assert SLIPS["accents lost"]("Jürgen", rng, 1.0) == "Jurgen"
    assert SLIPS["comma read as stop"]("Bristol,", rng, 0.0) == "Bristol,"
    assert SLIPS["@ lost"]("jane@acme.com", rng, 1.0) == "jane acme.com"


def test_a_slipped_card_is_a_copy_and_whole_line_slips_keep_the_words_boxes():
    row = _row("Jane", "Doe")
    joined = slipped(row, "words run together", random.Random(0), 1.0)
    assert _texts(joined) == ["JaneDoe"]
    assert joined["groups"][0]["calls"][0]["lines"][0][0][2:6] == [10, 10, 110, 20]
    assert _texts(slipped(row, "line in capitals", random.Random(0), 1.0)) == ["JANE", "DOE"]
    assert _texts(row) == ["Jane", "Doe"]


def test_a_split_word_becomes_two_words_with_their_share_of_the_box():
    """As engines report a wide letter gap: two words, never one word with a space inside."""
    split = slipped(_row("Partnerships", "Doe"), "word split", random.Random(0), 1.0)
    words = split["groups"][0]["calls"][0]["lines"][0]
    assert "".join(w[0] for w in words[:2]) == "Partnerships" and all(" " not in w[0] for w in words)
    first, second = words[0], words[1]
    assert first[2] == 10 and first[2] + first[4] < second[2] <= 10 + 50
    assert [w[0] for w in words[2:]] == ["Doe"]  # too short to split
