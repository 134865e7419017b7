"""lang="auto" (the default): English first, then accents from the card country's language, only when the
card's country writes with accents; a caller's explicit languages are read as given."""

from __future__ import annotations

import pytest
from cardphotos import encode, on_desk, render_card

from ocr import ReadOptions, read_card
from ocr.engines.accents import adopt_accents
from ocr.engines.tesseract import TesseractEngine
from ocr.languages import AUTO, accent_language, provinces_named, tesseract_languages
from ocr.types import Box, Line, Word

# The email says nothing about the name, so only the OCR text can carry its accents.
GERMAN_CARD = (
    ("Jürgen Müller", 64, True),
    ("Geschäftsführer", 38, False),
    ("Königstraße 12, 70173 Stuttgart", 38, False),
    ("info@beispiel.de", 38, False),
    ("Tel +49 711 123456", 38, False),
)


@pytest.fixture(scope="module")
def german_photo() -> bytes:
    return encode(on_desk(render_card(GERMAN_CARD), angle=4, tilt=0.04, seed=3)[0], "JPEG", quality=90)


@pytest.fixture
def tesseract_languages_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The languages of every Tesseract word reading (one entry per Tesseract run)."""
    read: list[str] = []
    original = TesseractEngine._read_words

    def counting(self, image, lang, timeout_s):
        read.append(lang)
        return original(self, image, lang, timeout_s)

    monkeypatch.setattr(TesseractEngine, "_read_words", counting)
    return read


@pytest.mark.slow
def test_the_default_reads_a_german_card_with_its_accents(german_photo, tesseract_languages_read):
    reading = read_card(german_photo, ReadOptions(engine="tesseract"))  # region US: the card says +49
    assert ReadOptions().lang == AUTO
    assert "Jürgen Müller" in reading.text
    assert reading.contact.name == "Jürgen Müller"
    assert "Geschäftsführer" in reading.text
    assert "straße" in (reading.contact.address or "").lower()
    assert reading.contact.emails == ("info@beispiel.de",)  # the English reading keeps the email
    assert "ocr_accents" in reading.timings
    assert tesseract_languages_read.count("deu") == 1
    assert not any(lang not in ("eng", "deu") for lang in tesseract_languages_read)


@pytest.mark.slow
def test_an_explicit_language_is_read_as_given(german_photo, tesseract_languages_read):
    reading = read_card(german_photo, ReadOptions(engine="tesseract", lang="eng"))
    assert "ocr_accents" not in reading.timings
    assert "Jürgen" not in reading.text
    assert set(tesseract_languages_read) <= {"eng"}


@pytest.mark.slow
def test_an_english_card_pays_for_no_accent_pass(tesseract_languages_read):
    photo = encode(on_desk(render_card(), angle=-3, seed=5)[0], "JPEG", quality=90)
    reading = read_card(photo, ReadOptions(engine="tesseract", region="US"))
    assert reading.contact.name == "Jane Doe"
    assert "ocr_accents" not in reading.timings
    assert tesseract_languages_read and set(tesseract_languages_read) == {"eng"}


def _lines(*texts: str) -> list[Line]:
    lines = []
    for row, text in enumerate(texts):
        words = [Word(w, 0.95, Box(20 + 120 * i, 20 + 60 * row, 100, 40)) for i, w in enumerate(text.split())]
        lines.append(Line(tuple(words)))
    return lines


@pytest.mark.parametrize(
    ("texts", "region", "expected"),
    [
        (("Jurgen Muller", "Tel +49 30 1234567"), "US", "deu"),  # the printed country code wins
        (("Francois Dupont", "francois@dupont.fr"), "US", "fra"),  # a country domain
        (("Joao Silva", "Rua Augusta 25"), "PT", "por"),  # no evidence on the card: the caller's region
        (("Jane Doe", "Tel +1 212 555 0134"), "DE", None),  # a US card read by a German user
        (("Jane Doe", "jane@example.com"), "US", None),
        (("12345", "+49 30 1234567"), "US", None),  # nothing that could carry an accent
        # Canada reads in English, but Quebec prints French: by its postcode or a telephone area code of
        # the province (libphonenumber's places); Ontario's card pays for no second pass.
        (("Genevieve Tremblay", "1200 Rue Sherbrooke Ouest, Montreal, QC H3A 1H6", "Canada"), None, "fra"),
        (("Genevieve Tremblay", "Tel +1 514 400 6223", "Mobile +1 604 726 0798"), None, "fra"),
        (("Jane Doe", "100 King St W, Toronto, ON M5X 1A9", "Canada", "+1 416 364 8000"), None, None),
    ],
)
def test_the_accent_language_follows_the_cards_country(texts, region, expected):
    assert accent_language(_lines(*texts), region) == expected


def test_the_provinces_a_card_names_come_from_postcodes_and_area_codes():
    assert provinces_named(["Québec, QC G1R 4P5"], "CA") == {"QC"}
    assert provinces_named(["Tel +1 514 400 6223", "(604) 726-0798"], "CA") == {"QC", "BC"}
    assert provinces_named(["Tel +1 212 555 0134"], "CA") == set()  # New York's, not Canada's
    assert provinces_named(["Jane Doe"], "CA") == set()


def test_auto_reads_english_first():
    assert tesseract_languages(AUTO) == "eng"
    assert tesseract_languages("eng+fra") == "eng+fra"


def test_a_letter_misread_as_a_digit_still_takes_its_accents():
    box = Box(10, 10, 200, 40)
    adopted = adopt_accents(
        [Word("K6nigstraBe", 0.8, box), Word("70173", 0.9, box)], [Word("Königstraße", 0.9, box)]
    )
    assert [w.text for w in adopted] == ["Königstraße", "70173"]
