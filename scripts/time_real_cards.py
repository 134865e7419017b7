"""Time read_card end to end over the shared real cards, one card at a time (a quick check; benchmarks/ is
the benchmark).

    .venv/bin/python scripts/time_real_cards.py [--engine tesseract|auto|...] [--dir ../shared/cards/dev]

Prints per card the seconds and stage timings, then p50/p95, the median of each stage, peak memory of this
process and of its Tesseract children, and the load average before and after (the machine is shared: a
busy neighbour inflates every figure).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
from pathlib import Path

from ocr import ReadError, ReadOptions, read_card

DEFAULT_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "cards" / "dev"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--engine", default="auto")
    parser.add_argument("--lang", default="eng")
    args = parser.parse_args()
    images = sorted((args.dir / "images").glob("*"))
    if not images:
        print(f"no images under {args.dir / 'images'}: skipped")
        return 0
    options = ReadOptions(engine=args.engine, lang=args.lang)
    load_before = os.getloadavg()
    totals: list[float] = []
    stages: dict[str, list[float]] = {}
    for image in images:
        data = image.read_bytes()
        started = time.perf_counter()
        try:
            reading = read_card(data, options)
        except ReadError as exc:
            print(f"{image.name:18s} error {exc.code}: {exc}")
            continue
        elapsed = time.perf_counter() - started
        totals.append(elapsed)
        for stage, seconds in reading.timings.items():
            stages.setdefault(stage, []).append(seconds)
        turned = f"turned {reading.orientation:3d}"
        print(f"{image.name:18s} {elapsed:5.2f} s  {reading.engine:18s} {turned}  {reading.warnings}")
    totals.sort()
    p95 = totals[min(len(totals) - 1, round(0.95 * (len(totals) - 1)))]
    print(
        f"\n{len(totals)} cards, engine={args.engine}: p50 {statistics.median(totals):.2f} s, p95 {p95:.2f} s"
    )
    print("stage medians: " + ", ".join(f"{k} {statistics.median(v):.3f}" for k, v in stages.items()))
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # A child forked for Tesseract counts the parent's pages until it execs: an upper bound for Tesseract.
    print(f"peak memory: this process {own:.0f} MB, largest child (Tesseract) at most {children:.0f} MB")
    print(f"load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f} (2 cores)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
