"""Build ocr/extract/data/given_names.txt and family_names.txt from names-dataset (Facebook-derived names
with a per-country popularity rank, 105 countries).

    .venv/bin/pip install names-dataset==3.3.1 && .venv/bin/python scripts/build_name_gazetteer.py

The package itself is 55 MB and takes ~5 s and ~2 GB of memory to load, far over the reader's budget
(model and data loading < 0.5 s, peak RSS <= 400 MB), so this script keeps each name that ranks among the
TOP most common first (or last) names of at least one country, lower-cased with its accents and script
kept, one a line. The reader loads the two small files (lexicon.words) on first use.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import pickle
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "ocr" / "extract" / "data"
TOP = 1000  # a name among the country's TOP most common
COMMON_NAME = 100  # ... and if it is also an English word ('grace', 'will'), among the COMMON_NAME
ENGLISH_WORDS = 20000  # the most frequent English words (wordninja's list): 'garage', 'sales', 'the'
# ... or, for given names, among the ENGLISH_COUNTRY_TOP of a country that speaks English, whose people
# tell a name from a word: wordninja's list holds names too ('harriet', 'olivia', 'edward' were lost to
# it). Family names keep the strict rule: English family names that are words ('black', 'banks') are
# words on cards far more often.
ENGLISH_COUNTRY_TOP = 500
ENGLISH_COUNTRIES = frozenset({"US", "GB", "CA", "AU", "IE", "NZ"})


def _english_words() -> set[str]:
    spec = importlib.util.find_spec("wordninja")
    if spec is None or spec.origin is None:
        raise SystemExit("wordninja (the 'rapidocr' extra) is not installed")
    found = [p for p in Path(spec.origin).parent.glob("**/wordninja_words.txt.gz")][:1]
    with gzip.open(found[0], "rt", encoding="utf-8") as fh:
        return {next(fh).strip() for _ in range(ENGLISH_WORDS)}


def _dataset(kind: str) -> dict[str, dict[str, dict[str, float]]]:
    spec = importlib.util.find_spec("names_dataset")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("names-dataset is not installed: pip install names-dataset==3.3.1")
    folder = Path(next(iter(spec.submodule_search_locations))) / "v3"
    with gzip.open(folder / f"{kind}_names.pkl.gz") as fh:
        return pickle.load(fh)  # the package's own data file, read as the package reads it


_NAME = re.compile(r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*")


def build(kind: str, english: set[str]) -> str:
    names = set()
    for name, info in _dataset(kind).items():
        ranks = info.get("rank") or {}
        best = min(ranks.values(), default=TOP + 1)
        lowered = name.lower()
        if not _NAME.fullmatch(name) or len(name) < 2:
            continue  # 'a*-i', '`m': debris of the source
        if lowered not in english:
            keep = best <= TOP
        else:
            spoken = [rank for country, rank in ranks.items() if country in ENGLISH_COUNTRIES]
            in_english = kind == "first" and min(spoken, default=TOP + 1) <= ENGLISH_COUNTRY_TOP
            keep = best <= COMMON_NAME or in_english
        if keep:
            names.add(lowered)
    header = (
        f"# {kind} names among the {TOP} most common of at least one country (names-dataset 3.3.1), English\n"
        f"# words only among the {COMMON_NAME}"
        + (f" (or the {ENGLISH_COUNTRY_TOP} of an English-speaking country)" if kind == "first" else "")
        + "; built by\n# scripts/build_name_gazetteer.py, "
        "do not edit by hand\n"
    )
    return header + "\n".join(sorted(names)) + "\n"


def main() -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    english = _english_words()
    for kind, filename in (("first", "given_names.txt"), ("last", "family_names.txt")):
        text = build(kind, english)
        (DATA / filename).write_text(text, encoding="utf-8")
        print(f"wrote {DATA / filename}: {text.count(chr(10)) - 2} names, {len(text.encode()) // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
