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
        "bahagian",
        "jabatan",
        "avdelning",
        "avdeling",
        "osasto",
        "dział",
        "oddělení",
        "odbor",
        "departman",
    }
)
UNIT_SCORE = 2.0  # a word that says 'department' in some language


def department_score(text: str) -> float:
    """> 0 when the line names a department: a unit word, or only words of the department lexicon."""
    tokens = [t.rstrip(".") for t in word_list(text)]
    if not tokens or len(tokens) > 6:
        return 0.0
    if len(tokens) == 1 and len(tokens[0]) <= 3 and not text.strip(" .,").isupper():
        return 0.0  # 'HR', 'IT' are printed in capitals; a lower-case 'hr' is OCR's reading of a mark
    if any(t in _UNIT_WORDS for t in tokens) or opens_with_unit_head(tokens):
        return UNIT_SCORE
    if fold(" ".join(tokens)) in _folded_departments():
        return 1.5
    # 'Group Human Resources', 'Electrical Engineering': a department the lexicon knows, one word before it.
    if len(tokens) >= 2 and fold(" ".join(tokens[1:])) in _folded_departments():
        return 1.0
    # 'R&D Center', 'Marketing Team': a function the lexicon knows, then a word for a unit of a firm.
    if (
        len(tokens) >= 2
        and tokens[-1] in _UNIT_TAILS
        and fold(" ".join(tokens[:-1])) in _folded_departments()
    ):
        return 1.0
    if len(tokens) >= 2 and (tokens[-1] in _GROUP_WORDS or tuple(tokens[-2:]) in _BUSINESS_UNITS):
        return GROUP_SCORE
    return 0.0


# 'Cloud Solutions Group', 'Edge Visualization BU': a unit of a firm, or a firm ('Tata Group'); the
# caller decides with what else the card prints (see choose.pick_department).
GROUP_SCORE = 0.5
_GROUP_WORDS = frozenset({"group", "bu", "team"})
_UNIT_TAILS = frozenset({"center", "centre", "team", "office", "unit", "lab", "labs"})
_BUSINESS_UNITS = frozenset(
    {("business", "unit"), ("business", "center"), ("business", "centre"), ("business", "group")}
)


def opens_with_unit_head(tokens: list[str]) -> bool:
    """'Setor de Compras', 'Pôle Innovation': the line opens with a word that heads a unit's name in a
    head-first language (data/department_heads.txt); alone on its line ('Setor' over 'de Compras', one
    printed line OCR read as two) it still names the unit, the next line completing it."""
    folded = [fold(t) for t in tokens]
    return any(folded[: len(head)] == list(head) for head in _unit_heads())


@cache
def _unit_heads() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(fold(w) for w in entry.split()) for entry in words("department_heads.txt"))


# Words that link a unit's head to the rest of its name: a line starting with one continues the line
# above ('Setor' / 'de Compras').
LINKING_WORDS = frozenset({"de", "des", "du", "da", "do", "das", "dos", "di", "del", "della", "dei", "of"})


@cache
def _folded_departments() -> frozenset[str]:
    """Department names as ASCII letters only, so '&'/'and' spacing and accents do not matter."""
    return frozenset(fold(" ".join(word_list(entry))) for entry in words("departments.txt"))
