"""The same cards photographed turned: every photo of a set turned by a quarter, half and three-quarter turn
(the pixels, no EXIF tag to say so), read with `auto` and scored beside the photos as they were taken.

    python -m benchmarks.turned [--sets real,gen31,heldout7] [--turns 90,180,270] [--refresh]
    python -m benchmarks.turned --docs-only    # the page again from benchmarks/results/turned.json

A card lying on a table is photographed from any side. The reader turns it upright from what it reads
(ocr/upright.py: the direction of its text lines, a first reading, Tesseract's orientation detection); how
often that fails is invisible in sets photographed mostly the right way up (own generator: 6 of 480
development photos upside down, 3 of them read as nothing before the thirteenth session). So each set is
read again turned, and the table says how much of the upright figure each turn keeps and how many cards it
loses whole (no field right where the upright photo had one) or turned otherwise than the photo as taken
plus the turn back (cards whose photo as taken had a value right; the reader's turn is in the cache since
the thirteenth session, '-' before). Turned copies live in
benchmarks/out/turned/<set>-<turn>/ and their readings in the cache as `turned-<set>-<turn>`; a set read
upright uses the cache benchmarks.honest keeps (`<set>.auto.jsonl`), read if missing. The figures go to
benchmarks/results/turned.json and docs/benchmarks/turned.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2

from benchmarks.cache import CACHE_DIR, ensure_cache
from benchmarks.copies import read_copy, results_and_page, shipped_readings, write_copy
from benchmarks.datasets import REAL_CARDS_DIR, LabelledCard
from benchmarks.datasets import REPO_ROOT as ROOT
from benchmarks.honest import _summ
from benchmarks.replay_sets import cards_of
from benchmarks.robustness import _commit
from benchmarks.score import score_card

TURNS = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
TURNED_DIR = CACHE_DIR.parent / "turned"
RESULTS = ROOT / "benchmarks" / "results" / "turned.json"
DOCS = ROOT / "docs" / "benchmarks" / "turned.md"


def set_folder(name: str) -> Path:
    return REAL_CARDS_DIR if name == "real" else CACHE_DIR.parent / name


def turned_copy(cards: Sequence[LabelledCard], turn: int, folder: Path) -> Path:
    """The cards' photos turned by `turn` degrees clockwise, with their labels, as a generated set's folder
    (NNNN.json beside NNNN.jpg); made once."""
    return write_copy(cards, folder, lambda image: cv2.rotate(image, TURNS[turn]), {"turned": turn})


@dataclass(frozen=True)
class SetReading:
    """A set read at one turn: its summary, and per card the values right and the turn the reader applied
    (None in a cache written before the cache kept it)."""

    summary: dict[str, Any]
    right: dict[str, int]
    orientation: dict[str, int | None]


def read_set(name: str, turn: int, refresh: bool) -> SetReading:
    """The set read at `turn` (0: as photographed)."""
    cards = cards_of(name)
    if turn == 0:
        path = ensure_cache(set_folder(name), name, "auto", refresh=False)
    else:
        folder = turned_copy(cards, turn, TURNED_DIR / f"{name}-{turn}")
        path = read_copy(folder, f"turned-{name}-{turn}", refresh)
    read, rows, contacts = shipped_readings(cards, path)
    return SetReading(
        _summ(read, contacts),
        {c.stem: _values_right(c, contacts[c.stem]) for c in read},
        {c.stem: rows[c.stem].get("orientation") for c in read},
    )


def _values_right(card: LabelledCard, contact: dict[str, Any] | None) -> int:
    return sum(tp for tp, _, _ in score_card(card.truth, contact).counts.values())


def lost_whole(upright: dict[str, int], turned: dict[str, int]) -> int:
    """Cards with no value right turned where the upright photo had one right."""
    return sum(1 for stem, right in turned.items() if right == 0 and upright.get(stem, 0) > 0)


def turned_wrong(upright: SetReading, turned: SetReading, turn: int) -> int | None:
    """Cards the reader turned otherwise than the photo as taken plus the `turn` back, among those whose
    photo as taken had a value right (its turn taken as the right one); None when a cache lacks the turns."""
    wrong = 0
    for stem, applied in turned.orientation.items():
        if upright.right.get(stem, 0) == 0:
            continue
        as_taken = upright.orientation.get(stem)
        if applied is None or as_taken is None:
            return None
        wrong += applied != (as_taken + 360 - turn) % 360
    return wrong


def figures(name: str, turn: int, reading: SetReading, upright: SetReading | None) -> dict[str, Any]:
    return {
        "set": name,
        "turn": turn,
        "cards": reading.summary["n"],
        "f1": reading.summary["overall"]["f1"],
        "perfect": reading.summary["perfect_rate"],
        "lost_whole": lost_whole(upright.right, reading.right) if upright is not None else None,
        "turned_wrong": turned_wrong(upright, reading, turn) if upright is not None else None,
    }


def measure(sets: Sequence[str], turns: Sequence[int], refresh: bool) -> dict[str, Any]:
    rows = []
    for name in sets:
        upright = read_set(name, 0, False)
        rows.append(figures(name, 0, upright, None))
        rows += [figures(name, turn, read_set(name, turn, refresh), upright) for turn in turns]
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return {"commit": _commit(), "measured_at": when, "rows": rows}


def docs(results: dict[str, Any]) -> str:
    upright = {row["set"]: row["f1"] for row in results["rows"] if row["turn"] == 0}
    lines = [
        "# The same cards photographed turned",
        "",
        "Generated by `python -m benchmarks.turned --refresh` from `benchmarks/results/turned.json`; do not "
        f"edit. Measured {results['measured_at']} at commit {results['commit']}. How it is measured: the "
        'module\'s docstring and [docs/reader.md](../reader.md) ("Cards photographed upside down").',
        "",
        "| set | turn | cards | overall F1 | kept of upright | perfect cards | cards lost whole "
        "| turned wrong |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in results["rows"]:
        lost = "-" if row["lost_whole"] is None else row["lost_whole"]
        wrong = "-" if row.get("turned_wrong") is None else row["turned_wrong"]
        lines.append(
            f"| {row['set']} | {row['turn']} | {row['cards']} | {row['f1']:.3f} | "
            f"{row['f1'] / upright[row['set']]:.1%} | {row['perfect']:.3f} | {lost} | {wrong} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="real,gen31,heldout7")
    ap.add_argument("--turns", default="90,180,270")
    ap.add_argument("--refresh", action="store_true", help="read the turned copies again (new reader)")
    ap.add_argument("--docs-only", action="store_true", help="rewrite the page from the committed results")
    a = ap.parse_args(argv)
    turns = [int(t) for t in a.turns.split(",")]
    return results_and_page(
        a.docs_only, lambda: measure(a.sets.split(","), turns, a.refresh), RESULTS, DOCS, docs
    )


if __name__ == "__main__":
    sys.exit(main())
