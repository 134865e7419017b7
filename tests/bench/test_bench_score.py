"""The benchmark's scorer: known predictions give known precision/recall/F1, and it agrees with the team's
reference scorer (../shared/tools/score_cards.py) on the real cards when that is present."""

from __future__ import annotations

import copy
import importlib.util
import json

import pytest

from benchmarks.datasets import REAL_CARDS_DIR, REFERENCE_SCORER, load_real
from benchmarks.score import Sample, summarize

TRUTH = {
    "name": "Jane Q. Doe",
    "title": "Reference Librarian",
    "company": "New York Public Library",
    "department": None,
    "emails": ["jane.doe@nypl.org"],
    "phones": [{"number": "+12125550134", "kind": "work"}, {"number": "+12125550199", "kind": "fax"}],
    "websites": ["https://www.nypl.org"],
    "address": "476 Fifth Avenue, New York, NY 10018",
    "social": {"linkedin": "https://www.linkedin.com/in/janedoe", "twitter": None},
    "region": "US",
}


def test_a_perfect_reading_scores_one_whatever_the_spelling_variants():
    pred = {
        "name": "JANE Q DOE",  # case, periods
        "title": " reference librarian.",
        "company": "New York Public Library",
        "department": None,
        "emails": ["Jane.Doe@NYPL.org"],
        "phones": [{"number": "(212) 555-0134", "kind": "work"}, {"number": "212.555.0199", "kind": "fax"}],
        "websites": ["nypl.org/"],
        "address": "476 Fifth Avenue New York NY 10018",
        "social": {"linkedin": "in/janedoe"},
    }
    s = summarize([Sample("a", TRUTH, pred)])
    assert s["overall"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 9, "fp": 0, "fn": 0}
    assert s["perfect_rate"] == 1.0
    assert s["phone_kind_accuracy"] == 1.0
    assert "department" not in {f for f, v in s["fields"].items() if v["support"] or v["fp"]}


def test_known_errors_give_known_counts():
    pred = copy.deepcopy(TRUTH)
    pred["name"] = "Jane Doe"  # wrong scalar: one FP and one FN
    pred["title"] = None  # missed scalar: one FN
    pred["department"] = "Research"  # spurious scalar: one FP
    pred["phones"] = [
        {"number": "+12125550134", "kind": "mobile"},
        {"number": "+12125550100", "kind": "work"},
    ]
    pred["address"] = "Fifth Avenue"  # token_sort_ratio < 90: FP + FN
    s = summarize([Sample("a", TRUTH, pred)])
    f = s["fields"]
    assert (f["name"]["tp"], f["name"]["fp"], f["name"]["fn"]) == (0, 1, 1)
    assert (f["title"]["tp"], f["title"]["fp"], f["title"]["fn"]) == (0, 0, 1)
    assert (f["department"]["tp"], f["department"]["fp"], f["department"]["fn"]) == (0, 1, 0)
    assert (f["phones"]["tp"], f["phones"]["fp"], f["phones"]["fn"]) == (1, 1, 1)
    assert f["phones"]["precision"] == 0.5 and f["phones"]["recall"] == 0.5 and f["phones"]["f1"] == 0.5
    assert (f["address"]["tp"], f["address"]["fp"], f["address"]["fn"]) == (0, 1, 1)
    # overall: TP company, emails, phone, website, social = 5; FP = 1+1+1+1 = 4; FN = 1+1+1+1 = 4
    assert (s["overall"]["tp"], s["overall"]["fp"], s["overall"]["fn"]) == (5, 4, 4)
    assert s["overall"]["f1"] == pytest.approx(2 * (5 / 9) * (5 / 9) / (10 / 9), abs=1e-4)
    assert s["perfect_rate"] == 0.0
    assert s["phone_kind_accuracy"] == 0.0  # the matched number has the wrong kind


def test_no_prediction_counts_every_truth_value_as_missed():
    s = summarize([Sample("a", TRUTH, None), Sample("b", TRUTH, TRUTH)])
    assert s["missing_predictions"] == 1
    assert s["overall"]["recall"] == 0.5 and s["overall"]["precision"] == 1.0
    assert s["perfect_rate"] == 0.5


def test_phones_are_compared_in_the_cards_region():
    truth = {"phones": [{"number": "+493012345678", "kind": "work"}], "region": "DE"}
    assert summarize([Sample("a", truth, {"phones": ["030 1234 5678"]})])["overall"]["f1"] == 1.0
    assert summarize([Sample("a", truth, {"phones": ["+1 301 234 5678"]})])["overall"]["f1"] == 0.0


def test_groups_break_results_down_by_meta():
    s = summarize(
        [
            Sample("a", TRUTH, TRUTH, {"layout": "band", "mode": "photo"}),
            Sample("b", TRUTH, None, {"layout": "dark"}),
        ]
    )
    assert s["groups"]["layout=band"]["f1"] == 1.0
    assert s["groups"]["layout=dark"]["f1"] == 0.0
    assert s["groups"]["mode=photo"]["n"] == 1


def _perturb(i: int, label: dict) -> dict | None:
    """Deterministic, varied mistakes on real labels."""
    if i % 7 == 6:
        return None
    pred = {k: copy.deepcopy(v) for k, v in label.items() if k not in ("region", "legible", "notes")}
    if i % 2 and pred.get("name"):
        pred["name"] = pred["name"].upper()
    if i % 3 == 0:
        pred["phones"] = pred.get("phones", [])[:1]
    if i % 4 == 1:
        pred["websites"] = [
            w.replace("https://", "").replace("www.", "") for w in pred.get("websites", [])
        ] + ["example.org"]
    if i % 5 == 2 and pred.get("address"):
        pred["address"] = pred["address"].split(",")[0]
    if i % 5 == 3:
        pred["title"] = "Manager"
    return pred


@pytest.mark.skipif(
    not REFERENCE_SCORER.is_file() or not REAL_CARDS_DIR.is_dir(), reason="../shared is absent"
)
def test_agrees_with_the_reference_scorer_on_the_real_cards(tmp_path):
    spec = importlib.util.spec_from_file_location("score_cards_reference", REFERENCE_SCORER)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    cards = load_real(REAL_CARDS_DIR)
    assert cards
    preds = {c.stem: _perturb(i, c.truth) for i, c in enumerate(cards)}
    path = tmp_path / "preds.jsonl"
    path.write_text(
        "".join(
            json.dumps({"file": str(c.image), "contact": preds[c.stem]}) + "\n"
            for c in cards
            if preds[c.stem] is not None
        ),
        "utf-8",
    )
    theirs = ref.score(str(REAL_CARDS_DIR / "labels"), str(path), quiet=True)
    ours = summarize([Sample(c.stem, c.truth, preds[c.stem]) for c in cards])
    for f, v in ours["fields"].items():
        assert {k: v[k] for k in ("tp", "fp", "fn", "f1")} == {
            k: theirs["fields"][f][k] for k in ("tp", "fp", "fn", "f1")
        }
    assert ours["overall"] == theirs["overall"]
    for key in ("perfect_rate", "clean_rate", "address_mean_token_ratio", "phone_kind_accuracy"):
        assert ours[key] == theirs[key], key
    assert 0 < ours["overall"]["f1"] < 1  # the perturbations really were scored
