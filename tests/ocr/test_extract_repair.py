"""OCR-confusion repairs: applied only when the result validates."""

import phonenumbers
import pytest

from ocr.extract.repair import join_spaced_letters, repair_digits, repair_domain, repair_email, valid_email


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S W A N S O N", "SWANSON"),
        ("S WAN S O N", "SWANSON"),  # how Tesseract splits tracked capitals
        ("n e t h e r n e t", "nethernet"),
        ("J A N E  S W A N S O N", "JANE  SWANSON"),  # a wide gap still separates the words
        ("Jane Q Doe", "Jane Q Doe"),
        ("Ed Q Li", "Ed Q Li"),
        ("Reference Librarian", "Reference Librarian"),
    ],
)
def test_join_spaced_letters(text, expected):
    assert join_spaced_letters(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jane.doe@nypl.org", "jane.doe@nypl.org"),
        ("Jane.Doe @ nypl.org", "jane.doe@nypl.org"),
        ("jane.doe©nypl.org", "jane.doe@nypl.org"),
        ("jane.doe@nypl,org", "jane.doe@nypl.org"),
        ("jane.doe@nypl.corn", "jane.doe@nypl.com"),
        ("info(at)example.de", "info@example.de"),
        ("jane@nyplorg", "jane@nypl.org"),
    ],
)
def test_repair_email_fixes_confusions_that_then_validate(text, expected):
    assert repair_email(text) == expected


def test_repair_email_reads_a_letter_as_at_only_when_the_domain_is_confirmed():
    assert repair_email("janedoeQnypl.org", known_domains=frozenset({"nypl.org"})) == "janedoe@nypl.org"
    assert repair_email("janedoeQnypl.org") is None


@pytest.mark.parametrize("text", ["jane.doe@nypl.qqq", "jane doe", "@nypl.org", "jane@", "Suite 102"])
def test_repair_email_refuses_what_does_not_validate(text):
    assert repair_email(text) is None


def test_valid_email_needs_a_real_top_level_domain():
    assert valid_email("a.b@example.co.uk")
    assert not valid_email("a.b@example.corn")


def test_repair_domain():
    assert repair_domain("www.nypl,org") == "www.nypl.org"
    assert repair_domain("nypl.c0m") == "nypl.com"
    assert repair_domain("S.A") is None


def test_a_web_label_glued_onto_www_is_not_part_of_the_host():
    assert repair_domain("webwww.falcon.nl") == "www.falcon.nl"
    assert repair_domain("web.www.falcon.nl") == "www.falcon.nl"
    assert repair_domain("web.falcon.nl") == "web.falcon.nl"  # a real sub-domain, no www after it


def _valid_us(text: str) -> bool:
    return any(phonenumbers.is_valid_number(m.number) for m in phonenumbers.PhoneNumberMatcher(text, "US"))


def test_repair_digits_fixes_letters_read_for_digits_when_the_number_validates():
    assert repair_digits("(2l2) 555-O134", _valid_us) == "(212) 555-0134"


def test_repair_digits_refuses_when_the_result_is_not_a_number_or_the_text_is_a_word():
    assert repair_digits("(2l2) 5OO", _valid_us) is None  # too few digits to be a number
    assert repair_digits("Building 2l2", _valid_us) is None  # mostly letters
    assert repair_digits("(000) 555-O134", _valid_us) is None  # does not validate after the repair


def test_a_lost_dot_after_www_is_restored():
    assert repair_domain("wwwnypl.org") == "www.nypl.org"


def test_a_dot_after_www_read_as_a_dash():
    assert repair_domain("www-solis.com.au") == "www.solis.com.au"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sripad._ind2000@yaho0.com", "sripad_ind2000@yahoo.com"),  # a speck by '_', a provider misread
        ("M010-9416-5072Edogdriip@gmail.com", "dogdriip@gmail.com"),  # 'M 010-... E dogdriip@' unspaced
        ("jane@gmai1.com", "jane@gmail.com"),
    ],
)
def test_repair_email_uses_the_registered_email_rules(text, expected):
    assert repair_email(text) == expected


def test_a_domain_near_a_webmail_provider_that_the_card_prints_is_kept():
    assert repair_email("jane@gmai1.com", known_domains=frozenset({"gmai1.com"})) == "jane@gmai1.com"
