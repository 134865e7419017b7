"""Departments: lines that name a unit of an organisation ('Research Services', 'Abteilung Einkauf')."""

from __future__ import annotations

from functools import cache

from ocr.extract.lexicon import words
from ocr.extract.text import fold, word_list

_UNIT_WORDS = frozenset(
    {
        "department",
        "dept",
        "dept.",
        "division",
        "abteilung",
        "bereich",
        "département",
        "departement",
        "departamento",
        "dipartimento",
        "afdeling",
        "section",
        "sektion",
        "abt",
    }
)


def department_score(text: str) -> float:
    """> 0 when the line names a department: a unit word, or only words of the department lexicon."""
    tokens = [t.rstrip(".") for t in word_list(text)]
    if not tokens or len(tokens) > 6:
        return 0.0
    if any(t in _UNIT_WORDS for t in tokens):
        return 2.0
    if fold(" ".join(tokens)) in _folded_departments():
        return 1.5
    # 'Group Human Resources', 'Electrical Engineering': a department the lexicon knows, one word before it.
    if len(tokens) >= 2 and fold(" ".join(tokens[1:])) in _folded_departments():
        return 1.0
    return 0.0


@cache
def _folded_departments() -> frozenset[str]:
    """Department names as ASCII letters only, so '&'/'and' spacing and accents do not matter."""
    return frozenset(fold(" ".join(word_list(entry))) for entry in words("departments.txt"))
