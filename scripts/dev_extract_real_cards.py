"""Developer aid (not a test, not the benchmark): how well field extraction does on the real labelled cards.

    .venv/bin/python scripts/dev_extract_real_cards.py [--cards ../shared/cards/dev]
        [--cache /tmp/meishi-lines] [--engine auto] [--region US] [--label-region]

Runs the card pipeline once per card to record the lines it hands to extraction (cached as JSON, so re-runs
after an extraction change take a second), runs today's extract_fields on them combined as the pipeline's
engine strategy combines them, writes predictions JSONL and prints the scores of
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
from dataclasses import asdict, dataclass
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from ocr import ReadOptions, read_card
from ocr.combine import merge_extractions
from ocr.extract import extract_fields
from ocr.types import Box, Contact, Extraction, Line, Phone, Word

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PipelineCalls:
    """What the pipeline handed to field extraction for one card: one list of lines per call (one per
    engine when the strategy reads with both), and the QR code's contact if any."""

    calls: list[list[Line]]
    qr: Contact | None


def pipeline_calls(data: bytes, engine: str) -> PipelineCalls:
    """Read the card with the pipeline, recording every extraction call by wrapping its extract stage."""
    import ocr.pipeline as pipeline

    calls: list[list[Line]] = []
    qrs: list[Contact | None] = []
    original = pipeline._extract

    def capture(lines: list[Line], *, region: str | None, qr: Contact | None) -> Extraction:
        calls.append(list(lines))
        qrs.append(qr)
        return original(lines, region=region, qr=qr)

    pipeline._extract = capture  # type: ignore[assignment]
    try:
        read_card(data, ReadOptions(engine=engine, keep_card_image=False))  # type: ignore[arg-type]
    finally:
        pipeline._extract = original  # type: ignore[assignment]
    return PipelineCalls(calls, qrs[0] if qrs else None)


def extract_like_pipeline(recorded: PipelineCalls, region: str | None) -> Extraction:
    """Today's extraction on the recorded lines, combined the way ocr/strategy.py combines engines: a
    second call that repeats Tesseract's words (missed regions added) replaces the first; a second call
    on RapidOCR's own lines is merged with the first."""
    results = [extract_fields(lines, region=region, qr=recorded.qr) for lines in recorded.calls]
    if not results:
        return extract_fields([], region=region, qr=recorded.qr)
    if len(results) == 1:
        return results[0]
    second_has_tesseract = any(w.engine == "tesseract" for line in recorded.calls[1] for w in line.words)
    return results[1] if second_has_tesseract else merge_extractions(results[0], results[1])


def load_calls(path: Path) -> PipelineCalls:
    data = json.loads(path.read_text())
    calls = [
        [Line(tuple(Word(w["text"], w["confidence"], Box(**w["box"]), w["engine"]) for w in r)) for r in rows]
        for rows in data["calls"]
    ]
    qr = data.get("qr")
    if qr is not None:
        qr = Contact(
            **{
                **qr,
                "emails": tuple(qr["emails"]),
                "websites": tuple(qr["websites"]),
                "phones": tuple(Phone(**p) for p in qr["phones"]),
            }
        )
    return PipelineCalls(calls, qr)


def save_calls(path: Path, recorded: PipelineCalls) -> None:
    calls = [[[asdict(w) for w in line.words] for line in lines] for lines in recorded.calls]
    qr = asdict(recorded.qr) if recorded.qr else None
    path.write_text(json.dumps({"calls": calls, "qr": qr}, ensure_ascii=False))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=Path, default=ROOT.parent / "shared" / "cards" / "dev")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/meishi-lines"))
    parser.add_argument("--engine", default="auto")
    parser.add_argument("--region", default="none", help="the region hint; none = no hint (the floors)")
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
            cached = cache / f"{image.stem}.calls.json"
            if not cached.exists():
                save_calls(cached, pipeline_calls(image.read_bytes(), args.engine))
            recorded = load_calls(cached)
            region = None if args.region.lower() == "none" else args.region
            label = args.cards / "labels" / f"{image.stem}.json"
            if args.label_region and label.exists():
                region = json.loads(label.read_text()).get("region") or region
            started = time.perf_counter()
            extraction = extract_like_pipeline(recorded, region)
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
