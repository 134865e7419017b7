"""Score contact predictions against ground truth, with the same rules as the team's reference scorer
(`../shared/tools/score_cards.py`), kept here so the benchmark also works without ../shared.

Normalisation:
  text fields   NFKC, case-fold, collapse whitespace, strip punctuation/symbols at both ends
  name          as text, and periods and commas are ignored anywhere
  emails        lower-case, "mailto:" and surrounding punctuation removed
  phones        E.164 via phonenumbers with the ground truth "region" (default US); digits otherwise
  websites      scheme ignored, host without leading "www.", path without trailing "/" (no query/fragment)
  address       correct when rapidfuzz token_sort_ratio >= 90 on lower-cased, punctuation-free text
  social        (platform, handle) pairs; handle from a URL, "in/handle" or "@handle"
Scalars: a wrong value is one FP and one FN; empty truth and empty prediction is not counted.
Lists: set-based TP / FP / FN. A card is perfect when every field present in the truth is exactly right.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from rapidfuzz import fuzz

FIELDS = ("name", "title", "company", "department", "emails", "phones", "websites", "address", "social")
SCALARS = frozenset({"name", "title", "company", "department", "address"})
ADDRESS_THRESHOLD = 90.0
GROUP_KEYS = ("mode", "layout", "locale")
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "}
)

Contact = Mapping[str, Any]
Value = str | set[Any] | None


def _is_edge_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in ("P", "S") or ch.isspace()


def _strip_edges(s: str) -> str:
    i, j = 0, len(s)
    while i < j and _is_edge_punct(s[i]):
        i += 1
    while j > i and _is_edge_punct(s[j - 1]):
        j -= 1
    return s[i:j]


def fold(s: Any) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", str(s)).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", s).strip()


def norm_text(s: Any) -> str | None:
    return _strip_edges(fold(s)) or None


def norm_name(s: Any) -> str | None:
    s = fold(s).replace(".", " ").replace(",", " ")
    return _strip_edges(re.sub(r"\s+", " ", s).strip()) or None


def norm_email(s: Any) -> str | None:
    s = re.sub(r"^mailto:", "", fold(s).replace(" ", ""))
    return _strip_edges(s) or None


def norm_phone(x: Any, region: str | None) -> str | None:
    if isinstance(x, Mapping):
        x = x.get("number") or x.get("value") or x.get("e164") or ""
    s = fold(x)
    digits = re.sub(r"\D", "", s)
    if not digits:
        return None
    for cand, reg in ((s, region or "US"), ("+" + digits, None)):
        try:
            n = phonenumbers.parse(cand, reg)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(n):
            return phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)
    return digits


def phone_kind(x: Any) -> str | None:
    if isinstance(x, Mapping):
        return fold(x.get("kind") or x.get("type") or "") or None
    return None


def norm_web(s: Any) -> str | None:
    s = _strip_edges(fold(s).replace(" ", ""))
    if not s:
        return None
    s = re.sub(r"^[a-z][a-z0-9+.-]*://", "", s)
    s = re.sub(r"^www\d?\.", "", s)
    s = re.split(r"[?#]", s, maxsplit=1)[0]
    host, _, path = s.partition("/")
    host, path = host.rstrip("."), path.rstrip("/")
    return host + ("/" + path if path else "") if host else None


def norm_addr(s: Any) -> str | None:
    s = re.sub(r"[^\w]+", " ", fold(s))
    return re.sub(r"\s+", " ", s).strip() or None


_PLATFORM_ALIAS = {
    "x": "twitter",
    "twitter": "twitter",
    "x.com": "twitter",
    "linkedin": "linkedin",
    "instagram": "instagram",
    "ig": "instagram",
    "github": "github",
    "facebook": "facebook",
    "fb": "facebook",
    "youtube": "youtube",
    "tiktok": "tiktok",
    "mastodon": "mastodon",
    "threads": "threads",
    "xing": "xing",
    "bluesky": "bluesky",
}
_HOSTS = {
    "linkedin.com": "linkedin",
    "twitter.com": "twitter",
    "x.com": "twitter",
    "instagram.com": "instagram",
    "github.com": "github",
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "youtube.com": "youtube",
    "tiktok.com": "tiktok",
    "threads.net": "threads",
    "xing.com": "xing",
    "bsky.app": "bluesky",
}


def social_item(key: Any, value: Any) -> tuple[str, str] | None:
    """(platform, handle) or None."""
    v = fold(value).replace(" ", "")
    if not v:
        return None
    plat = _PLATFORM_ALIAS.get(fold(key), fold(key) or "other")
    v = re.sub(r"^[a-z][a-z0-9+.-]*://", "", v)
    v = re.sub(r"^(www\.|m\.|[a-z]{2}\.)(?=[a-z0-9-]+\.[a-z]+/)", "", v)
    m = re.match(r"^([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})(/.*)?$", v)
    if m and (m.group(1) in _HOSTS or m.group(2)):
        plat = _HOSTS.get(m.group(1), plat)
        v = (m.group(2) or "").lstrip("/")
    v = re.sub(r"^(in|pub|company|school)/", "", v.lstrip("/"))
    v = _strip_edges(re.split(r"[/?#]", v, maxsplit=1)[0].lstrip("@"))
    return (plat, v) if v else None


def social_set(social: Any) -> set[tuple[str, str]]:
    pairs: list[tuple[Any, Any]] = []
    if not social:
        return set()
    if isinstance(social, Mapping):
        for k, v in social.items():
            pairs += [(k, x) for x in v] if isinstance(v, list) else [(k, v)]
    elif isinstance(social, list):
        for x in social:
            if isinstance(x, Mapping):
                plat = x.get("platform") or x.get("kind") or x.get("type") or ""
                pairs.append((plat, x.get("value") or x.get("url") or x.get("handle") or ""))
            else:
                pairs.append(("", x))
    else:
        pairs = [("", social)]
    return {it for it in (social_item(k, v) for k, v in pairs) if it}


def as_list(x: Any) -> list[Any]:
    if x is None:
        return []
    return list(x) if isinstance(x, list | tuple) else [x]


def field_values(contact: Contact | None, name: str, region: str) -> Value:
    """The normalised value (scalars) or set (lists) of one field."""
    v = (contact or {}).get(name)
    if name == "name":
        return norm_name(v)
    if name in ("title", "company", "department"):
        return norm_text(v)
    if name == "address":
        if isinstance(v, Mapping):
            v = ", ".join(str(x) for x in v.values() if x)
        elif isinstance(v, list):
            v = ", ".join(str(x) for x in v if x)
        return norm_addr(v)
    if name == "emails":
        return {e for e in (norm_email(x) for x in as_list(v)) if e}
    if name == "phones":
        return {p for p in (norm_phone(x, region) for x in as_list(v)) if p}
    if name == "websites":
        return {w for w in (norm_web(x) for x in as_list(v)) if w}
    if name == "social":
        return social_set(v)
    raise KeyError(name)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class CardScore:
    counts: dict[str, tuple[int, int, int]]
    fails: list[dict[str, Any]]
    address_ratio: float | None
    kind_matches: list[bool]

    @property
    def perfect(self) -> bool:
        return all(
            c[2] == 0 and ((f not in SCALARS and c[1] == 0) or (f in SCALARS and c[0] == 1))
            for f, c in self.counts.items()
            if c[0] or c[2]
        )


def _show(x: Value) -> Any:
    if isinstance(x, set):
        return sorted(str(i) if not isinstance(i, tuple) else ":".join(i) for i in x)
    return x


def score_card(truth: Contact, pred: Contact | None) -> CardScore:
    region = str(truth.get("region") or "US").upper()
    pred = pred or {}
    counts: dict[str, tuple[int, int, int]] = {}
    fails: list[dict[str, Any]] = []
    ratio: float | None = None
    kinds: list[bool] = []
    for f in FIELDS:
        g, p = field_values(truth, f, region), field_values(pred, f, region)
        if f in SCALARS:
            assert not isinstance(g, set) and not isinstance(p, set)
            if f == "address" and g:
                ratio = fuzz.token_sort_ratio(g, p) if p else 0.0
            if not g and not p:
                continue
            if not g:
                c = (0, 1, 0)
            elif not p:
                c = (0, 0, 1)
            else:
                ok = fuzz.token_sort_ratio(g, p) >= ADDRESS_THRESHOLD if f == "address" else g == p
                c = (1, 0, 0) if ok else (0, 1, 1)
            counts[f] = c
            if c != (1, 0, 0):
                fail = {"field": f, "expected": truth.get(f), "got": pred.get(f)}
                if f == "address" and g and p:
                    fail["ratio"] = round(ratio or 0.0, 1)
                fails.append(fail)
            continue
        assert isinstance(g, set) and isinstance(p, set)
        if not g and not p:
            continue
        tp, fp, fn = len(g & p), len(p - g), len(g - p)
        counts[f] = (tp, fp, fn)
        if fp or fn:
            fails.append({"field": f, "missing": _show(g - p), "extra": _show(p - g)})
        if f == "phones":
            gk = {norm_phone(x, region): phone_kind(x) for x in as_list(truth.get("phones"))}
            pk = {norm_phone(x, region): phone_kind(x) for x in as_list(pred.get("phones"))}
            kinds += [gk[n] == pk[n] for n in g & p if gk.get(n) and pk.get(n)]
    return CardScore(counts, fails, ratio, kinds)


@dataclass
class Sample:
    """One scored card: its id, truth (contract + region), prediction (None = no answer) and meta."""

    stem: str
    truth: Contact
    pred: Contact | None
    meta: Mapping[str, Any] = field(default_factory=dict)


def summarize(samples: Iterable[Sample]) -> dict[str, Any]:
    """Per-field P/R/F1, micro-averaged overall, perfect and clean card rates, breakdown by meta groups,
    and per-card failures (same figures as the reference scorer)."""
    tot = {f: [0, 0, 0] for f in FIELDS}
    groups: dict[tuple[str, str], dict[str, int]] = defaultdict(
        lambda: {"tp": 0, "fp": 0, "fn": 0, "n": 0, "perfect": 0}
    )
    ratios: list[float] = []
    kinds: list[bool] = []
    per_card: dict[str, Any] = {}
    n = perfect = clean = missing = 0
    for s in samples:
        n += 1
        missing += s.pred is None
        cs = score_card(s.truth, s.pred)
        kinds += cs.kind_matches
        if cs.address_ratio is not None:
            ratios.append(cs.address_ratio)
        for f, c in cs.counts.items():
            for i in range(3):
                tot[f][i] += c[i]
        perfect += cs.perfect
        clean += not cs.fails
        per_card[s.stem] = {"perfect": cs.perfect, "fails": cs.fails, "missing_prediction": s.pred is None}
        for key in GROUP_KEYS:
            if key in s.meta:
                g = groups[(key, str(s.meta[key]))]
                for a, b, c in cs.counts.values():
                    g["tp"] += a
                    g["fp"] += b
                    g["fn"] += c
                g["n"] += 1
                g["perfect"] += cs.perfect
    fields = {}
    for f in FIELDS:
        tp, fp, fn = tot[f]
        p, r, f1 = prf(tp, fp, fn)
        fields[f] = {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f1, 4),
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "support": tp + fn,
        }
    tp, fp, fn = (sum(t[i] for t in tot.values()) for i in range(3))
    p, r, f1 = prf(tp, fp, fn)
    return {
        "n": n,
        "missing_predictions": missing,
        "overall": {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f1, 4),
            "tp": tp,
            "fp": fp,
            "fn": fn,
        },
        "perfect_rate": round(perfect / n, 4) if n else 0.0,
        "clean_rate": round(clean / n, 4) if n else 0.0,
        "address_mean_token_ratio": round(statistics.fmean(ratios), 2) if ratios else None,
        "phone_kind_accuracy": round(sum(kinds) / len(kinds), 4) if kinds else None,
        "phone_kind_pairs": len(kinds),
        "fields": fields,
        "groups": {
            f"{k}={v}": {
                "n": g["n"],
                "f1": round(prf(g["tp"], g["fp"], g["fn"])[2], 4),
                "perfect": round(g["perfect"] / g["n"], 4),
            }
            for (k, v), g in sorted(groups.items())
        },
        "per_card": per_card,
    }


def percentile(values: Sequence[float], q: float) -> float:
    """The q-quantile by linear interpolation between the closest ranks (nan for no values)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)
