"""Speed of `auto` against one raw `tesseract` pass, timed card by card in turn so both see the same load.

    python -m benchmarks.paired_speed [--real ../shared/cards/dev] [--every K] [--rounds 2] [--variants ...]
    python -m benchmarks.paired_speed --docs-only

It writes benchmarks/results/paired_speed.json and docs/benchmarks/paired-speed.md (from the JSON;
`--docs-only` rebuilds the page alone).

benchmarks/honest.py reads every card with `auto`, then every card with raw `tesseract`: on a machine
shared with other work the two runs see different loads and their ratio moves with it. Here each card is
read by every variant within the same few seconds, the order rotating from card to card and round to
round, so a burst of load falls on all of them. Variants: `tesseract` (benchmarks/baseline.py, the
reference), `auto` as shipped (Tesseract in this process where tesserocr is installed) and `auto cli`
(`MEISHI_TESSERACT=cli`: Tesseract as a process per call, as before tesserocr) and `auto speculative`
(`MEISHI_SPECULATE=1`: RapidOCR's whole-card read started beside Tesseract's, ocr/speculation.py).
`--variants` picks some of them (`tesseract` always runs: it is the reference). It prints p50/p95 wall
and CPU seconds per variant, the ratio of p50s, and the median of the per-card ratios (the paired figure).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.cache import cpu_seconds
from benchmarks.datasets import REAL_CARDS_DIR
from benchmarks.report import machine

VARIANTS = ("tesseract", "auto", "auto cli", "auto speculative")
DEFAULT_VARIANTS = ("tesseract", "auto", "auto speculative")
ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "paired_speed.json"
DOCS = ROOT / "docs" / "benchmarks" / "paired-speed.md"


def _readers() -> dict[str, Callable[[Path], None]]:
    from benchmarks.baseline import read as read_baseline
    from ocr import ReadOptions, read_card
    from ocr.engines.registry import engines_for
    from ocr.engines.tesseract import TesseractEngine

    def auto(image: Path) -> None:
        # The Tesseract engine remembers its last reading; the variant reading this card after another
        # would get Tesseract's reading free (the bias of this page's runs before 2026-12-06 16:00).
        for engine in engines_for("tesseract"):
            if isinstance(engine, TesseractEngine):
                engine.forget()
        read_card(image.read_bytes(), ReadOptions(engine="auto", keep_card_image=False))

    def with_env(name: str, value: str) -> Callable[[Path], None]:
        def read(image: Path) -> None:
            os.environ[name] = value
            try:
                auto(image)
            finally:
                del os.environ[name]

        return read

    def tesseract(image: Path) -> None:
        read_baseline(image)

    return {
        "tesseract": tesseract,
        "auto": auto,
        "auto cli": with_env("MEISHI_TESSERACT", "cli"),
        "auto speculative": with_env("MEISHI_SPECULATE", "1"),
    }


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(images: list[Path], rounds: int, variants: tuple[str, ...] = DEFAULT_VARIANTS) -> dict[str, Any]:
    variants = ("tesseract", *(v for v in variants if v != "tesseract"))
    readers = {v: read for v, read in _readers().items() if v in variants}
    for read in readers.values():  # warm-up: imports, model loads and first-call caches
        read(images[0])
    wall: dict[str, dict[str, list[float]]] = {v: {} for v in variants}
    cpu: dict[str, dict[str, list[float]]] = {v: {} for v in variants}
    for r in range(rounds):
        for i, image in enumerate(images):
            shift = (i + r) % len(variants)
            for variant in variants[shift:] + variants[:shift]:
                t0, c0 = time.perf_counter(), cpu_seconds()
                readers[variant](image)
                wall[variant].setdefault(image.stem, []).append(time.perf_counter() - t0)
                cpu[variant].setdefault(image.stem, []).append(cpu_seconds() - c0)
            print(f"\r  round {r + 1}/{rounds}: {i + 1}/{len(images)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return {"wall": _summary(wall), "cpu": _summary(cpu), "cards": len(images), "rounds": rounds}


def _summary(seconds: dict[str, dict[str, list[float]]]) -> dict[str, Any]:
    per_card = {v: {stem: statistics.median(r) for stem, r in cards.items()} for v, cards in seconds.items()}
    out: dict[str, Any] = {}
    for variant, by_card in per_card.items():
        values = list(by_card.values())
        out[variant] = {"p50": round(_quantile(values, 0.5), 3), "p95": round(_quantile(values, 0.95), 3)}
    reference = per_card["tesseract"]
    for variant in [v for v in per_card if v != "tesseract"]:
        out[variant]["ratio_of_p50"] = round(out[variant]["p50"] / max(out["tesseract"]["p50"], 1e-9), 2)
        ratios = [per_card[variant][stem] / reference[stem] for stem in reference if reference[stem] > 0]
        out[variant]["median_card_ratio"] = round(statistics.median(ratios), 2)
    return out


def docs(result: dict[str, Any]) -> str:
    """The page for docs/benchmarks/ (generated; never edited by hand)."""
    lines = [
        "# `auto` against one raw `tesseract` pass, card by card",
        "",
        "Generated by `python -m benchmarks.paired_speed` from `benchmarks/results/paired_speed.json`; "
        "do not edit.",
        f"{result['cards']} real dev cards, each read {result['rounds']} times by every variant in rotating "
        f"order (median per card); at {result.get('commit', '?')}, {result.get('measured_at', '?')}, "
        f"{result.get('machine', 'CPU not recorded')}, load "
        f"average {' '.join(f'{x:.2f}' for x in result['load_average'])} at the end. How it is measured: the "
        "module's docstring." + (f" Note: {result['note']}." if result.get("note") else ""),
        "",
        "| seconds per card | variant | p50 | p95 | p50 / tesseract p50 | median card's ratio |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for kind in ("wall", "cpu"):
        for variant, figures in result[kind].items():
            ratio = f"{figures['ratio_of_p50']}x" if "ratio_of_p50" in figures else "-"
            median = f"{figures['median_card_ratio']}x" if "median_card_ratio" in figures else "-"
            lines.append(
                f"| {kind} | `{variant}` | {figures['p50']:.3f} | {figures['p95']:.3f} | {ratio} | {median} |"
            )
    return "\n".join(lines) + "\n"


def _stamp(result: dict[str, Any]) -> None:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    result["commit"] = commit.stdout.strip() or "?"
    result["measured_at"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    result["load_average"] = list(os.getloadavg())
    result["machine"] = machine()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--real", type=Path, default=REAL_CARDS_DIR)
    ap.add_argument("--every", type=int, default=1, help="every K-th card by name (a quicker sample)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--json-out", type=Path, default=RESULTS)
    ap.add_argument("--docs-out", type=Path, default=DOCS)
    ap.add_argument("--docs-only", action="store_true", help="rebuild the page from the JSON")
    ap.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(DEFAULT_VARIANTS))
    ap.add_argument("--note", help="a sentence the page prints with the figures (what else was measured)")
    a = ap.parse_args(argv)
    if a.docs_only:
        a.docs_out.write_text(docs(json.loads(a.json_out.read_text("utf-8"))), "utf-8")
        return 0
    images = sorted([*(a.real / "images").glob("*.jpg"), *(a.real / "images").glob("*.png")])[:: a.every]
    result = measure(images, a.rounds, tuple(a.variants))
    _stamp(result)
    if a.note:
        result["note"] = a.note
    for kind in ("wall", "cpu"):
        print(f"{kind} seconds per card ({result['cards']} cards, median of {a.rounds} rounds each):")
        for variant, figures in result[kind].items():
            extra = ""
            if "ratio_of_p50" in figures:
                extra = f"  p50s {figures['ratio_of_p50']}x, median card {figures['median_card_ratio']}x"
            print(f"  {variant:10} p50 {figures['p50']:.3f}  p95 {figures['p95']:.3f}{extra}")
    a.json_out.parent.mkdir(parents=True, exist_ok=True)
    a.json_out.write_text(json.dumps(result, indent=1) + "\n", "utf-8")
    a.docs_out.write_text(docs(result), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
