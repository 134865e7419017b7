"""Developer aid (not a test, not the benchmark): how well field extraction does on the real labelled cards.

    .venv/bin/python scripts/dev_extract_real_cards.py [--cards ../shared/cards/dev]
        [--cache /tmp/meishi-lines] [--engine auto] [--region US] [--label-region]

Runs the card pipeline once per card to get its OCR lines (cached as JSON, so re-runs after an extraction
change take a second), runs extract_fields on them, writes predictions JSONL and prints the scores of
../shared/tools/score_cards.py. --label-region uses each label's region as the default phone region
(an upper bound: the CLI default is US).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from ocr import ReadOptions, read_card
from ocr.extract import extract_fields
from ocr.types import Box, Line, Word

ROOT = Path(__file__).resolve().parent.parent


def pipeline_lines(data: bytes, engine: str) -> list[Line]:
    """The lines the pipeline hands to extraction, captured by wrapping its extract stage."""
    import ocr.pipeline as pipeline

    captured: list[Line] = []
    original = pipeline._extract

    def capture(lines: list[Line], **kwargs: object) -> object:
        captured.extend(lines)
        return original(lines, **kwargs)  # type: ignore[arg-type]

    pipeline._extract = capture  # type: ignore[assignment]
    try:
        read_card(data, ReadOptions(engine=engine, keep_card_image=False))  # type: ignore[arg-type]
    finally:
        pipeline._extract = original  # type: ignore[assignment]
    return captured


def load_lines(path: Path) -> list[Line]:
    rows = json.loads(path.read_text())
    return [
        Line(tuple(Word(w["text"], w["confidence"], Box(**w["box"]), w["engine"]) for w in r)) for r in rows
    ]


def save_lines(path: Path, lines: list[Line]) -> None:
    path.write_text(json.dumps([[asdict(w) for w in line.words] for line in lines], ensure_ascii=False))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=Path, default=ROOT.parent / "shared" / "cards" / "dev")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/meishi-lines"))
    parser.add_argument("--engine", default="auto")
    parser.add_argument("--region", default="US")
    parser.add_argument("--label-region", action="store_true")
    args = parser.parse_args()
    if not (args.cards / "images").is_dir():
        print(f"skipped: no real cards at {args.cards}")
        return 0
    cache = args.cache / args.engine
    cache.mkdir(parents=True, exist_ok=True)
    predictions = cache / "predictions.jsonl"
    timings: list[float] = []
    with predictions.open("w") as out:
        for image in sorted((args.cards / "images").iterdir()):
            cached = cache / f"{image.stem}.json"
            if not cached.exists():
                save_lines(cached, pipeline_lines(image.read_bytes(), args.engine))
            lines = load_lines(cached)
            region = args.region
            label = args.cards / "labels" / f"{image.stem}.json"
            if args.label_region and label.exists():
                region = json.loads(label.read_text()).get("region") or region
            started = time.perf_counter()
            extraction = extract_fields(lines, region=region)
            timings.append(time.perf_counter() - started)
            out.write(json.dumps({"file": str(image), "contact": extraction.contact.to_contract()}) + "\n")
    timings.sort()
    print(
        f"extraction: p50 {timings[len(timings) // 2] * 1e3:.1f} ms, max {timings[-1] * 1e3:.1f} ms per card"
    )
    scorer = args.cards.parent.parent / "tools" / "score_cards.py"
    command = [
        sys.executable,
        str(scorer),
        "--gt-dir",
        str(args.cards / "labels"),
        "--pred",
        str(predictions),
    ]
    return subprocess.call(command)


if __name__ == "__main__":
    sys.exit(main())
