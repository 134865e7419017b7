"""Evidence for the calibrated confidence: what extraction records beside each field (its words, the
labeller's margin, the engines' agreement, leftover lines) and the features the model reads from it."""

from __future__ import annotations

from dataclasses import replace

from cardtext import make_lines

from ocr.combine import engines_agree, merge_extractions
from ocr.confidence import field_features
from ocr.extract import extract_fields
from ocr.extract.evidence import leftover_lines, value_evidence
from ocr.extract.layout import Hit, segments_of
from ocr.types import Contact, Extraction, Line, Phone

CARD = """
#40 Jane Doe
Reference Librarian
New York Public Library
476 Fifth Avenue, New York, NY 10018
jane.doe@nypl.org   +1 212 555 0134
"""


def _with_confidences(lines: list[Line], confidences: dict[str, float]) -> list[Line]:
    return [
        Line(tuple(replace(w, confidence=confidences.get(w.text, w.confidence)) for w in line.words))
        for line in lines
    ]


def test_value_evidence_reads_the_values_words_against_the_card():
    lines = _with_confidences(make_lines(CARD), {"Public": 0.4})
    segments = segments_of(lines)
    company = next(s for s in segments if s.text.startswith("New York Public"))
    name = next(s for s in segments if s.text == "Jane Doe")
    found = value_evidence("company", [Hit(company.text, company, (0, 1, 2, 3), 0.4)], segments)
    assert found["company.word_min"] == 0.4 and found["company.unsure_share"] == 0.25
    assert round(found["company.word_mean"], 2) == round((0.93 * 3 + 0.4) / 4, 2)
    assert found["company.height"] == 1.0 and found["company.confusable"] == 0.0
    big = value_evidence("name", [Hit(name.text, name, (0, 1), 0.93)], segments)
    assert big["name.height"] > 1.5 and big["name.top"] == 0.0
    assert value_evidence("name", [], segments) == {}


def test_characters_ocr_puts_for_letters_are_noticed():
    lines = make_lines(["Eng|neering Lim1ted", "Jane Doe"])
    segments = segments_of(lines)
    bad = segments[0]
    found = value_evidence("company", [Hit(bad.text, bad, (0, 1), 0.9)], segments)
    assert found["company.confusable"] == 1.0


def test_extraction_records_the_evidence_beside_each_field():
    evidence = extract_fields(make_lines(CARD)).evidence
    for field in ("name", "title", "company", "emails", "phones", "address"):
        assert 0.0 <= evidence[f"{field}.word_mean"] <= 1.0, field
    assert evidence["card.leftover"] == 0.0  # every free line was taken
    assert -1.0 <= evidence["name.margin"] <= 1.0 and evidence["name.hand"] == 1.0


def test_a_leftover_line_beside_a_value_is_recorded():
    # A second company line the reader did not take, right under the first in the same type.
    card = CARD.replace("New York Public Library", "New York Public Library\nResearch Libraries Consortium")
    evidence = extract_fields(make_lines(card)).evidence
    assert evidence["card.leftover"] >= 1.0
    assert max(evidence.get(f"{f}.leftover_next", 0.0) for f in ("company", "title", "address")) == 1.0
    assert leftover_lines(["a", "b"]) == {"card.leftover": 2.0}


def test_engines_agreement():
    assert engines_agree({"acme"}, {"acme"}) == 1.0
    assert engines_agree({"acme"}, set()) == 0.5
    assert engines_agree({"acme"}, {"acmecorp"}) == 0.75
    assert engines_agree({"acme"}, {"zenith"}) == 0.0


def test_merged_evidence_follows_the_reading_a_value_came_from():
    first = Extraction(
        Contact(name="Jane Doe", company="Tagline Words Here", emails=("jane@acme.com",)),
        confidence={"name": 0.9, "company": 0.5, "emails": 0.9},
        evidence={"name": 0.9, "company": 0.2, "company.margin": -0.3, "card.leftover": 2.0},
    )
    second = Extraction(
        Contact(name="Jane Doe", company="Acme Corporation", emails=("jane@acme.com",)),
        confidence={"name": 0.9, "company": 0.95, "emails": 0.9},
        evidence={"name": 0.8, "company": 0.9, "company.margin": 0.6},
    )
    merged = merge_extractions(first, second)
    assert merged.contact.company == "Acme Corporation"  # corroborated by the email's domain
    assert merged.evidence["company"] == 0.9 and merged.evidence["company.margin"] == 0.6
    assert merged.evidence["name"] == 0.9 and merged.evidence["card.leftover"] == 2.0
    assert merged.evidence["name.engines"] == 1.0 and merged.evidence["company.engines"] == 0.0
    assert merged.evidence["emails.engines"] == 1.0


def test_features_read_the_evidence():
    contact = Contact(
        name="Maria Garcia",
        emails=("maria@acme.com",),
        websites=("www.acme.com", "www.acrne.co"),
        phones=(Phone("2125550134"),),
    )
    evidence = {"name.engines": 0.0, "name.margin": -0.2, "name.height": 0.5, "name.top": 0.95}
    name = field_features(contact, "name", 0.9, 2, evidence=evidence)
    assert name["engines_differ"] == 1.0 and name["engines_agree"] == 0.0 and name["margin"] == -0.2
    assert name["small_print"] == 1.0 and name["edge"] == 1.0 and name["name_gazetteer"] == 1.0
    sites = field_features(contact, "websites", 0.9)
    assert sites["unmatched_site"] == 1.0 and sites["email_web_agree"] == 1.0
    assert field_features(contact, "phones", 0.9)["printed_digits"] == 1.0
    # Without recorded evidence the features are neutral, not alarming.
    plain = field_features(contact, "name", 0.9)
    assert plain["engines_differ"] == 0.0 and plain["small_print"] == 0.0 and plain["word_mean"] == 0.9
