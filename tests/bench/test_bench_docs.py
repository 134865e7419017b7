"""docs/benchmarks.md's reader figures are generated from the benchmark's JSON, never edited by hand."""

from __future__ import annotations

import json

from benchmarks.docs import BEGIN, END, PAGE, RESULTS, generated_part, render_page_block, write_page


def test_the_page_shows_exactly_the_committed_results():
    """What benchmarks/results/reader.json holds (or that there is none yet), nothing typed in by hand."""
    shown = generated_part(PAGE.read_text("utf-8"))
    assert shown is not None, f"{PAGE} lost its generated block: run `make bench-docs`"
    assert shown == render_page_block(RESULTS), (
        "docs/benchmarks.md's figures were edited: run `make bench-docs`"
    )


def _result(strategy: str, f1: float, p50: float) -> dict:
    fields = {
        f: {"f1": f1, "support": 3} for f in ("name", "title", "company", "emails", "phones", "websites")
    }
    fields["social"] = {"f1": 0.0, "support": 0}
    return {
        "strategy": strategy,
        "latency": {"p50_s": p50, "p95_s": p50 * 2},
        "memory": {"combined_peak_mb": 321.4},
        "errors": [],
        "misses": {"name": {"missed": 2, "in_ocr_text": 1}, "company": {"missed": 1, "in_ocr_text": 0}},
        "summary": {"overall": {"f1": f1}, "perfect_rate": 0.5, "fields": fields},
    }


def test_a_run_becomes_a_table_per_card_set(tmp_path):
    run = {
        "command": "python -m benchmarks.run --count 2",
        "started": "2026-12-06T05:00:00+00:00",
        "machine": "x86_64, 2 cores",
        "load_before": "0.50 0.40 0.30",
        "load_after": "0.90 0.50 0.30",
        "region": "card",
        "sets": {
            "generated": {
                "title": "generated photos, seed 2, 2 cards",
                "notes": [],
                "results": [_result("tesseract", 0.9123, 0.51), _result("auto", 0.9654, 0.87)],
            },
            "real": {"skipped": "real cards: skipped (--real none)"},
        },
    }
    results, page = tmp_path / "results.json", tmp_path / "benchmarks.md"
    results.write_text(json.dumps(run))
    page.write_text(f"# Benchmarks\n\nHow to run.\n\n{BEGIN}\nold figures\n{END}\n\n## Kept after\n")
    write_page(results, page)
    text = page.read_text()
    assert text.count(BEGIN) == 1 and text.count(END) == 1
    assert text.startswith("# Benchmarks\n\nHow to run.\n\n" + BEGIN)
    assert text.endswith(END + "\n\n## Kept after\n")
    assert "old figures" not in text
    assert "|  | `tesseract` | `auto` |" in text
    assert "| overall micro F1 | 0.912 | 0.965 |" in text
    assert "| address / social F1 | - / - | - / - |" in text
    assert "| p50 / p95 s per card | 0.51 / 1.02 | 0.87 / 1.74 |" in text
    assert "| missed values (of them in the OCR text) | 3 (1) | 3 (1) |" in text
    assert "real cards: skipped (--real none)." in text


def test_without_results_the_page_says_how_to_get_them(tmp_path):
    page = tmp_path / "benchmarks.md"
    page.write_text(f"# Benchmarks\n\n{BEGIN}\n| hand-typed | .99 |\n{END}\n")
    write_page(tmp_path / "absent.json", page)
    text = page.read_text()
    assert "None recorded yet" in text and "absent.json" in text
    assert "hand-typed" not in text
