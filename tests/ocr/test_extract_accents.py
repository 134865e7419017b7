"""Accents OCR dropped, restored where the card's country writes them."""

import pytest
from cardtext import make_lines

from ocr.extract import extract_fields
from ocr.extract.accents import restore_accents


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("Francois Lemaitre", "FR", "François Lemaître"),
        ("KESTREL ETUDES", "FR", "KESTREL ÉTUDES"),
        ("Maximilian WeiB", "DE", "Maximilian Weiß"),  # 'ß' read as 'B'
        ("Jorg Kruger", "DE", "Jörg Krüger"),
        ("Sebastian Garcia", "ES", "Sebastián García"),
        ("Niccolo Colombo", "IT", "Niccolò Colombo"),
        ("Joao Goncalves", "BR", "João Gonçalves"),
        # endings the language always accents, for words the list does not hold
        ("Oakridge Construcoes Lda.", "PT", "Oakridge Construções Lda."),
        ("GESTAO DE INFORMACAO", "BR", "GESTÃO DE INFORMAÇÃO"),
        ("Direccion de Administracion", "ES", "Dirección de Administración"),
    ],
)
def test_restored_where_the_country_writes_them(text, region, expected):
    assert restore_accents(text, region) == expected


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("Sebastian Garcia", "DE"),  # German 'Sebastian' has no accent; García is Spanish
        ("Vice President, Sales", "CA"),
        ("Tyler Rodriguez", "US"),
        ("Consultoria", "PT"),  # Portuguese writes it without the Spanish accent
        ("Construcoes", "US"),
        ("Tao Cao", "PT"),  # too short for an ending of its own
        ("Global Vision, Comisiones", "ES"),  # '-sion' is English too; the plural has no accent
    ],
)
def test_left_alone_elsewhere(text, region):
    assert restore_accents(text, region) == text


def test_already_accented_text_is_untouched():
    assert restore_accents("Françoise Dûval", "FR") == "Françoise Dûval"


def test_end_to_end_with_the_region_inferred_from_the_card():
    rows = [
        "#40 Francois Lemaitre",
        "Directeur",
        "francois@kestrel-etudes.fr",
        "92 boulevard Haussmann",
        "75008 Paris",
    ]
    assert extract_fields(make_lines(rows), region="US").contact.name == "François Lemaître"


def test_letters_english_ocr_misreads_and_the_region_choosing_between_spellings():
    assert restore_accents("Lukas Miiller", "DE") == "Lukas Müller"  # ü read as ii
    assert restore_accents("Ifigo Pefia", "ES") == "Íñigo Peña"  # ñ read as fi
    assert restore_accents("Lucia", "ES") == "Lucía"
    assert restore_accents("Lucia", "PT") == "Lúcia"
    assert restore_accents("Lucia", "IT") == "Lucia"


def test_a_lone_o_before_an_irish_family_name_is_the_fada_o_on_irish_and_british_cards():
    from ocr.extract.accents import restore_name_accents

    assert restore_name_accents("Siobhan O Briain", "GB") == "Siobhan Ó Briain"
    assert restore_name_accents("Siobhan O Briain", "IE") == "Siobhan Ó Briain"
    assert restore_name_accents("Siobhan O'Brien", "GB") == "Siobhan O'Brien"
    assert restore_name_accents("John O. Smith", "GB") == "John O. Smith"
    assert restore_name_accents("John O Smith", "US") == "John O Smith"


def test_a_word_ocr_read_with_one_of_its_accents_gets_the_others():
    assert restore_accents("Owen Coté", "CA") == "Owen Côté"
    # an accent the list's spelling does not have in that place: not this word, left as read
    assert restore_accents("Owen Cöte", "CA") == "Owen Cöte"
    assert restore_accents("Owen Coté", "US") == "Owen Coté"  # not how the card's country writes it


def test_an_eszett_read_as_f_is_spelled_back_on_german_cards():
    assert restore_accents("Sabine Grof", "DE") == "Sabine Groß"
    assert restore_accents("Sabine Grof", "US") == "Sabine Grof"
