"""Developer aid (not a test, not the benchmark): field extraction alone on generated cards' printed text.

    .venv/bin/python scripts/dev_extract_generated.py [--seed 11] [--count 300] [--out /tmp/meishi-gen-text]

Lays out bench/ generated cards (no photo, no OCR) and turns each draw operation into OCR-like lines with
word boxes, so the scores printed by ../shared/tools/score_cards.py are what extraction makes of perfect
text: the ceiling the image pipeline can reach, and where extraction itself loses fields.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

from bench.content import make_content
from bench.design import make_style
from bench.fonts import load
from bench.layout import TextOp, layout_card
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--out", type=Path, default=Path("/tmp/meishi-gen-text"))
    parser.add_argument("--region", default="US")
    args = parser.parse_args()
    gt_dir = args.out / f"seed{args.seed}"
    gt_dir.mkdir(parents=True, exist_ok=True)
    predictions = gt_dir / "predictions.jsonl"
    timings: list[float] = []
    skipped = 0
    with predictions.open("w") as out:
        for index in range(args.count):
            rng = random.Random(f"meishi-bench/{args.seed}/{index}")
            content = make_content(rng)
            style = make_style(rng)
            try:
                _size, ops = layout_card(content, style, 1400)
            except ValueError:  # the generator cannot fit this content: the benchmark has no such card
                skipped += 1
                continue
            lines = lines_from_ops([op for op in ops if isinstance(op, TextOp)])
            started = time.perf_counter()
            extraction = extract_fields(lines, region=args.region)
            timings.append(time.perf_counter() - started)
            stem = f"{index:04d}"
            (gt_dir / f"{stem}.json").write_text(json.dumps({**content.truth}, ensure_ascii=False))
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
