"""Today's reader replayed over every cached set's OCR, per set and per card: what an extraction change does
before the slow benchmarks read any photo again.

    python -m benchmarks.replay_sets                          # every cached set: F1 per set
    python -m benchmarks.replay_sets --save /tmp/before.json  # and keep each card's fields
    python -m benchmarks.replay_sets --diff /tmp/before.json  # and print each field that changed
    python -m benchmarks.replay_sets --sets real,heldout8     # named sets only

A set is a cache `benchmarks/out/cache/<name>.auto.jsonl` that `benchmarks.honest` wrote: `real` (the shared
real cards) or a generated set (`gen<seed>`, `heldout<seed>`, labelled beside the cache). The contact scored
is the one the reader ships (benchmarks/honest.py `_shipped`: shipped models, unsure values withheld).
Sets read once to check a change on cards nobody tuned for (docs/reader-cards-looked-at.md) belong in
`--sets` only when that check is made; replaying them while working on a change tunes on them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from benchmarks.cache import CACHE_DIR, read_cache
from benchmarks.confidence_data import GENERATED_SETS
from benchmarks.datasets import REAL_CARDS_DIR, LabelledCard, load_generated, load_real
from benchmarks.honest import _shipped
from benchmarks.score import FIELDS, Sample, field_values, score_card, summarize

DEVELOPMENT_SETS = ("real", *GENERATED_SETS)


def cards_of(name: str) -> list[LabelledCard]:
    """A set's labelled cards; a turned or degraded copy of a set (benchmarks/turned.py, degraded.py) has
    the set's labels."""
    copy = re.fullmatch(r"(?:turned|degraded)-(.+)-[a-z0-9]+", name)
    if copy:
        return cards_of(copy.group(1))
    return load_real(REAL_CARDS_DIR) if name == "real" else load_generated(CACHE_DIR.parent / name)


def shipped_contacts(name: str) -> tuple[list[LabelledCard], dict[str, dict[str, Any] | None]]:
    rows, _ = read_cache(CACHE_DIR / f"{name}.auto.jsonl")
    cards = [c for c in cards_of(name) if c.stem in rows]
    return cards, {c.stem: _shipped(rows[c.stem]) for c in cards}


def _shown(value: Any) -> Any:
    return sorted(map(str, value)) if isinstance(value, set) else value


def field_verdicts(card: LabelledCard, contact: dict[str, Any] | None) -> dict[str, list[Any]]:
    """Each field's value as the scorer normalises it, and whether the scorer counts it right."""
    counts = score_card(card.truth, contact).counts
    return {
        f: [_shown(field_values(contact or {}, f, card.region)), counts[f][1:] == (0, 0)]
        for f in FIELDS
        if f in counts
    }


def _diff(name: str, before: dict[str, Any], now: dict[str, Any]) -> list[str]:
    lines = []
    for stem in sorted(now):
        for f in sorted(set(now[stem]) | set(before.get(stem, {}))):
            old, new = before.get(stem, {}).get(f), now[stem].get(f)
            if old != new:
                mark = {(False, True): "+", (True, False): "-"}.get(
                    (bool(old and old[1]), bool(new and new[1])), "~"
                )
                lines.append(f"{mark} {name}/{stem} {f}: {old and old[0]!r} -> {new and new[0]!r}")
    return lines


def value_changes(cards: list[LabelledCard], before: dict[str, Any], now: dict[str, Any]) -> dict[str, int]:
    """Per value, not per field, what changed: right values gained and lost, wrong values removed and
    added (a field with a right value and a wrong one is wrong either way; these counts see both)."""
    counts = {"right gained": 0, "right lost": 0, "wrong removed": 0, "wrong added": 0}
    for card in cards:
        for f, (value, _right) in now.get(card.stem, {}).items():
            old = before.get(card.stem, {}).get(f, [None])[0]
            if old == value or not isinstance(value, list) or not isinstance(old, list | None):
                continue
            truth = {str(v) for v in field_values(card.truth, f, card.region) or ()}
            was, is_now = {str(v) for v in old or ()}, {str(v) for v in value}
            counts["right gained"] += len((is_now - was) & truth)
            counts["right lost"] += len((was - is_now) & truth)
            counts["wrong removed"] += len((was - is_now) - truth)
            counts["wrong added"] += len((is_now - was) - truth)
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(DEVELOPMENT_SETS), help="comma-separated cache names")
    ap.add_argument("--save", type=Path, help="write each card's fields here")
    ap.add_argument("--diff", type=Path, help="an earlier --save: print the fields that changed")
    a = ap.parse_args(argv)
    before = json.loads(a.diff.read_text("utf-8")) if a.diff else {}
    saved: dict[str, Any] = {}
    changes: list[str] = []
    values: dict[str, int] = {}
    for name in a.sets.split(","):
        if not (CACHE_DIR / f"{name}.auto.jsonl").is_file():
            print(f"{name:10} no cache (run benchmarks.honest first)")
            continue
        cards, contacts = shipped_contacts(name)
        summary = summarize(Sample(c.stem, c.truth, contacts[c.stem], c.meta) for c in cards)
        weakest = sorted((v["f1"], f) for f, v in summary["fields"].items() if v["support"] and v["f1"] < 1)[
            :4
        ]
        print(
            f"{name:10} {len(cards):3} cards  F1 {summary['overall']['f1']:.4f}  perfect "
            f"{summary['perfect_rate']:.3f}  weakest " + " ".join(f"{f} {v:.3f}" for v, f in weakest)
        )
        saved[name] = {c.stem: field_verdicts(c, contacts[c.stem]) for c in cards}
        if name in before:
            changes += _diff(name, before[name], saved[name])
            for k, v in value_changes(cards, before[name], saved[name]).items():
                values[k] = values.get(k, 0) + v
    if a.diff:
        print("\n".join(changes) if changes else "no field changed")
        right = sum(c.startswith("+") for c in changes)
        wrong = sum(c.startswith("-") for c in changes)
        other = len(changes) - right - wrong
        print(f"{right} fields became right, {wrong} became wrong, {other} changed otherwise")
        print("values of list fields: " + ", ".join(f"{k} {v}" for k, v in values.items()))
    if a.save:
        a.save.write_text(json.dumps(saved, ensure_ascii=False, indent=0), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
