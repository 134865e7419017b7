"""Unsure free-text values are left out of the contact and kept as suggestions (ocr/withhold.py)."""

from __future__ import annotations

from ocr.types import Contact, Phone, Suggestion
from ocr.withhold import WITHHOLD_BELOW, withhold

CONTACT = Contact(
    name="Pa Ulsen",
    given_name="Pa",
    family_name="Ulsen",
    title="Sales Director",
    company="Your partner in logistics",
    emails=("p.ulsen@example.com",),
    phones=(Phone("+4930123456"),),
    address="Hauptstr. 5, 10115 Berlin",
)


def test_values_below_the_threshold_become_suggestions_and_leave_the_contact():
    confidence = {"name": 0.31, "title": 0.97, "company": 0.12, "emails": 0.2, "phones": 0.1, "address": 0.9}
    contact, kept, suggestions = withhold(CONTACT, confidence)
    assert suggestions == {
        "name": Suggestion("Pa Ulsen", 0.31),
        "company": Suggestion("Your partner in logistics", 0.12),
    }
    assert contact.name is None and contact.given_name is None and contact.family_name is None
    assert contact.company is None
    assert contact.title == "Sales Director" and contact.address == CONTACT.address
    assert "name" not in kept and "company" not in kept and kept["title"] == 0.97


def test_list_fields_are_never_withheld():
    contact, kept, suggestions = withhold(CONTACT, {"emails": 0.05, "phones": 0.05})
    assert contact == CONTACT and suggestions == {} and kept == {"emails": 0.05, "phones": 0.05}


def test_a_value_at_the_threshold_or_without_a_confidence_stays():
    contact, _, suggestions = withhold(CONTACT, {"name": WITHHOLD_BELOW})
    assert contact == CONTACT and suggestions == {}


def test_the_threshold_can_be_set():
    contact, _, suggestions = withhold(CONTACT, {"title": 0.6}, below=0.7)
    assert contact.title is None and suggestions["title"].value == "Sales Director"
