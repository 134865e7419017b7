"""A named rule: one repair of what OCR reads, with the evidence that must back it and examples that are
its tests (tests/ocr/test_rules.py runs every registered rule's examples)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

# What a rule repairs: an email (or its local part), a host name (of an email or a website), a phone
# number's text, a label printed before a value, card text that vouches for another field, or the company
# line, or the lines of a postal address.
RuleField = Literal["emails", "domain", "phones", "labels", "text", "company", "address"]


@dataclass(frozen=True)
class Rule:
    """`propose` turns text as read into candidates for what was printed, most likely first; it proposes
    and never decides. `evidence` says what must back a candidate before the reader keeps it (the field's
    validator, a domain the card prints elsewhere, the person's name...). `accept` is the check the
    examples use: the field's validator unless the rule names its own. Each example (text as read,
    expected) holds when the first accepted candidate is `expected` (None: no candidate is accepted)."""

    id: str
    field: RuleField
    evidence: str
    propose: Callable[[str], Iterator[str]]
    examples: tuple[tuple[str, str | None], ...]
    accept: Callable[[str], bool]

    def first(self, text: str) -> str | None:
        """The first candidate `accept` takes, or None."""
        return next((c for c in self.propose(text) if self.accept(c)), None)

    def rewrite(self, text: str) -> str:
        """The rule's first candidate whatever it validates to, else the text: for clean-ups applied in
        sequence before anything is validated ('www-solis.com.au' -> 'www.solis.com.au')."""
        return next(self.propose(text), text)


def substitution(pattern: str, replacement: str) -> Callable[[str], Iterator[str]]:
    """A `propose` that offers the text with `pattern` replaced, when that changes it."""
    compiled = re.compile(pattern)

    def propose(text: str) -> Iterator[str]:
        fixed = compiled.sub(replacement, text)
        if fixed != text:
            yield fixed

    return propose
