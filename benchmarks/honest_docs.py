"""The reader's honest figures in the docs and the README, rendered from `benchmarks.honest`'s JSON.

    python -m benchmarks.honest --refresh --json-out benchmarks/results/honest.json
    python -m benchmarks.honest_docs [benchmarks/results/honest.json]

docs/benchmarks/honest.md is written whole; in README.md only the block between README_BEGIN and README_END
is replaced. A test checks that both match the committed JSON, so no figure is typed in by hand.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.honest import FLOORS, PERFECT_FLOOR
from benchmarks.report import render_table, write_docs

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "honest.json"
PAGE = ROOT / "docs" / "benchmarks" / "honest.md"
README = ROOT / "README.md"
DEGRADED = ROOT / "benchmarks" / "results" / "degraded.json"  # benchmarks/degraded.py
README_BEGIN = "<!-- begin: generated from benchmarks/results/honest.json (make bench-honest) -->"
README_END = "<!-- end: generated (run `make bench-honest-docs`) -->"
FIELDS = ("name", "title", "company", "department", "emails", "phones", "websites", "address", "social")
FRESH_FLOOR = 0.97


def _f1(column: dict[str, Any], field: str) -> str:
    figures = column["fields"].get(field) or {}
    return f"{figures['f1']:.3f}" if figures.get("support") or figures.get("fp") else "-"


def _columns_table(columns: dict[str, dict[str, Any]], speed: dict[str, dict[str, Any]]) -> list[str]:
    names = list(columns)
    support = columns[names[0]]["fields"]
    rows: list[list[str]] = [
        [f"{field} ({support[field]['support']})", *(_f1(columns[n], field) for n in names)]
        for field in FIELDS
    ]
    rows.append(["**overall F1**", *(f"**{columns[n]['overall']['f1']:.3f}**" for n in names)])
    rows.append(["perfect cards", *(f"{columns[n]['perfect_rate']:.3f}" for n in names)])
    for key, label in (
        ("p50_s", "p50 s per card"),
        ("p95_s", "p95 s per card"),
        ("peak_rss_mb", "peak RSS MB"),
        ("model_load_s", "model load s"),
    ):
        values = [speed.get(n, {}).get(key) for n in names]
        if any(v is not None for v in values):
            rows.append([label, *("-" if v is None else str(v) for v in values)])
    return render_table(["F1", *(f"`{n}`" for n in names)], rows).splitlines()


def headline(columns: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The column the floors and the README quote: what the reader ships, on cards it was not fitted on
    (`withheld CV`; runs from before withholding have `kept CV`)."""
    name = "withheld CV" if "withheld CV" in columns else "kept CV"
    return name, columns[name]


def _floors(real: dict[str, Any]) -> list[str]:
    _, kept = headline(real["columns"])
    rows = []
    for key, floor in FLOORS.items():
        value = kept["overall"]["f1"] if key == "overall" else kept["fields"][key]["f1"]
        rows.append([key, f">= {floor}", f"{value:.3f}", "met" if value >= floor else "**not met**"])
    perfect = kept["perfect_rate"]
    rows.append(
        [
            "perfect cards",
            f">= {PERFECT_FLOOR}",
            f"{perfect:.3f}",
            "met" if perfect >= PERFECT_FLOOR else "**not met**",
        ]
    )
    check = real["check_this"]
    wrong, right = check["wrong_flagged"] or 0.0, check["right_flagged"] or 0.0
    rows.append(
        [
            "Check this: wrong fields flagged",
            ">= 0.70",
            f"{wrong:.3f}",
            "met" if wrong >= 0.7 else "**not met**",
        ]
    )
    rows.append(
        [
            "Check this: right fields flagged",
            "<= 0.15",
            f"{right:.3f}",
            "met" if right <= 0.15 else "**not met**",
        ]
    )
    speed = real["speed"]["auto as read"]
    for key, floor in (("p50_s", 1.0), ("p95_s", 2.0)):
        rows.append(
            [
                f"`auto` {key[:3]} s",
                f"<= {floor}",
                str(speed[key]),
                "met" if speed[key] <= floor else "**not met**",
            ]
        )
    ratio = real.get("ratio_to_tesseract_p50")
    if ratio is not None:
        rows.append(
            [
                "`auto` p50 / raw `tesseract` p50",
                "<= 1.5",
                f"{ratio:.2f}x",
                "met" if ratio <= 1.5 else "**not met**",
            ]
        )
    rss = speed.get("peak_rss_mb")
    if rss is not None:
        rows.append(["peak RSS MB", "<= 400", str(rss), "met" if rss <= 400 else "**not met**"])
    return render_table(["figure", "floor", "measured", ""], rows).splitlines()


def _provenance(run: dict[str, Any]) -> str:
    where = [run["command"]]
    if run.get("commit"):
        where.append(f"at {run['commit']}")
    if run.get("measured_at"):
        where.append(run["measured_at"])
    if run.get("machine"):
        where.append(run["machine"])
    if run.get("load_before"):
        where.append(f"load average {run['load_before']} before, {run.get('load_after', '?')} after")
    return (
        "Generated by `python -m benchmarks.honest_docs` from `benchmarks/results/honest.json` "
        f"({'; '.join(where)}); do not edit."
    )


def render_page(run: dict[str, Any]) -> str:
    lines = [
        "# The reader's honest figures",
        "",
        _provenance(run),
        "How they are measured: `benchmarks/honest.py`'s docstring and [docs/reader.md](../reader.md). "
        "`kept CV` is what the reader does on cards it was not fitted on (5-fold cross-validation, no "
        "region hint); `withheld CV` is that with the free-text values the fold's confidence model is "
        "least sure of left empty as suggestions, as the reader ships it (ocr/withhold.py): the floors "
        "quote it; `auto as read` is the shipped reader (its models saw every real card); `tesseract` "
        "is one raw `tesseract` pass plus regexes on the same photos. Cards looked at one by one while "
        "writing rules: "
        "[docs/reader-cards-looked-at.md](../reader-cards-looked-at.md).",
    ]
    real = run.get("real") or {}
    if "columns" in real:
        name, quoted = headline(real["columns"])
        lines += ["", f"## Real cards ({quoted['n']}, no region hint)", ""]
        lines += _columns_table(real["columns"], real["speed"])
        if "before" in real["columns"]:
            lines += [
                "",
                f"`before` is `{name}` (or `kept CV`) of the earlier run the command names with `--before`.",
            ]
        lines += ["", "### Floors (issue 12)", "", *_floors(real)]
        lines += ["", f"Kept per field (hand rules vs labeller, by cross-validation): `{real['keep']}`."]
        if sensitivity := real.get("withhold_sensitivity"):
            lines += [
                "",
                "Overall F1 (cross-validated) with the free-text values below a calibrated confidence "
                "left empty, by that confidence (0.00: none left empty; the reader uses "
                f"{real.get('withhold_below')}, F1 / 2 at F1 .80, chosen before measuring): "
                + ", ".join(f"{below} **{f1:.3f}**" for below, f1 in sensitivity.items())
                + ".",
            ]
        lines += ["", "### Reliability (calibrated confidence, cross-validated)", ""]
        rows = [
            [
                cal["bucket"],
                cal["n"],
                "-" if cal["right"] is None else cal["right"],
                raw["n"],
                "-" if raw["right"] is None else raw["right"],
            ]
            for cal, raw in zip(real["reliability"], real["reliability_raw"], strict=True)
        ]
        lines += render_table(
            ["confidence", "fields (calibrated)", "share right", "fields (raw)", "share right"], rows
        ).splitlines()
        check = real["check_this"]
        lines += [
            "",
            f'"Check this" flags {check["wrong_flagged"]} of {check["wrong_fields"]} wrong fields and '
            f"{check['right_flagged']} of {check['right_fields']} right ones.",
        ]
        if "missed_flagged" in check:
            lines[-1] += (
                f" Of the {check['missed_fields']} fields left empty that the card prints, "
                f"{check['missed_flagged']} are flagged as likely printed; "
                f"{check['empty_false_alarms']} empty fields are flagged that the card does not print."
            )
        by_field = real.get("check_this_by_field") or {}
        if by_field:
            rows = [
                [
                    field,
                    c["wrong_fields"],
                    c["wrong_flagged"] if c["wrong_flagged"] is not None else "-",
                    c["right_fields"],
                    c["right_flagged"] if c["right_flagged"] is not None else "-",
                ]
                for field, c in by_field.items()
            ]
            lines += [
                "",
                *render_table(
                    ["field", "wrong", "share flagged", "right", "share flagged"], rows
                ).splitlines(),
            ]
    elif real:
        lines += ["", f"Real cards: skipped ({real.get('skipped')})."]
    fresh = run.get("fresh")
    if fresh:
        lines += ["", f"## Fresh generator seed {fresh['seed']} (floor {FRESH_FLOOR} overall)", ""]
        lines += _columns_table(fresh["columns"], fresh["speed"])
    return "\n".join(lines) + "\n"


def render_readme_block(run: dict[str, Any], degraded: dict[str, Any] | None = None) -> str:
    """The README's figures from an honest run, and from the degraded-photos run when there is one (the
    real cards read a second time, re-saved, and out of focus: benchmarks/degraded.py)."""
    real = run.get("real") or {}
    if "columns" not in real:
        return "\n".join([README_BEGIN, "No honest figures recorded yet: `make bench-honest`.", README_END])
    _, kept = headline(real["columns"])
    raw = real["columns"]["tesseract"]
    fields = ", ".join(f"{f} {kept['fields'][f]['f1']:.2f}" for f in FIELDS if kept["fields"][f]["support"])
    speed = real["speed"]["auto as read"]
    fresh = run.get("fresh")
    text = [
        README_BEGIN,
        f"On {kept['n']} real cards from 19 countries, no region hint, the learned parts fitted without the "
        "card read (5-fold cross-validation; hand rules were written looking at many of these cards, "
        "[docs/reader-cards-looked-at.md](docs/reader-cards-looked-at.md), so a card nobody has seen fares "
        f"worse): **overall F1 {kept['overall']['f1']:.3f}**, "
        f"{kept['perfect_rate']:.0%} of cards perfect; {fields}. One raw Tesseract pass with regexes scores "
        f"{raw['overall']['f1']:.3f} on the same photos.",
    ]
    again = {row["kind"]: row for row in (degraded or {}).get("rows", []) if row["set"] == "real"}
    if "resaved" in again:
        text.append(
            f"The same photos re-saved, a second OCR reading the rules were not written on: "
            f"{again['resaved']['f1']:.3f}"
            + (f"; out of focus: {again['blur']['f1']:.3f}" if "blur" in again else "")
            + " ([docs/benchmarks/degraded.md](docs/benchmarks/degraded.md))."
        )
    if fresh:
        shipped = fresh["columns"]["shipped"]["overall"]["f1"]
        text.append(f"Freshly generated card photos (seed {fresh['seed']}): {shipped:.3f}.")
    text.append(
        f"Per card, decode to fields, `auto`: p50 {speed['p50_s']} s, p95 {speed['p95_s']} s on "
        f"{run.get('machine') or '2 cores'} "
        f"(one raw Tesseract pass: p50 {real['speed']['tesseract']['p50_s']} s on the same machine). "
        'Floors, reliability and "Check this": [docs/benchmarks/honest.md](docs/benchmarks/honest.md).'
    )
    text.append(README_END)
    return "\n".join(text)


def readme_part(text: str) -> str | None:
    start, end = text.find(README_BEGIN), text.find(README_END)
    if start < 0 or end < start:
        return None
    return text[start : end + len(README_END)]


def write_all(
    results: Path = RESULTS, page: Path = PAGE, readme: Path = README, degraded: Path = DEGRADED
) -> None:
    run = json.loads(results.read_text("utf-8"))
    write_docs(page, render_page(run))
    text = readme.read_text("utf-8")
    old = readme_part(text)
    if old is None:
        raise SystemExit(f"{readme} has no {README_BEGIN!r} ... {README_END!r} block to fill")
    again = json.loads(degraded.read_text("utf-8")) if degraded.is_file() else None
    readme.write_text(text.replace(old, render_readme_block(run, again)), "utf-8")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    write_all(Path(args[0]) if args else RESULTS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
