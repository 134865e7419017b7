"""Developer aid (not a test, not the benchmark): field extraction on generated cards.

    .venv/bin/python -m scripts.dev_extract_generated [--seed 11] [--count 300] [--region none|card|US]
        [--out /tmp/meishi-gen-text]

Lays out benchmarks/ generated cards (no photo, no OCR) and turns each draw operation into OCR-like lines
with word boxes, so the scores printed by ../shared/tools/score_cards.py are what extraction makes of
perfect text: where extraction itself loses fields. End to end (photos read by the reader, misses split
into OCR and extraction losses) is the benchmark's job: `make bench`.
--region card uses each card's own country as the default region (what a user scanning local cards gets).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.content import make_content
from benchmarks.design import make_style
from benchmarks.fonts import load
from benchmarks.layout import TextOp, layout_card
from ocr.extract import extract_fields
from ocr.types import Box, Line, Word

ROOT = Path(__file__).resolve().parent.parent


def lines_from_ops(ops: list[TextOp]) -> list[Line]:
    """Text operations as OCR would group them: ops on one baseline form a line, words boxed."""
    rows: list[list[Word]] = []
    tops: list[float] = []
    for op in sorted(ops, key=lambda o: (o.y, o.x)):
        font = load(op.font, op.size)
        x = op.x
        words = []
        for text in op.text.split(" "):
            if text:
                width = max(1.0, font.getlength(text) + op.tracking * len(text))
                words.append(Word(text, 0.95, Box(round(x), round(op.y), round(width), op.size)))
                x += width
            x += font.getlength(" ") + op.tracking
        for index, top in enumerate(tops):
            if abs(top - op.y) < op.size * 0.5:
                rows[index].extend(words)
                break
        else:
            rows.append(words)
            tops.append(op.y)
    return [Line(tuple(sorted(r, key=lambda w: w.box.left))) for r in rows if r]


def _text_lines(seed: int, index: int) -> tuple[dict[str, Any], list[Line]]:
    rng = random.Random(f"meishi-bench/{seed}/{index}")
    content = make_content(rng)
    style = make_style(rng)
    ops = layout_card(content, style, 1400)[1]
    return content.truth, lines_from_ops([op for op in ops if isinstance(op, TextOp)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--out", type=Path, default=Path("/tmp/meishi-gen-text"))
    parser.add_argument("--region", default="none", help="the region hint: none (the floors), card, or ISO")
    args = parser.parse_args()
    gt_dir = args.out / f"seed{args.seed}" / f"first{args.count}"  # the scorer reads every JSON here
    gt_dir.mkdir(parents=True, exist_ok=True)
    predictions = gt_dir / "predictions.jsonl"
    timings: list[float] = []
    skipped = 0
    with predictions.open("w") as out:
        for index in range(args.count):
            try:
                truth, lines = _text_lines(args.seed, index)
            except ValueError:  # the generator cannot fit this content: the benchmark has no such card
                skipped += 1
                continue
            region = truth.get("region") or "US" if args.region == "card" else args.region
            region = None if region.lower() == "none" else region
            started = time.perf_counter()
            extraction = extract_fields(lines, region=region, qr=None)
            timings.append(time.perf_counter() - started)
            stem = f"{index:04d}"
            (gt_dir / f"{stem}.json").write_text(json.dumps(truth, ensure_ascii=False))
            (gt_dir / f"{stem}.txt").write_text("\n".join(line.text for line in lines))
            out.write(json.dumps({"file": f"{stem}.jpg", "contact": extraction.contact.to_contract()}) + "\n")
    timings.sort()
    print(f"cards: {len(timings)} (skipped {skipped} the layout could not fit)")
    p50, p95 = timings[len(timings) // 2], timings[int(len(timings) * 0.95)]
    print(f"extraction: p50 {p50 * 1e3:.1f} ms, p95 {p95 * 1e3:.1f} ms per card")
    scorer = ROOT.parent / "shared" / "tools" / "score_cards.py"
    return subprocess.call([sys.executable, str(scorer), "--gt-dir", str(gt_dir), "--pred", str(predictions)])


if __name__ == "__main__":
    sys.exit(main())
