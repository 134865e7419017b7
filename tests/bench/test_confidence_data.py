"""Generated cards' fields join the confidence model's fit, never its threshold or its score."""

from __future__ import annotations

import pytest

pytest.importorskip("sklearn")

from benchmarks import confidence_data
from benchmarks.confidence_data import _parse, generated_rows, load_sets
from benchmarks.datasets import LabelledCard
from benchmarks.honest import fit_confidence, inner_probabilities
from benchmarks.synthetic_lines import synthetic_card
from ocr.extract import extract_fields


def _rows(cards: int, noise: int) -> tuple[list[tuple[str, dict[str, float], bool]], list[str]]:
    rows, groups = [], []
    for card in range(cards):
        for k in range(5):
            right = (card * 3 + k + noise) % 5 != 0
            rows.append(("title", {"raw": float(right) * 0.5 + (card % 4) / 8, "is_title": 1.0}, right))
            groups.append(f"card{card}")
    return rows, groups


def test_generated_fields_join_the_fit_but_only_real_cards_are_scored_for_the_threshold():
    real, groups = _rows(24, 0)
    # Generated fields where a low reading is right as often as not: they change the weights.
    extra = [("title", {"raw": (i % 10) / 10, "is_title": 1.0}, i % 2 == 0) for i in range(200)]
    alone = fit_confidence(real, groups)
    joined = fit_confidence(real, groups, extra, 1.0)
    assert joined.weights["raw"] < alone.weights["raw"]
    y = [int(r) for _, _, r in real]
    scored = inner_probabilities(real, y, groups, "", extra, 1.0)
    assert len(scored) == len(real)  # one probability per real field: generated ones are never scored
    assert scored != inner_probabilities(real, y, groups, "")
    light = fit_confidence(real, groups, extra, 0.01)
    moved = abs(joined.weights["raw"] - alone.weights["raw"])
    assert abs(light.weights["raw"] - alone.weights["raw"]) < moved


def test_generated_sets_are_named_by_generator_and_seed():
    assert _parse("gen31") == ("gen", 31) and _parse("heldout7") == ("heldout", 7)
    with pytest.raises(ValueError):
        _parse("real")


def test_generated_rows_score_each_field_against_the_cards_truth(tmp_path, monkeypatch):
    card = synthetic_card(7, 1)
    lines = [
        [[w.text, w.confidence, w.box.left, w.box.top, w.box.width, w.box.height, w.engine] for w in ln.words]
        for ln in card.lines
    ]
    row = {"groups": [{"calls": [{"lines": lines, "qr": None}], "engines": ["tesseract"], "reasons": []}]}
    truth = extract_fields(card.lines).contact.to_contract()
    good = LabelledCard("0000", tmp_path / "0000.jpg", truth, {})
    bad = LabelledCard("0001", tmp_path / "0001.jpg", {**truth, "name": "Somebody Else"}, {})
    rows = generated_rows([("gen7", [good, bad], {"0000": row, "0001": row})], extract_fields)
    half = len(rows) // 2
    assert half and all(right for _, _, right in rows[:half])
    wrong = [field for field, _, right in rows[half:] if not right]
    assert wrong == ["name"]
    monkeypatch.setattr(confidence_data, "CACHE_DIR", tmp_path / "cache")
    (tmp_path / "gen7").mkdir()
    monkeypatch.setattr(confidence_data, "OWN_COUNT", 0)
    cache = tmp_path / "gen7.jsonl"
    cache.write_text("", "utf-8")
    monkeypatch.setattr(confidence_data, "ensure_cache", lambda *a, **k: cache)
    assert load_sets(["gen7"]) == [("gen7", [], {})]
