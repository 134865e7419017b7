"""What each named rule (ocr/extract/rules/) is worth: every rule switched off in turn, extraction replayed
over the cached OCR of the real cards and the fresh generator seed (hand ordering, no region hint, as the
"hand" column of benchmarks.honest), and the fields whose F1 moves printed.

    python -m benchmarks.rules_ablation [--real ../shared/cards/dev] [--fresh-seed 31]

Needs the caches benchmarks.honest builds (benchmarks/out/cache/). A rule that changes nothing here has no
evidence on these cards; one that lowers a field when switched off pays.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import ocr.extract.rules as rules
from benchmarks.cache import read_cache
from benchmarks.datasets import REAL_CARDS_DIR, LabelledCard, load_generated, load_real
from benchmarks.replay import replay
from benchmarks.score import FIELDS, Sample, summarize
from ocr.extract import extract_fields

CACHE_DIR = Path(__file__).resolve().parent / "out" / "cache"
CardSet = tuple[dict[str, dict[str, Any]], Sequence[LabelledCard]]


@contextmanager
def switched_off(rule_id: str) -> Iterator[None]:
    """The registry with `rule_id` proposing nothing, restored afterwards."""
    original = rules.rule(rule_id)
    rules._BY_ID[rule_id] = dataclasses.replace(original, propose=lambda _text: iter(()))
    try:
        yield
    finally:
        rules._BY_ID[rule_id] = original


def field_f1(card_set: CardSet) -> dict[str, float]:
    rows, cards = card_set
    predicted = {
        c.stem: replay(rows[c.stem], partial(extract_fields, labeller=None)).contact.to_contract()
        for c in cards
        if c.stem in rows
    }
    summary = summarize(Sample(c.stem, c.truth, predicted.get(c.stem), c.meta) for c in cards)
    return {f: summary["fields"][f]["f1"] for f in FIELDS}


def ablation(sets: dict[str, CardSet]) -> dict[str, dict[str, tuple[float, float]]]:
    """rule id -> {'set.field': (F1 with the rule, F1 without)} for the fields that move."""
    base = {name: field_f1(s) for name, s in sets.items()}
    moved: dict[str, dict[str, tuple[float, float]]] = {}
    for rule in rules.REGISTRY:
        with switched_off(rule.id):
            without = {name: field_f1(s) for name, s in sets.items()}
        moved[rule.id] = {
            f"{name}.{f}": (base[name][f], without[name][f])
            for name in sets
            for f in FIELDS
            if without[name][f] != base[name][f]
        }
    return moved


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--real", type=Path, default=REAL_CARDS_DIR)
    ap.add_argument("--fresh-seed", type=int, default=31)
    a = ap.parse_args(argv)
    sets: dict[str, CardSet] = {}
    if (CACHE_DIR / "real.auto.jsonl").is_file():
        sets["real"] = (read_cache(CACHE_DIR / "real.auto.jsonl")[0], load_real(a.real))
    gen = CACHE_DIR / f"gen{a.fresh_seed}.auto.jsonl"
    if gen.is_file():
        sets[f"gen{a.fresh_seed}"] = (
            read_cache(gen)[0],
            load_generated(CACHE_DIR.parent / f"gen{a.fresh_seed}"),
        )
    if not sets:
        ap.error("no cached OCR: run `python -m benchmarks.honest` first")
    for rule_id, fields in ablation(sets).items():
        shown = "; ".join(f"{k} {w:.3f} -> {wo:.3f} without" for k, (w, wo) in fields.items())
        print(f"{rule_id:34s} {shown or 'no change on these cards'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
