"""A company name in a logo's type, respelled from the email/web domain that spells it.

OCR garbles the letters of big stylised type ('LTDER FRTS' for LIDER FRIO) but keeps its word breaks, and
the domain (liderfriorefrigeracao.com.br) spells the letters without word breaks: the line's words are
aligned with the start of the domain's name, each word taking the domain's letters in the printed case.
Two lines of a logo ('PRASAN' over 'RESIDENCY' beside prasangpresidency.com) align the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from rapidfuzz.distance import Levenshtein

from ocr.extract.text import fold

# The words must spell at least this many letters of the domain's name (5: 'acme' says too little).
MIN_LETTERS = 5
# At most one misread letter in this many (logo type: 'LTDER FRTS' ~ 'liderfrio' is 3 in 9).
LETTERS_PER_ERROR = 3
# A word takes a piece of the domain's name at most this many letters longer than itself, never shorter: a
# logo loses letters to OCR, while a domain may drop a printed one ('optica da jo' at oticadajo2014@).
MAX_LENGTH_CHANGE = 2


def spelled_by_domain(tokens: Sequence[str], domain: str | None) -> list[str] | None:
    """The tokens respelled with the letters of the start of the domain's name, or None when they do not
    spell it closely enough (or already spell it exactly: nothing to respell)."""
    if not domain or not tokens or not all(t.isalpha() for t in tokens):
        return None
    label = "".join(c for c in fold(domain.split(".")[0]) if c.isalpha())
    letters = [fold(t) for t in tokens]
    total = sum(len(w) for w in letters)
    if total < MIN_LETTERS or any(len(w) < 2 for w in letters) or len(label) < MIN_LETTERS:
        return None
    found = _align(tuple(letters), label)
    if found is None:
        return None
    distance, parts = found
    # The first letter must agree: a line that starts otherwise is another word, not a misreading.
    if distance == 0 or distance * LETTERS_PER_ERROR > total or parts[0][0] != letters[0][0]:
        return None
    return [_in_case_of(part, token) for part, token in zip(parts, tokens, strict=True)]


@cache
def _align(letters: tuple[str, ...], label: str) -> tuple[int, list[str]] | None:
    """The split of a prefix of `label` into one piece per word with the fewest edits; on a tie, the
    pieces closest to the words' lengths, several small changes before one big one ('PRASAN RESIDENCY'
    is PRASANG|PRESIDENCY, not PRASAN|GPRESIDENCY), no word more than half misread."""
    best: tuple[int, int, list[str]] | None = None

    def walk(index: int, at: int, distance: int, change: int, parts: list[str]) -> None:
        nonlocal best
        if index == len(letters):
            if best is None or (distance, change) < best[:2]:
                best = (distance, change, parts)
            return
        word = letters[index]
        for size in range(len(word), len(word) + MAX_LENGTH_CHANGE + 1):
            if at + size > len(label):
                break
            piece = label[at : at + size]
            edits = Levenshtein.distance(word, piece)
            if 2 * edits > len(word):
                continue  # 'ACMEX' over 'Sales' is no misread 'ACMEX SOLUT(IONS)'
            walk(
                index + 1,
                at + size,
                distance + edits,
                change + (size - len(word)) ** 2,
                [*parts, piece],
            )

    walk(0, 0, 0, 0, [])
    return None if best is None else (best[0], best[2])


def _in_case_of(part: str, token: str) -> str:
    if token.isupper():
        return part.upper()
    return part.capitalize() if token[:1].isupper() else part


# The first word gives at least this many letters of the domain's name ('inter' of interwf).
MIN_PREFIX = 4


def prefix_and_initials(tokens: Sequence[str], domain: str | None) -> bool:
    """Whether the domain's name is the start of the first word and the initials of the others:
    interwf.com ~ 'INTERWORLD FREIGHT' (INTERW + F)."""
    if not domain or not 2 <= len(tokens) <= 3 or not all(t.isalpha() for t in tokens):
        return False
    label = fold(domain.split(".")[0])
    letters = [fold(t) for t in tokens]
    initials = "".join(w[:1] for w in letters[1:])
    head = label[: len(label) - len(initials)]
    return (
        label.isalpha()
        and label.endswith(initials)
        and len(head) >= MIN_PREFIX
        and letters[0].startswith(head)
        and head != letters[0]  # the whole word and initials ('acme' + 's'): the initials may be chance
    )
