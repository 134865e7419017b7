"""The line labeller: features of a card's free lines, the shipped model, and how its choice is applied."""

from __future__ import annotations

import time
from collections.abc import Sequence

import pytest
from cardtext import make_lines

from ocr.extract import extract_fields
from ocr.extract.freetext import Rest
from ocr.extract.labeller import CHOSEN, LABELS, CardContext, LineLabeller, shipped_labeller

CARD = """
#40 Jane Doe
Reference Librarian
Research Services
New York Public Library
476 Fifth Avenue, New York, NY 10018
jane.doe@nypl.org   +1 212 555 0134
"""


def _observed(rows: str) -> tuple[list[str], list[dict[str, float]], CardContext]:
    seen: list[tuple[Sequence[Rest], list[dict[str, float]], CardContext]] = []
    extract_fields(make_lines(rows), labeller=None, observe=lambda r, f, c: seen.append((r, f, c)))
    ((rests, features, context),) = seen
    return [r.text for r in rests], features, context


def test_features_describe_each_free_line_and_its_neighbours():
    texts, features, context = _observed(CARD)
    by_text = dict(zip(texts, features, strict=True))
    name, title = by_text["Jane Doe"], by_text["Reference Librarian"]
    assert name["first_name"] == 1.0 and name["biggest"] == 1.0 and name["email_agrees"] > 0
    assert name["hand_name"] == 1.0 and name["next_title_hit"] == 1.0
    assert title["title_hit"] == 1.0 and title["prev_first_name"] == 1.0 and title["hand_title"] == 1.0
    assert by_text["Research Services"]["department_score"] > 0
    assert by_text["New York Public Library"]["institution"] == 1.0
    assert context.email_locals == ("jane.doe",) and context.domain == "nypl.org"
    assert all(0.0 <= f["top_share"] <= 1.0 for f in features)
    assert len({frozenset(f) for f in features}) <= 3  # the same feature names on every line (edges aside)


def test_shipped_labeller_loads_fast_and_gives_probabilities():
    shipped_labeller.cache_clear()
    started = time.perf_counter()
    model = shipped_labeller()
    assert time.perf_counter() - started < 0.5
    assert model is not None and set(model.weights) <= set(LABELS) and set(model.use) == set(CHOSEN)
    _texts, features, _context = _observed(CARD)
    for row in features:
        probabilities = model.probabilities(row)
        assert sum(probabilities.values()) == pytest.approx(1.0)


def _forcing(label: str, feature: str) -> LineLabeller:
    """A model that gives `label` to the line with `feature` and 'other' to every other line."""
    return LineLabeller(
        1, (feature,), {label: [20.0], "other": [0.0]}, {label: -10.0, "other": 0.0}, {label: "labeller"}
    )


def test_a_field_handed_to_the_labeller_takes_its_line():
    # A toy model that calls the line with a postcode the company moves the company there (it shows the
    # switch, not the skill); lines the hand gave to fields kept by hand are not offered to it, and where
    # it is sure of no line the hand pick stays.
    hand = extract_fields(make_lines(CARD), labeller=None).contact
    assert hand.company == "New York Public Library"
    moved = extract_fields(make_lines(CARD), labeller=_forcing("company", "postcode")).contact
    assert moved.company == "476 Fifth Avenue, New York, NY 10018"
    assert (moved.name, moved.title, moved.emails) == (hand.name, hand.title, hand.emails)
    taken = extract_fields(make_lines(CARD), labeller=_forcing("company", "title_hit")).contact
    assert taken.company == hand.company and taken.title == "Reference Librarian"


def test_a_field_kept_by_hand_ignores_the_labeller():
    model = _forcing("company", "postcode")
    kept = LineLabeller(model.version, model.features, model.weights, model.bias, {"company": "hand"})
    assert extract_fields(make_lines(CARD), labeller=kept).contact.company == "New York Public Library"


BILINGUAL = """
#40 Imran Qureshi
#32 陳德威
Sr. Director, Sales
Harbor Freight Lines Ltd
imran@harborfreight.com   +852 2123 4567
"""


def test_gazetteer_email_and_script_features():
    texts, features, _context = _observed(BILINGUAL)
    by_text = dict(zip(texts, features, strict=True))
    name, cjk, title = by_text["Imran Qureshi"], by_text["陳德威"], by_text["Sr. Director, Sales"]
    # 'Imran' is a given name in the gazetteer and the whole local part of the email.
    assert name["given_any"] == 1.0 and name["word_in_email"] == 0.5 and name["cjk_name_shape"] == 0.0
    assert cjk["cjk_name_shape"] == 1.0 and cjk["cjk_share"] == 1.0 and cjk["given_any"] == 0.0
    assert title["word_in_email"] == 0.0 and title["title_hit"] == 1.0
    # Sizes ranked within the card: the name's is the biggest, the body text's the smallest.
    assert name["height_rank"] == 0.0 and 0.0 < cjk["height_rank"] < 1.0 and title["height_rank"] == 1.0
    # Neighbours: the CJK line sits under the hand's name and above the title.
    assert cjk["prev_hand_name"] == 1.0 and cjk["next_title_hit"] == 1.0 and cjk["prev_given_any"] == 1.0


def test_credentials_after_a_name_are_seen():
    texts, features, _context = _observed("#40 Jane Doe, CPA\nTax Advisor\njane@doe-tax.com")
    by_text = dict(zip(texts, features, strict=True))
    assert by_text["Jane Doe, CPA"]["credential"] == 1.0 and by_text["Tax Advisor"]["credential"] == 0.0


def _spread(label: str, feature: str, lead: float) -> LineLabeller:
    """A model under which the line with `feature` is `label` with probability ~0.3 (the other labels
    sharing the rest), and `lead` shifts 'other' above or below it."""
    labels = ("name", "title", "company", "department", "address", "tagline", "other")
    weights = {x: [0.0] for x in labels}
    weights[label] = [10.0]
    bias = {x: 0.0 for x in labels}
    bias[label] = -10.0 + 0.9
    bias["other"] = lead
    weights["other"] = [0.0]
    return LineLabeller(1, (feature,), weights, bias, {label: "labeller"}, min_probability=0.0)


def test_a_line_goes_to_the_field_it_most_likely_carries_even_under_one_half():
    texts, features, _context = _observed(CARD)
    row = dict(zip(texts, features, strict=True))["476 Fifth Avenue, New York, NY 10018"]
    leading = _spread("company", "postcode", 0.0)
    p = leading.probabilities(row)
    assert p["company"] < 0.5 and max(p, key=p.__getitem__) == "company"
    assert extract_fields(make_lines(CARD), labeller=leading).contact.company.startswith("476 Fifth")
    # The same line when 'other' is likelier: not offered, and the hand pick stays.
    trailing = _spread("company", "postcode", 1.5)
    p = trailing.probabilities(row)
    assert max(p, key=p.__getitem__) == "other"
    assert extract_fields(make_lines(CARD), labeller=trailing).contact.company == "New York Public Library"
