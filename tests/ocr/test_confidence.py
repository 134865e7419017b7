"""Calibrated confidence: the shipped model's shape, monotonicity, and which fields need review."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ocr.confidence import FEATURES, ConfidenceModel, calibrate, field_features, shipped_model
from ocr.empty_fields import likely_printed
from ocr.types import Contact, Extraction, Phone

CONTACT = Contact(
    name="Jane Doe",
    title="Reference Librarian",
    company="New York Public Library",
    emails=("jane.doe@nypl.org",),
    phones=(Phone("+12125550134"),),
    address="476 Fifth Avenue, New York, NY 10018",
)


def test_shipped_model_is_monotonic_in_the_reading_confidence():
    model = shipped_model()
    assert model is not None and 0.0 < model.threshold < 1.0
    assert set(model.weights) <= set(FEATURES)
    for field in ("name", "title", "company", "emails", "phones", "address"):
        grid = [model.probability(field_features(CONTACT, field, raw / 10)) for raw in range(11)]
        assert grid == sorted(grid), field


def test_fields_below_the_threshold_need_review():
    model = ConfidenceModel(1, {"raw": 10.0}, -5.0, threshold=0.5)  # p = sigmoid(10 * raw - 5)
    extraction = Extraction(CONTACT, confidence={"name": 0.9, "company": 0.2, "emails": 0.99, "phones": 0.4})
    calibrated, review = calibrate(extraction, model=model)
    assert calibrated["name"] > 0.9 and calibrated["company"] < 0.1
    assert review == ("company", "phones")
    assert set(calibrated) == {"name", "title", "company", "emails", "phones", "address"}


def test_without_a_model_raw_confidence_passes_through(monkeypatch):
    import ocr.confidence as confidence

    monkeypatch.setattr(confidence, "shipped_model", lambda: None)
    extraction = Extraction(CONTACT, confidence={"name": 0.3})
    assert calibrate(extraction) == ({"name": 0.3}, ())


def test_phones_in_the_default_country_with_nothing_to_confirm_it():
    indian = Contact(
        phones=(Phone("+19825183175"),), emails=("sales@example.in",), address="Ahmedabad, Gujarat"
    )
    american = Contact(phones=(Phone("+12125550134"),), address="476 Fifth Avenue, New York, NY 10018")
    assert field_features(indian, "phones", 0.9)["default_country_unconfirmed"] == 1.0
    assert field_features(american, "phones", 0.9)["default_country_unconfirmed"] == 0.0


def test_model_file_round_trips():
    model = ConfidenceModel(1, {"raw": 1.5, "is_name": -0.25}, 0.1, 0.42)
    assert ConfidenceModel.from_json(model.to_json()) == model
    with pytest.raises(ValueError):
        ConfidenceModel.from_json({**model.to_json(), "version": 99})


def test_the_shipped_model_flags_an_obviously_wrong_value_and_not_a_clean_one():
    """A tagline read crisply as the company (raw 0.98) with everything around it saying otherwise."""
    clean_evidence = {
        "company": 0.9,
        "company.margin": 0.7,
        "company.word_mean": 0.95,
        "company.height": 1.4,
        "company.top": 0.3,
        "company.engines": 1.0,
        "card.leftover": 0.0,
    }
    wrong_evidence = {
        "company": 0.12,
        "company.margin": -0.5,
        "company.rivals": 2.0,
        "company.word_mean": 0.6,
        "company.unsure_share": 0.5,
        "company.height": 0.7,
        "company.top": 0.95,
        "company.engines": 0.0,
        "company.leftover_next": 1.0,
        "card.leftover": 3.0,
    }
    wrong_contact = replace(CONTACT, company="Quality you can trust every day")
    clean = Extraction(CONTACT, confidence={"company": 0.98}, evidence=clean_evidence)
    wrong = Extraction(wrong_contact, confidence={"company": 0.98}, evidence=wrong_evidence)
    clean_p, clean_review = calibrate(clean, engines=2)
    wrong_p, wrong_review = calibrate(wrong, engines=2)
    assert wrong_p["company"] < clean_p["company"]
    assert "company" in wrong_review and "company" not in clean_review


def test_an_empty_company_on_a_card_without_an_organisations_domain_needs_a_look():
    model = ConfidenceModel(1, {"raw": 10.0}, -5.0, threshold=0.5)
    logo_only = replace(CONTACT, company=None, emails=("narasimharao_46@rediffmail.com",), websites=())
    _, review = calibrate(Extraction(logo_only, confidence={"name": 0.9, "emails": 0.9}), model=model)
    assert review == ("company",)
    nothing_to_name_it = replace(CONTACT, company=None, emails=(), websites=())
    assert likely_printed(nothing_to_name_it) == ("company",)


def test_an_empty_company_beside_an_organisations_domain_or_a_company_read_is_left_alone():
    # With the firm's own domain the reader names or confirms the company from it: an empty one there
    # was mostly not printed (freelancers' cards).
    assert likely_printed(replace(CONTACT, company=None)) == ()
    site_only = replace(CONTACT, company=None, emails=(), websites=("https://www.nypl.org/",))
    assert likely_printed(site_only) == ()
    assert likely_printed(replace(CONTACT, company=None, emails=(), websites=("nypl.org",))) == ()
    assert likely_printed(CONTACT) == ()
    # The other fields left empty are not flagged: cards often print no title, department or address.
    assert likely_printed(replace(CONTACT, title=None, address=None, name=None)) == ()
