"""How much each kind of OCR slip costs the extraction: the cached readings of every set, with one kind of
slip put into them at random (same seed every run), replayed with the shipped models and scored.

    python -m benchmarks.robustness [--sets real,gen53,gen59,heldout7,heldout8,heldout14,heldout15]
                                    [--rate 0.3] [--seed 1] [--kinds all] [--docs-out PAGE]

The slips are the confusions the project's own rules name (docs/reader.md) and ones a machine with another
Tesseract build makes on the same photo: a capital I read as l, a comma read as a full stop and back, O and
0, l and 1 (in numbers and in words), 'm' read as 'rn', an '@' read as '©' or 'Q' or lost (a gap), a dot
of an email or web address lost, accents lost, two words run together, a word split in two words, a line
printed in capitals, the marks of a logo or an icon read as a line of junk ('6S', '\\Z'), and a line not
read at all. A line lost takes its values with it, so its F1 falls however good the extraction; what to
read there is whether the other lines' values move into the gap. A field that loses much F1 to one kind of
slip is fragile in a way no single card shows: the table is read by class, never card by card. Needs the
caches benchmarks.honest builds (benchmarks/out/cache/); sets without a cache are skipped.
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.cache import read_cache
from benchmarks.datasets import REAL_CARDS_DIR, LabelledCard, load_generated, load_real
from benchmarks.datasets import REPO_ROOT as ROOT
from benchmarks.honest import CACHE_DIR, _shipped, _summ
from benchmarks.score import FIELDS

DEFAULT_SETS = ("real", "gen53", "gen59", "heldout7", "heldout8", "heldout14", "heldout15")

Slip = Callable[[str, random.Random, float], str]


def _each(pattern: str, replacement: Callable[[re.Match[str]], str]) -> Slip:
    """A slip made at each match of `pattern`, each with probability `rate`."""
    compiled = re.compile(pattern)

    def slip(text: str, rng: random.Random, rate: float) -> str:
        return compiled.sub(lambda m: replacement(m) if rng.random() < rate else m.group(), text)

    return slip


def _at_misread(text: str, rng: random.Random, rate: float) -> str:
    return "".join(rng.choice("©Q") if c == "@" and rng.random() < rate else c for c in text)


def _strip_accents(text: str, rng: random.Random, rate: float) -> str:
    if rng.random() >= rate:
        return text
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _upper(text: str, rng: random.Random, rate: float) -> str:
    return text.upper() if rng.random() < rate else text


def _split_words(row: list[list[Any]], rng: random.Random, rate: float) -> list[list[Any]]:
    """A word of six letters or more read as two words (a wide letter gap): two entries, each with its
    share of the box, as an engine reports them (never one word with a space inside)."""
    out: list[list[Any]] = []
    for word in row:
        text = word[0]
        if len(text) < 6 or rng.random() >= rate:
            out.append(list(word))
            continue
        cut = rng.randrange(2, len(text) - 2)
        width = round(word[4] * cut / len(text))
        out.append([text[:cut], word[1], word[2], word[3], max(width - 2, 1), word[5], word[6]])
        out.append(
            [text[cut:], word[1], word[2] + width + 2, word[3], max(word[4] - width - 2, 1), *word[5:]]
        )
    return out


SLIPS: dict[str, Slip] = {
    "I read as l": _each(r"\bI(?=[a-z])", lambda m: "l"),
    "comma read as stop": _each(r",(?=\s|$)", lambda m: "."),
    "stop read as comma": _each(r"(?<=[^\W\d_]{2})\.(?=\s|$)", lambda m: ","),
    "O read as 0": _each(r"(?<=[A-Za-z])O|O(?=[A-Za-z])", lambda m: "0"),
    "0 read as O": _each(r"(?<=\d)0|0(?=\d)", lambda m: "O"),
    "1 read as l": _each(r"(?<=\d)1|1(?=\d)", lambda m: "l"),
    "m read as rn": _each(r"m", lambda m: "rn"),
    "l read as 1": _each(r"(?<=[a-z])l|l(?=[a-z])", lambda m: "1"),
    "@ misread": _at_misread,
    "@ lost": _each(r"@", lambda m: " "),
    "dot lost in address": _each(r"(?<=\w)\.(?=\w)", lambda m: ""),
    "accents lost": _strip_accents,
    "line in capitals": _upper,
}
# Slips of a whole line rather than of one word.
LINE_SLIPS = frozenset({"line in capitals", "words run together"})


def _join_words(row: list[list[Any]], rng: random.Random, rate: float) -> list[list[Any]]:
    """Two neighbouring words of a line read as one (a narrow word space)."""
    out: list[list[Any]] = []
    for word in row:
        if out and rng.random() < rate:
            prev = out[-1]
            right = max(prev[2] + prev[4], word[2] + word[4])
            top, bottom = min(prev[3], word[3]), max(prev[3] + prev[5], word[3] + word[5])
            out[-1] = [
                prev[0] + word[0],
                min(prev[1], word[1]),
                prev[2],
                top,
                right - prev[2],
                bottom - top,
                prev[6],
            ]
        else:
            out.append(list(word))
    return out


_JUNK_CHARS = "aeinrstlcoSWZIl|\\/=~-_.,:;'\"()[]{}<>*%#&6"


def _junk_line(near: list[list[Any]], rng: random.Random) -> list[list[Any]]:
    """Marks of a logo, a rule or an icon read as a line of 1-3 short words ('6S', '\\Z', 'e er'), with
    Tesseract's low confidence, set just below the line it follows."""
    left, top, height = near[0][2], near[0][3] + near[0][5] + 2, max(w[5] for w in near)
    words = []
    for _ in range(rng.randint(1, 3)):
        text = "".join(rng.choice(_JUNK_CHARS) for _ in range(rng.randint(1, 4)))
        words.append([text, round(rng.uniform(0.2, 0.6), 2), left, top, 12 * len(text), height, near[0][6]])
        left += 12 * len(text) + height // 2
    return words


def _with_junk(lines: list[list[list[Any]]], rng: random.Random, rate: float) -> list[list[list[Any]]]:
    out: list[list[list[Any]]] = []
    for line in lines:
        out.append(line)
        if line and rng.random() < rate / 2:  # half the rate: a junk line after every other line is a wreck
            out.append(_junk_line(line, rng))
    return out


def slipped(row: dict[str, Any], kind: str, rng: random.Random, rate: float) -> dict[str, Any]:
    """A copy of the cached card with slips of `kind` made in every reading's words."""
    out = copy.deepcopy(row)
    for group in out.get("groups") or ():
        for call in group.get("calls") or ():
            lines = call.get("lines") or []
            if kind == "words run together":
                call["lines"] = [_join_words(line, rng, rate) for line in lines]
                continue
            if kind == "word split":
                call["lines"] = [_split_words(line, rng, rate) for line in lines]
                continue
            if kind == "junk lines":
                call["lines"] = _with_junk(lines, rng, rate)
                continue
            if kind == "line lost":
                call["lines"] = [line for line in lines if rng.random() >= rate / 3]
                continue
            for line in lines:
                if kind in LINE_SLIPS:
                    upper = rng.random() < rate
                    for word in line:
                        word[0] = word[0].upper() if upper else word[0]
                    continue
                for word in line:
                    word[0] = SLIPS[kind](word[0], rng, rate) or word[0]
    return out


def _cards(name: str) -> Sequence[LabelledCard]:
    return load_real(REAL_CARDS_DIR) if name == "real" else load_generated(CACHE_DIR.parent / name)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(DEFAULT_SETS))
    ap.add_argument("--rate", type=float, default=0.3, help="chance of a slip at each place it can be made")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kinds", default="all", help="comma-separated slip kinds, or 'all'")
    ap.add_argument("--docs-out", type=Path, help="also write the tables as a generated docs page")
    a = ap.parse_args(argv)
    kinds = (
        [*SLIPS, "word split", "words run together", "junk lines", "line lost"]
        if a.kinds == "all"
        else a.kinds.split(",")
    )
    loaded: list[tuple[str, dict[str, dict[str, Any]], Sequence[LabelledCard]]] = []
    for name in a.sets.split(","):
        path = CACHE_DIR / f"{name}.auto.jsonl"
        if path.exists():
            rows, _ = read_cache(path)
            loaded.append((name, rows, [c for c in _cards(name) if c.stem in rows]))
    print(f"sets: {', '.join(n for n, _, _ in loaded)}; slip rate {a.rate}, seed {a.seed}")
    columns = ["none", *kinds]
    table: dict[str, dict[str, float]] = {}
    lost: dict[str, dict[str, int]] = {}
    for kind in columns:
        rng = random.Random(f"{a.seed}:{kind}")
        cards: list[LabelledCard] = []
        contacts: dict[str, dict[str, Any] | None] = {}
        for name, rows, labelled in loaded:
            for card in labelled:
                row = rows[card.stem] if kind == "none" else slipped(rows[card.stem], kind, rng, a.rate)
                key = f"{name}/{card.stem}"
                cards.append(LabelledCard(key, card.image, card.truth, card.meta))
                contacts[key] = _shipped(row)
        summary = _summ(cards, contacts)
        table[kind] = {"overall": summary["overall"]["f1"], **{f: summary["fields"][f]["f1"] for f in FIELDS}}
        lost[kind] = _lost(summary["per_card"].values())
        print(f"  {kind}: overall {table[kind]['overall']:.3f}", file=sys.stderr)
    lines = _tables(columns, table, lost)
    print("\n".join(lines))
    if a.docs_out:
        when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        header = [
            "# What OCR slips cost the extraction",
            "",
            "Generated by `python -m benchmarks.robustness --docs-out docs/benchmarks/robustness.md`; "
            "do not edit.",
            f"Sets: {', '.join(n for n, _, _ in loaded)} ({len(cards)} cards); each slip made at "
            f"{a.rate:.0%} "
            f"of the places it can be made (seed {a.seed}); at {_commit()}, {when}. How it is measured and "
            "how to read it: the module's docstring and [docs/reader.md](../reader.md).",
            "",
        ]
        a.docs_out.write_text("\n".join(header + lines) + "\n", "utf-8")
    return 0


def _tables(
    columns: Sequence[str], table: dict[str, dict[str, float]], lost: dict[str, dict[str, int]]
) -> list[str]:
    base = table["none"]
    lines = ["F1 without slips, and its change with each kind of slip:", ""]
    lines.append("| slip | overall | " + " | ".join(FIELDS) + " |")
    lines.append("|---" * (len(FIELDS) + 2) + "|")
    for kind in columns:
        cells = [f"{table[kind]['overall']:.3f}"] + [
            f"{table[kind][f]:.3f}" if kind == "none" else f"{table[kind][f] - base[f]:+.3f}" for f in FIELDS
        ]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    # A slip that damages a value (a name read 'Rafa el') costs F1 however good the extraction; one that
    # makes the reader lose a value it had (no address at all) is the extraction's fragility.
    lines += [
        "",
        "Values the card prints left empty (a scalar field, or a list's items with nothing in their place), "
        "and how many more each kind of slip leaves empty:",
        "",
        "| slip | all | " + " | ".join(FIELDS) + " |",
        "|---" * (len(FIELDS) + 2) + "|",
    ]
    for kind in columns:
        counts = lost[kind]
        cells = [str(sum(counts.values()))] + [
            str(counts[f]) if kind == "none" else f"{counts[f] - lost['none'][f]:+d}" for f in FIELDS
        ]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return lines


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    return done.stdout.strip() or "?"


def _lost(per_card: Any) -> dict[str, int]:
    counts = dict.fromkeys(FIELDS, 0)
    for card in per_card:
        for fail in card["fails"]:
            if "missing" in fail:
                counts[fail["field"]] += max(0, len(fail["missing"]) - len(fail["extra"]))
            elif fail.get("got") is None and fail.get("expected") is not None:
                counts[fail["field"]] += 1
    return counts


if __name__ == "__main__":
    sys.exit(main())
