"""Field labels printed before values ('E:', 'Address:', 'Mob.'): recognised and stripped."""

from __future__ import annotations

from ocr.extract.rules import rule


def strip_label(text: str) -> str:
    """'A: 53 White House Road' -> '53 White House Road'; text without a label is returned as is.

    Word labels need their colon or period: 'Office Manager' and 'Web Designer' are titles.
    """
    return rule("label.leading").rewrite(text)
