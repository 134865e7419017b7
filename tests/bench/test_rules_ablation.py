"""The rules ablation: switching a rule off shows what it is worth, and the registry comes back whole."""

from __future__ import annotations

from benchmarks.datasets import LabelledCard
from benchmarks.rules_ablation import ablation, switched_off
from ocr.extract.rules import rule


def _row(*texts: str) -> dict:
    lines = [
        [[word, 0.9, 10 + 60 * i, 20 + 30 * n, 50, 20, "tesseract"] for i, word in enumerate(text.split())]
        for n, text in enumerate(texts)
    ]
    return {"groups": [{"calls": [{"lines": lines, "qr": None}]}]}


def test_a_rule_switched_off_proposes_nothing_and_comes_back():
    with switched_off("host.tld-misread"):
        assert rule("host.tld-misread").first("nypl.corn") is None
    assert rule("host.tld-misread").first("nypl.corn") == "nypl.com"


def test_the_ablation_names_the_rule_a_card_needs_and_only_the_fields_it_moves():
    truth = {"name": "Jane Doe", "emails": ["jane.doe@nypl.com"], "region": "US"}
    card = LabelledCard("c1", None, truth, {})  # type: ignore[arg-type]
    moved = ablation({"s": ({"c1": _row("Jane Doe", "jane.doe@nypl.corn")}, [card])})
    assert moved["host.tld-misread"]["s.emails"][0] == 1.0
    assert moved["host.tld-misread"]["s.emails"][1] < 1.0
    assert moved["phone.digit-lookalikes"] == {}
