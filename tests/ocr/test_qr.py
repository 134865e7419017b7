"""QR codes on cards: drawn with OpenCV's encoder, read back into exact contact fields."""

from __future__ import annotations

import pytest
from cardphotos import VCARD, card_with_qr, render_card

from ocr.qr import decode_qr, parse_payload, read_qr, start_reading_qr
from ocr.types import Phone


def test_a_vcard_gives_exact_fields():
    contact = parse_payload(VCARD, region="US")
    assert contact is not None
    assert contact.name == "Jane Q. Doe"
    assert (contact.given_name, contact.family_name) == ("Jane", "Doe")
    assert contact.title == "Reference Librarian"
    assert contact.company == "New York Public Library"
    assert contact.department == "Research Services"
    assert contact.emails == ("jane.doe@nypl.org",)
    assert contact.phones == (
        Phone("+12125550134", "work"),
        Phone("+12125550199", "mobile"),
        Phone("+12125550100", "fax"),
    )
    assert contact.websites == ("https://www.nypl.org",)
    assert contact.social == {"linkedin": "https://www.linkedin.com/in/janedoe"}
    assert contact.address == "476 Fifth Avenue, New York, NY 10018"


def test_a_european_vcard_address_puts_the_postcode_first():
    payload = VCARD.replace(
        ";;476 Fifth Avenue;New York;NY;10018;USA", ";;Fritz-Liebsch-Str. 3;Emden;;26723;Germany"
    )
    contact = parse_payload(payload, region="DE")
    assert contact is not None
    assert contact.address == "Fritz-Liebsch-Str. 3, 26723 Emden, Germany"


def test_a_mecard_gives_exact_fields():
    payload = (
        r"MECARD:N:Murata,Kiichi;ORG:PwC Consulting;TEL:+81-3-1234-5678;EMAIL:kiichi@example.jp;"
        r"URL:https://www.pwc.com/jp;ADR:Tokyo\, Japan;;"
    )
    contact = parse_payload(payload, region="JP")
    assert contact is not None
    assert contact.name == "Kiichi Murata"
    assert contact.family_name == "Murata"
    assert contact.company == "PwC Consulting"
    assert contact.phones == (Phone("+81312345678", "work"),)
    assert contact.emails == ("kiichi@example.jp",)
    assert contact.websites == ("https://www.pwc.com/jp",)
    assert contact.address == "Tokyo, Japan"


@pytest.mark.parametrize(
    ("payload", "websites", "social"),
    [
        ("https://www.interwf.com", ("https://www.interwf.com",), {}),
        ("www.plascow.co.il", ("https://www.plascow.co.il",), {}),
        ("https://twitter.com/janedoe", (), {"twitter": "@janedoe"}),
    ],
)
def test_a_url_payload_becomes_a_website_or_a_handle(payload, websites, social):
    contact = parse_payload(payload)
    assert contact is not None
    assert contact.websites == websites
    assert contact.social == social


@pytest.mark.parametrize(
    "payload", ["WIFI:S:office;T:WPA;P:secret;;", "just some words", "BEGIN:VCARD\r\nbroken"]
)
def test_payloads_that_are_not_contacts_give_nothing(payload):
    assert parse_payload(payload) is None


def test_a_qr_code_printed_on_a_card_is_read():
    contact, payload = read_qr(card_with_qr("https://www.interwf.com"), region="US")
    assert payload == "https://www.interwf.com"
    assert contact is not None and contact.websites == ("https://www.interwf.com",)


def test_a_vcard_qr_code_on_a_card_is_read():
    contact, _ = read_qr(card_with_qr(VCARD), region="US")
    assert contact is not None and contact.emails == ("jane.doe@nypl.org",)


@pytest.mark.parametrize("beside", [True, False])
def test_a_qr_code_read_beside_other_work_gives_what_reading_it_now_gives(beside):
    card = card_with_qr(VCARD)
    result = start_reading_qr(card, region="US", beside=beside)
    assert result() == read_qr(card, region="US")
    assert start_reading_qr(render_card(), region=None, beside=beside)() == (None, None)


def test_a_card_without_a_qr_code_has_none():
    assert decode_qr(render_card()) is None
    assert read_qr(render_card()) == (None, None)
