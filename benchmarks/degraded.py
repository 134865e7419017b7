"""The same cards photographed again, and photographed worse: every photo of a set re-saved, made smaller,
compressed, blurred, askew, dim or half in shadow (deterministic transforms of the pixels), read with `auto`
and scored beside the photos as they were taken.

    python -m benchmarks.degraded [--sets real,heldout7] [--kinds resaved,half,jpeg,...] [--refresh]
    python -m benchmarks.degraded --docs-only    # the page again from benchmarks/results/degraded.json

`resaved` changes nothing a person would see (the photo decoded and saved again as a JPEG of quality 95),
yet OCR reads some words differently: a second, independent reading of the same cards. Rules written
while looking at a card fit the words OCR read on that photo, so the gap between the photos as taken and
re-saved measures how much of the real-card figure such fitting holds up, and re-saved is the baseline the
spoiled photos are compared with. Each other transform stands for a way a phone photo goes wrong, sized
to the photo (a 12-megapixel photo and an 800-pixel crop are spoiled alike). The table says how much of
the re-saved figure each keeps and how many cards it loses whole (no value right where the photo as taken
had one). Copies live in benchmarks/out/degraded/<set>-<kind>/ and their readings in the cache as
`degraded-<set>-<kind>` (benchmarks.replay_sets replays them with the set's labels); the photos as taken
use the cache that benchmarks.honest keeps. Figures go to benchmarks/results/degraded.json and
docs/benchmarks/degraded.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from benchmarks.cache import CACHE_DIR, ensure_cache
from benchmarks.copies import read_copy, results_and_page, shipped_readings, write_copy
from benchmarks.datasets import REPO_ROOT as ROOT
from benchmarks.datasets import LabelledCard
from benchmarks.honest import _summ
from benchmarks.replay_sets import cards_of
from benchmarks.robustness import _commit
from benchmarks.turned import _values_right, lost_whole, set_folder

DEGRADED_DIR = CACHE_DIR.parent / "degraded"
RESULTS = ROOT / "benchmarks" / "results" / "degraded.json"
DOCS = ROOT / "docs" / "benchmarks" / "degraded.md"


def _long_side(image: np.ndarray) -> int:
    return max(image.shape[:2])


def resaved(image: np.ndarray) -> np.ndarray:
    """Unchanged: the copy is saved as a JPEG of quality 95 like every other."""
    return image


def half(image: np.ndarray) -> np.ndarray:
    """Half the width and height: an older phone, or a photo a chat app sent on."""
    return cv2.resize(image, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)


def jpeg(image: np.ndarray) -> np.ndarray:
    """Compressed hard (quality 25): a photo forwarded through a messenger."""
    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 25])
    assert ok
    return cv2.imdecode(data, cv2.IMREAD_COLOR)


def blur(image: np.ndarray) -> np.ndarray:
    """Out of focus: a Gaussian blur of 1/800 of the photo's long side (1.3 px on a 1000 px crop)."""
    return cv2.GaussianBlur(image, (0, 0), sigmaX=max(0.8, _long_side(image) / 800))


def skew(image: np.ndarray) -> np.ndarray:
    """Turned 7 degrees on a canvas grown to hold it all, the corners filled with the photo's edge: a card
    lying askew (a card filling the photo keeps its corners)."""
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), 7, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    size = (int(w * cos + h * sin) + 1, int(w * sin + h * cos) + 1)
    matrix[0, 2] += size[0] / 2 - w / 2
    matrix[1, 2] += size[1] / 2 - h / 2
    return cv2.warpAffine(image, matrix, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def dim(image: np.ndarray) -> np.ndarray:
    """A dim room: a third of the light, and sensor noise (seeded by the photo's size)."""
    rng = np.random.default_rng(image.shape[0] * 7919 + image.shape[1])
    dark = image.astype(np.float32) * 0.35
    noisy = dark + rng.normal(0, 6, image.shape).astype(np.float32)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def shadow(image: np.ndarray) -> np.ndarray:
    """A hand's or phone's shadow: the right half darkened to 40%, with a soft edge."""
    w = image.shape[1]
    ramp = np.clip((np.arange(w, dtype=np.float32) - 0.45 * w) / (0.1 * w), 0, 1)
    factor = 1.0 - 0.6 * ramp
    return np.clip(image.astype(np.float32) * factor[None, :, None], 0, 255).astype(np.uint8)


KINDS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "resaved": resaved,
    "half": half,
    "jpeg": jpeg,
    "blur": blur,
    "skew": skew,
    "dim": dim,
    "shadow": shadow,
}


def degraded_copy(cards: Sequence[LabelledCard], kind: str, folder: Path) -> Path:
    """The cards' photos spoiled by `kind`, with their labels, as a generated set's folder; made once."""
    return write_copy(cards, folder, KINDS[kind], {"degraded": kind})


def read_set(name: str, kind: str | None, refresh: bool) -> tuple[dict[str, Any], dict[str, int]]:
    """The set's summary and values right per card, as taken (kind None) or spoiled by `kind`."""
    cards = cards_of(name)
    if kind is None:
        path = ensure_cache(set_folder(name), name, "auto", refresh=False)
    else:
        folder = degraded_copy(cards, kind, DEGRADED_DIR / f"{name}-{kind}")
        path = read_copy(folder, f"degraded-{name}-{kind}", refresh)
    read, _, contacts = shipped_readings(cards, path)
    return _summ(read, contacts), {c.stem: _values_right(c, contacts[c.stem]) for c in read}


def _row(name: str, kind: str, summary: dict[str, Any], lost: int | None) -> dict[str, Any]:
    fields = summary["fields"]
    return {
        "set": name,
        "kind": kind,
        "cards": summary["n"],
        "f1": summary["overall"]["f1"],
        "perfect": summary["perfect_rate"],
        "lost_whole": lost,
        "fields": {f: fields[f]["f1"] for f in fields},
    }


def measure(sets: Sequence[str], kinds: Sequence[str], refresh: bool) -> dict[str, Any]:
    rows = []
    for name in sets:
        taken, right = read_set(name, None, False)
        rows.append(_row(name, "as taken", taken, None))
        for kind in kinds:
            summary, spoiled = read_set(name, kind, refresh)
            rows.append(_row(name, kind, summary, lost_whole(right, spoiled)))
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return {"commit": _commit(), "measured_at": when, "rows": rows}


def docs(results: dict[str, Any]) -> str:
    by_kind = {(row["set"], row["kind"]): row["f1"] for row in results["rows"]}
    fields = ("name", "company", "phones", "emails", "address")
    lines = [
        "# The same cards photographed again, and photographed worse",
        "",
        "Generated by `python -m benchmarks.degraded --refresh` from `benchmarks/results/degraded.json`; do "
        f"not edit. Measured {results['measured_at']} at commit {results['commit']}. The transforms, and why "
        "re-saved is the baseline: the module's docstring.",
        "",
        "| set | photos | cards | overall F1 | of re-saved | perfect cards | cards lost whole | "
        + " | ".join(fields)
        + " |",
        "|---|---|---|---|---|---|---|" + "---|" * len(fields),
    ]
    for row in results["rows"]:
        lost = "-" if row["lost_whole"] is None else row["lost_whole"]
        baseline = by_kind.get((row["set"], "resaved"))
        share = f"{row['f1'] / baseline:.1%}" if baseline else "-"
        lines.append(
            f"| {row['set']} | {row['kind']} | {row['cards']} | {row['f1']:.3f} | {share} | "
            f"{row['perfect']:.3f} | {lost} | "
            + " | ".join(f"{row['fields'].get(f, 0):.3f}" for f in fields)
            + " |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="real,heldout7")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--refresh", action="store_true", help="read the spoiled copies again (new reader)")
    ap.add_argument("--docs-only", action="store_true", help="rewrite the page from the committed results")
    a = ap.parse_args(argv)
    return results_and_page(
        a.docs_only, lambda: measure(a.sets.split(","), a.kinds.split(","), a.refresh), RESULTS, DOCS, docs
    )


if __name__ == "__main__":
    sys.exit(main())
