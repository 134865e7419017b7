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


# In a name whose other words are capitalised, a word starting with a lower-case l and another lower-case
# letter is a capital I misread ('Kavya lyer', 'lnes'): names are capitalised, and the lower-case
# particles that start with l ('la', 'le', 'los', 'las') are left alone.
_NAME_PARTICLES = frozenset({"la", "le", "lo", "los", "las", "les", "lu"})
_NAME_WORD_START_L = re.compile(r"(?<!\S)l(?=[a-z]{1,}(?!\S))")


def _name_capital_i_misread(text: str) -> Iterator[str]:
    words = text.split()
    if not any(w[:1].isupper() for w in words):
        return
    fixed = " ".join(
        w if w.lower() in _NAME_PARTICLES else _NAME_WORD_START_L.sub("I", w, count=1) for w in words
    )
    if fixed != " ".join(words):
        yield fixed


# 'plc' set in lower case, its l read as i: 'Saffron Robotics pic'. Only as a line's last word, where the
# legal form stands, and only in lower case ('Le Pic', 'PIC' are words or initials).
_PLC_READ_AS_PIC = re.compile(r"(?<=\S )pic(?=\.?$)")


def _plc_misread(text: str) -> Iterator[str]:
    fixed = _PLC_READ_AS_PIC.sub("plc", text.rstrip())
    if fixed != text.rstrip():
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
    Rule(
        "name.capital-i-read-as-l",
        "name",
        "a name word starting with a lower-case l beside capitalised ones: names are capitalised",
        _name_capital_i_misread,
        (
            ("Kavya lyer", "Kavya Iyer"),
            ("lnes Benali", "Ines Benali"),
            ("Jean le Roux", None),
            ("jane lee", None),
        ),
        lambda _: True,
    ),
    Rule(
        "text.plc-read-as-pic",
        "text",
        "a company line's last word 'pic': the legal form 'plc' with its l read as i (no firm ends in 'pic')",
        _plc_misread,
        (("Saffron Robotics pic", "Saffron Robotics plc"), ("Acme pic.", "Acme plc."), ("Le Pic", None)),
        lambda _: True,
    ),
)
