"""Where the reader's time goes, from a cached reading (benchmarks/cache.py keeps each card's seconds and
stage timings): per stage, per way `auto` used the second engine, and per reason it gave for asking.

    python -m benchmarks.stages [benchmarks/out/cache/real.auto.jsonl]

Stage seconds are wall seconds, so on a machine shared with other work they grow with its load; the shares
between stages and the CPU seconds (when the cache has them) say more there than the absolute figures.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from benchmarks.cache import read_cache
from benchmarks.score import percentile
from ocr.strategy import REGION_REASONS

DEFAULT_CACHE = Path(__file__).resolve().parent / "out" / "cache" / "real.auto.jsonl"
SUMS = frozenset({"total", "ocr"})  # timings that add up others
# Timings of work done beside other stages (RapidOCR's whole-card read started with Tesseract's, ocr/
# speculation.py): shown, but no share of the card's seconds, which the stage waiting for it (ocr_rapidocr)
# already counts.
BESIDE = frozenset({"rapidocr_background"})
SECOND_ENGINE = ("ocr_rapidocr", "ocr_rapidocr_addresses")
WHOLE, REGIONS, FIRST_ONLY = "whole card", "regions", "tesseract only"

Row = Mapping[str, Any]


def second_read(row: Row) -> str:
    """How `auto` used the second engine on this card: not at all, on a few regions, or on the whole card
    (the strategy reads regions only when every reason it had is one that regions answer)."""
    groups = [g for g in row.get("groups") or () if g.get("calls")]
    engines = groups[-1].get("engines", ()) if groups else ()
    if "rapidocr" not in engines:
        return FIRST_ONLY
    reasons = set(groups[-1].get("reasons") or ())
    return REGIONS if reasons and reasons <= REGION_REASONS else WHOLE


def reasons_of(row: Row) -> tuple[str, ...]:
    groups = [g for g in row.get("groups") or () if g.get("calls")]
    return tuple(groups[-1].get("reasons") or ()) if groups else ()


def stage_table(rows: Iterable[Row]) -> list[dict[str, Any]]:
    """Per stage: cards that ran it, mean, p50 and p95 seconds over all cards (0 where it did not run), and
    its share of the summed total; the costliest first."""
    rows = [r for r in rows if r.get("timings")]
    total = sum(r["timings"].get("total", 0.0) for r in rows) or 1.0
    names = {name for r in rows for name in r["timings"] if name not in SUMS}
    table = []
    for name in names:
        seconds = [r["timings"].get(name, 0.0) for r in rows]
        table.append(
            {
                "stage": name,
                "cards": sum(name in r["timings"] for r in rows),
                "mean_s": round(sum(seconds) / len(rows), 3),
                "p50_s": round(percentile(seconds, 0.5), 3),
                "p95_s": round(percentile(seconds, 0.95), 3),
                "share": 0.0 if name in BESIDE else round(sum(seconds) / total, 3),
            }
        )
    return sorted(table, key=lambda t: -t["share"])


def _second_engine_s(row: Row) -> float:
    return sum(row.get("timings", {}).get(name, 0.0) for name in SECOND_ENGINE)


def path_table(rows: Iterable[Row]) -> list[dict[str, Any]]:
    """Per way the second engine was used: cards, their p50 and p95 seconds, the second engine's mean."""
    by_path: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_path[second_read(row)].append(row)
    table = []
    for path in (FIRST_ONLY, REGIONS, WHOLE):
        group = by_path.get(path, [])
        if group:
            seconds = [r["seconds"] for r in group]
            table.append(
                {
                    "path": path,
                    "cards": len(group),
                    "p50_s": round(percentile(seconds, 0.5), 3),
                    "p95_s": round(percentile(seconds, 0.95), 3),
                    "second_engine_mean_s": round(sum(map(_second_engine_s, group)) / len(group), 3),
                }
            )
    return table


def reason_table(rows: Iterable[Row]) -> list[dict[str, Any]]:
    """Per reason `auto` gave for the second engine: cards, cards where it was the only reason, and the
    second engine's summed seconds on those cards; the commonest first."""
    cards: dict[str, int] = defaultdict(int)
    alone: dict[str, int] = defaultdict(int)
    seconds: dict[str, float] = defaultdict(float)
    for row in rows:
        if second_read(row) == FIRST_ONLY:
            continue
        reasons = reasons_of(row)
        for reason in reasons:
            cards[reason] += 1
            alone[reason] += len(reasons) == 1
            seconds[reason] += _second_engine_s(row)
    return [
        {"reason": r, "cards": n, "alone": alone[r], "second_engine_s": round(seconds[r], 2)}
        for r, n in sorted(cards.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def report(rows: list[Row]) -> list[str]:
    rows = [r for r in rows if not r.get("error") and "seconds" in r]
    seconds = [r["seconds"] for r in rows]
    cpu = [r["cpu_seconds"] for r in rows if "cpu_seconds" in r]
    out = [
        f"{len(rows)} cards: p50 {percentile(seconds, 0.5):.3f} s, p95 {percentile(seconds, 0.95):.3f} s"
        + (f"; CPU p50 {percentile(cpu, 0.5):.3f} s, p95 {percentile(cpu, 0.95):.3f} s" if cpu else ""),
        "",
        f"{'stage':<24}{'cards':>6}{'mean s':>8}{'p50 s':>8}{'p95 s':>8}{'share':>8}",
    ]
    out += [
        f"{t['stage']:<24}{t['cards']:>6}{t['mean_s']:>8.3f}{t['p50_s']:>8.3f}{t['p95_s']:>8.3f}{t['share']:>8.1%}"
        for t in stage_table(rows)
    ]
    out += ["", f"{'second engine':<16}{'cards':>6}{'p50 s':>8}{'p95 s':>8}{'its mean s':>12}"]
    out += [
        f"{t['path']:<16}{t['cards']:>6}{t['p50_s']:>8.3f}{t['p95_s']:>8.3f}{t['second_engine_mean_s']:>12.3f}"
        for t in path_table(rows)
    ]
    out += ["", f"{'reason':<24}{'cards':>6}{'alone':>6}{'2nd engine s':>14}"]
    out += [
        f"{t['reason']:<24}{t['cards']:>6}{t['alone']:>6}{t['second_engine_s']:>14.2f}"
        for t in reason_table(rows)
    ]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cache", type=Path, nargs="?", default=DEFAULT_CACHE)
    a = ap.parse_args(argv)
    rows, _trailer = read_cache(a.cache)
    print("\n".join(report(list(rows.values()))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
