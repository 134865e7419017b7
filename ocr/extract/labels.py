"""Field labels printed before values ('E:', 'Address:', 'Mob.'): recognised and stripped."""

from __future__ import annotations

import re

# A short label then a colon, or one of the well-known label words, at the start of a segment.
_LEADING_LABEL = re.compile(
    r"^\s*(?:[A-Za-z]{1,2}\s*:|(?:e-?mail|mail|web|website|url|address|adresse|anschrift|endereço|"
    r"endereco|dirección|direccion|indirizzo|adres|addr|tel|phone|fax|mobile|mobil|cell|office|"
    r"linkedin|twitter)\s*[:.])\s*",
    re.IGNORECASE,
)


def strip_label(text: str) -> str:
    """'A: 53 White House Road' -> '53 White House Road'; text without a label is returned as is.

    Word labels need their colon or period: 'Office Manager' and 'Web Designer' are titles.
    """
    return _LEADING_LABEL.sub("", text, count=1)
