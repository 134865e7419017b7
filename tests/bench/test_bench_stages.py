"""Where the time goes (benchmarks/stages.py): stage shares, the second engine's paths and its reasons, from
cache rows shaped as benchmarks/cache.py writes them."""

from __future__ import annotations

from typing import Any

from benchmarks.stages import (
    FIRST_ONLY,
    REGIONS,
    WHOLE,
    path_table,
    reason_table,
    report,
    second_read,
    stage_table,
)


def _row(seconds: float, timings: dict[str, float], engines: list[str], reasons: list[str]) -> dict[str, Any]:
    group = {"calls": [{"lines": []}], "engines": engines, "reasons": reasons}
    return {"stem": "c", "seconds": seconds, "timings": {**timings, "total": seconds}, "groups": [group]}


FIRST = _row(0.5, {"decode": 0.1, "ocr_tesseract": 0.4}, ["tesseract"], [])
REGION = _row(
    1.0,
    {"decode": 0.1, "ocr_tesseract": 0.4, "ocr_rapidocr": 0.3, "ocr_rapidocr_addresses": 0.2},
    ["tesseract", "rapidocr"],
    ["text_tesseract_missed"],
)
WHOLE_CARD = _row(
    2.0,
    {"decode": 0.1, "ocr_tesseract": 0.4, "ocr_rapidocr": 1.5, "rapidocr_background": 0.9},
    ["tesseract", "rapidocr"],
    ["low_confidence", "text_tesseract_missed"],
)


def test_the_second_engine_path_follows_the_strategy_s_rule():
    assert second_read(FIRST) == FIRST_ONLY
    assert second_read(REGION) == REGIONS  # every reason one that regions answer
    assert second_read(WHOLE_CARD) == WHOLE  # one reason that is not
    assert second_read({"groups": []}) == FIRST_ONLY


def test_stages_are_costliest_first_with_shares_of_the_total_and_zero_where_they_did_not_run():
    table = stage_table([FIRST, REGION, WHOLE_CARD])
    by_stage = {t["stage"]: t for t in table}
    assert table[0]["stage"] == "ocr_rapidocr"
    assert by_stage["ocr_rapidocr"]["cards"] == 2
    assert by_stage["ocr_rapidocr"]["p50_s"] == 0.3  # the card without it counts as 0
    assert by_stage["ocr_rapidocr"]["share"] == round(1.8 / 3.5, 3)
    assert "total" not in by_stage
    assert by_stage["rapidocr_background"]["share"] == 0.0  # ran beside Tesseract: no second share
    assert abs(sum(t["share"] for t in table) - 1.0) < 0.01


def test_paths_and_reasons_count_the_second_engine_s_seconds_addresses_included():
    paths = {t["path"]: t for t in path_table([FIRST, REGION, WHOLE_CARD])}
    assert paths[REGIONS]["second_engine_mean_s"] == 0.5
    assert paths[FIRST_ONLY]["second_engine_mean_s"] == 0.0
    reasons = {t["reason"]: t for t in reason_table([FIRST, REGION, WHOLE_CARD])}
    assert reasons["text_tesseract_missed"] == {
        "reason": "text_tesseract_missed",
        "cards": 2,
        "alone": 1,
        "second_engine_s": 2.0,
    }
    assert reasons["low_confidence"]["alone"] == 0


def test_the_report_leaves_failed_cards_out_and_shows_cpu_seconds_when_recorded():
    failed = {"stem": "x", "error": "ReadError: no", "seconds": 9.0, "groups": []}
    lines = report([{**FIRST, "cpu_seconds": 0.7}, {**REGION, "cpu_seconds": 1.1}, failed])
    assert lines[0].startswith("2 cards: p50 0.750 s")
    assert "CPU p50 0.900 s" in lines[0]
