"""One benchmark strategy in its own process, so its peak memory (RSS) is measured alone.

    python -m benchmarks.worker --strategy tesseract --manifest cards.json --out readings.jsonl

Reads the cards one at a time (after one untimed warm-up read) and writes one JSON line per card, then a
final line with peak resident memory (benchmarks.memory: this process, its largest child, both together).
`--strategy baseline` runs plain `tesseract IMAGE stdout` + regexes instead of the reader.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.memory import PeakMemory

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # parallelise across cards, never inside Tesseract


def _reader(strategy: str) -> Any:
    """A function image path + region -> (contact, OCR text, stage timings)."""
    if strategy == "baseline":
        from benchmarks.baseline import read

        def run_baseline(image: Path, region: str) -> tuple[dict[str, Any], str, dict[str, float]]:
            contact, text = read(image)
            return contact, text, {}

        return run_baseline

    from ocr import ReadOptions, read_card

    def run_reader(image: Path, region: str) -> tuple[dict[str, Any], str, dict[str, float]]:
        hint = {} if region == "none" else {"region": region}
        reading = read_card(image.read_bytes(), ReadOptions(engine=strategy, **hint))  # type: ignore[arg-type]
        return reading.contact.to_contract(), reading.text, dict(reading.timings)

    return run_reader


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--strategy", required=True)
    ap.add_argument("--manifest", type=Path, required=True, help='JSON list of {"stem", "image", "region"}')
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    cards = json.loads(a.manifest.read_text("utf-8"))
    memory = PeakMemory().start()
    read = _reader(a.strategy)
    with a.out.open("w", encoding="utf-8") as out:
        if cards:  # warm-up: imports, model loading, first-call caches are not per-card latency
            try:
                read(Path(cards[0]["image"]), cards[0]["region"])
            except Exception as e:  # recorded per card below
                print(f"warm-up failed: {e!r}", file=sys.stderr)
        for i, card in enumerate(cards):
            row: dict[str, Any] = {"stem": card["stem"]}
            t0 = time.perf_counter()
            try:
                contact, text, timings = read(Path(card["image"]), card["region"])
                row.update(contact=contact, text=text, timings=timings)
            except Exception as e:  # a failed card is a result, not a crash of the benchmark
                row.update(contact=None, error=f"{type(e).__name__}: {e}")
            row["seconds"] = time.perf_counter() - t0
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            out.flush()
            print(f"\r  {a.strategy}: {i + 1}/{len(cards)}", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        out.write(json.dumps({"_memory": memory.stop()}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
