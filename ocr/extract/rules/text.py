"""Rules for words of the card's text that vouch for other fields (a company name confirming a domain)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ocr.extract.rules.rule import Rule

# A lower-case l that starts a word before a consonant no word starts with ('lronwood S.A.', 'lnc.') is a
# capital I misread (sans-serif I and l look alike); a dotted i in an address is not.
_WORD_START_L = re.compile(r"\bl(?=[bcdfghjkmnpqrstvwxz])")


def _capital_i_misread(text: str) -> Iterator[str]:
    fixed = _WORD_START_L.sub("I", text)
    if fixed != text:
        yield fixed


TEXT_RULES = (
    Rule(
        "text.capital-i-read-as-l",
        "text",
        "an l before a consonant at a word's start: no word starts so ('lronwood', 'lnc.')",
        _capital_i_misread,
        (("lronwood S.A.", "Ironwood S.A."), ("Acme lnc.", "Acme Inc."), ("la playa lloyd", None)),
        lambda _: True,
    ),
)
