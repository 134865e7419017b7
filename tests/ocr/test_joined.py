"""Words RapidOCR printed joined, split only where both sides are known tokens (ocr/extract/joined.py)."""

from __future__ import annotations

import pytest

from ocr.extract.joined import split_joined
from ocr.types import Box, Line, Word
from ocr.words import split_joined_words


@pytest.mark.parametrize(
    ("token", "parts"),
    [
        # a subdivision's code, then a postcode of its country, spelled as the country prints it
        ("ONM5V2T6", ["ON", "M5V", "2T6"]),
        ("QCH2X1Y4,", ["QC", "H2X", "1Y4,"]),
        ("NY10001", ["NY", "10001"]),
        # a postcode and a city of the same country; a postcode of digits stays as printed
        ("1015CjAmsterdam", ["1015", "CJ", "Amsterdam"]),
        ("75011Paris", ["75011", "Paris"]),
        ("Berlin10115", ["Berlin", "10115"]),
        ("LondonSW1A1AA", ["London", "SW1A", "1AA"]),
        # a house number, a street word, a name; a street word (or a compound ending in one), a number
        ("211boulevardVoltaire,", ["211", "boulevard", "Voltaire,"]),
        ("RueVoltaire", ["Rue", "Voltaire"]),
        ("FifthAvenue", ["Fifth", "Avenue"]),
        ("Stationsplein99", ["Stationsplein", "99"]),
        ("Hauptstraße12a", ["Hauptstraße", "12a"]),
        ("Suite5", ["Suite", "5"]),
        # capitalised words that together are a city's name
        ("SanFrancisco", ["San", "Francisco"]),
        ("NewYork,", ["New", "York,"]),  # GeoNames: "New York City", known without "City" too
        ("HoChiMinh", ["Ho", "Chi", "Minh"]),
        # a name, then a legal-form word
        ("AcmeGmbH", ["Acme", "GmbH"]),
        ("SmithLLC", ["Smith", "LLC"]),
    ],
)
def test_known_tokens_are_split(token: str, parts: list[str]) -> None:
    assert split_joined(token) == parts


@pytest.mark.parametrize(
    "token",
    [
        "jane.doe@acme.com",  # emails, web addresses, handles: one word
        "www.ParisCity.fr",
        "@Paris75011",
        "linkedin.com/in/JaneDoe",
        "+1-555-0178",  # phone numbers and product codes: no known token on both sides
        "0412555018",
        "SKU4411AB",
        "iPhone15Pro",
        "B2B",
        "M5V2T6",  # a postcode alone
        "1st",  # ordinal endings are not street words ('st', 'rd')
        "3rd",
        "Spring12",  # 'ring' is a street word only as a whole word or a long compound's end
        "LinkedIn",  # brands with an inner capital
        "McDonald",
        "GmbH",
        "YouTube",
    ],
)
def test_other_words_stay_whole(token: str) -> None:
    assert split_joined(token) == [token]


def test_only_the_second_engines_words_are_split_each_with_its_share_of_the_box() -> None:
    rapid = Word("ONM5V2T6", 0.9, Box(100, 10, 80, 20), "rapidocr")
    tess = Word("NY10001", 0.9, Box(0, 10, 70, 20), "tesseract")
    (line,) = split_joined_words([Line((tess, rapid))])
    assert [w.text for w in line.words] == ["NY10001", "ON", "M5V", "2T6"]
    assert [w.box.left for w in line.words] == [0, 100, 120, 150]
    assert all(w.engine == "rapidocr" for w in line.words[1:])
