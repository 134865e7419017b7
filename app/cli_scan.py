"""`meishi scan IMAGE...`: read card photos from the command line, one card per process, both cores busy.

Each worker process reads one file and calls ocr.read_card, the same function the API and the benchmarks
call. Results come back in the order the files were given; a file that cannot be read is reported on
stderr and the batch goes on, with a non-zero exit status at the end.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer
from tqdm import tqdm

from ocr import ENGINES, EngineUnavailable, check_engine, share_cores


@dataclass(frozen=True)
class ScanOutcome:
    file: str
    reading: dict[str, Any] | None = None  # CardReading.to_dict(include_words=False)
    error: str | None = None
    code: str | None = None


def scan(
    images: list[Path] = typer.Argument(..., help="JPEG, PNG, WebP or HEIC photos.", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per image and line."),
    region: str = typer.Option("US", envvar="MEISHI_DEFAULT_REGION", help="Phone region without a +code."),
    lang: str = typer.Option(
        "auto", envvar="MEISHI_OCR_LANG", help="Tesseract languages (eng+deu), or auto (by the country)."
    ),
    engine: str = typer.Option(
        "auto",
        envvar="MEISHI_OCR_ENGINE",
        help=f"{', '.join(ENGINES)}: auto is Tesseract, plus RapidOCR where its reading is weak.",
    ),
    workers: int = typer.Option(0, help="Processes reading cards; 0 = one per CPU core.", min=0),
) -> None:
    """Read business-card photos and print the contacts found."""
    try:
        check_engine(engine)
    except EngineUnavailable as exc:
        raise typer.BadParameter(str(exc), param_hint="--engine") from exc
    options = {"region": region.upper(), "lang": lang, "engine": engine}
    progress = tqdm(
        total=len(images), unit="card", file=sys.stderr, disable=as_json or not sys.stderr.isatty()
    )
    failed = 0
    with progress:
        for outcome in _scan_all([str(p) for p in images], options, workers or os.cpu_count() or 1):
            progress.update(1)
            if outcome.error is not None:
                failed += 1
                progress.write(f"{outcome.file}: error: {outcome.error} ({outcome.code})", file=sys.stderr)
                continue
            assert outcome.reading is not None
            if as_json:
                typer.echo(json.dumps({"file": outcome.file, **outcome.reading}, ensure_ascii=False))
            else:
                progress.write(_summary(outcome.file, outcome.reading), file=sys.stdout)
    if failed:
        raise typer.Exit(1)


def _scan_all(paths: list[str], options: dict[str, str], workers: int) -> Iterator[ScanOutcome]:
    """Outcomes in the order of `paths`; a single file is read in this process (no pool to start)."""
    if len(paths) == 1 or workers == 1:
        yield from (scan_file(path, options) for path in paths)
        return
    readers = min(workers, len(paths))
    with ProcessPoolExecutor(max_workers=readers, initializer=share_cores, initargs=(readers,)) as pool:
        yield from pool.map(scan_file, paths, [options] * len(paths))


def scan_file(path: str, options: dict[str, str]) -> ScanOutcome:
    """Read one file (runs in a worker process; imports the reader there)."""
    from ocr import ReadError, ReadOptions, read_card

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return ScanOutcome(path, error=exc.strerror or str(exc), code="file_unreadable")
    try:
        reading = read_card(data, ReadOptions(keep_card_image=False, **options))  # type: ignore[arg-type]
    except ReadError as exc:
        return ScanOutcome(path, error=str(exc), code=exc.code)
    return ScanOutcome(path, reading=reading.to_dict(include_words=False))


def _summary(path: str, reading: dict[str, Any]) -> str:
    contact = reading["contact"]
    rows = [path]
    for field in ("name", "title", "company", "department", "address"):
        if contact.get(field):
            rows.append(f"  {field:<11}{contact[field]}")
    for field in ("emails", "websites"):
        if contact.get(field):
            rows.append(f"  {field:<11}{', '.join(contact[field])}")
    if contact.get("phones"):
        phones = ", ".join(f"{p['number']} ({p['kind']})" for p in contact["phones"])
        rows.append(f"  {'phones':<11}{phones}")
    social = {k: v for k, v in (contact.get("social") or {}).items() if v}
    if social:
        rows.append(f"  {'social':<11}{', '.join(f'{k}: {v}' for k, v in social.items())}")
    if len(rows) == 1:
        rows.append("  (no contact details found)")
    notes = [f"{reading['timings'].get('total', 0.0):.2f} s", reading["engine"]]
    if reading["orientation"]:
        notes.append(f"turned {reading['orientation']}°")
    notes.extend(reading["warnings"])
    rows.append(f"  [{'; '.join(notes)}]")
    return "\n".join(rows)
