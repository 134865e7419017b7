"""Train the line labeller (ocr/extract/labeller.py) and write its model file.

    python -m benchmarks.train_labeller [--synthetic 800 --seed 41 --variety 0]
                                        [--real-cache benchmarks/out/cache/real.auto.jsonl] [--use cv]
                                        [--out ocr/models/line_labeller.json]

Training data: generated cards laid out by benchmarks/ (every word's truth field known; see
benchmarks/synthetic_lines.py), and, when a cache of the real cards' OCR is given (benchmarks/cache.py),
each real card's free lines labelled by matching them to its transcription. A multinomial logistic regression
(scikit-learn, fixed solver and seed: the same data gives the same file). Which fields the labeller
chooses and which keep the hand ordering (`use`): `--use cv` takes, per field, whichever measured better
by 5-fold cross-validation on the real cards (benchmarks/honest.py), `--use name=labeller,...` names
them; by default every field keeps the hand ordering.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from benchmarks.labeller_data import SYNTHETIC_VARIETY, fit, real_examples, synthetic_examples
from ocr.extract.labeller import CHOSEN

MODEL_PATH = Path(__file__).resolve().parent.parent / "ocr" / "models" / "line_labeller.json"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--synthetic", type=int, default=800, help="generated cards laid out (no OCR)")
    ap.add_argument("--seed", type=int, default=41, help="generator seed of the training layouts")
    ap.add_argument(
        "--variety",
        type=float,
        default=SYNTHETIC_VARIETY,
        help="share of training layouts with benchmarks/variety.py's extras",
    )
    ap.add_argument("--real-cache", type=Path, help="benchmarks/cache.py output for the real cards")
    ap.add_argument("--real", type=Path, default=None, help="the real cards (labels/) for --real-cache")
    ap.add_argument(
        "--use",
        default="",
        help="fields the labeller chooses, e.g. company=labeller; 'cv': each field whichever of hand and "
        "labeller measures better by cross-validation on the real cards (needs --real-cache)",
    )
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    a = ap.parse_args(argv)
    synthetic = synthetic_examples(a.seed, a.synthetic, a.variety)
    examples = list(synthetic)
    use = {f: "hand" for f in CHOSEN}
    if a.real_cache:
        from benchmarks.cache import read_cache
        from benchmarks.datasets import REAL_CARDS_DIR, load_real

        rows, _ = read_cache(a.real_cache)
        cards = [c for c in load_real(a.real or REAL_CARDS_DIR) if c.stem in rows]
        truths = {c.stem: c.truth for c in cards}
        examples += real_examples([rows[c.stem] for c in cards], truths)
        if a.use == "cv":
            from benchmarks.honest import cross_validate

            use = cross_validate(cards, rows, synthetic, 5)["keep"]
    elif a.use == "cv":
        ap.error("--use cv needs --real-cache")
    for item in filter(None, "" if a.use == "cv" else a.use.split(",")):
        field, _, how = item.partition("=")
        use[field.strip()] = how.strip()
    model = fit(examples, use)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", "utf-8")
    counts = Counter(label for _, label in examples)
    print(
        f"{len(examples)} lines ({dict(counts)}), {len(model.features)} features -> {a.out} "
        f"({a.out.stat().st_size} bytes); use {use}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
