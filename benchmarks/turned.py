"""The same cards photographed turned: every photo of a set turned by a quarter, half and three-quarter turn
(the pixels, no EXIF tag to say so), read with `auto` and scored beside the photos as they were taken.

    python -m benchmarks.turned [--sets real,gen31] [--turns 90,180,270] [--refresh]
                                [--docs-out docs/benchmarks/turned.md]

A card lying on a table is photographed from any side. The reader turns it upright from what it reads
(ocr/upright.py: the direction of its text lines, a first reading, Tesseract's orientation detection); how
often that fails is invisible in sets photographed mostly the right way up (own generator: 6 of 480
development photos upside down, 3 of them read as nothing before the thirteenth session). So each set is
read again turned, and the table says how much of the upright figure each turn keeps and how many cards it
loses whole (no field right where the upright photo had one). Turned copies live in
benchmarks/out/turned/<set>-<turn>/ and their readings in the cache as `turned-<set>-<turn>`; a set read
upright uses the cache benchmarks.honest keeps (`<set>.auto.jsonl`), read if missing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cv2

from benchmarks.cache import CACHE_DIR, ensure_cache, read_cache
from benchmarks.datasets import REAL_CARDS_DIR, LabelledCard, load_generated, load_real
from benchmarks.honest import _shipped, _summ
from benchmarks.robustness import _commit
from benchmarks.score import score_card

TURNS = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
TURNED_DIR = CACHE_DIR.parent / "turned"


def set_folder(name: str) -> Path:
    return REAL_CARDS_DIR if name == "real" else CACHE_DIR.parent / name


def cards_of(name: str) -> list[LabelledCard]:
    return load_real(REAL_CARDS_DIR) if name == "real" else load_generated(set_folder(name))


def turned_copy(cards: Sequence[LabelledCard], turn: int, folder: Path) -> Path:
    """The cards' photos turned by `turn` degrees clockwise, with their labels, as a generated set's folder
    (NNNN.json beside NNNN.jpg); made once."""
    done = folder / ".complete"
    if done.is_file():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for card in cards:
        image = cv2.imread(str(card.image), cv2.IMREAD_COLOR)  # applies the photo's EXIF orientation
        if image is None:
            raise SystemExit(f"cannot read {card.image}")
        cv2.imwrite(
            str(folder / f"{card.stem}.jpg"), cv2.rotate(image, TURNS[turn]), [cv2.IMWRITE_JPEG_QUALITY, 95]
        )
        label = {**card.truth, "meta": {**card.meta, "turned": turn}}
        (folder / f"{card.stem}.json").write_text(json.dumps(label, ensure_ascii=False, indent=1), "utf-8")
    done.write_text("")
    return folder


def read_set(name: str, turn: int, refresh: bool) -> tuple[dict[str, Any], dict[str, int]]:
    """The set's summary read at `turn` (0: as photographed), and the values each card got right."""
    cards = cards_of(name)
    if turn == 0:
        path = ensure_cache(set_folder(name), name, "auto", refresh=False)
    else:
        folder = turned_copy(cards, turn, TURNED_DIR / f"{name}-{turn}")
        path = ensure_cache(folder, f"turned-{name}-{turn}", "auto", refresh)
    rows, _ = read_cache(path)
    read = [c for c in cards if c.stem in rows]
    contacts = {c.stem: _shipped(rows[c.stem]) for c in read}
    right = {
        c.stem: sum(tp for tp, _, _ in score_card(c.truth, contacts[c.stem]).counts.values()) for c in read
    }
    return _summ(read, contacts), right


def _values_right(card: LabelledCard, contact: dict[str, Any] | None) -> int:
    return sum(tp for tp, _, _ in score_card(card.truth, contact).counts.values())


def lost_whole(upright: dict[str, int], turned: dict[str, int]) -> int:
    """Cards with no value right turned where the upright photo had one right."""
    return sum(1 for stem, right in turned.items() if right == 0 and upright.get(stem, 0) > 0)


def table(results: dict[str, dict[int, tuple[dict[str, Any], dict[str, int]]]]) -> list[str]:
    lines = [
        "| set | turn | cards | overall F1 | kept of upright | perfect cards | cards lost whole |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, by_turn in results.items():
        upright, upright_right = by_turn[0]
        for turn, (summary, right) in by_turn.items():
            f1 = summary["overall"]["f1"]
            lines.append(
                f"| {name} | {turn} | {summary['n']} | {f1:.3f} | {f1 / upright['overall']['f1']:.1%} | "
                f"{summary['perfect_rate']:.3f} | {lost_whole(upright_right, right) if turn else '-'} |"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="real,gen31")
    ap.add_argument("--turns", default="90,180,270")
    ap.add_argument("--refresh", action="store_true", help="read the turned copies again (new reader)")
    ap.add_argument("--docs-out", type=Path, help="also write the table as a generated docs page")
    a = ap.parse_args(argv)
    turns = [0, *(int(t) for t in a.turns.split(","))]
    results = {name: {t: read_set(name, t, a.refresh) for t in turns} for name in a.sets.split(",")}
    lines = table(results)
    print("\n".join(lines))
    if a.docs_out:
        when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        header = [
            "# The same cards photographed turned",
            "",
            "Generated by `python -m benchmarks.turned --refresh --docs-out docs/benchmarks/turned.md`; "
            f"do not edit. At {_commit()}, {when}. How it is measured: the module's docstring and "
            '[docs/reader.md](../reader.md) ("Cards photographed upside down").',
            "",
        ]
        a.docs_out.write_text("\n".join(header + lines) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
