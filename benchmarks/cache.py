"""Each card's OCR, read once and kept, so extraction, labeller and calibration experiments replay it in
seconds instead of re-reading photos for minutes.

    python -m benchmarks.cache --real ../shared/cards/dev --out .cache/real.jsonl
    python -m benchmarks.cache --seed 11 --count 60 --out .cache/gen11.jsonl

One child process reads every card with the `auto` strategy and no region hint (as a user's first scan),
one at a time after an untimed warm-up, and writes one JSON line per card: the contact and confidences the
reader gave, the seconds (wall and CPU) and stage timings, and what replay needs: for each OCR reading the
lines that were handed to field extraction (words, boxes, word confidences, engine), the QR contact, the
lost-dot repairs (they look at pixels, which the cache does not keep) and how the strategy combined the
readings. A last line holds the peak memory and the model load time. `--strategy baseline` times one plain
`tesseract` pass per photo instead (the speed reference).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # parallelise across cards, never inside Tesseract


CACHE_DIR = Path(__file__).resolve().parent / "out" / "cache"


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (Tesseract): on a machine shared with other
    work, wall seconds grow with the load, CPU seconds much less, so ratios of them compare runs."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def line_to_json(line: Any) -> list[list[Any]]:
    return [
        [w.text, round(w.confidence, 4), w.box.left, w.box.top, w.box.width, w.box.height, w.engine]
        for w in line.words
    ]


def contact_to_json(contact: Any) -> dict[str, Any] | None:
    return None if contact is None else contact.to_contract()


class Recorder:
    """Wraps the pipeline's extraction hooks in this process and keeps what each card's reading did."""

    def __init__(self) -> None:
        import ocr.pipeline as pipeline

        self.pipeline = pipeline
        self.groups: list[dict[str, Any]] = []
        inner_extract, inner_dots, inner_strategy = (
            pipeline._extract,
            pipeline.with_lost_dots,
            pipeline.read_with_strategy,
        )

        def extract(lines: list[Any], *, region: str, qr: Any) -> Any:
            started = time.perf_counter()
            result = inner_extract(lines, region=region, qr=qr)
            group = self._group()
            group["calls"].append(
                {
                    "lines": [line_to_json(line) for line in lines],
                    "qr": contact_to_json(qr),
                    "seconds": round(time.perf_counter() - started, 4),
                }
            )
            return result

        def dots(gray: Any, lines: Any, extraction: Any) -> Any:
            result = inner_dots(gray, lines, extraction)
            if result.contact.emails != extraction.contact.emails:
                self._group()["calls"][-1]["dots"] = [
                    list(extraction.contact.emails),
                    list(result.contact.emails),
                ]
            return result

        def strategy(*args: Any, **kwargs: Any) -> Any:
            self.groups.append({"calls": []})
            result = inner_strategy(*args, **kwargs)
            self.groups[-1].update(engines=list(result.engines), reasons=list(result.reasons))
            return result

        pipeline._extract = extract
        pipeline.with_lost_dots = dots
        pipeline.read_with_strategy = strategy

    def _group(self) -> dict[str, Any]:
        if not self.groups:
            self.groups.append({"calls": []})
        return self.groups[-1]

    def take(self) -> list[dict[str, Any]]:
        groups, self.groups = self.groups, []
        return groups


def _read_all(strategy: str, cards: list[dict[str, Any]], out: Path) -> None:
    from benchmarks.memory import PeakMemory

    memory = PeakMemory().start()
    load_s = None
    if strategy == "baseline":
        from benchmarks.baseline import read as read_baseline

        def read(image: Path) -> dict[str, Any]:
            contact, _text = read_baseline(image)
            return {"contact": contact}

    else:
        started = time.perf_counter()
        from ocr import ReadOptions, read_card

        try:
            from ocr.confidence import load_models
        except ImportError:  # a baseline checkout from before calibrated confidence
            pass
        else:
            load_models()
        load_s = round(time.perf_counter() - started, 3)
        recorder = Recorder()

        def read(image: Path) -> dict[str, Any]:
            reading = read_card(image.read_bytes(), ReadOptions(engine=strategy, keep_card_image=False))  # type: ignore[arg-type]
            return {
                "contact": reading.contact.to_contract(),
                "confidence": reading.confidence,
                "needs_review": list(getattr(reading, "needs_review", ())),
                "timings": dict(reading.timings),
                "engine": reading.engine,
                "orientation": reading.orientation,  # the clockwise turn the reader applied
                "groups": recorder.take(),
            }

    with out.open("w", encoding="utf-8") as fh:
        if cards:  # warm-up: imports and first-call caches are not per-card latency
            try:
                read(Path(cards[0]["image"]))
            except Exception as e:  # recorded per card below
                print(f"warm-up failed: {e!r}", file=sys.stderr)
        for i, card in enumerate(cards):
            row: dict[str, Any] = {"stem": card["stem"]}
            t0, cpu0 = time.perf_counter(), cpu_seconds()
            try:
                row.update(read(Path(card["image"])))
            except Exception as e:  # a failed card is a result, not a crash of the benchmark
                row.update(contact=None, error=f"{type(e).__name__}: {e}", groups=[])
            row["seconds"] = round(time.perf_counter() - t0, 4)
            row["cpu_seconds"] = round(cpu_seconds() - cpu0, 4)
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            fh.flush()
            print(f"\r  {strategy}: {i + 1}/{len(cards)}", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        fh.write(json.dumps({"_memory": memory.stop(), "_load_s": load_s}) + "\n")


def cards_in(folder: Path) -> list[Any]:
    from benchmarks.datasets import load_generated, load_real

    return load_real(folder) if (folder / "labels").is_dir() else load_generated(folder)


def read_cache(path: Path) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """The cached rows by stem, and the trailer (memory, load time)."""
    rows: dict[str, dict[str, Any]] = {}
    trailer: dict[str, Any] = {}
    for line in path.read_text("utf-8").splitlines():
        obj = json.loads(line)
        if "_memory" in obj:
            trailer = obj
        else:
            rows[obj["stem"]] = obj
    return rows, trailer


def cache_path(name: str, strategy: str = "auto") -> Path:
    """Where a set's reading by `strategy` is cached."""
    return CACHE_DIR / f"{name}.{strategy}.jsonl"


def ensure_cache(folder: Path, name: str, strategy: str, refresh: bool) -> Path:
    path = cache_path(name, strategy)
    if refresh or not path.is_file():
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        print(f"reading {folder} with {strategy} -> {path}", file=sys.stderr)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.cache",
                "--cards",
                str(folder),
                "--strategy",
                strategy,
                "--out",
                str(path),
            ],
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            check=True,
        )
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--cards", type=Path, required=True, help="real cards (images/, labels/) or a generated set"
    )
    ap.add_argument("--strategy", default="auto", help="a reader strategy, or baseline (one raw tesseract)")
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    _read_all(a.strategy, [{"stem": c.stem, "image": str(c.image)} for c in cards_in(a.cards)], a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
