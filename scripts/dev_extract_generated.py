"""Developer aid (not a test, not the benchmark): field extraction on generated cards.

    .venv/bin/python scripts/dev_extract_generated.py [--seed 11] [--count 300] [--region US|card]
        [--photos] [--out /tmp/meishi-gen-text]

Without --photos: lays out bench/ generated cards (no photo, no OCR) and turns each draw operation into
OCR-like lines with word boxes, so the scores printed by ../shared/tools/score_cards.py are what extraction
makes of perfect text: where extraction itself loses fields.
With --photos: renders the photos and reads them with the card pipeline (its lines cached under --out), so
the scores are end to end, and comparing both runs separates OCR errors from extraction errors.
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

from bench.content import make_content
from bench.design import make_style
from bench.fonts import load
from bench.generate import generate_card
from bench.layout import TextOp, layout_card
from ocr.types import Box, Line, Word

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dev_extract_real_cards import (
    PipelineCalls,
    extract_like_pipeline,
    load_calls,
    pipeline_calls,
    save_calls,
)

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


def _text_reading(seed: int, index: int, _cache: Path) -> tuple[dict[str, Any], PipelineCalls]:
    truth, lines = _text_lines(seed, index)
    return truth, PipelineCalls([lines], None)


def _photo_reading(seed: int, index: int, cache: Path) -> tuple[dict[str, Any], PipelineCalls]:
    """The generated photo read by the pipeline; its extraction calls cached, so re-runs only redo
    extraction."""
    cached = cache / f"{index:04d}.calls.json"
    truth_file = cache / f"{index:04d}.truth.json"
    if cached.exists() and truth_file.exists():
        return json.loads(truth_file.read_text()), load_calls(cached)
    card = generate_card(seed, index)
    recorded = pipeline_calls(card.image, "auto")
    save_calls(cached, recorded)
    truth_file.write_text(json.dumps(card.truth, ensure_ascii=False))
    return card.truth, recorded


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--out", type=Path, default=Path("/tmp/meishi-gen-text"))
    parser.add_argument("--region", default="none", help="the region hint: none (the floors), card, or ISO")
    parser.add_argument("--photos", action="store_true")
    args = parser.parse_args()
    base = args.out / (f"photos-seed{args.seed}" if args.photos else f"seed{args.seed}")
    cache = base / "cache"
    gt_dir = base / f"first{args.count}"  # the scorer reads every JSON here: this run's cards only
    cache.mkdir(parents=True, exist_ok=True)
    gt_dir.mkdir(parents=True, exist_ok=True)
    predictions = gt_dir / "predictions.jsonl"
    timings: list[float] = []
    skipped = 0
    with predictions.open("w") as out:
        for index in range(args.count):
            try:
                truth, recorded = (_photo_reading if args.photos else _text_reading)(args.seed, index, cache)
            except ValueError:  # the generator cannot fit this content: the benchmark has no such card
                skipped += 1
                continue
            region = truth.get("region") or "US" if args.region == "card" else args.region
            region = None if region.lower() == "none" else region
            started = time.perf_counter()
            extraction = extract_like_pipeline(recorded, region)
            timings.append(time.perf_counter() - started)
            stem = f"{index:04d}"
            (gt_dir / f"{stem}.json").write_text(json.dumps(truth, ensure_ascii=False))
            text = "\n\n".join("\n".join(line.text for line in lines) for lines in recorded.calls)
            (gt_dir / f"{stem}.txt").write_text(text)
            out.write(json.dumps({"file": f"{stem}.jpg", "contact": extraction.contact.to_contract()}) + "\n")
    timings.sort()
    print(f"cards: {len(timings)} (skipped {skipped} the layout could not fit)")
    p50, p95 = timings[len(timings) // 2], timings[int(len(timings) * 0.95)]
    print(f"extraction: p50 {p50 * 1e3:.1f} ms, p95 {p95 * 1e3:.1f} ms per card")
    scorer = ROOT.parent / "shared" / "tools" / "score_cards.py"
    return subprocess.call([sys.executable, str(scorer), "--gt-dir", str(gt_dir), "--pred", str(predictions)])


if __name__ == "__main__":
    sys.exit(main())
