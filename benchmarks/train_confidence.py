"""Fit the confidence model (ocr/confidence.py) on the real cards' cached OCR and write its model file.

    python -m benchmarks.train_confidence [--real-cache benchmarks/out/cache/real.auto.jsonl]
                                     [--real ../shared/cards/dev] [--out ocr/models/confidence.json]
                                     [--generated heldout7]

Each real card's extraction is replayed with the shipped line labeller; every field it fills in becomes one
example (features: ocr/confidence.py; right or wrong: the card's transcription). The generated cards of
`--generated` (benchmarks/confidence_data.py; read once, then cached) add their fields to the fit. The
review threshold is chosen on the real cards' probabilities from inner splits by card (each card's fields
scored by a model fitted on the other cards and the generated ones); benchmarks/honest.py measures the model
on real cards it was not fitted on.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks.cache import read_cache
from benchmarks.confidence_data import GENERATED_SETS, GENERATED_WEIGHT, generated_rows, load_sets
from benchmarks.datasets import REAL_CARDS_DIR, load_real
from benchmarks.honest import CACHE_DIR, _engines, confidence_rows, fit_confidence
from benchmarks.replay import replay
from ocr.extract import extract_fields

MODEL_PATH = Path(__file__).resolve().parent.parent / "ocr" / "models" / "confidence.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--real-cache", type=Path, default=CACHE_DIR / "real.auto.jsonl")
    ap.add_argument("--real", type=Path, default=REAL_CARDS_DIR)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--generated", default=",".join(GENERATED_SETS), help="'' for the real cards alone")
    a = ap.parse_args(argv)
    rows, _ = read_cache(a.real_cache)
    fitting = [
        (card.stem, example)
        for card in load_real(a.real)
        if card.stem in rows
        for example in confidence_rows(replay(rows[card.stem]), _engines(rows[card.stem]), card.truth)
    ]
    examples = [example for _, example in fitting]
    extra = generated_rows(load_sets([n for n in a.generated.split(",") if n]), extract_fields)
    model = fit_confidence(examples, [stem for stem, _ in fitting], extra, GENERATED_WEIGHT)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", "utf-8")
    right = sum(r for _, _, r in examples)
    print(
        f"{len(examples)} real fields ({right} right) + {len(extra)} generated "
        f"({sum(r for _, _, r in extra)} right) -> {a.out} ({a.out.stat().st_size} bytes), "
        f"review below {model.threshold:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
