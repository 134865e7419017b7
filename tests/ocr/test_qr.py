"""QR codes on cards: drawn with OpenCV's encoder, read back into exact contact fields."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from cardphotos import render_card

from ocr.qr import decode_qr, parse_payload, read_qr
from ocr.types import Phone

VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;Q.;;\r\nFN:Jane Q. Doe\r\n"
    "ORG:New York Public Library;Research Services\r\nTITLE:Reference Librarian\r\n"
    "TEL;TYPE=WORK,VOICE:(212) 555-0134\r\nTEL;TYPE=CELL:+1 212 555 0199\r\nTEL;TYPE=FAX:+1 212 555 0100\r\n"
    "EMAIL;TYPE=INTERNET:Jane.Doe@nypl.org\r\nURL:https://www.nypl.org\r\n"
    "URL:https://www.linkedin.com/in/janedoe\r\n"
    "ADR;TYPE=WORK:;;476 Fifth Avenue;New York;NY;10018;USA\r\nEND:VCARD\r\n"
)


def _card_with_qr(payload: str) -> np.ndarray:
    code = cv2.QRCodeEncoder.create().encode(payload)
    code = cv2.resize(code, None, fx=8, fy=8, interpolation=cv2.INTER_NEAREST)
    code = cv2.copyMakeBorder(code, 32, 32, 32, 32, cv2.BORDER_CONSTANT, value=255)
    card = render_card(size=(1400, 800))
    size = min(code.shape[0], 700)
    card[50 : 50 + size, 1350 - size : 1350] = cv2.cvtColor(code[:size, :size], cv2.COLOR_GRAY2BGR)
    return card


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
    contact, payload = read_qr(_card_with_qr("https://www.interwf.com"), region="US")
    assert payload == "https://www.interwf.com"
    assert contact is not None and contact.websites == ("https://www.interwf.com",)


def test_a_vcard_qr_code_on_a_card_is_read():
    contact, _ = read_qr(_card_with_qr(VCARD), region="US")
    assert contact is not None and contact.emails == ("jane.doe@nypl.org",)


def test_a_card_without_a_qr_code_has_none():
    assert decode_qr(render_card()) is None
    assert read_qr(render_card()) == (None, None)
