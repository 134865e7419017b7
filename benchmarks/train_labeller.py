"""Train the line labeller (ocr/extract/labeller.py) and write its model file.

    python -m benchmarks.train_labeller [--synthetic 800 --seed 41]
                                        [--real-cache benchmarks/out/cache/real.auto.jsonl] [--use cv]
                                   [--out ocr/models/line_labeller.json]

Training data: generated cards laid out by benchmarks/ (every word's truth field known; see
benchmarks/synthetic_lines.py), and, when a cache of the real cards' OCR is given (benchmarks/cache.py),
each real card's free lines labelled by matching them to its transcription. A multinomial logistic regression
(scikit-learn, fixed solver and seed: the same data gives the same file). Which fields the labeller
chooses and which keep the hand ordering (`use`) comes from the cross-validated comparison in
benchmarks/honest.py (`--use name=labeller,...`); by default every field keeps the hand ordering.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from benchmarks.score import norm_addr, norm_name, norm_text
from benchmarks.synthetic_lines import synthetic_card, word_label
from ocr.extract import extract_fields
from ocr.extract.freetext import Rest
from ocr.extract.labeller import CHOSEN, LABELS, MODEL_VERSION, CardContext, LineLabeller

MODEL_PATH = Path(__file__).resolve().parent.parent / "ocr" / "models" / "line_labeller.json"
Example = tuple[dict[str, float], str]
_SYNTHETIC_MAP = {"name": "name", "title": "title", "company": "company", "department": "department"}


def _collector(label_of: Callable[[Rest], str], out: list[Example]) -> Callable[..., None]:
    def observe(rests: Sequence[Rest], features: list[dict[str, float]], context: CardContext) -> None:
        out.extend((f, label_of(r)) for r, f in zip(rests, features, strict=True))

    return observe


def synthetic_examples(seed: int, count: int) -> list[Example]:
    out: list[Example] = []
    for index in range(count):
        card = synthetic_card(seed, index)

        def label_of(rest: Rest, card: Any = card) -> str:
            votes = Counter(word_label(card, w) for w in rest.segment.words)
            top = votes.most_common(1)[0][0]
            return top if top in LABELS else "other"

        extract_fields(card.lines, labeller=None, observe=_collector(label_of, out))
    return out


def real_label(text: str, truth: dict[str, Any]) -> str:
    """A real card's free line labelled by its transcription (name, title, company, department, address,
    else other)."""
    if truth.get("name") and (
        norm_name(text) == norm_name(truth["name"])
        or fuzz.ratio(norm_name(text) or "", norm_name(truth["name"])) >= 85
    ):
        return "name"
    for field in ("title", "company", "department"):
        value = norm_text(truth.get(field))
        got = norm_text(text) or ""
        if value and (got == value or fuzz.ratio(got, value) >= 85):
            return field
    address = norm_addr(truth.get("address"))
    got = norm_addr(text) or ""
    if address and len(got) >= 5 and fuzz.partial_ratio(got, address) >= 90:
        return "address"
    return "other"


def real_examples(rows: Iterable[dict[str, Any]], truths: dict[str, dict[str, Any]]) -> list[Example]:
    from benchmarks.replay import replay

    out: list[Example] = []
    for row in rows:
        truth = truths[row["stem"]]

        def label_of(rest: Rest, truth: dict[str, Any] = truth) -> str:
            return real_label(rest.text, truth)

        replay(row, partial(extract_fields, labeller=None, observe=_collector(label_of, out)))
    return out


def fit(examples: Sequence[Example], use: dict[str, str] | None = None) -> LineLabeller:
    from sklearn.linear_model import LogisticRegression

    names = sorted({k for f, _ in examples for k in f})
    x = [[f.get(n, 0.0) for n in names] for f, _ in examples]
    y = [label for _, label in examples]
    model = LogisticRegression(C=1.0, max_iter=3000, random_state=0)
    model.fit(x, y)
    classes = list(model.classes_)
    weights = {c: [float(w) for w in model.coef_[i]] for i, c in enumerate(classes)}
    bias = {c: float(model.intercept_[i]) for i, c in enumerate(classes)}
    return LineLabeller(MODEL_VERSION, tuple(names), weights, bias, dict(use or {}))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--synthetic", type=int, default=800, help="generated cards laid out (no OCR)")
    ap.add_argument("--seed", type=int, default=41, help="generator seed of the training layouts")
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
    synthetic = synthetic_examples(a.seed, a.synthetic)
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
