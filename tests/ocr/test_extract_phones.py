"""Phone numbers: E.164, kinds from labels in several languages, region from the card."""

import pytest
from cardtext import make_lines

from ocr.extract import extract_fields


def phones(rows, region="US"):
    return [(p.number, p.kind) for p in extract_fields(make_lines(rows), region=region).contact.phones]


@pytest.mark.parametrize(
    ("row", "kind"),
    [
        ("T: (212) 555-0134", "work"),
        ("Tel. 212.555.0134", "work"),
        ("Office 212-555-0134", "work"),
        ("Direct: 212 555 0134", "work"),
        ("M 212 555 0134", "mobile"),
        ("Mobile: (212) 555-0134", "mobile"),
        ("Cell 212-555-0134", "mobile"),
        ("F: 212 555 0134", "fax"),
        ("Fax 212.555.0134", "fax"),
        ("212 555 0134 Fax", "fax"),  # label after the number
        ("212-555-0134", "work"),  # unlabelled
    ],
)
def test_kind_from_label(row, kind):
    assert phones(row) == [("+12125550134", kind)]


@pytest.mark.parametrize(
    ("row", "region", "expected"),
    [
        ("Handy: 0172 2868942", "DE", ("+491722868942", "mobile")),
        ("Telefax: +49 (0) 4921 39877-10", "US", ("+4949213987710", "fax")),
        ("Mobil +49 172 2868942", "US", ("+491722868942", "mobile")),
        ("Tél. 01 42 68 53 00", "FR", ("+33142685300", "work")),
        ("Portable 06 12 34 56 78", "FR", ("+33612345678", "mobile")),
        ("Móvil 612 34 56 78", "ES", ("+34612345678", "mobile")),
        ("Celular (11) 99176-1552", "BR", ("+5511991761552", "mobile")),
        ("Telefoon 020 123 4567", "NL", ("+31201234567", "work")),
        ("M: +44 (0)7586 235350", "US", ("+447586235350", "mobile")),
    ],
)
def test_labels_and_formats_in_several_languages(row, region, expected):
    assert phones(row, region) == [expected]


def test_a_country_code_on_the_card_sets_the_region_for_the_other_numbers():
    assert phones(["T +49 89 1234567", "F 089 1234568"], region="US") == [
        ("+49891234567", "work"),
        ("+49891234568", "fax"),
    ]


def test_the_country_in_the_address_sets_the_region():
    rows = ["Acme Ltd", "10 Downing Street", "London SW1A 2AA", "United Kingdom", "T: 020 7946 0018"]
    assert phones(rows, region="US") == [("+442079460018", "work")]


def test_two_numbers_on_one_line_without_labels_between_them():
    assert phones("650 321 3900 650 321 3902 Fax") == [("+16503213900", "work"), ("+16503213902", "fax")]
    assert phones("972-3-5115341 972-54-4507341", region="US") == [
        ("+97235115341", "work"),
        ("+972544507341", "work"),
    ]


def test_a_second_number_after_a_slash_shares_the_area_code():
    assert phones("Tel: (11) 2747-8430 / 2746-6245", region="BR") == [
        ("+551127478430", "work"),
        ("+551127466245", "work"),
    ]


def test_ids_postcodes_and_extensions_are_not_phone_numbers():
    assert phones(["VAT 513191668", "D-26723 Emden", "Stanford, CA 94305"], region="DE") == []
    assert phones("P 305-599-2115 Ext. 111") == [("+13055992115", "work")]


def test_repairs_letters_read_for_digits_only_when_the_number_validates():
    assert phones("T: (2l2) 555-O134") == [("+12125550134", "work")]
    assert phones("Room B2O-l") == []


def test_truncated_numbers_are_dropped():
    assert phones(["Office: 719-387-8", "Cellular: 610-657-1"]) == []


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # the email's country domain
        (["T 055 329 0031", "g.rossi@ferretti.it"], "+390553290031"),
        # a postcode only one country writes so
        (["T 0161 935 8593", "141 Station Road", "Manchester M1 1AE"], "+441619358593"),
        (["P (07) 7823 7048", "83 Hay Street", "Melbourne VIC 3000"], "+61778237048"),
        # street words of one language
        (["T 934 66 31 33", "Paseo de Gracia, 104", "46002 Valencia"], "+34934663133"),
        (["T 020 427 8770", "Keizersgracht 45", "1016 DK Amsterdam"], "+31204278770"),
    ],
)
def test_region_inferred_from_the_card(rows, expected):
    assert [n for n, _ in phones(rows, region="US")] == [expected]


def test_generic_top_level_domains_say_nothing_about_the_country():
    assert phones(["T (212) 555-0134", "jane@startup.io"], region="US") == [("+12125550134", "work")]


def test_a_run_of_digit_groups_is_cut_into_the_numbers_that_cover_it():
    assert phones("02 5265 0728 347 835 5336", region="IT") == [
        ("+390252650728", "work"),
        ("+393478355336", "work"),
    ]
    assert phones("0161 635 3732 07727 525587", region="GB") == [
        ("+441616353732", "work"),
        ("+447727525587", "work"),
    ]


def test_separators_between_numbers_keep_them_apart():
    assert phones("069 09063973 · 0160 5723069", region="DE") == [
        ("+496909063973", "work"),
        ("+491605723069", "work"),
    ]


def test_a_labelled_number_cut_into_two_lines_is_joined():
    # a tilted photo: OCR put the end of the number on the next line, or its start after the label's line
    c = extract_fields(make_lines(["Jane Doe", "M +33 6 1239", "46 76"]), region="FR").contact
    assert [(p.number, p.kind) for p in c.phones] == [("+33612394676", "mobile")]
    c = extract_fields(make_lines(["Jane Doe", "Mobile 63158", "074104"]), region="IN").contact
    assert [(p.number, p.kind) for p in c.phones] == [("+917410463158", "mobile")]


def test_an_unlabelled_or_invalid_pair_of_lines_is_no_number():
    assert extract_fields(make_lines(["Suite 1239", "46 76"]), region="FR").contact.phones == ()
    assert extract_fields(make_lines(["M 1239", "46"]), region="FR").contact.phones == ()


def test_a_national_numbers_leading_zero_read_as_o_is_repaired_when_the_number_validates():
    rows = ["Jane Doe", "T O121 239 7150", "M O74OO 152250", "94 Castle Street, Bristol, BS1 6QH, UK"]
    assert [p.number for p in extract_fields(make_lines(rows)).contact.phones] == [
        "+441212397150",
        "+447400152250",
    ]


def test_an_international_number_with_a_letter_for_a_digit_is_repaired_with_no_country_known():
    rows = ["Jane Doe", "Tel: +1 (2O1) 555-0134", "M +49 l72 2868942"]
    assert [p.number for p in extract_fields(make_lines(rows), region=None).contact.phones] == [
        "+12015550134",
        "+491722868942",
    ]


def test_a_labelled_number_the_metadata_does_not_know_is_repaired_and_an_unlabelled_one_is_not():
    rows = ["Jane Doe", "Tel 233264l0", "Plot 4l2-6678, Samachar Bhavan, Hyderabad 28"]
    assert [p.number for p in extract_fields(make_lines(rows)).contact.phones] == ["+9123326410"]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # two numbers in one run, each with a 1 read as l: each repaired on its own
        (
            ["Jane Doe", "650 32l 3900 650 32l 3902 Fax", "Palo Alto CA 94306"],
            [("+16503213900", "work"), ("+16503213902", "fax")],
        ),
        # an area code in brackets, or a number's first digits, read as letters
        (["Tel (l1) 2349-43l6", "Rua Augusta 100, São Paulo - SP, 01305-000"], [("+551123494316", "work")]),
        (["Tel. ll 2347 8191", "Rua Augusta 100, São Paulo - SP, 01305-000"], [("+551123478191", "work")]),
        (["Fone: l1 2347 6456", "Rua Augusta 100, São Paulo - SP, 01305-000"], [("+551123476456", "work")]),
        # a street's house number and a postcode with its country letter are no number ('D' is no 0)
        (["Fritz-Liebsch-Str. 3 D-26723 Emden", "Telefon: +49 4921 39877-42"], [("+4949213987742", "work")]),
    ],
)
def test_digit_lookalikes_at_a_number_start_or_in_a_run_of_two(rows, expected):
    assert phones(rows, region=None) == expected
