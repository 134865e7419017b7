"""Repairs of the company line: split words, misread legal forms, '&' and 'Co. KG' spacing."""

from __future__ import annotations

import pytest

from ocr.extract.company_repair import repair_company, spaced_ampersand
from ocr.types import Box, Word


def printed(*texts_and_gaps: str | int, height: int = 40) -> list[Word]:
    """Words left to right; an int between two texts is the gap in pixels (default a normal space)."""
    words: list[Word] = []
    x, gap = 100, height // 2
    for item in texts_and_gaps:
        if isinstance(item, int):
            gap = item
            continue
        if words:
            x += gap
        width = len(item) * height // 2
        words.append(Word(item, 0.95, Box(x, 50, width, height)))
        x += width
        gap = height // 2
    return words


def test_a_word_split_by_ocr_is_joined_when_the_join_spells_the_domain() -> None:
    words = printed("BLUES", 6, "TONE", "ARCHITECTURE")
    assert repair_company("BLUES TONE ARCHITECTURE", words, "bluestone.fr") == "BLUESTONE ARCHITECTURE"
    words = printed("Bright", 5, "field", "Ltd.")
    assert repair_company("Bright field Ltd.", words, "brightfield.ca") == "Brightfield Ltd."


def test_words_printed_apart_stay_apart_even_when_the_domain_joins_them() -> None:
    words = printed("Blue", 20, "Stone", "Partners")
    assert repair_company("Blue Stone Partners", words, "bluestone.com") == "Blue Stone Partners"


def test_close_words_that_do_not_spell_the_domain_stay_apart() -> None:
    words = printed("BLUES", 6, "TONE")
    assert repair_company("BLUES TONE", words, "granite.fr") == "BLUES TONE"
    assert repair_company("BLUES TONE", words, None) == "BLUES TONE"


@pytest.mark.parametrize(
    ("read", "repaired"),
    [
        ("BRIGHTFIELD LAD.", "BRIGHTFIELD LTD."),
        ("Securics, Ind", "Securics, Inc"),
        ("Acme Lid.", "Acme Ltd."),
        ("Harbour Inn", "Harbour Inn"),  # no abbreviation dot, no comma: an inn, not a misread Inc
        ("Oakridge Analytics Ltd.", "Oakridge Analytics Ltd."),
        ("Apex S.L.", "Apex S.L."),
    ],
)
def test_a_legal_form_misread_by_one_letter_is_repaired_only_in_a_legal_forms_place(
    read: str, repaired: str
) -> None:
    assert repair_company(read, [], None) == repaired


def test_co_kg_and_ampersand_get_their_conventional_spacing() -> None:
    assert repair_company("LUMEN BERATUNG GMBH & CO.KG", [], "lumen.de") == "LUMEN BERATUNG GMBH & CO. KG"
    assert spaced_ampersand("Founder&CEO") == "Founder & CEO"
    assert spaced_ampersand("AT&T") == "AT&T"


def test_a_narrow_but_real_word_space_is_kept() -> None:
    # Measured on real cards: 'Alerta Security' 11 px apart at 39 px high, domain alertasecurity.com.br.
    words = printed("Alerta", 11, "Security", height=39)
    assert repair_company("Alerta Security", words, "alertasecurity.com.br") == "Alerta Security"


def test_logo_debris_in_front_of_the_domains_name_and_a_split_possessive_are_cleaned() -> None:
    assert repair_company("L Margie’ Ss Travel", [], "margiestravel.com") == "Margie’s Travel"
    # the short first word is part of the name the domain spells: kept
    assert repair_company("AB Volvo", [], "abvolvo.com") == "AB Volvo"
    assert repair_company("L Margie's Travel", [], None) == "L Margie's Travel"


def test_a_symbol_read_for_the_first_letter_is_replaced_when_the_domain_spells_the_word() -> None:
    assert repair_company("\\pex S.L.", [], "apex.es") == "Apex S.L."
    assert repair_company("|PEX S.L.", [], "apex-sl.es") == "APEX S.L."
    assert repair_company("\\pex S.L.", [], "granite.es") == "\\pex S.L."
    assert repair_company("&Co Partners", [], "xco.com") == "&Co Partners"


def test_a_first_word_that_lost_or_misread_its_first_letters_takes_the_domains_spelling() -> None:
    assert repair_company("OVA DESIGN STUDIO", [], "nova.com") == "NOVA DESIGN STUDIO"
    assert repair_company("RTHWIND SOLUTIONS GROUP", [], "northwind.com") == "NORTHWIND SOLUTIONS GROUP"
    assert repair_company("lronwood Engineering LLC", [], "ironwood.com") == "Ironwood Engineering LLC"
    # more than two letters lost, another word, or a short word: left as read
    assert repair_company("WIND SOLUTIONS", [], "northwind.com") == "WIND SOLUTIONS"
    assert repair_company("Studio Nova", [], "nova.com") == "Studio Nova"
    assert repair_company("AB Volvo", [], "abvolvo.com") == "AB Volvo"


def test_words_the_domain_prints_apart_are_not_joined() -> None:
    # A hyphen in the domain separates the words: OCR did not split one word there.
    words = printed("FALCON", 6, "CONSTRUÇÕES", "S.A.")
    assert repair_company("FALCON CONSTRUÇÕES S.A.", words, "falcon-construcoes.pt").startswith(
        "FALCON CONSTRUÇÕES"
    )
    words = printed("BLUES", 6, "TONE", "ARCHITECTURE")
    assert repair_company("BLUES TONE ARCHITECTURE", words, "bluestone-arch.fr") == "BLUESTONE ARCHITECTURE"


def test_a_letter_in_front_of_the_domains_first_word_is_logo_debris() -> None:
    assert repair_company("A Pioneer Corp.", [], "pioneer-solutions.com") == "Pioneer Corp."
    # the letter is part of the name the domain spells
    assert repair_company("A Plus Solutions", [], "aplus-solutions.com") == "A Plus Solutions"


@pytest.mark.parametrize(
    ("read", "printed_as"),
    [
        ("lronbark Analytics", "Ironbark Analytics"),
        ("Saffron Robotics pic", "Saffron Robotics plc"),
        ("Pic Saint-Loup Vins", "Pic Saint-Loup Vins"),
    ],
)
def test_letters_sans_serif_fonts_draw_alike_are_put_back_in_the_company(read: str, printed_as: str) -> None:
    assert repair_company(read, printed(*read.split()), None) == printed_as
