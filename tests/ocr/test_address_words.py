"""Letters misread inside an address are put back where the word list or the name gazetteers know the
spelling, and only there."""

import pytest
from cardtext import make_lines

from ocr.extract import extract_fields
from ocr.extract.address_words import address_spelled


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("he11o@lumen.com.br", "hello@lumen.com.br"),
        ("ga11agher@halcyon.co.uk", "gallagher@halcyon.co.uk"),  # a family name of the gazetteer
        ("ma1te@corvid.de", "malte@corvid.de"),  # a given name the word list splits into pieces
        ("https://lurnen.co.uk/tearn", "https://lumen.co.uk/team"),  # m read as 'rn', host and path
        ("@rnike_smith", "@mike_smith"),
    ],
)
def test_a_one_or_rn_in_an_address_is_put_back_where_that_spells_a_word_or_name(read, printed):
    assert address_spelled(read) == printed


@pytest.mark.parametrize(
    "address",
    [
        "info1@acme.com",  # 'infol' is no word: 'info' and a letter
        "john1970@gmail.com",  # other digits: a number, not a misread
        "arnold@kernel.org",  # words and names that spell 'rn'
        "sterne@acme.com",  # 'steme' no likelier than 'sterne'
        "https://www.linkedin.com/in/mike-1",
    ],
)
def test_addresses_that_may_be_printed_so_are_left_as_read(address):
    assert address_spelled(address) == address


def test_end_to_end_the_email_and_website_are_read_as_printed():
    c = extract_fields(
        make_lines(["#40 Harriet Gallagher", "ga11agher@lurnen.co.uk", "lurnen.co.uk/tearn"]), region="GB"
    )
    assert c.contact.emails == ("gallagher@lumen.co.uk",)
    assert c.contact.websites == ("https://lumen.co.uk/team",)
