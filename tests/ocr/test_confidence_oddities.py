"""Signs of a value malformed for its field (ocr/confidence_evidence.py): each sign's examples, both ways,
and their count as the confidence model's `oddities` feature."""

from __future__ import annotations

from ocr.confidence import FEATURES, field_features
from ocr.confidence_evidence import (
    address_without_words,
    bare_short_token,
    card_country,
    digit_in_free_text,
    digit_short_sibling,
    invalid_phone,
    label_word_in_name,
    lower_case_token,
    no_house_number,
    oddities,
    oddity_signs,
    one_token_name,
    site_cut_from_another,
    stray_mark,
)
from ocr.types import Contact, Phone


def test_a_digit_in_free_text():
    assert digit_in_free_text("title", "General Manager 4")
    assert digit_in_free_text("title", "S6cio-OAB/SC 41.946")
    assert not digit_in_free_text("title", "General Manager")
    assert not digit_in_free_text("address", "3125 Middlefield Road")  # addresses hold numbers


def test_a_label_word_in_a_name():
    assert label_word_in_name("name", "be e-mail")
    assert label_word_in_name("name", "Jay Siddheshwari Mobile")
    assert not label_word_in_name("name", "Tim Butler")  # 'tim' is a label somewhere, and a given name
    assert not label_word_in_name("name", "C Palo")  # one-letter labels ('c', 'e') are initials too
    assert not label_word_in_name("title", "Web Developer")  # only names are checked


def test_a_bare_short_token_in_a_name():
    assert bare_short_token("name", "Rs Prd")
    assert bare_short_token("name", "C Palo")  # a bare letter, not an initial
    assert not bare_short_token("name", "Walter J. Scheirer")  # an initial with its period
    assert not bare_short_token("name", "Antony Wu")  # a family name in the gazetteer
    assert not bare_short_token("name", "Bram de Vries")  # a particle
    assert not bare_short_token("name", "Rhys Ó Briain")  # not a Latin-ASCII token


def test_a_lower_case_token_in_a_name():
    assert lower_case_token("name", "At pom Wu")
    assert not lower_case_token("name", "Daan van den Berg")
    assert not lower_case_token("company", "acme inc")


def test_a_one_word_name():
    assert one_token_name("name", "Vijay")
    assert not one_token_name("name", "Vijay Chandrasekhar")


def test_an_address_without_a_house_number():
    # The postcode of the card's country does not count as a house number.
    assert no_house_number("address", "GHATLODIYA, AHMEDABAD-380061.", "IN")
    assert no_house_number("address", "Near Victory Play Ground, Hyderabad-500 027. (A.P.)", "IN")
    assert not no_house_number("address", "4-7-339, Esamia Bazar, Hyderabad-500 027", "IN")
    assert not no_house_number("address", "3125 Middlefield Road Redwood City, CA 94063", "US")
    assert no_house_number("address", "Madrid, Spain", None)
    assert not no_house_number("name", "Jane Doe", "US")


def test_an_address_of_numbers_alone():
    assert address_without_words("address", "7 706 3383")  # a phone's tail taken for the address
    assert address_without_words("address", "100-0005")
    assert not address_without_words("address", "190-3-7 Umeda, Chiyoda-ku 100-0005")
    assert not address_without_words("address", "香港北角京華道18號")
    assert not address_without_words("title", "4")


def test_a_website_cut_from_another():
    cut = Contact(websites=("ilspa.com", "https://www.lajolienailspa.com"))
    assert site_cut_from_another("websites", cut)
    parent = Contact(websites=("acme.com", "shop.acme.com"))
    assert not site_cut_from_another("websites", parent)  # a site's parent domain is a site of its own
    assert not site_cut_from_another("websites", Contact(websites=("acme.com",)))
    assert not site_cut_from_another("emails", cut)


def test_an_invalid_phone():
    assert invalid_phone("phones", Contact(phones=(Phone("+61802456"),)))  # a digit lost
    assert not invalid_phone("phones", Contact(phones=(Phone("+12125550134"),)))
    assert not invalid_phone("phones", Contact(phones=(Phone("1986976934"),)))  # printed digits: not E.164
    assert not invalid_phone("emails", Contact(phones=(Phone("+61802456"),)))


def test_a_stray_mark_in_free_text():
    assert stray_mark("company", "MAK POWER)")
    assert stray_mark("company", "AstraZeneca?")
    assert not stray_mark("company", "Acme (Europe) Ltd")
    assert not stray_mark("address", "Kalol (N.G.")  # addresses are not checked


def test_a_phone_a_digit_short_of_another():
    lost = Contact(phones=(Phone("+618024567"), Phone("+61802456")))
    assert digit_short_sibling("phones", lost)
    office = Contact(phones=(Phone("+912614014072"), Phone("+912613919525")))
    assert not digit_short_sibling("phones", office)  # same exchange, different numbers
    same_length = Contact(phones=(Phone("+15551234567"), Phone("+15551234568")))
    assert not digit_short_sibling("phones", same_length)
    assert not digit_short_sibling("name", lost)


def test_the_cards_country_comes_from_its_phones():
    contact = Contact(phones=(Phone("+919727588866"), Phone("+912614014072"), Phone("+12125550134")))
    assert card_country(contact) == "IN"
    assert card_country(Contact(phones=(Phone("0161 635 3732"),))) is None


def test_the_model_reads_the_count_of_signs():
    assert "oddities" in FEATURES
    contact = Contact(name="Rs prd", phones=(Phone("+12125550134"),))
    assert oddity_signs(contact, "name", "Rs prd")["bare_short_token"]
    assert oddities(contact, "name", "Rs prd") == 2.0  # a bare short token and a lower-case one
    assert field_features(contact, "name", 0.9)["oddities"] == 2.0
    clean = Contact(name="Jane Doe", phones=(Phone("+12125550134"),))
    assert field_features(clean, "name", 0.9)["oddities"] == 0.0
    assert field_features(clean, "phones", 0.9)["oddities"] == 0.0


def test_a_bare_short_token_is_looked_up_without_building_the_name_lists_again():
    import time

    bare_short_token("name", "Jane Doe")  # the gazetteers load once
    started = time.process_time()
    for _ in range(200):
        bare_short_token("name", "Rs Prd Wu")
    # The union of the two 60k-name lists per call took ~10 ms of CPU (2 s here); lookups take microseconds.
    assert time.process_time() - started < 0.5
