"""The registry of named rules: every repair of what OCR reads, each with an id, the field it serves, the
evidence that must back it and its examples (which tests/ocr/test_rules.py runs).

    from ocr.extract.rules import rule
    rule("host.tld-misread").first("nypl.corn")  # 'nypl.com'

The rules' tables (confusions, label words per language) are data: ocr/extract/data/confusions.json and
labels.json. docs/reader.md says how to add a rule.
"""

from __future__ import annotations

from ocr.extract.rules.address import ADDRESS_RULES
from ocr.extract.rules.company import COMPANY_RULES
from ocr.extract.rules.emails import EMAIL_RULES, at_marks
from ocr.extract.rules.hosts import HOST_RULES
from ocr.extract.rules.labels import LABEL_RULES
from ocr.extract.rules.phones import PHONE_RULES
from ocr.extract.rules.rule import Rule
from ocr.extract.rules.text import TEXT_RULES

__all__ = ["REGISTRY", "Rule", "at_marks", "rule"]

REGISTRY: tuple[Rule, ...] = (
    *HOST_RULES,
    *EMAIL_RULES,
    *PHONE_RULES,
    *LABEL_RULES,
    *TEXT_RULES,
    *COMPANY_RULES,
    *ADDRESS_RULES,
)
_BY_ID = {r.id: r for r in REGISTRY}


def rule(rule_id: str) -> Rule:
    """The registered rule named `rule_id` (a KeyError names a rule that does not exist)."""
    return _BY_ID[rule_id]
