"""The per-set replay marks each field right or wrong as the scorer does, and its diff names what moved."""

from __future__ import annotations

from pathlib import Path

from benchmarks.datasets import LabelledCard
from benchmarks.replay_sets import _diff, field_verdicts, value_changes

TRUTH = {
    "name": "Jane Doe",
    "title": "Sales Manager",
    "emails": ["jane@acme.com"],
    "address": "12 Main Street, Springfield, IL 62701",
    "region": "US",
}
CARD = LabelledCard("0001", Path("0001.jpg"), TRUTH)


def test_fields_are_right_or_wrong_as_the_scorer_counts_them():
    read = {
        "name": "Jane Doe",
        "title": "Sales",
        "emails": ["jane@acme.com", "info@acme.com"],
        "address": "12 Main Street Springfield IL 62701",  # close enough for the scorer's address match
    }
    verdicts = field_verdicts(CARD, read)
    assert {f: right for f, (_, right) in verdicts.items()} == {
        "name": True,
        "title": False,
        "emails": False,  # an extra address is a wrong value
        "address": True,
    }
    # a field the card prints and the reader left empty is there, and wrong
    assert field_verdicts(CARD, {})["name"][1] is False


def test_the_diff_marks_fields_that_became_right_wrong_or_changed():
    before = {
        "0001": {"name": ["jane do", False], "title": ["sales manager", True], "emails": [["a"], False]}
    }
    now = {"0001": {"name": ["jane doe", True], "title": ["sales", False], "emails": [["b"], False]}}
    lines = _diff("real", before, now)
    assert [line[0] for line in lines] == ["~", "+", "-"]  # sorted by field: emails, name, title
    assert lines[1] == "+ real/0001 name: 'jane do' -> 'jane doe'"
    assert _diff("real", now, now) == []


def test_value_changes_count_values_inside_fields_that_stay_wrong():
    # Both readings are wrong as a field (an extra value each time); per value, the right address was
    # lost and one wrong one swapped for another.
    before = {"0001": field_verdicts(CARD, {"emails": ["jane@acme.com", "jane@acrne.com"]})}
    now = {"0001": field_verdicts(CARD, {"emails": ["jone@acme.com"]})}
    assert before["0001"]["emails"][1] is now["0001"]["emails"][1] is False
    assert value_changes([CARD], before, now) == {
        "right gained": 0,
        "right lost": 1,
        "wrong removed": 1,
        "wrong added": 1,
    }
    assert set(value_changes([CARD], now, now).values()) == {0}
